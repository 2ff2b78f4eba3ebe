"""Translating the messages of sync/ that reach a person at a till (a refused pickup code, a carried file).

sync/ stands alone, so it holds no catalog: it marks its texts with ``_`` for the project's one catalog
(resources/i18n/python) and translates them through whatever translation the till plugs in with ``use``
(app/domain/texts.py does, with the screen language). The hub never plugs one in: its texts stay English.
"""

from __future__ import annotations

import gettext

_translation: gettext.NullTranslations = gettext.NullTranslations()


def use(translation: gettext.NullTranslations) -> None:
    """Translate sync's messages with ``translation`` from now on."""
    global _translation
    _translation = translation


def _(message: str) -> str:
    """``message`` in the language plugged in (English until one is)."""
    return _translation.gettext(message)


def N_(message: str) -> str:  # noqa: N802 - gettext's own name for "marked, translated where shown"
    """Mark a text for the catalog without translating it now (a table built at import time)."""
    return message
