"""The plug simulators' fixtures: a SimClock per test, and the real Mosquitto (broker.py)."""

import pytest

from tests.plugs.broker import mosquitto, mosquitto_with_password  # noqa: F401
from tests.plugs.clock import SimClock


@pytest.fixture
def clock() -> SimClock:
    """A fresh simulated clock, moved only by the test."""
    return SimClock()
