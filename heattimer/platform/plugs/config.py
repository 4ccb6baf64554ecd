"""Which plug the belt is on, and how to reach it: ``heat-switch.json`` in the data folder,
beside the state file, readable by its owner only (0600), since it may hold the plug's
password. (Not the desktop's keyring: the command line uses the plug too, often where no
keyring runs, and a plug's password guards one socket in the person's own network.)
"""

from __future__ import annotations

import json
import os
from pathlib import Path
from typing import NamedTuple

from heattimer.core.heatswitch import GENERIC_OFF, GENERIC_ON, Kind
from heattimer.i18n import _
from heattimer.platform.ports import HeatSwitch

FILE = "heat-switch.json"


class PlugConfig(NamedTuple):
    """The heat switch: its kind, address (the device's, or the broker's over MQTT) and
    password ("" for none); over MQTT also the device's topic (or name) and the user."""

    kind: Kind = Kind.NONE
    address: str = ""
    password: str = ""
    topic: str = ""
    user: str = ""
    state_topic: str = ""
    """A generic MQTT plug's: where it tells its state; then its on and off payloads."""
    on_payload: str = GENERIC_ON
    off_payload: str = GENERIC_OFF


class ConfigError(ValueError):
    """The heat-switch file cannot be used; ``str()`` says why, in a line."""


def load(data_dir: Path) -> PlugConfig:
    """The heat switch set for ``data_dir`` (none, if nothing was set)."""
    path = data_dir / FILE
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
        blank = PlugConfig()
        text = {f: str(data.get(f, getattr(blank, f))) for f in PlugConfig._fields[1:]}
        config = PlugConfig(Kind(data["kind"]), **text)
    except FileNotFoundError:
        return PlugConfig()
    except (OSError, ValueError, KeyError, TypeError) as error:
        raise ConfigError(
            _("the heat switch's file {path} cannot be used: {error}").format(
                path=path, error=error
            )
        ) from None
    return config


def save(data_dir: Path, config: PlugConfig) -> None:
    """Set the heat switch: the file written whole (a new one swapped in), owner-only."""
    data_dir.mkdir(parents=True, exist_ok=True)
    path = data_dir / FILE
    temp = path.with_name(f".{FILE}.new")
    temp.unlink(missing_ok=True)  # (a leftover one's looser mode, or a link, is never used)
    fd = os.open(temp, os.O_WRONLY | os.O_CREAT | os.O_EXCL | getattr(os, "O_NOFOLLOW", 0), 0o600)
    with os.fdopen(fd, "w", encoding="utf-8") as file:
        json.dump(config._asdict(), file, indent=2)
        file.flush()
        os.fsync(file.fileno())
    os.chmod(temp, 0o600)  # (an older file's mode, or a umask, never loosens it)
    os.replace(temp, path)


def client(config: PlugConfig) -> HeatSwitch | None:
    """The client for the plug ``config`` names, or None for no heat switch."""
    if config.kind is Kind.SHELLY:
        from heattimer.platform.plugs.shelly import Shelly

        return Shelly(config.address, config.password)
    if config.kind is Kind.TASMOTA:
        from heattimer.platform.plugs.tasmota import Tasmota

        return Tasmota(config.address, config.password)
    if config.kind is Kind.TASMOTA_MQTT:
        from heattimer.platform.plugs.mqtt import TasmotaMqtt

        return TasmotaMqtt(config.address, config.topic, config.user, config.password)
    if config.kind is Kind.ZIGBEE2MQTT:
        from heattimer.platform.plugs.mqtt import Zigbee2Mqtt

        return Zigbee2Mqtt(config.address, config.topic, config.user, config.password)
    if config.kind is Kind.MQTT:
        from heattimer.platform.plugs.mqtt import MqttSwitch

        return MqttSwitch(
            config.address,
            config.topic,
            config.state_topic or config.topic,
            config.on_payload,
            config.off_payload,
            config.user,
            config.password,
        )
    return None
