"""Fixtures for the state-file tests: a fresh data folder, a fake clock, and the real
service opened on them."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from datetime import UTC
from pathlib import Path

import pytest

from heattimer.platform.clock import FakeClock
from heattimer.service import Service
from heattimer.store import Store
from tests.store.helpers import T0, Warnings


@pytest.fixture
def data_dir(tmp_path: Path) -> Path:
    """A data folder that does not exist yet (the store creates it)."""
    return tmp_path / "data"


@pytest.fixture
def clock() -> FakeClock:
    return FakeClock(T0)


@pytest.fixture
def warnings() -> Warnings:
    return Warnings()


@pytest.fixture
def open_service(
    data_dir: Path, clock: FakeClock, warnings: Warnings
) -> Iterator[Callable[[], Service]]:
    """Open (or reopen) the real service on ``data_dir``; every store is closed at the end."""
    opened: list[Store] = []

    def make() -> Service:
        store = Store(data_dir, warn=warnings, clock=clock)
        opened.append(store)
        return Service(store, clock, UTC)

    yield make
    for store in opened:
        store.close()
