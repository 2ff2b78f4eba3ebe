"""What the sync tests do on an enrolled till, as a person and the sync would: sell by scanning, then sync;
and what its outbox holds, as a push sends it."""

from __future__ import annotations

from app.domain.tenders import Tender, TenderKind
from app.services import carts
from app.services.selling import CompleteSale, SaleCompleted, complete_sale
from app.services.syncing import push_record_of, sync_once
from sync.protocol import PushRecord
from tests.sync.conftest import EnrolledTill

# The manager and the cashier tests/sync/conftest.py adds to a till travel to the hub at its first sync.
STAFF_RECORDS = 2


def outbox_records(till: EnrolledTill) -> list[PushRecord]:
    with till.till.uow() as uow:
        return [push_record_of(record) for record in uow.outbox.records()]


def sell(till: EnrolledTill, *codes: str) -> SaleCompleted:
    """A sale of the scanned ``codes`` by the till's cashier, paid by card."""
    cart_id = carts.current_cart(till.cashier, till.till.uow()).cart.cart_id
    state = None
    for code in codes:
        state = carts.scan(cart_id, code, till.cashier, till.till.uow())
    assert state is not None
    tender = Tender(TenderKind.CARD, state.priced.total, "TRM-1")
    return complete_sale(CompleteSale(cart_id, till.cashier, (tender,)), till.till.uow())


def sync(till: EnrolledTill) -> None:
    """One push and pull, as the till's sync runs it."""
    sync_once(till.till.uow, till.till.data_dir / "sync.lock")
