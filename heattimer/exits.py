"""The exit codes of `heattimer`, one home for the CLI and the app (the README lists them).

Plain numbers in a namespace, not an IntEnum: every command pays for the enum class it
would build, and an exit status is only ever a number to the shell."""


class Exit:
    """What a run of `heattimer` ended with."""

    OK = 0
    REFUSED = 1
    """A safety rule said no; the message names the rule and when it lifts."""
    BAD_INPUT = 2
    """The command line or a value was wrong; nothing was written."""
    STORE_FAILED = 3
    """The state file could not be read or written."""
    NO_APP = 4
    """The command needs the running app, and it is not running."""
    NO_DESKTOP = 5
    """The app cannot show its window here: no display, or Qt's system libraries missing."""
    OUTPUT_FAILED = 6
    """The command did its work, but its answer could not be printed (standard output
    closed or full); the state file is fine."""
    DESKTOP_FILES_FAILED = 7
    """A file of the desktop's own could not be written or removed: the application menu's
    (`install-desktop`) or the start-at-login entry (`settings set start-at-login`); the
    message names it, and the state file is untouched."""
    PLUG_FAILED = 8
    """The heat switch (the smart plug) could not be reached in time
    (core.heatswitch.TIMEOUT_SECONDS to connect and to answer, each request; README: Smart
    plug), refused the password, answered nonsense, or
    stayed on when told to switch off; the message says which. A session that needed it did
    not start; a stop was recorded all the same."""
