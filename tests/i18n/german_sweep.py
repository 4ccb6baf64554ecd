"""Run in a child process with a German environment (tests/i18n/test_german.py): every
command of `heattimer` on one data folder through a day of heat, cold and an injury, and
core's sentences the GUI shows; prints each answer between markers, with its exit code."""

from __future__ import annotations

import contextlib
import io
import json
import sys
from datetime import UTC, datetime, timedelta
from zoneinfo import ZoneInfo

from heattimer.cli import main
from heattimer.platform.clock import FakeClock

BERLIN = ZoneInfo("Europe/Berlin")
clock = FakeClock(datetime(2026, 11, 24, 8, 0, tzinfo=UTC))  # a Tuesday, 09:00 in Berlin
data = sys.argv[1]


def run(*argv: str) -> None:
    out, err = io.StringIO(), io.StringIO()
    with contextlib.redirect_stdout(out), contextlib.redirect_stderr(err):
        code = main(["--data-dir", data, *argv], clock=clock, zone=BERLIN)
    print(json.dumps({"argv": argv, "code": code, "out": out.getvalue(), "err": err.getvalue()}))


def say(what: str, text: str) -> None:
    print(json.dumps({"argv": [what], "code": 0, "out": text, "err": ""}))


def commands() -> None:
    run("status")
    run("status", "--json")
    run("start")
    run("status")
    run("start")  # refused: a session runs
    run("start", "--cold")
    clock.jump(timedelta(seconds=20))
    run("stop")  # an accidental start
    run("stop")
    run("start", "--minutes", "20", "--warmup")
    clock.jump(timedelta(minutes=21))
    run("status")
    run("confirm")
    run("confirm")
    run("start")  # cool-down
    run("start", "--minutes", "99")
    run("start", "--cold", "--warmup")
    run("session", "add", "--at", "3h ago", "--minutes", "15")
    run("session", "add", "--at", "2h ago", "--minutes", "15")  # within the cool-down: a note
    run("session", "add", "--at", "in a while", "--minutes", "15")
    run("session", "add", "--at", "2026-11-25T10:00", "--minutes", "15")
    run("session", "add", "--at", "2026-03-29T02:30", "--minutes", "15")
    run("session", "add", "--at", "1h ago", "--minutes", "99", "--cold")
    run("history")
    run("history", "--all")
    run("history", "--days", "999")
    run("history", "--all", "--format", "csv")
    run("history", "--format", "json")
    run("injury", "add", "--at", "1h ago", "--red-flag", "numbness", "--note", "Umzug")
    run("status")
    run("status", "--json")
    run("injury", "list")
    run("injury", "add", "--at", "31d ago")
    run("injury", "add", "--at", "2030-01-01T10:00")
    run("injury", "clear", "ab")
    run("injury", "clear", "ffffffff")
    run("start")  # red flag
    run("start", "--cold")
    clock.jump(timedelta(minutes=16))
    run("injury", "confirm")
    for injury in _injury_ids():
        run("injury", "clear", injury[:8])
        run("status")
        run("injury", "remove", injury[:8])
        run("injury", "clear", injury[:8])
    run("history", "--all")
    clock.jump(timedelta(days=3))
    run("history")
    run("history", "--days", "1")
    run("settings", "show")
    for key, value in [
        ("daily-cap", "9"),
        ("daily-cap", "two"),
        ("heat-minutes", "45"),
        ("breaks", "maybe"),
        ("work-hours", "Mon-Xyz 09:00-18:00"),
        ("work-hours", "Fri-Mon 09:00-18:00"),
        ("work-hours", "Mon-Fri 18:00-09:00"),
        ("work-hours", "Mon-Fri 9-18"),
        ("work-hours", "sometimes"),
        ("colour", "red"),
        ("breaks", "off"),
    ]:
        run("settings", "set", key, value)
    run("status")
    run("break", "now")
    for argv in [
        ["--help"],
        *(
            [command, "--help"]
            for command in (
                "status",
                "start",
                "stop",
                "confirm",
                "session",
                "injury",
                "history",
                "settings",
                "break",
                "install-desktop",
            )
        ),
        ["session", "add", "--help"],
        ["injury", "add", "--help"],
        ["settings", "set", "--help"],
        ["bogus"],
        ["start", "--minutes"],
        ["start", "--minutes", "many"],
        ["start", "--bogus"],
        ["session", "add"],
        ["injury", "add", "--area", "knee"],
        ["injury"],
        ["history", "--format", "xml"],
        ["settings", "set", "daily-cap"],
    ]:
        run(*argv)


def _injury_ids() -> list[str]:
    out = io.StringIO()
    with contextlib.redirect_stdout(out):
        main(["--data-dir", data, "injury", "list", "--json"], clock=clock, zone=BERLIN)
    return [injury["id"] for injury in json.loads(out.getvalue())]


def core_words() -> None:
    """What the GUI shows of core's, for a few states."""
    from heattimer.core import alarm, guide, injury_log, offers, recovery, status
    from heattimer.core.breaks import ANSWERS, NOTICE_BODY, NOTICE_TITLE, Pause
    from heattimer.core.model import AREA_WORDING, RED_FLAG_WORDING, Injury, Kind, Session
    from heattimer.core.moment import Moment
    from heattimer.core.settings import Settings

    now = clock.now()
    settings = Settings()
    for text in (guide.WHAT_IT_DOES, guide.DISCLAIMER, guide.TRAY_NOTE, guide.NO_TRAY_NOTE,
                 guide.NO_TRAY_ON_CLOSE, guide.SEE_A_PROFESSIONAL, *guide.safety_rules(settings),
                 alarm.RING_TITLE, alarm.COLD_DONE_TITLE, alarm.COLD_DONE_BODY,
                 alarm.HEAT_OFF_ACTION[1], alarm.OPEN_ACTION[1], NOTICE_TITLE, NOTICE_BODY,
                 *ANSWERS.values(), *(p.words for p in Pause), *(p.label for p in Pause),
                 status.STOP_HEAT, *AREA_WORDING.values(), *RED_FLAG_WORDING.values(),
                 recovery.PROFESSIONAL_NOTE, *recovery.TITLES.values(), *recovery.ADVICE.values(),
                 injury_log.NONE_LOGGED):  # fmt: skip
        say("core", text)
    for topic in guide.help_topics(settings):
        say("help", "\n".join((topic.title, *topic.paragraphs)))
    heat = Session("s1", Kind.HEAT, now - timedelta(minutes=20), now - timedelta(minutes=5))
    say("alarm", alarm.ring_body(heat, now, BERLIN))
    say("alarm", alarm.ring_body(heat, now + timedelta(hours=1), BERLIN))
    hurt = Injury("i1", now - timedelta(hours=1), red_flags=frozenset(RED_FLAG_WORDING),
                  logged_at=now - timedelta(minutes=2))  # fmt: skip
    say("injury", injury_log.removal_question(hurt, now, BERLIN))
    say("injury", injury_log.clearance_question([hurt], now, BERLIN))
    say("injury", injury_log.undo_line(hurt, now, BERLIN))
    say("injury", injury_log.state_text(hurt, now, BERLIN))
    moment = Moment(now, None)
    for sessions, injuries in (([], []), ([heat], []), ([], [hurt])):
        snapshot = status.build_status(moment, BERLIN, sessions, injuries, settings, None)
        say("headline", status.headline(snapshot, BERLIN))
        say("quit", status.quit_warning(snapshot, alarm_ringing=True))
        for offer in offers.offers(snapshot, BERLIN).values():
            say("offer", offer.text)
    from heattimer.platform.catalogue import catalogue

    for exercise in catalogue():
        say("exercise", "\n".join((exercise.name, *exercise.steps, exercise.why)))
    from heattimer.core.coach import coach_events

    for event in coach_events([hurt], now, now + timedelta(days=30)):
        say("coach", f"{event.title}\n{event.body}")
    from heattimer.core.heatswitch import Fault, PlugFault
    from heattimer.platform.plugs.tasmota import tasmota_reading

    for fault in Fault:
        say("plug", str(PlugFault(fault, "10.0.0.7", "-", seconds=4)))
    try:  # a detail in the plug's fault: the client's words around the device's own
        tasmota_reading({"POWER1": "MAYBE"}, {}, {}, "10.0.0.7")
    except PlugFault as fault:
        say("plug", str(fault))


if __name__ == "__main__":
    commands()
    core_words()
