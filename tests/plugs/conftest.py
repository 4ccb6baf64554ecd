"""The plug simulators' fixtures: a SimClock per test."""

import pytest

from tests.plugs.clock import SimClock


@pytest.fixture
def clock() -> SimClock:
    """A fresh simulated clock, moved only by the test."""
    return SimClock()
