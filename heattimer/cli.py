"""The `heattimer` command. ``main(argv) -> exit code``; Qt is imported only to open the GUI.

Exit codes: 0 done; 1 refused by a safety rule; 2 bad input (nothing
written); 3 the state file could not be read or written; 4 the command needs
the running app and it is not running (``break now``).
"""

from __future__ import annotations

import argparse
import sys
from collections.abc import Sequence
from typing import NoReturn

from heattimer import APP_NAME, __version__

BAD_INPUT, STORE_FAILED = 2, 3


class BadUsage(Exception):
    """The command line itself is wrong."""


class _Parser(argparse.ArgumentParser):
    """argparse that reports a mistake as one line and exit code 2, not usage and a traceback."""

    def error(self, message: str) -> NoReturn:
        raise BadUsage(f"{message} (see '{self.prog} --help')")


def _parser() -> _Parser:
    top = _Parser(
        prog="heattimer",
        description=f"{APP_NAME}: safe heat sessions for back and shoulder pain. "
        "With no command, opens the app.",
    )
    top.add_argument("--version", action="version", version=f"heattimer {__version__}")
    top.add_argument("--data-dir", metavar="DIR", help="use DIR for the state file")
    commands = top.add_subparsers(dest="command", metavar="COMMAND", parser_class=_Parser)

    commands.add_parser("gui", help="open the app (the default)")

    status = commands.add_parser("status", help="what is allowed now, and why")
    status.add_argument("--json", action="store_true", help="one JSON object (see README)")

    start = commands.add_parser("start", help="start a heat session (or cold, with --cold)")
    start.add_argument(
        "--minutes",
        type=int,
        metavar="N",
        help="length: heat 15-20, cold 10-20 (default: the setting)",
    )
    start.add_argument("--cold", action="store_true", help="a cold session instead of heat")
    start.add_argument(
        "--warmup", action="store_true", help="mark the heat session as a pre-workout warm-up"
    )

    commands.add_parser("stop", help="stop the running session")
    commands.add_parser("confirm", help="confirm the heat is off after a session ended")

    session = commands.add_parser("session", help="record a session done away from the computer")
    session_commands = session.add_subparsers(
        dest="action", metavar="ACTION", parser_class=_Parser, required=True
    )
    add = session_commands.add_parser("add", help="record a finished session")
    add.add_argument(
        "--at", required=True, metavar="TIME", help="when it started: 2026-11-24T18:30, or '2h ago'"
    )
    add.add_argument("--minutes", type=int, required=True, metavar="N", help="how long, 1-60")
    add.add_argument("--cold", action="store_true", help="it was a cold session")

    injury = commands.add_parser("injury", help="log, list, remove or clear injuries")
    injury_commands = injury.add_subparsers(
        dest="action", metavar="ACTION", parser_class=_Parser, required=True
    )
    log = injury_commands.add_parser("add", help="log an injury (blocks heat for 48 h)")
    log.add_argument(
        "--at", metavar="TIME", help="when it happened (default: now; at most 30 days back)"
    )
    log.add_argument(
        "--area",
        default="lower-back",
        choices=["lower-back", "upper-back", "shoulder", "neck", "other"],
    )
    flags = ["radiating-pain", "numbness", "trauma", "nerve-or-disc", "open-wound"]
    log.add_argument(
        "--red-flag",
        action="append",
        default=[],
        metavar="FLAG",
        choices=flags,
        help=f"one of {', '.join(flags)}; repeat for several",
    )
    log.add_argument("--note", default="", metavar="TEXT")
    listing = injury_commands.add_parser("list", help="every injury logged")
    listing.add_argument("--json", action="store_true")
    remove = injury_commands.add_parser("remove", help="remove an injury logged by mistake")
    remove.add_argument("id", metavar="ID")
    clear = injury_commands.add_parser("clear", help="record that a professional cleared you")
    clear.add_argument("id", metavar="ID")

    history = commands.add_parser("history", help="sessions of the last days")
    history.add_argument("--days", type=int, default=7, metavar="N", help="how many days (7)")
    history.add_argument("--format", choices=["table", "csv", "json"], default="table")

    settings = commands.add_parser("settings", help="show or change settings")
    settings_commands = settings.add_subparsers(
        dest="action", metavar="ACTION", parser_class=_Parser, required=True
    )
    show = settings_commands.add_parser("show", help="every setting")
    show.add_argument("--json", action="store_true")
    change = settings_commands.add_parser("set", help="change one setting")
    change.add_argument("key", metavar="KEY")
    change.add_argument("value", metavar="VALUE")

    brk = commands.add_parser("break", help="posture breaks")
    brk_commands = brk.add_subparsers(
        dest="action", metavar="ACTION", parser_class=_Parser, required=True
    )
    brk_commands.add_parser("now", help="open a posture break in the running app")
    return top


def main(argv: Sequence[str] | None = None) -> int:
    """Run one command; return its exit code."""
    args_list = list(sys.argv[1:] if argv is None else argv)
    try:
        args = _parser().parse_args(args_list)
    except BadUsage as error:
        return _fail(str(error), BAD_INPUT)
    if args.command in (None, "gui"):
        return _open_gui(args.data_dir)
    from heattimer.commands import run

    return run(args, _fail)


def _fail(message: str, code: int) -> int:
    print(f"heattimer: {message}", file=sys.stderr)
    return code


def _open_gui(data_dir: str | None) -> int:
    try:
        from heattimer.gui.app import run_app
    except ImportError as error:
        return _fail(f"the app cannot start: {error}", STORE_FAILED)
    return int(run_app(data_dir))


def gui_main() -> int:
    """The `heattimer-gui` script: the app (``--data-dir`` works as for `heattimer`)."""
    return main()
