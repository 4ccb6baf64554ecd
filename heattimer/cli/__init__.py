"""The `heattimer` command. ``main(argv) -> exit code``; Qt is imported only to open the GUI.

Exit codes (heattimer/exits.py): 0 done; 1 refused by a safety rule; 2 bad input (nothing
written); 3 the state file could not be read or written; 4 the command needs the running
app and it is not running (``break now``); 5 the app cannot show its window here.
"""

from __future__ import annotations

import os
import sys
from collections.abc import Callable, Sequence
from datetime import tzinfo
from functools import cache
from typing import TYPE_CHECKING

from heattimer import APP_NAME, __version__
from heattimer.exits import Exit
from heattimer.i18n import _

if TYPE_CHECKING:
    import argparse
    from typing import Any, NoReturn

    from heattimer.platform.ports import Clock

    _Parser = argparse.ArgumentParser


class BadUsage(Exception):
    """The command line itself is wrong."""


@cache
def _parser_class() -> type[_Parser]:
    # argparse loads only for commands: the app's start-up is measured without it.
    import argparse

    class Formatter(argparse.HelpFormatter):
        """argparse's help, with the terminal's width asked of os: argparse would import
        shutil (and with it zlib, bz2 and lzma) for every argument added, help or not."""

        def __init__(self, prog: str) -> None:
            try:
                width = os.get_terminal_size(sys.stdout.fileno()).columns
            except (OSError, ValueError, AttributeError):
                width = 80
            super().__init__(prog, width=max(width - 2, 40))

    class Parser(argparse.ArgumentParser):
        """argparse that reports a mistake as one line and exit code 2, not usage."""

        def __init__(self, *args: Any, **kwargs: Any) -> None:
            kwargs.setdefault("formatter_class", Formatter)
            super().__init__(*args, **kwargs)

        def error(self, message: str) -> NoReturn:
            raise BadUsage(
                _("{message} (see '{prog} --help')").format(message=message, prog=self.prog)
            )

    return Parser


def _status(p: _Parser) -> None:
    p.add_argument("--json", action="store_true", help=_("one JSON object (see README)"))


def _start(p: _Parser) -> None:
    from heattimer.core.settings import COLD_MINUTES, HEAT_MINUTES

    heat, cold = HEAT_MINUTES, COLD_MINUTES
    p.add_argument(
        "--minutes",
        type=int,
        metavar="N",
        help=_(
            "length: heat {heat_low}-{heat_high}, cold {cold_low}-{cold_high} (default: the "
            "setting)"
        ).format(heat_low=heat[0], heat_high=heat[-1], cold_low=cold[0], cold_high=cold[-1]),
    )
    p.add_argument("--cold", action="store_true", help=_("a cold session instead of heat"))
    p.add_argument(
        "--warmup", action="store_true", help=_("mark the heat session as a pre-workout warm-up")
    )


def _actions(p: _Parser) -> argparse._SubParsersAction[_Parser]:
    return p.add_subparsers(dest="action", metavar="ACTION", parser_class=type(p), required=True)


def _session(p: _Parser) -> None:
    add = _actions(p).add_parser("add", help=_("record a finished session"))
    add.add_argument(
        "--at",
        required=True,
        metavar="TIME",
        help=_("when it started: 2026-11-24T18:30, or '2h ago'"),
    )
    from heattimer.core.validation import MANUAL_MINUTES

    low, high = MANUAL_MINUTES[0], MANUAL_MINUTES[-1]
    add.add_argument(
        "--minutes",
        type=int,
        required=True,
        metavar="N",
        help=_("how long, {low}-{high}").format(low=low, high=high),
    )
    add.add_argument("--cold", action="store_true", help=_("it was a cold session"))


def _injury(p: _Parser) -> None:
    from heattimer.core.model import Area, RedFlag
    from heattimer.core.rules import INJURY_BLOCK
    from heattimer.core.validation import INJURY_BACKDATE

    actions = _actions(p)
    hours = round(INJURY_BLOCK.total_seconds() / 3600)
    log = actions.add_parser(
        "add", help=_("log an injury (blocks heat for {hours} h)").format(hours=hours)
    )
    log.add_argument(
        "--at",
        metavar="TIME",
        help=_("when it happened (default: now; at most {days} days back)").format(
            days=INJURY_BACKDATE.days
        ),
    )
    log.add_argument("--area", default=Area.LOWER_BACK.value, choices=[a.value for a in Area])
    flags = [flag.value for flag in RedFlag]
    log.add_argument(
        "--red-flag",
        action="append",
        default=[],
        metavar="FLAG",
        choices=flags,
        help=_("one of {flags}; repeat for several").format(flags=", ".join(flags)),
    )
    log.add_argument("--note", default="", metavar="TEXT")
    listing = actions.add_parser("list", help=_("every injury logged"))
    listing.add_argument("--json", action="store_true")
    remove = actions.add_parser("remove", help=_("remove an injury logged by mistake"))
    remove.add_argument("id", metavar="ID")
    clear = actions.add_parser("clear", help=_("record that a professional cleared you"))
    clear.add_argument("id", metavar="ID")
    actions.add_parser(
        "confirm", help=_("confirm the injury log is complete after the file was restored")
    )


def _history(p: _Parser) -> None:
    p.add_argument("--days", type=int, default=7, metavar="N", help=_("how many days (7)"))
    p.add_argument("--format", choices=["table", "csv", "json"], default="table")
    p.add_argument(
        "--all",
        action="store_true",
        help=_("posture breaks and injuries too, one row each, with a detail column"),
    )


def _settings(p: _Parser) -> None:
    actions = _actions(p)
    show = actions.add_parser("show", help=_("every setting"))
    show.add_argument("--json", action="store_true")
    change = actions.add_parser("set", help=_("change one setting"))
    change.add_argument("key", metavar="KEY")
    change.add_argument("value", metavar="VALUE")


def _break(p: _Parser) -> None:
    _actions(p).add_parser("now", help=_("open a posture break in the running app"))


def _plug(p: _Parser) -> None:
    from heattimer.core.heatswitch import Kind as SwitchKind

    actions = _actions(p)
    actions.add_parser("show", help=_("which plug the belt is on"))
    change = actions.add_parser(
        "set",
        help=_("set the plug: none, shelly, tasmota, tasmota-mqtt, zigbee2mqtt or mqtt, and where"),
    )
    change.add_argument("kind", choices=[k.value for k in SwitchKind], metavar="KIND")
    change.add_argument(
        "address",
        nargs="?",
        metavar="ADDRESS",
        help=_("its host or IP address (over MQTT: the broker's, host[:port])"),
    )
    change.add_argument(
        "--topic",
        default="",
        help=_("over MQTT: the device's topic (Tasmota) or name (Zigbee2MQTT)"),
    )
    change.add_argument("--user", default="", help=_("over MQTT: the broker's user"))
    change.add_argument(
        "--state-topic", default="", help=_("generic MQTT: where the plug tells its state")
    )
    change.add_argument(
        "--on-payload",
        default=None,
        help=_("generic MQTT: what switches it on; {seconds} stands for its own off timer"),
    )
    change.add_argument("--off-payload", default=None, help=_("generic MQTT: what switches it off"))
    change.add_argument(
        "--password-stdin",
        action="store_true",
        help=_("read the plug's password from the first line of standard input"),
    )
    actions.add_parser(
        "test", help=_("switch the plug on for 3 s with its own off timer, and read it back")
    )
    actions.add_parser("off", help=_("switch the plug off now"))


def _nothing(p: _Parser) -> None:
    pass


def _install_desktop(p: _Parser) -> None:
    p.add_argument(
        "--uninstall", action="store_true", help=_("take Heat Timer out of the menu again")
    )


COMMANDS: dict[str, tuple[str, Callable[[_Parser], None]]] = {
    "gui": (_("open the app (the default)"), _nothing),
    "status": (_("what is allowed now, and why"), _status),
    "start": (_("start a heat session (or cold, with --cold)"), _start),
    "stop": (_("stop the running session"), _nothing),
    "confirm": (_("confirm the heat is off after a session ended"), _nothing),
    "session": (_("record a session done away from the computer"), _session),
    "injury": (_("log, list, remove, clear or confirm injuries"), _injury),
    "history": (_("sessions of the last days"), _history),
    "settings": (_("show or change settings"), _settings),
    "break": (_("posture breaks"), _break),
    "plug": (_("the smart plug that switches the belt (heat switch)"), _plug),
    "install-desktop": (
        _("put Heat Timer in the application menu, with its icon (--uninstall: out again)"),
        _install_desktop,
    ),
}


def _command_word(argv: Sequence[str]) -> str | None:
    """The command in ``argv``, skipping global options (and --data-dir's value)."""
    skip = False
    for word in argv:
        if skip:
            skip = False
        elif word == "--data-dir":
            skip = True
        elif not word.startswith("-"):
            return word
    return None


def _parser(argv: Sequence[str] = ()) -> _Parser:
    """The parser; for a known command only that command's part is built, and for the app
    (no command) none: each argparse parser costs time and memory (gettext lookups), which
    `heattimer status` and the app's start-up are measured on."""
    top = _parser_class()(
        prog="heattimer",
        description=_(
            "{app}: safe heat sessions for back and shoulder pain. With no command, opens the app."
        ).format(app=APP_NAME),
    )
    top.add_argument(
        "--version",
        action="version",
        version=f"heattimer {__version__}",
        # argparse's own words, which Python 3.11 does not look up in the catalogue
        help=_("show program's version number and exit"),
    )
    top.add_argument("--data-dir", metavar="DIR", help=_("use DIR for the state file"))
    top.add_argument(
        "--tray", action="store_true", help=_("open the app with its window in the tray")
    )
    top.set_defaults(command=None)
    only = _command_word(argv)
    if only is None and not {"-h", "--help"} & set(argv):
        return top
    commands = top.add_subparsers(dest="command", metavar="COMMAND", parser_class=type(top))
    for name, (text, build) in COMMANDS.items():
        if only in COMMANDS and name != only:
            continue
        build(commands.add_parser(name, help=text))
    return top


def main(
    argv: Sequence[str] | None = None, clock: Clock | None = None, zone: tzinfo | None = None
) -> int:
    """Run one command; return its exit code. Tests may pass their own clock and zone."""
    args_list = list(sys.argv[1:] if argv is None else argv)
    app = _app_only(args_list)
    if app is not None:
        return _open_gui(*app)
    try:
        args = _parser(args_list).parse_args(args_list)
    except BadUsage as error:
        return _fail(str(error), Exit.BAD_INPUT)
    except SystemExit as done:  # --help and --version
        return done.code if isinstance(done.code, int) else 0
    if args.command in (None, "gui"):
        return _open_gui(args.data_dir, args.tray)
    if args.command == "install-desktop":  # (no state file: the menu's files only)
        return _desktop_files(args.data_dir, args.uninstall)
    from heattimer.cli.commands import run

    return run(args, _fail, clock, zone)


def _app_only(argv: Sequence[str]) -> tuple[str | None, bool] | None:
    """For a plain `heattimer [--tray] [--data-dir DIR]` (the app): the folder (None for
    the default) and whether to start in the tray; None when there is anything else."""
    rest = [a for a in argv if a != "--tray"]
    tray = len(rest) < len(argv)
    if not rest:
        return None, tray
    if len(rest) == 2 and rest[0] == "--data-dir":
        return rest[1] or None, tray
    if len(rest) == 1 and rest[0].startswith("--data-dir="):
        return rest[0].split("=", 1)[1] or None, tray
    return None


def _desktop_files(data_dir: str | None, uninstall: bool) -> int:
    from pathlib import Path

    from heattimer.platform import desktop_files
    from heattimer.platform.autostart import command

    try:
        if uninstall:
            touched = desktop_files.uninstall()
            if touched:
                said = _("Removed:")
            else:
                said = _("Heat Timer was not in the menu: nothing to remove.")
        else:
            folder = None if data_dir is None else str(Path(data_dir).resolve())
            touched = desktop_files.install(command(folder, tray=False))
            said = _("Heat Timer is in the application menu now. Written:")
    except OSError as error:
        return _fail(
            _("the menu's files could not be changed: {error}").format(error=error),
            Exit.DESKTOP_FILES_FAILED,
        )
    print(said)
    for path in touched:
        print(f"  {path}")
    return Exit.OK


def _fail(message: str, code: int) -> int:
    print(f"heattimer: {message}", file=sys.stderr)
    return code


def _open_gui(data_dir: str | None, tray: bool = False) -> int:
    from heattimer.platform.display import NO_DISPLAY, display_missing, import_error_line

    if display_missing():  # asked before Qt loads: Qt would abort, with a misleading hint
        return _fail(_("the app cannot start: {reason}").format(reason=NO_DISPLAY), Exit.NO_DESKTOP)
    try:
        from heattimer.gui.app import run_app
    except ImportError as error:
        reason = import_error_line(error)
        return _fail(_("the app cannot start: {reason}").format(reason=reason), Exit.NO_DESKTOP)
    return int(run_app(data_dir, show_window=not tray))


def gui_main() -> int:
    """The `heattimer-gui` script: the app (``--data-dir`` works as for `heattimer`)."""
    return main()
