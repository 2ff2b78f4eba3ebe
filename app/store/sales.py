"""Completed sales with their lines and tenders."""

from __future__ import annotations

import json
from dataclasses import dataclass
from typing import Any

from sqlalchemy import Connection, Select, bindparam, func, select

from app.domain.cart import PricedLine
from app.domain.sales import CompletedSale
from app.store.database import driver
from app.store.schema import sale_lines, sale_tenders, sales


@dataclass(frozen=True, slots=True)
class SaleHeader:
    sale_id: str
    receipt_no: str
    created_at: str
    staff_id: str
    currency: str
    total: int
    change_given: int


@dataclass(frozen=True, slots=True)
class SoldLine:
    line_no: int
    product_id: str
    sku: str
    name: str
    variant: str
    maker_id: str
    maker_name: str
    tax_rate: str
    quantity: int
    catalog_unit_price: int
    unit_price: int
    discount: int
    tax: int
    total: int
    approved_by: str | None
    # The automatic prices, included in ``discount`` (migration 0021): 0 and None for a line without.
    markdown: int = 0
    markdown_id: str | None = None
    bundle: int = 0
    bundle_ids: tuple[str, ...] = ()


@dataclass(frozen=True, slots=True)
class PaidTender:
    kind: str
    amount: int
    tendered: int
    reference: str


@dataclass(frozen=True, slots=True)
class SaleDetail:
    """A completed sale as receipts, returns and reports read it."""

    header: SaleHeader
    till_id: str
    event_id: str
    prices_include_tax: bool
    subtotal: int
    discount_total: int
    tax_total: int
    rounding: int
    lines: tuple[SoldLine, ...]
    tenders: tuple[PaidTender, ...]


# Statements built once: SQLAlchemy then reuses their compiled form and cache
# key, which matters on the checkout path (one sale = a dozen statements).
_SALE_BY_CART = select(sales).where(sales.c.cart_id == bindparam("key"))
_SALE_BY_RECEIPT = select(sales).where(sales.c.receipt_no == bindparam("key"))
_SALE_BY_ID = select(sales).where(sales.c.id == bindparam("key"))
_INSERT_SALE = (
    "INSERT INTO sales (id, receipt_no, receipt_seq, till_id, event_id, staff_id, cart_id, created_at, currency,"
    " prices_include_tax, subtotal, discount_total, tax_total, total, rounding, change_given,"
    " cart_discount_approved_by, cash_session_id, stock_location)"
    " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)"
)
_INSERT_LINE = (
    "INSERT INTO sale_lines (sale_id, line_no, product_id, sku, name, variant, maker_id, maker_name, tax_class,"
    " tax_rate, quantity, catalog_unit_price, unit_price, line_discount, cart_discount_share, tax, total,"
    " approved_by, markdown, markdown_id, bundle, bundle_ids)"
    " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)"
)
_INSERT_TENDER = (
    "INSERT INTO sale_tenders (sale_id, tender_no, kind, amount, tendered, reference) VALUES (?, ?, ?, ?, ?, ?)"
)


# A sale's rows as the sales, sale_lines and sale_tenders tables hold them, after the sale's id: the one shape
# that the insert (SaleRepository.add) and the sale's fact hash (app/services/selling.py) both read.

# A line without a markdown or a bundle, in sale_lines' automatic columns (migration 0021).
_NO_AUTOMATIC: tuple[int, None, int, None] = (0, None, 0, None)


@dataclass(frozen=True, slots=True)
class SaleRows:
    """A sale's rows, each value taken once from the sale: the insert and the fact hash share them."""

    sale: tuple[Any, ...]
    # A line's own columns, from line_no to approved_by, then its automatic columns.
    lines: list[tuple[Any, ...]]
    automatic: list[tuple[Any, ...]]
    tenders: list[tuple[Any, ...]]

    @property
    def automatic_lines(self) -> list[tuple[Any, ...]]:
        """The lines a markdown or a bundle priced: (line_no, markdown, markdown_id, bundle, bundle_ids).

        The sale's fact hash covers them as a part of their own that is empty, and so
        left out, for a sale without automatic prices (app/domain/fact_digest.py).
        """
        return [
            (line[0], *automatic)
            for line, automatic in zip(self.lines, self.automatic, strict=True)
            if automatic is not _NO_AUTOMATIC
        ]


def sale_rows(sale: CompletedSale) -> SaleRows:
    priced, settlement = sale.priced, sale.settlement
    lines: list[tuple[Any, ...]] = []
    automatic: list[tuple[Any, ...]] = []
    for number, line in enumerate(priced.lines, start=1):
        sold = line.line
        item = sold.item
        lines.append(
            (
                number,
                item.product_id,
                item.sku,
                item.name,
                item.variant,
                item.maker_id,
                item.maker_name,
                item.tax_class,
                str(item.tax_rate),
                sold.quantity,
                item.unit_price,
                sold.unit_price,
                line.line_discount,
                line.cart_discount_share,
                line.tax,
                line.total,
                sold.approved_by,
            )
        )
        automatic.append(automatic_columns(line) if line.markdown or line.bundle else _NO_AUTOMATIC)
    header = (
        sale.receipt_no,
        sale.receipt_seq,
        sale.till_id,
        sale.event_id,
        sale.staff_id,
        priced.cart.cart_id,
        sale.created_at,
        sale.currency,
        int(priced.prices_include_tax),
        priced.subtotal,
        priced.discount_total,
        priced.tax_total,
        priced.total,
        settlement.rounding,
        settlement.change,
        priced.cart.discount_approved_by,
        sale.cash_session_id,
    )
    tenders = [(tender.kind.value, tender.amount, tender.tendered, tender.reference) for tender in settlement.tenders]
    return SaleRows(header, lines, automatic, tenders)


def automatic_columns(line: PricedLine) -> tuple[int, str | None, int, str | None]:
    """A line's markdown and bundle with their rules, as sale_lines keeps them (migration 0021)."""
    bundle_ids = json.dumps(list(line.bundle_ids), separators=(",", ":"), ensure_ascii=False) if line.bundle else None
    return (line.markdown, line.markdown_id if line.markdown else None, line.bundle, bundle_ids)


class SaleRepository:
    def __init__(self, connection: Connection) -> None:
        self._connection = connection

    def add(self, sale: CompletedSale, rows: SaleRows) -> None:
        """``rows`` are ``sale_rows(sale)``, which the caller hashes too."""
        db = driver(self._connection)
        sale_id = sale.sale_id
        db.execute(_INSERT_SALE, (sale_id, *rows.sale, sale.stock_location))
        db.executemany(
            _INSERT_LINE,
            [(sale_id, *line, *automatic) for line, automatic in zip(rows.lines, rows.automatic, strict=True)],
        )
        db.executemany(_INSERT_TENDER, [(sale_id, number, *row) for number, row in enumerate(rows.tenders, start=1)])

    def header_by_cart(self, cart_id: str) -> SaleHeader | None:
        return self._header(_SALE_BY_CART, cart_id)

    def header_by_receipt(self, receipt_no: str) -> SaleHeader | None:
        return self._header(_SALE_BY_RECEIPT, receipt_no)

    def detail(self, sale_id: str) -> SaleDetail | None:
        row = self._connection.execute(_SALE_BY_ID, {"key": sale_id}).first()
        if row is None:
            return None
        lines = self._connection.execute(
            select(sale_lines).where(sale_lines.c.sale_id == sale_id).order_by(sale_lines.c.line_no)
        )
        tenders = self._connection.execute(
            select(sale_tenders).where(sale_tenders.c.sale_id == sale_id).order_by(sale_tenders.c.tender_no)
        )
        return SaleDetail(
            header=SaleHeader(
                row.id, row.receipt_no, row.created_at, row.staff_id, row.currency, row.total, row.change_given
            ),
            till_id=row.till_id,
            event_id=row.event_id,
            prices_include_tax=bool(row.prices_include_tax),
            subtotal=row.subtotal,
            discount_total=row.discount_total,
            tax_total=row.tax_total,
            rounding=row.rounding,
            lines=tuple(
                SoldLine(
                    line.line_no,
                    line.product_id,
                    line.sku,
                    line.name,
                    line.variant,
                    line.maker_id,
                    line.maker_name,
                    line.tax_rate,
                    line.quantity,
                    line.catalog_unit_price,
                    line.unit_price,
                    line.line_discount + line.cart_discount_share + line.markdown + line.bundle,
                    line.tax,
                    line.total,
                    line.approved_by,
                    line.markdown,
                    line.markdown_id,
                    line.bundle,
                    tuple(json.loads(line.bundle_ids)) if line.bundle_ids else (),
                )
                for line in lines
            ),
            tenders=tuple(PaidTender(t.kind, t.amount, t.tendered, t.reference) for t in tenders),
        )

    def latest(self, limit: int) -> list[SaleHeader]:
        rows = self._connection.execute(select(sales).order_by(sales.c.receipt_seq.desc()).limit(limit))
        return [
            SaleHeader(row.id, row.receipt_no, row.created_at, row.staff_id, row.currency, row.total, row.change_given)
            for row in rows
        ]

    def count(self) -> int:
        return int(self._connection.scalar(select(func.count()).select_from(sales)) or 0)

    def _header(self, statement: Select[Any], key: str) -> SaleHeader | None:
        row = self._connection.execute(statement, {"key": key}).first()
        if row is None:
            return None
        return SaleHeader(
            row.id, row.receipt_no, row.created_at, row.staff_id, row.currency, row.total, row.change_given
        )
