"""Makers, products, tax classes, and reading a catalog CSV.

A catalog import is all or nothing: ``parse_catalog_csv`` reads every row,
collects every problem with its line number, and returns rows only when there
is none. The caller adds the checks that need the store (a barcode already
used by another product) before writing anything.
"""

from __future__ import annotations

import csv
import io
import re
from collections.abc import Iterator, Mapping
from dataclasses import dataclass, field
from decimal import Decimal
from typing import Any

from app.domain.barcodes import normalize_code
from app.domain.errors import InvalidInput, PosError
from app.domain.money import parse_minor

REQUIRED_COLUMNS = ("sku", "name", "maker", "tax_class", "price")
OPTIONAL_COLUMNS = ("variant", "barcodes", "category")
_LINE_BREAK = re.compile(r"\r\n|\r|\n")


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


def _records(reader: csv.DictReader[str], errors: list[RowError]) -> Iterator[dict[str | Any, str | Any]]:
    """The rows the csv module reads, until the file stops being CSV (an error at that line)."""
    try:
        yield from reader
    except csv.Error as error:
        errors.append(RowError(reader.line_num, f"the file cannot be read from here on ({error}): check the quotes"))


def _line_breaks(record: Mapping[object, object]) -> int:
    cells: list[str] = []
    for value in record.values():
        if isinstance(value, list):
            cells.extend(value)
        elif isinstance(value, str):
            cells.append(value)
    return sum(len(_LINE_BREAK.findall(cell)) for cell in cells)


def parse_catalog_csv(text: str, currency: str, tax_classes: set[str]) -> list[CatalogRow]:
    # newline="" lets the csv module see the line ends itself, so files saved with
    # bare CR line ends (old Excel for Mac) read as well as CRLF and LF ones.
    reader = csv.DictReader(io.StringIO(text, newline=""))
    try:
        fieldnames = reader.fieldnames
    except csv.Error as error:
        raise CatalogImportError([RowError(1, f"the header cannot be read ({error}): check the quotes")]) from None
    if fieldnames is None:
        raise CatalogImportError(
            [RowError(1, f"the file is empty: it needs a header ({', '.join(REQUIRED_COLUMNS)}) and product rows")]
        )
    header = [name.strip().lower() for name in fieldnames]
    missing = [column for column in REQUIRED_COLUMNS if column not in header]
    if missing:
        raise CatalogImportError(
            [RowError(1, f"missing column(s): {', '.join(missing)} (the header needs {', '.join(REQUIRED_COLUMNS)})")]
        )
    reader.fieldnames = header
    rows: list[CatalogRow] = []
    errors: list[RowError] = []
    line_of_sku: dict[str, int] = {}
    line_of_barcode: dict[str, int] = {}
    line = 1
    for record in _records(reader, errors):
        # A quoted cell may span lines: report the line where the row starts.
        line = reader.line_num - _line_breaks(record)
        if None in record:
            errors.append(RowError(line, "more cells than columns: check for a stray comma"))
            continue
        cells = {key: (value or "").strip() for key, value in record.items()}
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
