"""The QR code printed on every receipt, which the returns desk scans to find the sale.

Format ``R1:<receipt number>:<sale id>`` in upper case: only characters of QR's
alphanumeric mode, so the code stays small and scans fast from a crumpled
thermal receipt. It carries no personal data and proves nothing by itself:
the returns desk looks the sale up in its own records.
"""

from __future__ import annotations

import re

from app.domain.errors import InvalidInput
from app.domain.texts import _

_PREFIX = "R1"
_PATTERN = re.compile(
    r"^R1:([A-Z][A-Z0-9]{0,3}-\d{6,}):([0-9A-F]{8}-[0-9A-F]{4}-[0-9A-F]{4}-[0-9A-F]{4}-[0-9A-F]{12})$"
)


def receipt_qr(receipt_no: str, sale_id: str) -> str:
    return f"{_PREFIX}:{receipt_no.upper()}:{sale_id.upper()}"


def parse_receipt_qr(text: str) -> tuple[str, str]:
    """(receipt number, sale id) from a scanned receipt QR code."""
    match = _PATTERN.match(text.strip().upper())
    if not match:
        raise InvalidInput(_("This is not a Pop-up POS receipt code: scan the QR code at the bottom of the receipt."))
    return match.group(1), match.group(2).lower()
