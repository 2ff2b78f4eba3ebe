"""Reading a catalog CSV into product rows: the one set of rules that the till and the hub both apply.

A catalog import is all or nothing: ``read_catalog_csv`` (or ``decode_csv``
then ``parse_catalog_csv``) reads every row, collects every problem with its
line number, and returns rows only when there is none. The caller adds the
checks that need its store (a barcode already used by another product) before
writing anything.

Product codes: a numeric code of 8, 12 or 13 digits is read as a GTIN (EAN-8,
UPC-A, EAN-13) and must carry a valid check digit, since a scanner that
misread one digit would otherwise ring up another product. UPC-A is kept in
its EAN-13 form (a leading zero) so that a product labelled in either form is
found by both.

Prices are read digit by digit into integer minor units, refusing more
decimals than the currency has, so "12.345 EUR" is an error rather than a
silent rounding.

Plain Python and Babel only (an import-linter contract holds it to that): the
hub must not depend on the till's app, nor the till's domain on a web stack.
"""

from __future__ import annotations

import csv
import io
import re
from collections.abc import Collection, Iterable, Iterator
from dataclasses import dataclass
from enum import StrEnum
from typing import TYPE_CHECKING, NamedTuple

from babel.numbers import get_currency_precision

from sync.custom_lines import CUSTOM_SKU_PREFIX
from sync.texts import N_, _

if TYPE_CHECKING:
    import _csv

REQUIRED_COLUMNS = ("sku", "name", "maker", "tax_class", "price")
OPTIONAL_COLUMNS = ("variant", "barcodes", "category")


class BadValue(ValueError):
    """A code or an amount that is malformed; ``str()`` is the message for the person who typed or scanned it."""


class LineMessage(NamedTuple):
    """A problem or a warning about one line of a file (the line a row starts on)."""

    line: int
    message: str

    def __str__(self) -> str:
        return _("line {line}: {message}").format(line=self.line, message=self.message)


class CatalogRejected(ValueError):
    """The file was refused; ``problems`` lists every reason with its line, in file order."""

    def __init__(self, problems: list[LineMessage]) -> None:
        super().__init__(problems)
        self.problems = problems

    def __str__(self) -> str:
        listed = "\n".join(f"  {problem}" for problem in self.problems)
        summary = _("The catalog was not imported: {count} problem(s). Fix them and import again.")
        return f"{summary.format(count=len(self.problems))}\n{listed}"


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


# Product codes

_INTERNAL_CODE = re.compile(r"^[A-Za-z0-9][A-Za-z0-9._/-]{0,39}$")


class CodeKind(StrEnum):
    EAN13 = "EAN-13"
    UPCA = "UPC-A"
    EAN8 = "EAN-8"
    INTERNAL = "internal"


_GTIN_KINDS = {8: CodeKind.EAN8, 12: CodeKind.UPCA, 13: CodeKind.EAN13}


def gtin_check_digit(body: str) -> int:
    """Check digit for the digits of a GTIN without its last digit (GS1 mod 10)."""
    # Weights 3, 1, 3, ... from the right. Summed per weight, as bytes (each digit its code, 48 + the digit):
    # a first pull normalises 100,000 barcodes, and int() per digit took three times as long.
    digits = body[::-1].encode()
    weighted, plain = digits[0::2], digits[1::2]
    return -(3 * (sum(weighted) - 48 * len(weighted)) + sum(plain) - 48 * len(plain)) % 10


def classify(code: str) -> CodeKind:
    # isdigit() alone is true for '²' or Arabic-Indic digits, which are no GTIN.
    if code.isascii() and code.isdigit():
        return _GTIN_KINDS.get(len(code), CodeKind.INTERNAL)
    return CodeKind.INTERNAL


def normalize_code(raw: str) -> str:
    """Validate a scanned or typed code and return the form the catalog stores.

    Raises :class:`BadValue` with a message for the person scanning.
    """
    code = raw.strip()
    if not code:
        raise BadValue(_("The code is empty: scan the barcode again or type the SKU."))
    kind = classify(code)
    if kind is CodeKind.INTERNAL:
        if not _INTERNAL_CODE.match(code):
            raise BadValue(
                _(
                    "'{code}' is not a product code: codes use letters, digits, '.', '_', '/' or '-' (up to "
                    "40). Scan again or type the SKU."
                ).format(code=code)
            )
        return code
    if gtin_check_digit(code[:-1]) != int(code[-1]):
        raise BadValue(
            _(
                "'{code}' is not a valid {value} barcode (wrong check digit): it was probably misread, scan it again."
            ).format(code=code, value=kind.value)
        )
    return "0" + code if kind is CodeKind.UPCA else code


def split_barcodes(cell: str) -> list[str]:
    return [code for code in cell.replace("|", " ").replace(";", " ").split() if code]


# Amounts


def currency_exponent(currency: str) -> int:
    """Number of decimals of the currency's minor unit (EUR 2, JPY 0, BHD 3), as Babel formats it."""
    return int(get_currency_precision(currency))


# Digits with at most one decimal separator, as typed at a till or found in a
# spreadsheet. ``Decimal`` alone would also take "1e3", "1_000" and non-ASCII
# digits, and round anything past 28 digits without a word.
_AMOUNT = re.compile(r"([+-]?)(\d*)(?:\.(\d*))?", re.ASCII)
# Far above any price or payment, and far below what SQLite's 64-bit integers
# hold even once multiplied by a quantity and summed over a sale.
MAX_MINOR_DIGITS = 12


def parse_minor(text: str, currency: str) -> int:
    """An amount typed in major units ("12.50", "12,50", "12") as minor units; raises :class:`BadValue`."""
    cleaned = text.strip().replace(" ", "").replace(",", ".")
    match = _AMOUNT.fullmatch(cleaned)
    if match is None or not (match.group(2) or match.group(3)):
        raise BadValue(_("'{text}' is not an amount: type digits such as 12.50.").format(text=text))
    sign, whole, fraction = match.group(1), match.group(2), match.group(3) or ""
    exponent = currency_exponent(currency)
    if len(fraction.rstrip("0")) > exponent:
        raise BadValue(
            _("'{text}' has more than {exponent} decimals, which {currency} does not have.").format(
                text=text, exponent=exponent, currency=currency
            )
        )
    digits = (whole + fraction.ljust(exponent, "0")[:exponent]).lstrip("0")
    if len(digits) > MAX_MINOR_DIGITS:
        raise BadValue(_("'{text}' is too large for an amount: check the number.").format(text=text))
    minor = int(digits or "0")
    return -minor if sign == "-" else minor


# The file

# Enough of the text around a bad byte to find it by eye in the file.
_CONTEXT_CHARS = 12


def _encoding_problem(error: UnicodeDecodeError) -> LineMessage:
    """Where the first byte that is not UTF-8 sits, counted as a text editor shows it."""
    # The decoder stopped at the first bad byte, so everything before it is valid
    # UTF-8; ``object`` is the data after any BOM, which no editor shows as a character.
    before = error.object[: error.start].decode("utf-8")
    # Line ends as csv and newline="" count them: LF, CRLF and a bare CR.
    line = 1 + before.count("\n") + before.count("\r") - before.count("\r\n")
    line_before = before[max(before.rfind("\n"), before.rfind("\r")) + 1 :]
    column = len(line_before) + 1
    # A character is at most 4 bytes: enough bytes to know whether one more follows the context.
    after = error.object[error.end : error.end + 4 * (_CONTEXT_CHARS + 1)].decode("utf-8", errors="replace")
    line_after = re.split(r"[\r\n]", after, maxsplit=1)[0].replace("\ufffd", "?")
    near = (
        ("..." if len(line_before) > _CONTEXT_CHARS else "")
        + line_before[-_CONTEXT_CHARS:]
        + "?"
        + line_after[:_CONTEXT_CHARS]
        + ("..." if len(line_after) > _CONTEXT_CHARS else "")
    )
    return LineMessage(
        line,
        _(
            "the byte {byte} in column {column} is not UTF-8 (near \"{near}\"): save it as 'CSV UTF-8' and import again"
        ).format(byte=f"0x{error.object[error.start]:02X}", column=column, near=near),
    )


def decode_csv(data: bytes) -> str:
    """The file's text, without a UTF-8 BOM; raises :class:`CatalogRejected` naming the first byte that is not UTF-8."""
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError as error:
        raise CatalogRejected([_encoding_problem(error)]) from None


def _rows(reader: _csv.Reader, problems: list[LineMessage]) -> Iterator[tuple[int, list[str]]]:
    """Each non-blank row with the line it starts on, until the file stops being CSV (a problem at that line).

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
        problems.append(
            LineMessage(
                reader.line_num,
                _("the file cannot be read from here on ({error}): check the quotes").format(error=error),
            )
        )


def parse_catalog_csv(text: str, currency: str, tax_classes: Collection[str]) -> list[CatalogRow]:
    """Every product row of a catalog's text, prices in minor units of ``currency``; raises :class:`CatalogRejected`."""
    # newline="" lets the csv module see the line ends itself, so files saved with
    # bare CR line ends (old Excel for Mac) read as well as CRLF and LF ones.
    # Excel in German, French or Swiss settings separates cells with ";".
    header_line = io.StringIO(text, newline="").readline()
    delimiter = ";" if header_line.count(";") > header_line.count(",") else ","
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=delimiter)
    problems: list[LineMessage] = []
    first = next(_rows(reader, problems), None)
    if first is None:
        needed = ", ".join(REQUIRED_COLUMNS)
        raise CatalogRejected(
            problems
            or [
                LineMessage(
                    1, _("the file is empty: it needs a header ({needed}) and product rows").format(needed=needed)
                )
            ]
        )
    line, header_cells = first
    header = [name.strip().lower() for name in header_cells]
    missing = [column for column in REQUIRED_COLUMNS if column not in header]
    if missing:
        needed = ", ".join(REQUIRED_COLUMNS)
        raise CatalogRejected(
            [
                LineMessage(
                    line,
                    _("missing column(s): {missing} (the header needs {needed})").format(
                        missing=", ".join(missing), needed=needed
                    ),
                )
            ]
        )
    rows: list[CatalogRow] = []
    line_of_sku: dict[str, int] = {}
    line_of_barcode: dict[str, int] = {}
    for line, cells_in_order in _rows(reader, problems):
        if len(cells_in_order) > len(header):
            problems.append(LineMessage(line, _("more cells than columns: check for a stray comma")))
            continue
        record = dict(zip(header, cells_in_order, strict=False))
        cells = {column: record.get(column, "").strip() for column in header}
        if not any(cells.values()):
            continue
        row_problems: list[str] = []
        for column in ("sku", "name", "maker"):
            if not cells[column]:
                row_problems.append(_("{column} is empty").format(column=column))
        sku = cells["sku"]
        if sku:
            try:
                sku = normalize_code(sku)
            except BadValue as error:
                row_problems.append(_("bad sku: {error}").format(error=error))
            if sku.upper().startswith(CUSTOM_SKU_PREFIX):
                row_problems.append(
                    _("sku {sku} starts with {prefix}, kept for amounts typed at the counter: choose another").format(
                        sku=sku, prefix=CUSTOM_SKU_PREFIX
                    )
                )
            if sku in line_of_sku:
                row_problems.append(_("sku {sku} is already on line {line}").format(sku=sku, line=line_of_sku[sku]))
            line_of_sku.setdefault(sku, line)
        price = 0
        try:
            price = parse_minor(cells["price"], currency)
            if price < 0:
                row_problems.append(_("bad price '{price}': a price cannot be negative").format(price=cells["price"]))
        except BadValue as error:
            row_problems.append(_("bad price: {error}").format(error=error))
        if cells["tax_class"] not in tax_classes:
            known = ", ".join(sorted(tax_classes))
            row_problems.append(
                _("unknown tax class '{tax_class}' (known: {known})").format(tax_class=cells["tax_class"], known=known)
            )
        barcodes: list[str] = []
        for raw in split_barcodes(cells.get("barcodes", "")):
            try:
                code = normalize_code(raw)
            except BadValue as error:
                row_problems.append(_("bad barcode: {error}").format(error=error))
                continue
            if code in line_of_barcode:
                row_problems.append(
                    _("duplicate barcode {code} (also on line {line})").format(code=raw, line=line_of_barcode[code])
                )
                continue
            line_of_barcode[code] = line
            barcodes.append(code)
        if row_problems:
            problems.extend(LineMessage(line, problem) for problem in row_problems)
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
    if problems:
        raise CatalogRejected(problems)
    if not rows:
        raise CatalogRejected([LineMessage(line, _("the file has no product rows"))])
    return rows


def read_catalog_csv(data: bytes, currency: str, tax_classes: Collection[str]) -> list[CatalogRow]:
    """A catalog file as uploaded, all or nothing: :func:`decode_csv` then :func:`parse_catalog_csv`."""
    return parse_catalog_csv(decode_csv(data), currency, tax_classes)


# Warnings

# A spreadsheet that opens a CSV file runs a cell starting with one of these as
# a formula (OWASP "CSV injection"); some drop a leading tab or CR first. The
# till's CSV exports neutralize such cells by this same list (app/store/reports.py).
FORMULA_STARTS = {"=": "'='", "+": "'+'", "-": "'-'", "@": "'@'", "\t": N_("a tab"), "\r": N_("a carriage return")}


def formula_warnings(rows: Iterable[CatalogRow]) -> list[LineMessage]:
    """Free-text cells a spreadsheet would run as a formula: worth a warning, never a reason to refuse the file."""
    warnings: list[LineMessage] = []
    for row in rows:
        free_text = (("name", row.name), ("variant", row.variant), ("maker", row.maker), ("category", row.category))
        for field, value in free_text:
            start = FORMULA_STARTS.get(value[:1])
            if start is not None:
                warnings.append(
                    LineMessage(
                        row.line,
                        _("the {field} starts with {start} — a spreadsheet would run it as a formula").format(
                            field=field, start=_(start)
                        ),
                    )
                )
    return warnings
