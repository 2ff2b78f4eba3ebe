"""Product codes: GTIN barcodes (EAN-13, UPC-A, EAN-8) and the shop's own codes.

A numeric code of 8, 12 or 13 digits is read as a GTIN and must carry a valid
check digit: a scanner that misread one digit would otherwise ring up another
product. UPC-A is kept in its EAN-13 form (a leading zero) so that a product
labelled in either form is found by both.
"""

from __future__ import annotations

import re
from enum import StrEnum

from app.domain.errors import InvalidInput

_INTERNAL_CODE = re.compile(r"^[A-Za-z0-9][A-Za-z0-9._/-]{0,39}$")
_GTIN_LENGTHS = (8, 12, 13)


class CodeKind(StrEnum):
    EAN13 = "EAN-13"
    UPCA = "UPC-A"
    EAN8 = "EAN-8"
    INTERNAL = "internal"


def gtin_check_digit(body: str) -> int:
    """Check digit for the digits of a GTIN without its last digit (GS1 mod 10)."""
    total = 0
    for position, char in enumerate(reversed(body)):
        weight = 3 if position % 2 == 0 else 1
        total += int(char) * weight
    return (10 - total % 10) % 10


def classify(code: str) -> CodeKind:
    # isdigit() alone is true for '²' or Arabic-Indic digits, which are no GTIN.
    if code.isascii() and code.isdigit() and len(code) in _GTIN_LENGTHS:
        return {8: CodeKind.EAN8, 12: CodeKind.UPCA, 13: CodeKind.EAN13}[len(code)]
    return CodeKind.INTERNAL


def normalize_code(raw: str) -> str:
    """Validate a scanned or typed code and return the form the catalog stores.

    Raises :class:`InvalidInput` with a message for the person scanning.
    """
    code = raw.strip()
    if not code:
        raise InvalidInput("The code is empty: scan the barcode again or type the SKU.")
    kind = classify(code)
    if kind is CodeKind.INTERNAL:
        if not _INTERNAL_CODE.match(code):
            raise InvalidInput(
                f"'{code}' is not a product code: codes use letters, digits, '.', '_', '/' or '-' "
                "(up to 40). Scan again or type the SKU."
            )
        return code
    if gtin_check_digit(code[:-1]) != int(code[-1]):
        raise InvalidInput(
            f"'{code}' is not a valid {kind.value} barcode (wrong check digit): it was probably misread, scan it again."
        )
    return "0" + code if kind is CodeKind.UPCA else code
