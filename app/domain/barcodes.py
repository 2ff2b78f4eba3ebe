"""Product codes: GTIN barcodes (EAN-13, UPC-A, EAN-8) and the shop's own codes.

The rules live in :mod:`sync.catalog_rows`, so that the hub reads a catalog's
codes exactly as the till scans them; this module gives them the domain's
errors.
"""

from __future__ import annotations

from app.domain.errors import InvalidInput
from sync import catalog_rows
from sync.catalog_rows import CodeKind, classify, gtin_check_digit

__all__ = ["CodeKind", "classify", "gtin_check_digit", "normalize_code"]


def normalize_code(raw: str) -> str:
    """Validate a scanned or typed code and return the form the catalog stores.

    Raises :class:`InvalidInput` with a message for the person scanning.
    """
    try:
        return catalog_rows.normalize_code(raw)
    except catalog_rows.BadValue as error:
        raise InvalidInput(str(error)) from None
