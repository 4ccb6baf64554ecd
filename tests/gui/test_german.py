"""The German GUI has no English left: every window and dialog, in the states a person
meets (tests/gui/sweep.py, run with LANG=de_DE.UTF-8 in a fresh process), shows no English
sentence of ours, no English word that German never uses, and Qt's own buttons in German
too. And the GUI's catalogue is complete and up to date with the code."""

from __future__ import annotations

import json
import os
import re
import subprocess
import sys
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
TS = ROOT / "heattimer" / "locale" / "heattimer_de.ts"

ENGLISH_WORDS = {
    "the", "and", "you", "your", "is", "are", "to", "of", "for", "with", "when", "not",
    "this", "that", "it", "will", "from", "after", "before", "until", "have", "has", "can",
    "now", "time", "heat", "break", "breaks", "session", "sessions", "injury", "logged",
    "cleared", "ready", "today", "settings", "help", "about", "quit", "close", "history",
    "days", "day", "left", "ends", "next", "cold", "cancel", "save", "yes", "no",
    "tomorrow", "yesterday", "where", "note", "none", "used", "done", "skipped", "snoozed",
    "missed", "export", "more", "open", "acute", "subacute", "rebuilding", "maintenance",
}  # fmt: skip
"""Words an English sentence of ours nearly always has, and German text never does
(not "Pause", "Start" or "Alarm": German has them too)."""
NAMES = ("Heat Timer", "CSV", "JSON", "Ctrl", "Esc", "F1", "Dead Bug", "Bird Dog", "Face Pulls")
"""What stays as it is in German: names, keys, and the exercises German gyms call so."""


def english_words(text: str) -> list[str]:
    for name in NAMES:
        text = text.replace(name, "")
    text = re.sub(r"\S*/\S*", "", text)  # a path is no word
    return [w for w in re.findall(r"[^\W\d_]+", text) if w.lower() in ENGLISH_WORDS]


def ts_messages() -> list[tuple[str, str, str, str]]:
    """(context, source, translation, type) of each message in the German .ts."""
    found = []
    for context in ET.parse(TS).getroot().iter("context"):
        name = context.findtext("name", "")
        for message in context.iter("message"):
            translation = message.find("translation")
            assert translation is not None
            found.append(
                (
                    name,
                    message.findtext("source", ""),
                    translation.text or "",
                    translation.get("type", ""),
                )
            )
    return found


def test_every_gui_string_has_its_german_with_the_same_placeholders() -> None:
    messages = ts_messages()
    assert len(messages) > 100
    for context, source, german, kind in messages:
        assert kind == "" and german, f"{context}: no German for {source!r}"
        assert set(re.findall(r"\{\w+\}", source)) == set(re.findall(r"\{\w+\}", german)), source


def test_the_gui_catalogue_is_up_to_date_with_the_code() -> None:
    # lupdate over heattimer/gui finds no string missing from the .ts, and the .qm the app
    # loads is what lrelease makes of it (tools/translations.py).
    done = subprocess.run(
        [sys.executable, str(ROOT / "tools" / "translations.py"), "--check"],
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert done.returncode == 0, done.stdout + done.stderr


@pytest.fixture(scope="module")
def german(tmp_path_factory: pytest.TempPathFactory) -> list[tuple[str, str]]:
    home = tmp_path_factory.mktemp("german")
    env = {k: v for k, v in os.environ.items() if not k.startswith(("LC_", "LANG", "QT_QPA"))}
    env |= {
        "LANG": "de_DE.UTF-8",
        "QT_QPA_PLATFORM": "offscreen",
        "XDG_CONFIG_HOME": str(home / "config"),
        "XDG_DATA_HOME": str(home / "share"),
    }
    done = subprocess.run(
        [sys.executable, "-m", "tests.gui.sweep", str(home / "data")],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=180,
    )
    assert done.returncode == 0, done.stderr[-3000:]
    return [(where, text) for where, text in json.loads(done.stdout)]


def test_no_window_or_dialog_shows_english(german: list[tuple[str, str]]) -> None:
    assert len(german) > 500  # the sweep saw the windows, not an empty screen
    left = sorted({f"{where}: {text}" for where, text in german if english_words(text)})
    assert not left, "English left in the German GUI:\n" + "\n".join(left)


def test_no_english_sentence_of_ours_is_shown_as_it_is(german: list[tuple[str, str]]) -> None:
    # (the translations exist, and are loaded: a catalogue not found would show them all)
    sources = {s for _, s, g, _ in ts_messages() if s != g and "{" not in s and len(s) > 3}
    shown = {text for _, text in german}
    assert not sources & shown


def test_the_german_gui_reads_as_german(german: list[tuple[str, str]]) -> None:
    shown = {text for _, text in german}
    for expected in ("Bereit", "Einstellungen…", "Hilfe", "Verlauf — Heat Timer", "Schließen"):
        assert expected in shown, expected
    # Qt's own buttons come from Qt's German catalogue
    assert "Abbrechen" in shown


def test_a_sentence_in_both_catalogues_reads_the_same_in_german() -> None:
    # The window shows core's sentences (gettext) beside its own (Qt): one word for one
    # thing ("Verletzungsprotokoll", "Bewegungspause"), whichever catalogue it is in.
    from babel.messages.pofile import read_po

    with (ROOT / "heattimer/locale/de/LC_MESSAGES/heattimer.po").open("rb") as po:
        core = {str(m.id): m.string for m in read_po(po) if m.id and isinstance(m.id, str)}
    both = [(s, g, core[s]) for _, s, g, _ in ts_messages() if s in core]
    assert both  # (the test sees the overlap: "Log injury…", "Injury log…", …)
    assert [(s, g, c) for s, g, c in both if g != c] == []
    # and the terms each uses for the same thing
    for word, other in (("Bewegungspause", "Haltungspause"), ("Abkühlpause", "Abkühlzeit")):
        gui = " ".join(g for _, _, g, _ in ts_messages())
        assert other not in gui and other not in " ".join(map(str, core.values())), word


def test_work_hours_are_typed_and_shown_with_german_days() -> None:
    code = (
        "from heattimer.core.workhours import parse_work_hours as p\n"
        "h = p('Mo-Fr 09:00-18:00'); print(h.shown()); print(h)\n"
        "print(p('Mon,Mi 08:00-12:00').shown())\n"
    )
    env = {k: v for k, v in os.environ.items() if not k.startswith(("LC_", "LANG"))}
    done = subprocess.run(
        [sys.executable, "-c", code],
        env={**env, "LANG": "de_DE.UTF-8"},
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert done.returncode == 0, done.stderr
    assert done.stdout.splitlines() == [
        "Mo-Fr 09:00-18:00",  # as the person typed it
        "Mon-Fri 09:00-18:00",  # as it is stored, and printed for scripts
        "Mo,Mi 08:00-12:00",
    ]
