"""Vouchers (store credit) and what has been spent from them."""

from __future__ import annotations

from dataclasses import dataclass

from sqlalchemy import Connection, func, select

from app.domain.ids import new_id
from app.store.schema import voucher_redemptions, vouchers


@dataclass(frozen=True, slots=True)
class VoucherBalance:
    code: str
    currency: str
    issued: int
    spent: int

    @property
    def remaining(self) -> int:
        return self.issued - self.spent


class VoucherRepository:
    def __init__(self, connection: Connection) -> None:
        self._connection = connection

    def issue(self, code: str, currency: str, amount: int, source: str, issued_by: str | None, at: str) -> str:
        voucher_id = new_id()
        self._connection.execute(
            vouchers.insert().values(
                code=code,
                id=voucher_id,
                currency=currency,
                amount=amount,
                source=source,
                issued_by=issued_by,
                issued_at=at,
            )
        )
        return voucher_id

    def balance(self, code: str) -> VoucherBalance | None:
        row = self._connection.execute(select(vouchers).where(vouchers.c.code == code)).first()
        if row is None:
            return None
        spent = self._connection.scalar(
            select(func.coalesce(func.sum(voucher_redemptions.c.amount), 0)).where(
                voucher_redemptions.c.voucher_code == code
            )
        )
        return VoucherBalance(row.code, row.currency, row.amount, int(spent or 0))

    def redeem(self, code: str, sale_id: str, amount: int, at: str) -> None:
        self._connection.execute(
            voucher_redemptions.insert().values(
                id=new_id(), voucher_code=code, sale_id=sale_id, amount=amount, created_at=at
            )
        )
