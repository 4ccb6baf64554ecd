"""What the person can do now (core/offers.py): every menu and button is drawn from it."""

from __future__ import annotations

from datetime import timedelta

from heattimer.core.breaks import BreakState, Pause
from heattimer.core.model import RecoveryHold, RedFlag
from heattimer.core.moment import Moment
from heattimer.core.offers import KEYS, Act, Key, Offer, offers
from heattimer.core.settings import Settings
from heattimer.core.status import build_status

from .build import BERLIN, NOW, heat, hours, injury, minutes, running


def offered(sessions=(), injuries=(), settings=None, breaks=None, hold=None) -> dict[Key, Offer]:  # type: ignore[no-untyped-def]
    status = build_status(
        Moment(NOW), BERLIN, list(sessions), list(injuries), settings or Settings(), breaks, hold
    )
    return offers(status, BERLIN)


def shown(found: dict[Key, Offer]) -> set[Act]:
    return {key.act for key, offer in found.items() if offer.shown}


def test_every_offer_is_always_listed_in_one_order() -> None:
    assert list(offered()) == list(KEYS)
    assert list(offered([running(heat(NOW - minutes(3)))])) == list(KEYS)


def test_with_nothing_in_the_way_every_length_and_warm_up_can_start() -> None:
    found = offered()
    starts = [o for k, o in found.items() if k.act is Act.START]
    assert [o.label for o in starts] == [f"Start {m} min" for m in range(15, 21)]
    assert all(o.enabled and o.shown for o in starts)
    warm_ups = [o.label for k, o in found.items() if k.act is Act.WARM_UP]
    assert warm_ups == ["Warm-up before a workout, 15 min", "Warm-up before a workout, 20 min"]
    assert Act.STOP not in shown(found) and Act.HEAT_OFF not in shown(found)


def test_a_start_that_is_not_allowed_says_why_in_its_text() -> None:
    found = offered([heat(NOW - minutes(30))])  # ended 15 minutes ago: cool-down
    start = found[Key(Act.START, minutes=15)]
    assert start.shown and not start.enabled
    assert start.text == "Start 15 min — cool-down until 15:45"


def test_while_a_session_runs_only_stopping_it_is_offered_for_sessions() -> None:
    found = offered([running(heat(NOW - minutes(3)))])
    assert found[Key(Act.STOP)].label == "Stop heat session"
    assert shown(found) & {Act.START, Act.WARM_UP, Act.COLD} == set()


def test_an_injury_offers_cold_instead_and_a_red_flag_the_clearance() -> None:
    found = offered(injuries=[injury(NOW - hours(1), [RedFlag.NUMBNESS])])
    assert shown(found) >= {Act.COLD, Act.CLEARED, Act.LOG_INJURY}
    assert Act.START not in shown(found)
    assert found[Key(Act.COLD)].label == "Cold session · 15 min"


def test_a_heat_session_at_its_end_offers_heat_is_off() -> None:
    assert Act.HEAT_OFF in shown(offered([heat(NOW - minutes(16))]))


def test_after_a_restore_checking_the_injury_log_is_offered() -> None:
    hold = RecoveryHold(at=NOW, backup_at=NOW - hours(3), moved_to="x")
    assert Act.LOG_CHECKED in shown(offered(hold=hold))
    assert Act.LOG_CHECKED not in shown(offered())


def test_posture_break_offers_follow_the_setting_and_the_pause() -> None:
    off = offered(settings=Settings(breaks=False))
    assert not off[Key(Act.BREAK_NOW)].enabled
    assert off[Key(Act.PAUSE, pause=Pause.HOUR)].text == "Pause 1 hour — posture breaks are off"
    paused = BreakState(sitting_since=NOW - hours(1), paused_until=NOW + timedelta(minutes=20))
    found = offered(breaks=paused)
    assert found[Key(Act.RESUME)].shown
    assert [o.label for k, o in found.items() if k.act is Act.PAUSE] == [
        "Pause 30 minutes",
        "Pause 1 hour",
        "Pause until tomorrow",
    ]
