"""Every sentence Heat Timer says outside the GUI has its German (and its translation in any
language added later): a new string without one fails here, as does a template out of step
with the sources or a compiled catalogue out of step with its .po. (German output itself:
test_german.py.)
"""

from __future__ import annotations

import ast
import io
import re
from pathlib import Path

import pytest

babel = pytest.importorskip("babel", reason="babel (the test extra) extracts the catalogue")

from babel.messages.extract import extract_from_dir  # noqa: E402
from babel.messages.frontend import parse_mapping_cfg  # noqa: E402
from babel.messages.mofile import write_mo  # noqa: E402
from babel.messages.pofile import read_po  # noqa: E402

from heattimer import i18n  # noqa: E402
from heattimer.cli.argparse_words import ARGPARSE_PLURALS, ARGPARSE_WORDS  # noqa: E402

ROOT = Path(__file__).resolve().parents[2]
LOCALE = ROOT / "heattimer" / "locale"
POT = LOCALE / "heattimer.pot"
LANGUAGES = sorted(path.parent.parent.name for path in LOCALE.glob("*/LC_MESSAGES/heattimer.po"))
"""Every catalogue in the tree: German, and any added since (README: Translations)."""


def _po(language: str) -> Path:
    return LOCALE / language / "LC_MESSAGES" / "heattimer.po"


KEYWORDS = {"_": None, "N_": None, "ngettext": (1, 2)}
"""As README's extraction command gives them (-k _ -k N_ -k ngettext:1,2)."""


def _sources() -> dict[str | tuple[str, str], list[str]]:
    """Every msgid in heattimer/ as babel.cfg selects it, with where each is."""
    with (ROOT / "babel.cfg").open() as config:
        method_map, options_map = parse_mapping_cfg(config)
    found: dict[str | tuple[str, str], list[str]] = {}
    for filename, line, message, _comments, _context in extract_from_dir(
        ROOT, method_map, options_map, keywords=KEYWORDS
    ):
        key = message if isinstance(message, str) else (message[0], message[1])
        found.setdefault(key, []).append(f"{filename}:{line}")
    return found


def _catalogue(path: Path):  # type: ignore[no-untyped-def]
    with path.open("rb") as file:
        return read_po(file)


def _key(message) -> str | tuple[str, str]:  # type: ignore[no-untyped-def]
    return message.id if isinstance(message.id, str) else (message.id[0], message.id[1])


BRACES = re.compile(r"\{(\w*)[^{}]*\}")
PERCENT = re.compile(r"%(?:\((\w+)\))?[-#0 +]*\d*(?:\.\d+)?[sdrif%]")


def _placeholders(text: str) -> tuple[list[str], list[str]]:
    return sorted(BRACES.findall(text)), sorted(PERCENT.findall(text))


def test_the_extraction_covers_core_the_cli_the_store_and_the_platform_but_not_the_gui() -> None:
    where = {place.split(":")[0] for places in _sources().values() for place in places}
    folders = {Path(name).parts[1] for name in where if len(Path(name).parts) > 2}
    assert {"core", "cli", "store", "platform"} <= folders
    assert "gui" not in folders
    assert "heattimer/core/export.py" not in where  # a data format: never translated


def test_german_is_there() -> None:
    assert "de" in LANGUAGES


@pytest.mark.parametrize("language", LANGUAGES)
def test_every_string_has_a_translation_with_the_same_placeholders(language: str) -> None:
    german = {_key(m): m for m in _catalogue(_po(language)) if m.id}
    missing, fuzzy, mismatched = [], [], []
    for key, places in _sources().items():
        message = german.get(key)
        strings = (
            []
            if message is None
            else [message.string]
            if isinstance(key, str)
            else list(message.string)
        )
        if message is None or not all(strings):
            missing.append(f"{places[0]}: {key!r}")
            continue
        if message.fuzzy:
            fuzzy.append(f"{places[0]}: {key!r}")
        sources = [key] if isinstance(key, str) else [key[0], key[1]]
        for translated in strings:
            if _placeholders(translated) not in [_placeholders(s) for s in sources]:
                mismatched.append(f"{places[0]}: {key!r} -> {translated!r}")
    assert not missing, f"no {language} for (README: Translations):\n" + "\n".join(missing)
    assert not fuzzy, "German marked fuzzy (check it, then drop the flag):\n" + "\n".join(fuzzy)
    assert not mismatched, "placeholders differ:\n" + "\n".join(mismatched)


def test_the_template_is_up_to_date_with_the_sources() -> None:
    template = {_key(m) for m in _catalogue(POT) if m.id}
    assert template == set(_sources()), "run the extraction again (README: Translations)"


@pytest.mark.parametrize("language", LANGUAGES)
def test_the_catalogue_has_no_leftovers(language: str) -> None:
    catalogue = _catalogue(_po(language))
    assert catalogue.locale is not None and str(catalogue.locale) == language
    stale = {_key(m) for m in catalogue if m.id} - set(_sources())
    assert not stale, f"{language} for strings no source has: {sorted(stale, key=str)}"
    assert not catalogue.obsolete, "obsolete entries (#~) left in the .po"


@pytest.mark.parametrize("language", LANGUAGES)
def test_the_committed_mo_is_what_the_po_compiles_to(language: str) -> None:
    compiled = io.BytesIO()
    write_mo(compiled, _catalogue(_po(language)))
    committed = _po(language).with_suffix(".mo").read_bytes()
    assert committed == compiled.getvalue(), "compile the .po again (README: Translations)"


def test_argparse_words_are_still_argparses_own() -> None:
    import argparse

    source = Path(argparse.__file__).read_text(encoding="utf-8")
    strings = {
        node.value
        for node in ast.walk(ast.parse(source))
        if isinstance(node, ast.Constant) and isinstance(node.value, str)
    }
    gone = [word for word in ARGPARSE_WORDS if word not in strings]
    gone += [word for pair in ARGPARSE_PLURALS for word in pair if word not in strings]
    assert not gone, f"this Python's argparse no longer says {gone}"


def test_the_tests_run_in_english() -> None:
    assert i18n.language() == "en"
    assert i18n._("Heat is off") == "Heat is off"
