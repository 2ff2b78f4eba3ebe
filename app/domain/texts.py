"""The texts a person reads that are made outside the screens: refusals, labels, printed documents.

Qt translates the screens' own texts (``tr()``, resources/i18n/*.ts); everything the domain and the
services say goes through Python's gettext with the project's own catalog,
resources/i18n/python/<language>/LC_MESSAGES/popup_pos.mo, so that neither layer needs Qt.

Two languages are in play (docs/architecture.md, "Languages"):

- the screen language, the person's: ``use_language`` (called where the screens install their Qt
  translator) sets it, and ``_``/``ngettext`` translate into it. Until it is called the texts are
  English, which is what the command line and the tests see;
- the event's language, for what is printed: ``for_locale(event.locale)`` gives a translation that the
  document builders use whoever is signed in, so a receipt at a de_CH event is German.

Module-level tables (labels by kind) mark their texts with ``N_`` and translate them where shown
(``_(TABLE[kind])``), so a table built at import time still follows a later change of language.
"""

from __future__ import annotations

import gettext
from functools import cache
from pathlib import Path

import printers.texts
import sync.texts

DOMAIN = "popup_pos"
CATALOGS = Path(__file__).resolve().parents[2] / "resources" / "i18n" / "python"
SOURCE_LANGUAGE = "en"

_screen: gettext.NullTranslations = gettext.NullTranslations()


def _languages(locale: str) -> list[str]:
    """de_CH, de-CH and de.UTF-8 all look for de_CH first, then de (gettext normalises only the former)."""
    name = locale.replace("-", "_").split(".")[0].split("@")[0]
    return [name, name.split("_")[0]] if "_" in name else [name]


@cache
def for_locale(locale: str | None) -> gettext.NullTranslations:
    """The translation into a locale's language (``de_CH`` -> German); English when there is no catalog for it."""
    if not locale:
        return gettext.NullTranslations()
    return gettext.translation(DOMAIN, CATALOGS, languages=_languages(locale), fallback=True)


def use_language(locale: str | None) -> None:
    """Make ``locale``'s language the screen language (None or an unknown one: English)."""
    global _screen
    _screen = for_locale(locale)
    sync.texts.use(_screen)
    printers.texts.use(_screen)


def language() -> str:
    """The screen language's catalog name (``de``), or ``en`` when the texts are the source English."""
    info = _screen.info()
    return info.get("language", SOURCE_LANGUAGE) or SOURCE_LANGUAGE


def _(message: str) -> str:
    """``message`` in the screen language."""
    return _screen.gettext(message)


def ngettext(singular: str, plural: str, n: int) -> str:
    """The singular or plural form for ``n`` in the screen language."""
    return _screen.ngettext(singular, plural, n)


def N_(message: str) -> str:  # noqa: N802 - gettext's own name for "marked, translated where shown"
    """Mark a text for the catalog without translating it now (a label table built at import time)."""
    return message
