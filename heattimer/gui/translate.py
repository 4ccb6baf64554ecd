"""The GUI's own words in the person's language, through Qt's translation system.

Every string the GUI itself writes goes through ``translate(context, text)`` (one context
per module, so that a word may read differently in two places); a module-level constant is
marked with ``QT_TRANSLATE_NOOP`` and translated where it is shown, since modules load
before the translations do. ``pyside6-lupdate`` finds both and writes
``heattimer/locale/heattimer_<language>.ts``; ``pyside6-lrelease`` compiles the ``.qm`` the
app loads (README, "Translations"). Core's sentences come translated already (gettext,
heattimer/i18n.py), in the same language: the one core's catalogue chose.
"""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication

from heattimer.i18n import LOCALE_DIR


def translate(context: str, text: str, n: int = -1) -> str:
    """``text`` in the person's language (``n``: the count, for a "%n" plural)."""
    return QCoreApplication.translate(context, text, None, n)


def QT_TRANSLATE_NOOP(context: str, text: str) -> str:
    """Mark ``text`` for translation in ``context``, to be translated where it is shown."""
    return text


def install(qapp: QCoreApplication, language: str) -> None:
    """Load the GUI's catalogue for ``language`` and Qt's own (its standard buttons and
    dialogs: Cancel, Close, the file dialog), and make it Qt's default locale, so that the
    dates and numbers Qt writes (the injury dialog's date field) read the local way. In
    English, nothing to load."""
    if language == "en":
        return
    from PySide6.QtCore import QLibraryInfo, QLocale, QTranslator

    qt_folder = QLibraryInfo.path(QLibraryInfo.LibraryPath.TranslationsPath)
    for name, folder in ((f"qtbase_{language}", qt_folder), (f"heattimer_{language}", LOCALE_DIR)):
        translator = QTranslator(qapp)
        if translator.load(name, folder):
            qapp.installTranslator(translator)
    QLocale.setDefault(QLocale(language))
