"""Voucher codes: short, unambiguous to read aloud, with a check character."""

from __future__ import annotations

import secrets

from app.domain.errors import InvalidInput
from app.domain.texts import _

# Crockford's base 32: no I, L, O or U, so a code read over the counter is not misheard.
_ALPHABET = "0123456789ABCDEFGHJKMNPQRSTVWXYZ"
_BODY_LENGTH = 10


def _check_char(body: str) -> str:
    return _ALPHABET[sum((i + 1) * _ALPHABET.index(c) for i, c in enumerate(body)) % len(_ALPHABET)]


def new_voucher_code() -> str:
    body = "".join(secrets.choice(_ALPHABET) for _ in range(_BODY_LENGTH))
    return f"V-{body}{_check_char(body)}"


def normalize_voucher_code(text: str) -> str:
    cleaned = text.strip().upper().replace(" ", "")
    cleaned = cleaned.translate(str.maketrans("OIL", "011"))
    if cleaned.startswith("V-"):
        cleaned = cleaned[2:]
    body, check = cleaned[:-1], cleaned[-1:]
    if len(body) != _BODY_LENGTH or any(c not in _ALPHABET for c in cleaned) or _check_char(body) != check:
        raise InvalidInput(
            _("'{text}' is not a voucher code: it looks like V-XXXXXXXXXXX. Check each character.").format(text=text)
        )
    return f"V-{body}{check}"
