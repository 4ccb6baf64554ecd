"""The Shelly Plus Plug S simulator against Shelly's Gen2+ API documents (see shelly.py), as the
app's plug client will use it: Switch.Set with toggle_after so the plug's own timer cuts the
power at the deadline, digest authentication, and the ways a device misbehaves."""

import json

import httpx
import pytest

from tests.plugs.clock import SimClock
from tests.plugs.shelly import ShellyPlugS


@pytest.fixture
def plug(clock: SimClock):  # type: ignore[no-untyped-def]
    with ShellyPlugS(clock, load_watts=45.0) as device:
        yield device


@pytest.fixture
def locked(clock: SimClock):  # type: ignore[no-untyped-def]
    with ShellyPlugS(clock, password="belt-secret") as device:
        yield device


def rpc(device: ShellyPlugS, method: str, **params: object) -> httpx.Response:
    query = {k: json.dumps(v) for k, v in params.items()}
    return httpx.get(f"{device.url}/rpc/{method}", params=query, timeout=5)


def test_toggle_after_switches_the_output_off_on_the_plugs_own_timer(
    plug: ShellyPlugS, clock: SimClock
) -> None:
    started = clock.now()
    reply = rpc(plug, "Switch.Set", id=0, on=True, toggle_after=900)
    assert reply.status_code == 200
    assert reply.json() == {"was_on": False}

    status = rpc(plug, "Switch.GetStatus", id=0).json()
    assert status["output"] is True
    assert status["timer_started_at"] == pytest.approx(started)
    assert status["timer_duration"] == 900
    assert status["apower"] == 45.0

    clock.advance(899)
    assert rpc(plug, "Switch.GetStatus", id=0).json()["output"] is True
    clock.advance(1)
    status = rpc(plug, "Switch.GetStatus", id=0).json()
    assert status["output"] is False
    assert status["source"] == "timer"
    assert "timer_started_at" not in status and "timer_duration" not in status
    assert status["apower"] == 0.0
    assert plug.history[-1] == (started + 900, False, "timer")


def test_get_status_has_the_documented_metering_fields(plug: ShellyPlugS, clock: SimClock) -> None:
    rpc(plug, "Switch.Set", id=0, on=True)
    clock.advance(3600)
    status = rpc(plug, "Switch.GetStatus", id=0).json()
    assert {"id", "source", "output", "apower", "voltage", "current"} <= status.keys()
    assert status["current"] == pytest.approx(45.0 / status["voltage"], abs=0.001)
    assert status["aenergy"]["total"] == pytest.approx(45.0)  # Wh over the hour
    assert len(status["aenergy"]["by_minute"]) == 3
    assert {"tC", "tF"} <= status["temperature"].keys()
    whole = rpc(plug, "Shelly.GetStatus").json()
    assert whole["switch:0"]["output"] is True


def test_a_belt_that_draws_nothing_shows_zero_watts_with_the_output_on(
    plug: ShellyPlugS,
) -> None:
    plug.load_watts = 0.0  # unplugged, or its own switch off
    rpc(plug, "Switch.Set", id=0, on=True)
    status = rpc(plug, "Switch.GetStatus", id=0).json()
    assert status["output"] is True and status["apower"] == 0.0


def test_post_rpc_takes_a_request_frame_and_answers_a_response_frame(plug: ShellyPlugS) -> None:
    frame = {"id": 7, "src": "heattimer", "method": "Switch.Set", "params": {"id": 0, "on": True}}
    reply = httpx.post(f"{plug.url}/rpc", json=frame, timeout=5).json()
    assert reply == {
        "id": 7,
        "src": plug.device_id,
        "dst": "heattimer",
        "result": {"was_on": False},
    }
    params = {"id": 0}
    status = httpx.post(f"{plug.url}/rpc/Switch.GetStatus", json=params, timeout=5).json()
    assert status["output"] is True


def test_errors_come_with_the_documented_codes(plug: ShellyPlugS) -> None:
    def frame(method: str, params: dict[str, object]) -> dict[str, object]:
        body = {"id": 1, "src": "t", "method": method, "params": params}
        return httpx.post(f"{plug.url}/rpc", json=body, timeout=5).json()

    assert frame("Switch.Set", {"on": True})["error"]["code"] == -103  # no id
    assert frame("Switch.Set", {"id": 1, "on": True})["error"]["code"] == -105  # no switch 1
    assert frame("Switch.Set", {"id": 0, "on": True, "toggle_after": -5})["error"]["code"] == -103
    assert frame("Switch.Explode", {"id": 0})["error"]["code"] == 404
    assert plug.output is False


def test_toggle_and_the_button_flip_the_output_and_end_a_running_timer(
    plug: ShellyPlugS, clock: SimClock
) -> None:
    rpc(plug, "Switch.Set", id=0, on=True, toggle_after=900)
    plug.press_button()
    status = rpc(plug, "Switch.GetStatus", id=0).json()
    assert status["output"] is False and status["source"] == "button"
    assert "timer_duration" not in status
    assert rpc(plug, "Switch.Toggle", id=0).json() == {"was_on": False}
    clock.advance(1000)
    assert plug.output is True  # the cancelled timer did not flip it


def test_without_credentials_the_plug_answers_401_with_a_sha256_digest_challenge(
    locked: ShellyPlugS,
) -> None:
    reply = rpc(locked, "Switch.Set", id=0, on=True)
    assert reply.status_code == 401
    challenge = reply.headers["WWW-Authenticate"]
    assert challenge.startswith("Digest ")
    assert f'realm="{locked.device_id}"' in challenge
    assert 'qop="auth"' in challenge and "algorithm=SHA-256" in challenge
    assert locked.output is False


def test_httpx_digest_auth_with_the_right_password_is_let_in(locked: ShellyPlugS) -> None:
    auth = httpx.DigestAuth("admin", "belt-secret")
    with httpx.Client(base_url=locked.url, auth=auth, timeout=5) as client:
        reply = client.get("/rpc/Switch.Set", params={"id": "0", "on": "true"})
        assert reply.status_code == 200 and reply.json() == {"was_on": False}
        frame = {"id": 2, "src": "heattimer", "method": "Switch.GetStatus", "params": {"id": 0}}
        assert client.post("/rpc", json=frame).json()["result"]["output"] is True
    assert locked.output is True


def test_a_nonce_is_reused_with_a_growing_count(locked: ShellyPlugS) -> None:
    auth = httpx.DigestAuth("admin", "belt-secret")
    with httpx.Client(base_url=locked.url, auth=auth, timeout=5) as client:
        client.get("/rpc/Switch.GetStatus", params={"id": "0"})
        before = len(locked.requests)
        assert client.get("/rpc/Switch.GetStatus", params={"id": "0"}).status_code == 200
    assert len(locked.requests) == before + 1  # no second challenge round


def test_a_wrong_password_gets_401_again(locked: ShellyPlugS) -> None:
    auth = httpx.DigestAuth("admin", "not-it")
    reply = httpx.get(f"{locked.url}/rpc/Switch.Set?id=0&on=true", auth=auth, timeout=5)
    assert reply.status_code == 401
    assert "WWW-Authenticate" in reply.headers
    assert locked.output is False


def test_device_info_is_never_protected(locked: ShellyPlugS) -> None:
    info = rpc(locked, "Shelly.GetDeviceInfo").json()
    assert info["id"] == locked.device_id
    assert info["gen"] == 2 and info["app"] == "PlusPlugS"
    assert info["auth_en"] is True and info["auth_domain"] == locked.device_id
    assert {"mac", "model", "fw_id", "ver"} <= info.keys()
    assert httpx.get(f"{locked.url}/shelly", timeout=5).json()["auth_en"] is True


def test_an_unreachable_plug_refuses_connections_and_still_switches_off_on_time(
    plug: ShellyPlugS, clock: SimClock
) -> None:
    rpc(plug, "Switch.Set", id=0, on=True, toggle_after=900)
    plug.unreachable = True
    with pytest.raises(httpx.ConnectError):
        rpc(plug, "Switch.GetStatus", id=0)
    clock.advance(900)
    plug.unreachable = False
    assert rpc(plug, "Switch.GetStatus", id=0).json()["output"] is False


def test_a_slow_plug_outlasts_a_short_client_timeout(plug: ShellyPlugS) -> None:
    plug.delay_seconds = 0.5
    with pytest.raises(httpx.ReadTimeout):
        httpx.get(f"{plug.url}/rpc/Switch.GetStatus?id=0", timeout=0.1)


def test_a_garbage_answer_is_not_the_documented_json(plug: ShellyPlugS) -> None:
    plug.garbage = b'{"was_on": tru'
    reply = rpc(plug, "Switch.Set", id=0, on=True)
    with pytest.raises(json.JSONDecodeError):
        reply.json()
