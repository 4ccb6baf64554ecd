"""What each command does: ask the service, print the answer, pick the exit code."""

from __future__ import annotations

import argparse
import contextlib
import json
import sys
from collections.abc import Callable
from datetime import timedelta, tzinfo
from typing import TYPE_CHECKING

from heattimer.core.model import Area, Kind, RedFlag
from heattimer.core.rules import default_minutes, shortened_note
from heattimer.core.status import STOP_HEAT
from heattimer.core.wording import span, when
from heattimer.exits import Exit
from heattimer.i18n import _
from heattimer.platform.paths import data_dir
from heattimer.platform.zone import local_zone
from heattimer.service import Invalid, Refused, Request, Service
from heattimer.store import StoreError

if TYPE_CHECKING:
    from heattimer.platform.ports import Clock


class AppNotRunning(Exception):
    """The command needs the Heat Timer app, and it is not running."""


class OutputFailed(Exception):
    """The command did its work, but its answer could not be written to standard output."""


Fail = Callable[[str, int], int]


def run(
    args: argparse.Namespace, fail: Fail, clock: Clock | None = None, zone: tzinfo | None = None
) -> int:
    """Run the parsed command ``args``; errors become one line and an exit code."""
    handler = HANDLERS[(args.command, getattr(args, "action", None))]
    try:
        from heattimer.store import Store

        if zone is None:  # few instants to convert, but for the whole history
            zone = local_zone(quick_start=args.command != "history")
        folder = data_dir(args.data_dir)
        switch, broken = None, None
        if args.command in PLUG_COMMANDS:  # (the others never touch the plug: no file read)
            from heattimer.platform.plugs.config import ConfigError, client, load

            try:
                switch = client(load(folder))
            except ConfigError as error:
                broken = error
        if broken is not None and args.command == "start":  # heat without its switch: no
            return fail(str(broken), Exit.PLUG_FAILED)
        service = Service(Store(folder), clock, zone, switch)
        done = handler(service, args)
        if broken is not None:  # a stop, a confirm: recorded all the same, then said
            return fail(str(broken), Exit.PLUG_FAILED)
        return done
    except OutputFailed as error:  # before OSError: the state file is fine
        return fail(
            _("done, but the answer could not be printed: {error}").format(error=error),
            Exit.OUTPUT_FAILED,
        )
    except Refused as refused:
        decision = refused.decision
        return fail(
            _("refused ({reason}): {message}").format(
                reason=decision.reason, message=decision.message
            ),
            Exit.REFUSED,
        )
    except ValueError as error:  # Invalid, SettingError, ZoneError, plug ConfigError among them
        return fail(str(error), Exit.BAD_INPUT)
    except OverflowError:  # a date beyond the calendar, however it got through
        return fail(_("that date is beyond the calendar"), Exit.BAD_INPUT)
    except StoreError as error:
        return fail(str(error), Exit.STORE_FAILED)
    except AppNotRunning as error:
        return fail(str(error), Exit.NO_APP)
    except OSError as error:
        return fail(
            _("the state file could not be used: {error}").format(error=error), Exit.STORE_FAILED
        )
    except Exception as error:  # the heat switch's faults (its module: only with a plug)
        from heattimer.core.heatswitch import PlugFault

        if isinstance(error, PlugFault):
            return fail(str(error), Exit.PLUG_FAILED)
        raise


def _out(text: str) -> None:
    """Print one answer, and make sure it left: a closed or full standard output is said as
    such, never taken for a failure of the state file."""
    stream = sys.stdout
    if stream is None:
        raise OutputFailed(_("standard output is closed"))
    try:
        stream.write(text + "\n")
        stream.flush()
    except (OSError, ValueError) as error:
        _drop_stdout()
        raise OutputFailed(getattr(error, "strerror", None) or str(error)) from None


def _drop_stdout() -> None:
    """Point standard output at the null device, so that what could not be written is not
    tried again (with a traceback) when Python exits."""
    import os

    with contextlib.suppress(OSError, ValueError):
        null = os.open(os.devnull, os.O_WRONLY)
        os.dup2(null, sys.stdout.fileno())
        os.close(null)


def _status(service: Service, args: argparse.Namespace) -> int:
    from heattimer.cli.report import status_data, status_text

    status = service.status()
    if args.json:
        _out(json.dumps(status_data(status, service.zone), indent=2))
    else:
        _out(status_text(status, service.zone))
    return Exit.OK


def _start(service: Service, args: argparse.Namespace) -> int:
    kind = Kind.COLD if args.cold else Kind.HEAT
    session = service.start(kind, args.minutes, warmup=args.warmup)
    now = service.clock.now()
    length = session.ends_at - session.started_at
    ends = when(session.ends_at, now, service.zone)
    asked = timedelta(minutes=args.minutes or default_minutes(kind, service.settings()))
    if session.warmup:
        said = _("Started a {span} heat session (warm-up): it ends at {time}.")
    elif kind is Kind.HEAT:
        said = _("Started a {span} heat session: it ends at {time}.")
    else:
        said = _("Started a {span} cold session: it ends at {time}.")
    said = said.format(span=span(length), time=ends)
    _out(f"{said} {shortened_note(length)}" if length < asked else said)
    from heattimer.platform.single_instance import app_running

    if not app_running(service.store.data_dir):
        print(
            "heattimer: "
            + _(
                "the Heat Timer app is not running, so no end alarm will sound: open it with "
                "'heattimer', or set a timer."
            ),
            file=sys.stderr,
        )
    return Exit.OK


def _stop(service: Service, args: argparse.Namespace) -> int:
    from heattimer.core.heatswitch import PlugFault

    try:
        stopped = service.stop()
    except PlugFault:
        _out(_("Stopped the heat session."))  # (recorded before the plug was asked)
        raise
    if stopped is None:
        _out(_("No session was running."))
        return Exit.OK
    session = stopped.session
    assert session.ended_at is not None
    ran = span(session.ended_at - session.started_at)
    if session.kind is Kind.HEAT:
        said = _("Stopped the heat session after {span}. Make sure the heat is off.")
    else:
        said = _("Stopped the cold session after {span}. Make sure the heat is off.")
    said = said.format(span=ran)
    if stopped.accidental:
        said += " " + _("It does not count: it was stopped within a minute.")
    _out(said)
    return Exit.OK


def _confirm(service: Service, args: argparse.Namespace) -> int:
    confirmed = service.confirm_heat_off()
    _out(
        _("Thanks: the heat is off.") if confirmed else _("No session was waiting for a heat-off.")
    )
    return Exit.OK


def _session_add(service: Service, args: argparse.Namespace) -> int:
    from heattimer.core.timeinput import parse_time

    kind = Kind.COLD if args.cold else Kind.HEAT
    at = parse_time(args.at, service.clock.now(), service.zone)
    recorded = service.record_session(kind, at, args.minutes)
    now = service.clock.now()
    started = when(recorded.session.started_at, now, service.zone)
    if kind is Kind.HEAT:
        said = _("Recorded a {minutes}-minute heat session at {time}.")
    else:
        said = _("Recorded a {minutes}-minute cold session at {time}.")
    _out(said.format(minutes=args.minutes, time=started))
    if recorded.note is not None:
        print("heattimer: " + _("note: {note}").format(note=recorded.note), file=sys.stderr)
    return Exit.OK


def _injury_add(service: Service, args: argparse.Namespace) -> int:
    from heattimer.core.timeinput import parse_time

    now = service.clock.now()
    at = parse_time(args.at, now, service.zone) if args.at else None
    injury = service.log_injury(
        at, Area(args.area), [RedFlag(flag) for flag in args.red_flag], args.note
    )
    _out(injury.id)
    status = service.status()
    if status.heat.stop_heat:
        print(
            "heattimer: " + _("{stop_heat} ('heattimer stop').").format(stop_heat=STOP_HEAT),
            file=sys.stderr,
        )
    else:
        print(_("Logged. {message}").format(message=status.heat.message), file=sys.stderr)
    return Exit.OK


def _injury_list(service: Service, args: argparse.Namespace) -> int:
    from heattimer.cli.report import injuries_text, injury_data

    injuries = service.injuries()
    if args.json:
        _out(json.dumps([injury_data(i, service.zone) for i in injuries], indent=2))
    else:
        _out(injuries_text(injuries, service.clock.now(), service.zone))
    return Exit.OK


def _injury_confirm(service: Service, args: argparse.Namespace) -> int:
    if service.confirm_injury_log():
        message = service.status().heat.message
        _out(_("Thanks: the injury log is confirmed. {message}").format(message=message))
    else:
        _out(_("Nothing was waiting: the injury log did not need confirming."))
    return Exit.OK


def _injury_remove(service: Service, args: argparse.Namespace) -> int:
    injury = service.remove_injury(args.id)
    _out(
        _("Injury {id} is removed: it no longer blocks heat (it stays on file).").format(
            id=injury.id[:8]
        )
    )
    return Exit.OK


def _injury_clear(service: Service, args: argparse.Namespace) -> int:
    injury = service.clear_injury(args.id)
    status = service.status()
    _out(
        _("Recorded: a professional cleared you for injury {id}. {message}").format(
            id=injury.id[:8], message=status.heat.message
        )
    )
    return Exit.OK


def _history(service: Service, args: argparse.Namespace) -> int:
    from heattimer.cli.report import events_output, history_output

    now = service.clock.now()
    if args.all:
        sessions, breaks, injuries = service.events(args.days)
        form, settings = args.format, service.settings()
        _out(events_output(sessions, breaks, injuries, now, service.zone, form, settings))
        return Exit.OK
    sessions = service.history(args.days)
    _out(history_output(sessions, now, service.zone, args.format, service.settings()))
    return Exit.OK


START_AT_LOGIN = "start-at-login"
"""Not in the state file: the platform's own autostart entry (heattimer/platform/autostart.py),
shown and changed with the settings, as the settings dialog does."""


def _fail_desktop(message: str) -> int:
    print(f"heattimer: {message}", file=sys.stderr)
    return Exit.DESKTOP_FILES_FAILED


def _settings_show(service: Service, args: argparse.Namespace) -> int:
    from heattimer.cli.report import settings_data, settings_text
    from heattimer.platform.autostart import autostart

    settings = service.settings()
    login = autostart().enabled()
    if args.json:
        _out(json.dumps({**settings_data(settings), START_AT_LOGIN: login}, indent=2))
    else:
        _out(
            settings_text(
                settings, {START_AT_LOGIN: (login, _("start the app in the tray at login"))}
            )
        )
    return Exit.OK


def _settings_set(service: Service, args: argparse.Namespace) -> int:
    from heattimer.core.settings import parse_on_off, setting_text

    if args.key == START_AT_LOGIN:
        from heattimer.platform.autostart import autostart, switch

        login, on = autostart(), parse_on_off(args.value)  # (SettingError: exit 2)
        try:
            switch(login, on, str(service.store.data_dir))
        except OSError as error:
            return _fail_desktop(
                _("the start-at-login entry could not be changed: {error}").format(error=error)
            )
        _out(f"{START_AT_LOGIN} = {'on' if login.enabled() else 'off'}")
        return Exit.OK

    settings = service.set_setting(args.key, args.value)
    _out(f"{args.key} = {setting_text(settings, args.key)}")
    return Exit.OK


def _break_now(service: Service, args: argparse.Namespace) -> int:
    from heattimer.platform.single_instance import app_running

    if not app_running(service.store.data_dir):
        raise AppNotRunning(_("the Heat Timer app is not running: start it with 'heattimer'"))
    service.request(Request.BREAK)
    _out(_("Asked the app for a posture break."))
    return Exit.OK


def _plug_show(service: Service, args: argparse.Namespace) -> int:
    from heattimer.core.heatswitch import NAMES as SWITCH_NAMES
    from heattimer.core.heatswitch import NO_OWN_TIMER, lacks_own_timer
    from heattimer.core.heatswitch import Kind as SwitchKind
    from heattimer.platform.plugs.config import load

    config = load(service.store.data_dir)
    if config.kind is SwitchKind.NONE:
        _out(_("Heat switch: none (the belt is switched by hand)."))
    else:
        said = (
            _("Heat switch: {kind} at {address} (with a password).")
            if config.password
            else _("Heat switch: {kind} at {address}.")
        )
        _out(said.format(kind=SWITCH_NAMES[config.kind], address=config.address))
        if config.kind.over_mqtt:
            _out(_("Its topic (or name) on the broker: {topic}.").format(topic=config.topic))
        if lacks_own_timer(config.kind, config.on_payload):
            _out(NO_OWN_TIMER)
    return Exit.OK


def _plug_set(service: Service, args: argparse.Namespace) -> int:
    from heattimer.core.heatswitch import Kind as SwitchKind
    from heattimer.platform.plugs.config import PlugConfig, save

    kind = SwitchKind(args.kind)
    if kind is not SwitchKind.NONE and not args.address:
        words = _("say where the plug is: heattimer plug set {kind} ADDRESS")
        raise Invalid(words.format(kind=kind))
    if kind.over_mqtt and not args.topic:
        raise Invalid(_("say which device on the broker: --topic"))
    password = sys.stdin.readline().rstrip("\n") if args.password_stdin else ""
    payloads = {
        name: value
        for name, value in (("on_payload", args.on_payload), ("off_payload", args.off_payload))
        if value is not None
    }
    config = PlugConfig(
        kind, args.address or "", password, args.topic, args.user, args.state_topic, **payloads
    )
    save(service.store.data_dir, config)
    return _plug_show(service, args)


def _plug_test(service: Service, args: argparse.Namespace) -> int:
    import time

    from heattimer.core.heatswitch import try_switch
    from heattimer.platform.plugs.config import client, load

    service.switch = client(load(service.store.data_dir))
    _out(try_switch(service.check_switch_test(), time.sleep))
    return Exit.OK


def _plug_off(service: Service, args: argparse.Namespace) -> int:
    from heattimer.platform.plugs.config import client, load

    service.switch = client(load(service.store.data_dir))
    service.require_switch()
    service.switch_off()
    _out(_("The plug is off."))
    return Exit.OK


PLUG_COMMANDS = {"start", "stop", "confirm"}
"""The commands that drive the heat switch (the others never read its file)."""


HANDLERS: dict[tuple[str, str | None], Callable[[Service, argparse.Namespace], int]] = {
    ("status", None): _status,
    ("start", None): _start,
    ("stop", None): _stop,
    ("confirm", None): _confirm,
    ("session", "add"): _session_add,
    ("injury", "add"): _injury_add,
    ("injury", "list"): _injury_list,
    ("injury", "remove"): _injury_remove,
    ("injury", "clear"): _injury_clear,
    ("injury", "confirm"): _injury_confirm,
    ("history", None): _history,
    ("settings", "show"): _settings_show,
    ("settings", "set"): _settings_set,
    ("break", "now"): _break_now,
    ("plug", "show"): _plug_show,
    ("plug", "set"): _plug_set,
    ("plug", "test"): _plug_test,
    ("plug", "off"): _plug_off,
}
