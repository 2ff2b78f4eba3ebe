"""Voucher codes at the counter; the code rules themselves are shared with the hub (sync/voucher_codes.py)."""

from __future__ import annotations

from app.domain.errors import InvalidInput
from app.domain.texts import _
from sync.voucher_codes import new_voucher_code, read_voucher_code

__all__ = ["new_voucher_code", "normalize_voucher_code"]


def normalize_voucher_code(text: str) -> str:
    code = read_voucher_code(text)
    if code is None:
        raise InvalidInput(
            _("'{text}' is not a voucher code: it looks like V-XXXXXXXXXXX. Check each character.").format(text=text)
        )
    return code
