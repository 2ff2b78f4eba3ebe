"""The hub's ``voucher`` change applied on a till: the voucher becomes known here, with what other tills spent.

Offline, a till takes a voucher up to the balance it last pulled less its own
redemptions since (app/store/vouchers.py counts each sale once: its own sales
come back in the hub's ledger too).
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from app.domain.errors import RuleViolation
from app.domain.texts import _
from app.store.unit_of_work import UnitOfWork
from app.store.vouchers import LedgerEntry
from sync.records import ChangeKind, VoucherChanged, parse_change
from sync.records.vouchers import MARKETPLACE

VOUCHER_CHANGE_KINDS = frozenset({ChangeKind.VOUCHER.value})


def apply_voucher_change(uow: UnitOfWork, key: str, data: Mapping[str, Any]) -> None:
    change = parse_change(ChangeKind.VOUCHER, key, data)
    if not isinstance(change, VoucherChanged):
        raise TypeError(f"a voucher change parsed as {type(change).__name__}")
    known = uow.vouchers.known(change.code)
    if known is None:
        source = MARKETPLACE if change.issued_by == MARKETPLACE else f"till {change.issued_by}"
        uow.vouchers.issue(
            change.code,
            change.currency,
            change.amount,
            f"{source}: {change.note}" if change.note else source,
            None,
            change.issued_at,
            voucher_id=change.voucher_id,
        )
    elif (known.voucher_id, known.currency, known.amount) != (change.voucher_id, change.currency, change.amount):
        raise RuleViolation(
            _(
                "The hub's voucher {code} is not the voucher of that code on this till: "
                "the hub's entry is set aside, tell the manager."
            ).format(code=change.code)
        )
    uow.vouchers.add_to_ledger(
        change.code, (LedgerEntry(r.sale_id, r.amount, r.till_code, r.at) for r in change.redemptions)
    )
