"""Voucher codes, as every till and the hub make and read them: short, unambiguous aloud, with a check character.

One definition for both sides: a till issues codes for store credit and gift
cards, the hub for vouchers the marketplace sells, and either side must be
able to tell a mistyped code from a real one without asking the other.
"""

from __future__ import annotations

import re
import secrets

# Crockford's base 32: no I, L, O or U, so a code read over the counter is not misheard.
ALPHABET = "0123456789ABCDEFGHJKMNPQRSTVWXYZ"
BODY_LENGTH = 10
PREFIX = "V-"
# A well-formed code as it travels in records: the prefix, the body and its check character.
CODE_PATTERN = rf"^{PREFIX}[{ALPHABET}]{{{BODY_LENGTH + 1}}}$"
_WELL_FORMED = re.compile(CODE_PATTERN)


def check_char(body: str) -> str:
    return ALPHABET[sum((i + 1) * ALPHABET.index(c) for i, c in enumerate(body)) % len(ALPHABET)]


def new_voucher_code() -> str:
    body = "".join(secrets.choice(ALPHABET) for _ in range(BODY_LENGTH))
    return f"{PREFIX}{body}{check_char(body)}"


def read_voucher_code(text: str) -> str | None:
    """The code ``text`` means, as it is stored (V-XXXXXXXXXXX), or None when it is no voucher code.

    Forgiving as people type: spaces, lower case, and O, I, L for 0, 1, 1.
    """
    cleaned = text.strip().upper().replace(" ", "")
    cleaned = cleaned.translate(str.maketrans("OIL", "011"))
    cleaned = cleaned.removeprefix(PREFIX)
    body, check = cleaned[:-1], cleaned[-1:]
    if len(body) != BODY_LENGTH or any(c not in ALPHABET for c in cleaned) or check_char(body) != check:
        return None
    return f"{PREFIX}{body}{check}"


def is_voucher_code(text: str) -> bool:
    """Whether ``text`` is a code exactly as stored: the prefix, known characters and a check character that fits."""
    return bool(_WELL_FORMED.match(text)) and check_char(text[len(PREFIX) : -1]) == text[-1]
