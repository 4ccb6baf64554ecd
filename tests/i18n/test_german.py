"""A German environment gets German: every command of `heattimer`, its help and its
mistakes, and core's sentences the GUI shows, with no English left, the same exit codes and
the same JSON keys as in English; dates and times in the German way."""

from __future__ import annotations

import json
import os
import re
import subprocess
import sys
from pathlib import Path

import pytest

from heattimer import APP_NAME

ENGLISH_WORDS = (
    "the", "is", "are", "you", "your", "and", "to", "of", "not", "for", "with", "it", "its",
    "this", "that", "has", "have", "been", "will", "can", "from", "after", "before", "until",
    "heat", "minutes", "hours", "days", "usage", "error", "help", "at", "by", "yes", "or",
    "cannot", "could", "must", "should", "there", "here", "today", "tomorrow", "left", "ends",
    "next", "logged", "cleared", "removed", "blocks", "posture", "said",
)  # fmt: skip
"""Words German never uses and English sentences hardly go without (a whole word each, in
lower case or capitalized: not part of a command, a setting's key or a quoted value, as
`heat-minutes` or `'on'` are; German's own "was" and "die" are not among them)."""
ENGLISH = re.compile(
    rf"(?<![\w'\-/.])({'|'.join(ENGLISH_WORDS + tuple(w.capitalize() for w in ENGLISH_WORDS))})"
    r"(?![\w'\-])"
)
HUMAN_JSON = (("heat", "message"), ("recovery", "title"), ("recovery", "advice"))
"""The texts for people in `status --json` (its keys and other values are a data format)."""


def _environment(**language: str) -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if k not in ("LANGUAGE", "LC_ALL", "LC_MESSAGES")}
    return {**env, **language}


def _sweep(tmp_path: Path, name: str, **language: str) -> list[dict]:  # type: ignore[type-arg]
    out = subprocess.run(
        [sys.executable, "-m", "tests.i18n.german_sweep", str(tmp_path / name)],
        capture_output=True,
        text=True,
        check=True,
        env=_environment(**language),
        cwd=Path(__file__).resolve().parents[2],
    )
    return [json.loads(line) for line in out.stdout.splitlines()]


@pytest.fixture(scope="module")
def sweeps(tmp_path_factory: pytest.TempPathFactory) -> tuple[list[dict], list[dict]]:  # type: ignore[type-arg]
    folder = tmp_path_factory.mktemp("sweep")
    english = _sweep(folder, "en", LANG="C.UTF-8")
    german = _sweep(folder, "de", LANG="de_DE.UTF-8")
    return english, german


def _english_left(answer: dict) -> list[str]:  # type: ignore[type-arg]
    texts = [answer["err"]]
    if "--json" in answer["argv"] or "json" in answer["argv"] or "csv" in answer["argv"]:
        if answer["argv"][:2] == ["status", "--json"]:
            data = json.loads(answer["out"])
            texts += [data[group][key] for group, key in HUMAN_JSON]
    else:
        texts.append(answer["out"])
    texts = [text.replace(APP_NAME, "") for text in texts]  # the app's name stays
    return [
        f"{' '.join(answer['argv'])}: …{text[max(0, m.start() - 40) : m.end() + 40]}…"
        for text in texts
        for m in ENGLISH.finditer(text)
    ]


def test_a_german_environment_leaves_no_english(sweeps) -> None:  # type: ignore[no-untyped-def]
    english, german = sweeps
    assert len(german) > 150  # the sweep ran to its end
    left = [line for answer in german for line in _english_left(answer)]
    assert not left, "English in German output:\n" + "\n".join(left)
    # ... and the same words catch the English run, so the check is not blind:
    assert sum(bool(_english_left(answer)) for answer in english) > len(english) / 2


def test_german_keeps_the_exit_codes_json_keys_and_export_formats(sweeps) -> None:  # type: ignore[no-untyped-def]
    english, german = sweeps
    assert [a["argv"][:2] for a in german] == [a["argv"][:2] for a in english]  # (ids differ)
    assert [a["code"] for a in german] == [a["code"] for a in english]
    assert {a["code"] for a in german} >= {0, 1, 2, 4}

    def keys(value: object) -> object:
        if isinstance(value, dict):
            return {k: keys(v) for k, v in value.items()}
        return [keys(v) for v in value] if isinstance(value, list) else None

    for en, de in zip(english, german, strict=True):
        if en["code"] == 0 and ("--json" in en["argv"] or en["argv"][-1:] == ["json"]):
            assert keys(json.loads(de["out"])) == keys(json.loads(en["out"])), en["argv"]
        if en["argv"][-1:] == ["csv"] or en["argv"][-1:] == ["json"]:
            ids = re.compile(r"\b[0-9a-f]{32}\b")
            assert ids.sub("ID", de["out"]) == ids.sub("ID", en["out"]), en["argv"]


def test_language_is_german_from_lang_and_from_language(tmp_path: Path) -> None:
    code = "from heattimer import i18n; print(i18n.language(), i18n._('Heat is off'))"
    for env in ({"LANG": "de_DE.UTF-8"}, {"LANG": "C.UTF-8", "LANGUAGE": "de"},
                {"LANG": "C.UTF-8", "LC_ALL": "de_AT.UTF-8"}):  # fmt: skip
        out = subprocess.run(
            [sys.executable, "-c", code], capture_output=True, text=True, env=_environment(**env)
        )
        assert out.stdout.split(maxsplit=1) == ["de", "Wärme ist aus\n"], env
    out = subprocess.run(
        [sys.executable, "-c", code],
        capture_output=True,
        text=True,
        env=_environment(LANG="fr_FR.UTF-8"),
    )
    assert out.stdout == "en Heat is off\n"  # no French catalogue: the sources' English


DATES = """
from datetime import UTC, datetime, timedelta
from zoneinfo import ZoneInfo
from heattimer.core.wording import on_day, span, when
zone = ZoneInfo("Europe/Berlin")
now = datetime(2026, 11, 23, 12, 0, tzinfo=UTC)  # Monday 13:00 in Berlin
for text in (
    when(datetime(2026, 11, 23, 13, 30, tzinfo=UTC), now, zone),
    when(datetime(2026, 11, 24, 8, 0, tzinfo=UTC), now, zone),
    when(datetime(2026, 11, 22, 8, 0, tzinfo=UTC), now, zone),
    when(datetime(2026, 11, 26, 13, 0, tzinfo=UTC), now, zone),
    when(datetime(2026, 12, 7, 13, 0, tzinfo=UTC), now, zone),
    on_day(now.date(), now, zone),
    on_day(now.date() - timedelta(days=1), now, zone),
    on_day(datetime(2026, 11, 30).date(), now, zone),
    on_day(datetime(2026, 3, 2).date(), now, zone),
    span(timedelta(seconds=45)),
    span(timedelta(minutes=12)),
    span(timedelta(hours=31, minutes=12)),
    span(timedelta(hours=2)),
    span(timedelta(days=3, hours=4)),
):
    print(text)
"""


@pytest.mark.parametrize(
    ("env", "expected"),
    [
        (
            {"LANG": "de_DE.UTF-8"},
            ["14:30", "morgen 09:00", "gestern 09:00", "Do 14:00", "Mo 7. Dez. 14:00",
             "heute", "gestern", "am Mo 30. Nov.", "am Mo 2. März",
             "45 Sek.", "12 Min.", "31 Std. 12 Min.", "2 Std.", "3 Tg. 4 Std."],
        ),
        (
            {"LANG": "C.UTF-8"},
            ["14:30", "tomorrow 09:00", "yesterday 09:00", "Thu 14:00", "Mon 7 Dec 14:00",
             "today", "yesterday", "on Mon 30 Nov", "on Mon 2 Mar",
             "45 s", "12 min", "31 h 12 min", "2 h", "3 d 4 h"],
        ),
    ],
)  # fmt: skip
def test_dates_and_times_read_the_local_way(env: dict[str, str], expected: list[str]) -> None:
    out = subprocess.run(
        [sys.executable, "-c", DATES],
        capture_output=True,
        text=True,
        check=True,
        env=_environment(**env),
    )
    assert out.stdout.splitlines() == expected
