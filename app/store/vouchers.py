"""Vouchers (store credit) and what has been spent from them, here and, as the hub's ledger says, on other tills."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

from sqlalchemy import Connection, func, select
from sqlalchemy.dialects.sqlite import insert

from app.domain.ids import new_id
from app.store.schema import voucher_ledger, voucher_redemptions, vouchers


@dataclass(frozen=True, slots=True)
class VoucherBalance:
    code: str
    currency: str
    issued: int
    spent: int

    @property
    def remaining(self) -> int:
        return self.issued - self.spent


@dataclass(frozen=True, slots=True)
class KnownVoucher:
    code: str
    voucher_id: str
    currency: str
    amount: int


@dataclass(frozen=True, slots=True)
class LedgerEntry:
    """A sale's use of a voucher as the hub's ledger has it (this till's own sales come back in it too)."""

    sale_id: str
    amount: int
    till_code: str
    at: str


class VoucherRepository:
    def __init__(self, connection: Connection) -> None:
        self._connection = connection

    def issue(
        self,
        code: str,
        currency: str,
        amount: int,
        source: str,
        issued_by: str | None,
        at: str,
        voucher_id: str | None = None,
        sale_id: str | None = None,
    ) -> str:
        """A voucher issued here (``voucher_id`` None: a new id) or elsewhere and learnt from the hub's feed."""
        voucher_id = voucher_id or new_id()
        self._connection.execute(
            vouchers.insert().values(
                code=code,
                id=voucher_id,
                currency=currency,
                amount=amount,
                source=source,
                issued_by=issued_by,
                issued_at=at,
                sale_id=sale_id,
            )
        )
        return voucher_id

    def sold_on(self, sale_id: str) -> list[tuple[str, int]]:
        """(code, amount) of each gift card sold on ``sale_id``, in the order they were issued."""
        rows = self._connection.execute(
            select(vouchers.c.code, vouchers.c.amount)
            .where(vouchers.c.sale_id == sale_id)
            .order_by(vouchers.c.issued_at, vouchers.c.code)
        )
        return [(row.code, row.amount) for row in rows]

    def known(self, code: str) -> KnownVoucher | None:
        row = self._connection.execute(
            select(vouchers.c.code, vouchers.c.id, vouchers.c.currency, vouchers.c.amount).where(
                vouchers.c.code == code
            )
        ).first()
        return None if row is None else KnownVoucher(row.code, row.id, row.currency, row.amount)

    def balance(self, code: str) -> VoucherBalance | None:
        """Issued less what every sale took, each sale once: this till's own, and the others' the hub told of."""
        row = self._connection.execute(select(vouchers).where(vouchers.c.code == code)).first()
        if row is None:
            return None
        own = select(voucher_redemptions.c.sale_id).where(voucher_redemptions.c.voucher_code == code)
        spent_here = self._connection.scalar(
            select(func.coalesce(func.sum(voucher_redemptions.c.amount), 0)).where(
                voucher_redemptions.c.voucher_code == code
            )
        )
        spent_elsewhere = self._connection.scalar(
            select(func.coalesce(func.sum(voucher_ledger.c.amount), 0)).where(
                voucher_ledger.c.voucher_code == code, voucher_ledger.c.sale_id.not_in(own)
            )
        )
        return VoucherBalance(row.code, row.currency, row.amount, int(spent_here or 0) + int(spent_elsewhere or 0))

    def redeem(self, code: str, sale_id: str, amount: int, at: str) -> None:
        self._connection.execute(
            voucher_redemptions.insert().values(
                id=new_id(), voucher_code=code, sale_id=sale_id, amount=amount, created_at=at
            )
        )

    def add_to_ledger(self, code: str, entries: Iterable[LedgerEntry]) -> None:
        """The hub's ledger entries of ``code``; an entry already known stays as it was (the ledger only grows)."""
        rows = [
            {"voucher_code": code, "sale_id": e.sale_id, "amount": e.amount, "till_code": e.till_code, "at": e.at}
            for e in entries
        ]
        if rows:
            self._connection.execute(insert(voucher_ledger).on_conflict_do_nothing(), rows)
