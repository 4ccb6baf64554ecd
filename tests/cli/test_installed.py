"""The installed `heattimer` script and `python -m heattimer`, run as a person would."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

SCRIPT = Path(sys.executable).with_name("heattimer.exe" if os.name == "nt" else "heattimer")


def run(*argv: str, data: Path) -> subprocess.CompletedProcess[str]:
    env = {**os.environ, "HEATTIMER_DATA_DIR": str(data)}
    return subprocess.run([str(SCRIPT), *argv], capture_output=True, text=True, env=env, timeout=60)


@pytest.fixture(autouse=True)
def _script_installed() -> None:
    assert SCRIPT.exists(), f"the console script is not installed next to {sys.executable}"


def test_installed_script_runs_a_session_end_to_end(tmp_path: Path) -> None:
    data = tmp_path / "data"
    assert run("start", "--minutes", "20", data=data).returncode == 0
    status = json.loads(run("status", "--json", data=data).stdout)
    assert status["session"]["kind"] == "heat"
    assert 1190 <= status["session"]["remaining_s"] <= 1200
    refused = run("start", data=data)
    assert refused.returncode == 1
    assert refused.stderr.startswith("heattimer: refused (session_running)")
    assert run("stop", data=data).returncode == 0
    assert json.loads(run("status", "--json", data=data).stdout)["session"] is None


def test_installed_script_reports_bad_input_without_a_traceback(tmp_path: Path) -> None:
    data = tmp_path / "data"
    result = run("injury", "add", "--at", "tomorrow at noon", data=data)
    assert result.returncode == 2
    assert result.stderr.count("\n") == 1 and "Traceback" not in result.stderr


def test_python_dash_m_heattimer_is_the_same_command(tmp_path: Path) -> None:
    env = {**os.environ, "HEATTIMER_DATA_DIR": str(tmp_path / "data")}
    result = subprocess.run(
        [sys.executable, "-m", "heattimer", "status", "--json"],
        capture_output=True,
        text=True,
        env=env,
        timeout=60,
    )
    assert result.returncode == 0
    assert json.loads(result.stdout)["heat"]["allowed"] is True


def test_injury_add_prints_only_the_new_id_on_stdout(tmp_path: Path) -> None:
    data = tmp_path / "data"
    result = run("injury", "add", "--at", "1h ago", "--red-flag", "open-wound", data=data)
    assert result.returncode == 0
    (injury_id,) = result.stdout.split()
    listed = json.loads(run("injury", "list", "--json", data=data).stdout)
    assert listed[0]["id"] == injury_id and listed[0]["red_flags"] == ["open-wound"]
