"""A professional's clearance from the app: every red flag holding heat, in one transaction."""

from __future__ import annotations

from collections.abc import Callable

from heattimer.core.model import RedFlag
from heattimer.service import Service


def test_clearing_the_red_flags_clears_every_one_holding_heat_at_once(
    open_service: Callable[[], Service],
) -> None:
    service = open_service()
    first = service.log_injury(red_flags=[RedFlag.NUMBNESS])
    second = service.log_injury(red_flags=[RedFlag.TRAUMA])
    plain = service.log_injury()
    cleared = service.clear_red_flags()
    assert {i.id for i in cleared} == {first.id, second.id}
    assert service.status().heat.reason != "red_flag"
    assert service.clear_red_flags() == []  # nothing left to clear
    assert {i.id for i in service.injuries() if i.cleared_at} == {first.id, second.id}
    assert plain.id not in {i.id for i in cleared}
