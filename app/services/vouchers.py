"""Store credit: issuing vouchers and reading their balance."""

from __future__ import annotations

from dataclasses import dataclass

from app.domain.clock import now_iso
from app.domain.errors import InvalidInput, NotFound, RuleViolation
from app.domain.staff import Permission
from app.domain.texts import _
from app.domain.vouchers import new_voucher_code, normalize_voucher_code
from app.services.audited_records import queue_audited
from app.services.authorization import require
from app.services.records import voucher_record
from app.store.unit_of_work import UnitOfWork
from app.store.vouchers import VoucherBalance
from sync.records import RecordType


@dataclass(frozen=True, slots=True)
class VoucherIssued:
    code: str
    amount: int
    currency: str


def issue_voucher(amount: int, reason: str, staff_id: str, uow: UnitOfWork) -> VoucherIssued:
    if amount <= 0:
        raise InvalidInput(_("A voucher is worth more than zero: type its amount."))
    if not reason.strip():
        raise InvalidInput(_("Say why the voucher is issued (e.g. goodwill, prize)."))
    with uow:
        require(uow, staff_id, Permission.ISSUE_VOUCHER)
        till = uow.tills.this_till()
        event = uow.tills.event(till.event_id)
        code = new_voucher_code()
        at = now_iso()
        voucher_id = uow.vouchers.issue(code, event.currency, amount, reason.strip(), staff_id, at)
        queue_audited(
            uow,
            voucher_record(voucher_id, code, event.currency, amount, at),
            till_id=till.till_id,
            staff_id=staff_id,
            action=RecordType.VOUCHER_ISSUED,
            subject=voucher_id,
            details={"amount": amount, "reason": reason.strip()},
        )
        uow.commit()
    return VoucherIssued(code, amount, event.currency)


def voucher_balance(code: str, uow: UnitOfWork) -> VoucherBalance:
    normalized = normalize_voucher_code(code)
    with uow.for_reading():
        balance = uow.vouchers.balance(normalized)
    if balance is None:
        raise NotFound(
            _("Voucher {normalized} is not known on this till: check the code, or sync and retry.").format(
                normalized=normalized
            )
        )
    return balance


@dataclass(frozen=True, slots=True)
class VoucherUsable:
    """A voucher that can pay at this till now, with what it still holds."""

    code: str
    remaining: int
    currency: str


def voucher_for_payment(code: str, uow: UnitOfWork) -> VoucherUsable:
    """Checked as it is added to a payment, so a wrong or spent voucher is refused before Complete.

    The sale checks again in its own transaction: another till may spend the
    voucher in between.
    """
    if not code.strip():
        raise InvalidInput(_("Scan or type the voucher code first."))
    normalized = normalize_voucher_code(code)
    with uow.for_reading():
        balance = uow.vouchers.balance(normalized)
        event = uow.tills.event(uow.tills.this_till().event_id)
    if balance is None:
        raise NotFound(
            _("Voucher {normalized} is not known on this till: check the code, or sync and retry.").format(
                normalized=normalized
            )
        )
    if balance.currency != event.currency:
        raise RuleViolation(
            _("Voucher {normalized} is in {currency}, not {currency_2}: it cannot pay here.").format(
                normalized=normalized, currency=balance.currency, currency_2=event.currency
            )
        )
    if balance.remaining <= 0:
        raise RuleViolation(
            _("Voucher {normalized} is used up: nothing is left on it. Take another payment.").format(
                normalized=normalized
            )
        )
    return VoucherUsable(normalized, balance.remaining, balance.currency)
