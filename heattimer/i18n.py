"""The words Heat Timer says, in the person's language: one gettext catalogue for the process.

Rules:
- the catalogue is loaded once, here, at import: gettext picks the language from LANGUAGE,
  LC_ALL, LC_MESSAGES and LANG, as every gettext program does (we do not parse them), and
  falls back to the English in the sources; the language is fixed for a process's life;
- every layer imports ``_`` (and ``ngettext`` where a number changes the words) from here,
  core included: the loading is gettext's, so core still opens no file itself;
- a translated text is a whole sentence with named placeholders, filled in after the
  lookup: ``_("Heat unlocks {time}.").format(time=...)``, never pieces glued together;
- argparse looks its own words ("usage: ", "options", its errors) up through gettext's
  global domain, which is set to ours, so they are found in the same catalogue.

The GUI translates its own words with Qt's catalogues and asks ``language()`` which one to
load. Extraction, updating and compiling: README, "Translations".
"""

from __future__ import annotations

import gettext
import os

DOMAIN = "heattimer"
LOCALE_DIR = os.path.join(os.path.dirname(os.path.abspath(__file__)), "locale")

_catalogue = gettext.translation(DOMAIN, LOCALE_DIR, fallback=True)
gettext.bindtextdomain(DOMAIN, LOCALE_DIR)
gettext.textdomain(DOMAIN)  # argparse's own strings: gettext.gettext reads this domain

_ = _catalogue.gettext
ngettext = _catalogue.ngettext


def N_(message: str) -> str:
    """Mark ``message`` for extraction only: it is translated where it is used."""
    return message


def language() -> str:
    """The language of the catalogue loaded: "de" for German, "en" when none was (the
    sources' English)."""
    return str(_catalogue.info().get("language", "en")) or "en"
