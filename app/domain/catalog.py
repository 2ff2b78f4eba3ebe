"""Makers, products, tax classes, and reading a catalog CSV.

A catalog import is all or nothing: ``parse_catalog_csv`` reads every row,
collects every problem with its line number, and returns rows only when there
is none. The caller adds the checks that need the store (a barcode already
used by another product) before writing anything.

The reading rules live in :mod:`sync.catalog_rows`, so that the hub accepts
and refuses exactly the files the till does; this module gives them the
domain's error.
"""

from __future__ import annotations

from collections.abc import Collection
from dataclasses import dataclass, field
from decimal import Decimal

from app.domain.errors import PosError
from sync import catalog_rows
from sync.catalog_rows import OPTIONAL_COLUMNS, REQUIRED_COLUMNS, CatalogRow, split_barcodes
from sync.catalog_rows import LineMessage as RowError

__all__ = [
    "OPTIONAL_COLUMNS",
    "REQUIRED_COLUMNS",
    "CatalogImportError",
    "CatalogRow",
    "Maker",
    "RowError",
    "TaxClass",
    "decode_csv",
    "parse_catalog_csv",
    "split_barcodes",
]


@dataclass(frozen=True, slots=True)
class TaxClass:
    code: str
    name: str
    rate: Decimal


@dataclass(frozen=True, slots=True)
class Maker:
    maker_id: str
    name: str


@dataclass
class CatalogImportError(PosError):
    errors: list[RowError] = field(default_factory=list)

    def __str__(self) -> str:
        listed = "\n".join(f"  {error}" for error in self.errors)
        return f"The catalog was not imported: {len(self.errors)} problem(s). Fix them and import again.\n{listed}"


def decode_csv(data: bytes) -> str:
    try:
        return catalog_rows.decode_csv(data)
    except catalog_rows.CatalogRejected as rejected:
        raise CatalogImportError(rejected.problems) from None


def parse_catalog_csv(text: str, currency: str, tax_classes: Collection[str]) -> list[CatalogRow]:
    try:
        return catalog_rows.parse_catalog_csv(text, currency, tax_classes)
    except catalog_rows.CatalogRejected as rejected:
        raise CatalogImportError(rejected.problems) from None
