"""The app's plug clients (heattimer/platform/plugs/) against the simulated devices: on with
the device's own off timer, read back, off; and each fault said in one line."""

from __future__ import annotations

import pytest

from heattimer.core.heatswitch import Fault, PlugFault
from heattimer.platform.plugs.shelly import Shelly
from heattimer.platform.plugs.tasmota import Tasmota
from tests.plugs.clock import SimClock
from tests.plugs.shelly import ShellyPlugS
from tests.plugs.tasmota import TasmotaPlug


def test_shelly_switches_on_with_its_own_off_timer_and_cuts_the_power_at_the_end(
    clock: SimClock,
) -> None:
    with ShellyPlugS(clock, load_watts=45.0) as device:
        plug = Shelly(device.url)
        reading = plug.switch_on(900)
        assert reading.on and reading.watts == pytest.approx(45.0) and reading.off_in == 900
        clock.advance(899)
        assert plug.read().on
        clock.advance(1)  # the device's own timer: no call from the app
        assert not plug.read().on and not device.output
        assert device.history[-1][2] == "timer"
        plug.switch_on(600)
        assert not plug.switch_off().on


def test_shelly_with_a_password_takes_the_right_one_and_refuses_a_wrong_one(
    clock: SimClock,
) -> None:
    with ShellyPlugS(clock, password="belt-secret") as device:
        assert Shelly(device.url, "belt-secret").switch_on(60).on
        with pytest.raises(PlugFault) as refused:
            Shelly(device.url, "wrong").switch_off()
        assert refused.value.fault is Fault.PASSWORD and device.output  # (still on: refused)
        with pytest.raises(PlugFault):
            Shelly(device.url).read()


def test_tasmota_sets_its_pulse_time_before_it_switches_on(clock: SimClock) -> None:
    with TasmotaPlug(clock, load_watts=40.0) as device:
        plug = Tasmota(device.url)
        reading = plug.switch_on(900)
        assert reading.on and reading.watts == pytest.approx(40.0)
        assert reading.off_in == pytest.approx(900, abs=1)
        clock.advance(900)
        assert not plug.read().on
        assert not plug.switch_off().on


def test_tasmota_with_a_web_password(clock: SimClock) -> None:
    with TasmotaPlug(clock, web_password="pw") as device:
        assert Tasmota(device.url, "pw").switch_on(30).on
        with pytest.raises(PlugFault) as refused:
            Tasmota(device.url, "nope").read()
        assert refused.value.fault is Fault.PASSWORD


@pytest.mark.parametrize("make", [ShellyPlugS, TasmotaPlug])
def test_faults_are_said_in_a_line_and_never_as_a_traceback(make, clock: SimClock) -> None:  # type: ignore[no-untyped-def]
    client = Shelly if make is ShellyPlugS else Tasmota
    with make(clock) as device:
        device.garbage = b"<html>router login</html>"
        with pytest.raises(PlugFault) as nonsense:
            client(device.url).switch_on(60)
        assert nonsense.value.fault is Fault.NONSENSE and "\n" not in str(nonsense.value)
        device.garbage = None
        device.delay_seconds = 1.0
        with pytest.raises(PlugFault) as slow:
            client(device.url, timeout=0.3).read()
        assert slow.value.fault is Fault.SLOW
        device.delay_seconds = 0
        device.unreachable = True
        with pytest.raises(PlugFault) as gone:
            client(device.url).read()
        assert gone.value.fault is Fault.UNREACHABLE
        assert str(gone.value).startswith(f"The plug at {device.url} cannot be reached")
