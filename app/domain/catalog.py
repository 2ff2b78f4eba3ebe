"""Makers, products, tax classes, and reading a catalog CSV.

A catalog import is all or nothing: ``parse_catalog_csv`` reads every row,
collects every problem with its line number, and returns rows only when there
is none. The caller adds the checks that need the store (a barcode already
used by another product) before writing anything.
"""

from __future__ import annotations

import csv
import io
from collections.abc import Iterator
from dataclasses import dataclass, field
from decimal import Decimal
from typing import TYPE_CHECKING

from app.domain.barcodes import normalize_code
from app.domain.errors import InvalidInput, PosError
from app.domain.money import parse_minor

if TYPE_CHECKING:
    import _csv

REQUIRED_COLUMNS = ("sku", "name", "maker", "tax_class", "price")
OPTIONAL_COLUMNS = ("variant", "barcodes", "category")


@dataclass(frozen=True, slots=True)
class TaxClass:
    code: str
    name: str
    rate: Decimal


@dataclass(frozen=True, slots=True)
class Maker:
    maker_id: str
    name: str


@dataclass(frozen=True, slots=True)
class CatalogRow:
    line: int
    sku: str
    name: str
    variant: str
    maker: str
    tax_class: str
    price: int
    category: str
    barcodes: tuple[str, ...]


@dataclass(frozen=True, slots=True)
class RowError:
    line: int
    message: str

    def __str__(self) -> str:
        return f"line {self.line}: {self.message}"


@dataclass
class CatalogImportError(PosError):
    errors: list[RowError] = field(default_factory=list)

    def __str__(self) -> str:
        listed = "\n".join(f"  {error}" for error in self.errors)
        return f"The catalog was not imported: {len(self.errors)} problem(s). Fix them and import again.\n{listed}"


def decode_csv(data: bytes) -> str:
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError as error:
        raise CatalogImportError(
            [RowError(1, f"the file is not UTF-8 text (byte {error.start}): save it as 'CSV UTF-8' and retry")]
        ) from None


def split_barcodes(cell: str) -> list[str]:
    return [code for code in cell.replace("|", " ").replace(";", " ").split() if code]


def _rows(reader: _csv.Reader, errors: list[RowError]) -> Iterator[tuple[int, list[str]]]:
    """Each non-blank row with the line it starts on, until the file stops being CSV (an error at that line).

    A quoted cell may span lines, so the start is counted before the row is read,
    never worked out from the line the reader ends on.
    """
    try:
        while True:
            start = reader.line_num + 1
            row = next(reader, None)
            if row is None:
                return
            if row:
                yield start, row
    except csv.Error as error:
        errors.append(RowError(reader.line_num, f"the file cannot be read from here on ({error}): check the quotes"))


def parse_catalog_csv(text: str, currency: str, tax_classes: set[str]) -> list[CatalogRow]:
    # newline="" lets the csv module see the line ends itself, so files saved with
    # bare CR line ends (old Excel for Mac) read as well as CRLF and LF ones.
    # Excel in German, French or Swiss settings separates cells with ";".
    header_line = io.StringIO(text, newline="").readline()
    delimiter = ";" if header_line.count(";") > header_line.count(",") else ","
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=delimiter)
    errors: list[RowError] = []
    first = next(_rows(reader, errors), None)
    if first is None:
        raise CatalogImportError(
            errors
            or [RowError(1, f"the file is empty: it needs a header ({', '.join(REQUIRED_COLUMNS)}) and product rows")]
        )
    line, header_cells = first
    header = [name.strip().lower() for name in header_cells]
    missing = [column for column in REQUIRED_COLUMNS if column not in header]
    if missing:
        needed = ", ".join(REQUIRED_COLUMNS)
        raise CatalogImportError(
            [RowError(line, f"missing column(s): {', '.join(missing)} (the header needs {needed})")]
        )
    rows: list[CatalogRow] = []
    line_of_sku: dict[str, int] = {}
    line_of_barcode: dict[str, int] = {}
    for line, cells_in_order in _rows(reader, errors):
        if len(cells_in_order) > len(header):
            errors.append(RowError(line, "more cells than columns: check for a stray comma"))
            continue
        record = dict(zip(header, cells_in_order, strict=False))
        cells = {column: record.get(column, "").strip() for column in header}
        if not any(cells.values()):
            continue
        problems: list[str] = []
        for column in ("sku", "name", "maker"):
            if not cells[column]:
                problems.append(f"{column} is empty")
        sku = cells["sku"]
        if sku:
            try:
                sku = normalize_code(sku)
            except InvalidInput as error:
                problems.append(f"bad sku: {error}")
            if sku in line_of_sku:
                problems.append(f"sku {sku} is already on line {line_of_sku[sku]}")
            line_of_sku.setdefault(sku, line)
        price = 0
        try:
            price = parse_minor(cells["price"], currency)
            if price < 0:
                problems.append(f"bad price '{cells['price']}': a price cannot be negative")
        except InvalidInput as error:
            problems.append(f"bad price: {error}")
        if cells["tax_class"] not in tax_classes:
            known = ", ".join(sorted(tax_classes))
            problems.append(f"unknown tax class '{cells['tax_class']}' (known: {known})")
        barcodes: list[str] = []
        for raw in split_barcodes(cells.get("barcodes", "")):
            try:
                code = normalize_code(raw)
            except InvalidInput as error:
                problems.append(f"bad barcode: {error}")
                continue
            if code in line_of_barcode:
                problems.append(f"duplicate barcode {raw} (also on line {line_of_barcode[code]})")
                continue
            line_of_barcode[code] = line
            barcodes.append(code)
        if problems:
            errors.extend(RowError(line, problem) for problem in problems)
            continue
        rows.append(
            CatalogRow(
                line=line,
                sku=sku,
                name=cells["name"],
                variant=cells.get("variant", ""),
                maker=cells["maker"],
                tax_class=cells["tax_class"],
                price=price,
                category=cells.get("category", ""),
                barcodes=tuple(barcodes),
            )
        )
    if errors:
        raise CatalogImportError(errors)
    if not rows:
        raise CatalogImportError([RowError(line, "the file has no product rows")])
    return rows
