"""Returns as facts, and what other tills sold and took back (pulled from the hub)."""

from __future__ import annotations

import json
from dataclasses import astuple, dataclass, fields
from typing import Any

from sqlalchemy import Connection, Select, func, select

from app.domain.ids import new_id
from app.store.database import driver
from app.store.pulled_figures import save_pulled_return, save_pulled_sale
from app.store.schema import (
    foreign_returns,
    foreign_sales,
    return_lines,
    return_refunds,
    returns,
    sale_tenders,
    sales,
)


@dataclass(frozen=True, slots=True)
class ReturnLineWrite:
    line_no: int | None
    product_id: str
    sku: str
    name: str
    maker_name: str
    quantity: int
    refund: int
    reason: str
    disposition: str


@dataclass(frozen=True, slots=True)
class RefundWrite:
    kind: str
    amount: int
    tender_index: int | None
    reference: str
    voucher_code: str | None = None


@dataclass(frozen=True, slots=True)
class ReturnWrite:
    return_id: str
    return_no: str
    return_seq: int
    till_id: str
    event_id: str
    staff_id: str
    sale_id: str | None
    receipt_no: str | None
    created_at: str
    currency: str
    refund_total: int
    rounding: int
    approved_by: str | None
    no_receipt: bool
    lines: tuple[ReturnLineWrite, ...]
    refunds: tuple[RefundWrite, ...]
    exchange_sale_id: str | None = None
    cash_session_id: str | None = None


@dataclass(frozen=True, slots=True)
class ReturnedSoFar:
    """What earlier returns (this till's and other tills') took from one sale."""

    quantities: dict[int, int]
    refunds: dict[int, int]
    tender_refunds: dict[int, int]


@dataclass(frozen=True, slots=True)
class ReturnRow:
    return_id: str
    return_no: str
    created_at: str
    receipt_no: str | None
    refund_total: int
    no_receipt: bool
    lines: tuple[ReturnLineWrite, ...]


class ReturnRepository:
    def __init__(self, connection: Connection) -> None:
        self._connection = connection

    def next_sequence(self, till_id: str) -> int:
        last = self._connection.scalar(select(func.max(returns.c.return_seq)).where(returns.c.till_id == till_id))
        return int(last or 0) + 1

    def add(self, record: ReturnWrite) -> None:
        db = driver(self._connection)
        db.execute(
            "INSERT INTO returns (id, return_no, return_seq, till_id, event_id, staff_id, sale_id, receipt_no,"
            " created_at, currency, refund_total, rounding, approved_by, no_receipt, exchange_sale_id, cash_session_id)"
            " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
            (
                record.return_id,
                record.return_no,
                record.return_seq,
                record.till_id,
                record.event_id,
                record.staff_id,
                record.sale_id,
                record.receipt_no,
                record.created_at,
                record.currency,
                record.refund_total,
                record.rounding,
                record.approved_by,
                int(record.no_receipt),
                record.exchange_sale_id,
                record.cash_session_id,
            ),
        )
        db.executemany(
            "INSERT INTO return_lines (id, return_id, line_no, product_id, sku, name, maker_name, quantity, refund,"
            " reason, disposition) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
            # The columns follow ReturnLineWrite's fields, in order.
            [(new_id(), record.return_id, *astuple(line)) for line in record.lines],
        )
        db.executemany(
            "INSERT INTO return_refunds (id, return_id, kind, amount, tender_index, reference, voucher_code)"
            " VALUES (?, ?, ?, ?, ?, ?, ?)",
            [
                (
                    new_id(),
                    record.return_id,
                    refund.kind,
                    refund.amount,
                    refund.tender_index,
                    refund.reference,
                    refund.voucher_code,
                )
                for refund in record.refunds
            ],
        )

    def returned_so_far(self, sale_id: str) -> ReturnedSoFar:
        quantities: dict[int, int] = {}
        refunds: dict[int, int] = {}
        tender_refunds: dict[int, int] = {}
        ids = [row.id for row in self._connection.execute(select(returns.c.id).where(returns.c.sale_id == sale_id))]
        for line in self._connection.execute(select(return_lines).where(return_lines.c.return_id.in_(ids))):
            if line.line_no is not None:
                quantities[line.line_no] = quantities.get(line.line_no, 0) + line.quantity
                refunds[line.line_no] = refunds.get(line.line_no, 0) + line.refund
        for refund in self._connection.execute(select(return_refunds).where(return_refunds.c.return_id.in_(ids))):
            if refund.tender_index is not None:
                tender_refunds[refund.tender_index] = tender_refunds.get(refund.tender_index, 0) + refund.amount
        for row in self._connection.execute(select(foreign_returns).where(foreign_returns.c.sale_id == sale_id)):
            payload = json.loads(row.payload)
            for line in payload["lines"]:
                if line["line_no"] is not None:
                    quantities[line["line_no"]] = quantities.get(line["line_no"], 0) + line["quantity"]
                    refunds[line["line_no"]] = refunds.get(line["line_no"], 0) + line["refund"]
            for refund in payload["refunds"]:
                if refund["tender_index"] is not None:
                    index = refund["tender_index"]
                    tender_refunds[index] = tender_refunds.get(index, 0) + refund["amount"]
        return ReturnedSoFar(quantities, refunds, tender_refunds)

    def no_receipt_total(self) -> int:
        """What returns without a receipt refunded at this event, on this till and the ones pulled."""
        local = self._connection.scalar(
            select(func.coalesce(func.sum(returns.c.refund_total), 0)).where(returns.c.no_receipt == 1)
        )
        pulled = sum(
            int(json.loads(payload)["refund_total"])
            for payload in self._connection.scalars(
                select(foreign_returns.c.payload).where(foreign_returns.c.sale_id.is_(None))
            )
        )
        return int(local or 0) + pulled

    def get(self, return_id: str) -> ReturnRow | None:
        found = self._rows(select(returns).where(returns.c.id == return_id))
        return found[0] if found else None

    def recent(self, limit: int) -> list[ReturnRow]:
        return self._rows(select(returns).order_by(returns.c.created_at.desc()).limit(limit))

    def _rows(self, query: Select[Any]) -> list[ReturnRow]:
        rows = self._connection.execute(query).all()
        lines: dict[str, list[ReturnLineWrite]] = {}
        for line in self._connection.execute(
            select(return_lines).where(return_lines.c.return_id.in_([row.id for row in rows]))
        ):
            lines.setdefault(line.return_id, []).append(
                ReturnLineWrite(*(getattr(line, field.name) for field in fields(ReturnLineWrite)))
            )
        return [
            ReturnRow(
                row.id,
                row.return_no,
                row.created_at,
                row.receipt_no,
                row.refund_total,
                bool(row.no_receipt),
                tuple(lines.get(row.id, [])),
            )
            for row in rows
        ]

    def refunds(self, return_id: str) -> list[RefundWrite]:
        rows = self._connection.execute(
            select(return_refunds).where(return_refunds.c.return_id == return_id).order_by(return_refunds.c.id)
        )
        return [RefundWrite(r.kind, r.amount, r.tender_index, r.reference, r.voucher_code) for r in rows]

    # Other tills

    def save_foreign_sale(self, payload: dict[str, Any]) -> None:
        saved = driver(self._connection).execute(
            "INSERT OR IGNORE INTO foreign_sales (sale_id, receipt_no, created_at, total, payload)"
            " SELECT ?, ?, ?, ?, ? WHERE NOT EXISTS (SELECT 1 FROM sales WHERE id = ?)",
            (
                payload["sale_id"],
                payload["receipt_no"],
                payload["created_at"],
                payload["total"],
                json.dumps(payload),
                payload["sale_id"],
            ),
        )
        if saved.rowcount:
            save_pulled_sale(driver(self._connection), payload)

    def save_foreign_return(self, payload: dict[str, Any]) -> None:
        saved = driver(self._connection).execute(
            "INSERT OR IGNORE INTO foreign_returns (return_id, sale_id, payload)"
            " SELECT ?, ?, ? WHERE NOT EXISTS (SELECT 1 FROM returns WHERE id = ?)",
            (payload["return_id"], payload.get("sale_id"), json.dumps(payload), payload["return_id"]),
        )
        if saved.rowcount:
            save_pulled_return(driver(self._connection), payload)

    def foreign_sale(self, sale_id: str | None = None, receipt_no: str | None = None) -> dict[str, Any] | None:
        query = select(foreign_sales.c.payload)
        query = (
            query.where(foreign_sales.c.sale_id == sale_id)
            if sale_id
            else query.where(foreign_sales.c.receipt_no == receipt_no)
        )
        payload = self._connection.scalar(query)
        return json.loads(payload) if payload else None

    def find_sales(self, day: str | None, amount: int | None, card_reference: str | None, limit: int) -> list[str]:
        """Ids of sales (this till's and pulled ones) matching every criterion given, newest first."""
        query = select(sales.c.id, sales.c.created_at)
        if day:
            query = query.where(sales.c.created_at.startswith(day))
        if amount is not None:
            query = query.where(sales.c.total == amount)
        if card_reference:
            query = query.where(
                sales.c.id.in_(
                    select(sale_tenders.c.sale_id).where(
                        sale_tenders.c.kind == "card", sale_tenders.c.reference.ilike(f"%{card_reference}%")
                    )
                )
            )
        found = [(row.created_at, row.id) for row in self._connection.execute(query.limit(limit))]
        pulled = select(foreign_sales)
        if day:
            pulled = pulled.where(foreign_sales.c.created_at.startswith(day))
        if amount is not None:
            pulled = pulled.where(foreign_sales.c.total == amount)
        for row in self._connection.execute(pulled.limit(limit)):
            if card_reference and not any(
                tender["kind"] == "card" and card_reference.lower() in tender["reference"].lower()
                for tender in json.loads(row.payload)["tenders"]
            ):
                continue
            found.append((row.created_at, row.sale_id))
        return [sale_id for _, sale_id in sorted(found, reverse=True)[:limit]]
