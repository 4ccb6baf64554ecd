"""Every field of a session and an injury comes back from the file as it went in."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from pathlib import Path

from heattimer.core.model import Area, Injury, Kind, RedFlag, Session
from heattimer.core.moment import Stamp
from heattimer.store import Store
from heattimer.store.tables import new_id

T = datetime(2026, 11, 24, 9, 0, 0, 123000, tzinfo=UTC)


def test_a_session_reads_back_field_for_field(tmp_path: Path) -> None:
    store = Store(tmp_path / "data")
    session = Session(
        id=new_id(),
        kind=Kind.COLD,
        started_at=T,
        ends_at=T + timedelta(minutes=15),
        ended_at=T + timedelta(minutes=3),
        stopped=True,
        confirmed_off_at=T + timedelta(minutes=4),
        warmup=True,
        manual=True,
        recorded_at=T + timedelta(hours=1),
        stamp=Stamp("boot-a", 1234.5),
        stop_stamp=Stamp("boot-b", 99.25),
        day_ends_at=T + timedelta(hours=14),
        cool_down_minutes=55,
        daily_cap=2,
    )
    store.write(lambda t: t.add_session(session))
    (read,) = store.read(lambda t: t.sessions_between(T, T + timedelta(days=1)))
    store.close()
    assert read == session


def test_an_injury_reads_back_field_for_field(tmp_path: Path) -> None:
    store = Store(tmp_path / "data")
    injury = Injury(
        id=new_id(),
        at=T - timedelta(hours=2),
        area=Area.SHOULDER,
        red_flags=frozenset({RedFlag.NUMBNESS, RedFlag.TRAUMA}),
        note="lifting",
        logged_at=T,
        stamp=Stamp("boot-a", 10.0),
    )
    store.write(lambda t: t.add_injury(injury))
    store.write(lambda t: t.add_clearance(injury.id, T + timedelta(days=1), Stamp("b", 5.0)))
    store.write(lambda t: t.remove_injury(injury.id, T + timedelta(days=2), Stamp("c", 7.0)))
    (read,) = store.read(lambda t: t.injuries())
    store.close()
    assert read == injury._replace(
        cleared_at=T + timedelta(days=1),
        cleared_stamp=Stamp("b", 5.0),
        removed_at=T + timedelta(days=2),
        removed_stamp=Stamp("c", 7.0),
    )
