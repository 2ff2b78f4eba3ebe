"""Recording demand on a real store file: any role may, refusals write nothing, the row is a fact whose
contact alone can be erased (docs/demand.md, migration 0025)."""

from __future__ import annotations

from pathlib import Path

import pytest
from sqlalchemy import text
from sqlalchemy.exc import DBAPIError

from app.domain.demand import DemandInput
from app.domain.errors import InvalidInput, NotFound
from app.domain.tenders import Tender, TenderKind
from app.services import carts
from app.services.demand import RecordDemand, apply_demand_change, demand_entries, record_demand
from app.services.event_report import event_report
from app.services.event_report_pdf import event_report_pdf
from app.services.selling import CompleteSale, complete_sale
from tests.conftest import DemoTill
from tests.integration.small_event import pdf_text
from tests.ui.counter_stock import pulled


def typed(sku: str | None = "ATE-001", **changes: object) -> DemandInput:
    values: dict[str, object] = {"item": "", "quantity": None, "note": "", "contact": "", "consent": False}
    values.update(changes)
    return DemandInput(sku=sku, **values)  # type: ignore[arg-type]


def counts(demo: DemoTill) -> tuple[int, int, int]:
    with demo.till.uow() as uow:
        connection = uow.connection
        return (
            int(connection.scalar(text("SELECT count(*) FROM demand_entries")) or 0),
            int(connection.scalar(text("SELECT count(*) FROM outbox WHERE type = 'demand.recorded'")) or 0),
            int(connection.scalar(text("SELECT count(*) FROM audit_log WHERE action = 'demand.recorded'")) or 0),
        )


def test_every_role_may_record_and_each_entry_is_one_transaction(demo: DemoTill) -> None:
    for staff_id in (demo.cashier, demo.clerk, demo.manager):
        record_demand(RecordDemand(staff_id, typed(quantity=2)), demo.till.uow())
    assert counts(demo) == (3, 3, 3)


@pytest.mark.parametrize(
    ("command", "error"),
    [
        (lambda demo: RecordDemand(demo.cashier, typed(contact="mia@example.ch")), InvalidInput),
        (lambda demo: RecordDemand(demo.cashier, typed(sku="NOPE-1")), NotFound),
        (lambda demo: RecordDemand("0190a1b2-0000-7000-8000-00000000dead", typed()), NotFound),
    ],
)
def test_a_refusal_writes_nothing(demo: DemoTill, command: object, error: type[Exception]) -> None:
    with pytest.raises(error):
        record_demand(command(demo), demo.till.uow())  # type: ignore[operator]
    assert counts(demo) == (0, 0, 0)


def test_only_the_contact_can_change_and_only_by_erasure(demo: DemoTill) -> None:
    taken = record_demand(RecordDemand(demo.cashier, typed(contact="mia@example.ch", consent=True)), demo.till.uow())
    for statement in (
        "UPDATE demand_entries SET quantity = 5",
        "UPDATE demand_entries SET contact = 'eve@example.ch'",
        "DELETE FROM demand_entries",
    ):
        with pytest.raises(DBAPIError), demo.till.uow() as uow:
            uow.connection.execute(text(statement))
    with demo.till.uow() as uow:
        apply_demand_change(
            uow,
            "demand_erasure",
            taken.demand_id,
            {"demand_id": taken.demand_id, "erased_at": "2026-12-06T09:00:00+00:00"},
        )
        uow.commit()
    (entry,) = demand_entries(demo.till.uow())
    assert (entry.contact, entry.erased_at, entry.quantity) == (None, "2026-12-06T09:00:00+00:00", None)


def test_the_event_report_shows_the_demand_after_the_sell_out(demo: DemoTill, tmp_path: Path) -> None:
    record_demand(RecordDemand(demo.cashier, typed(quantity=2)), demo.till.uow())  # before the last sale
    cart_id = carts.current_cart(demo.cashier, demo.till.uow()).cart.cart_id
    carts.scan(cart_id, "ATE-001", demo.cashier, demo.till.uow())
    sale = complete_sale(CompleteSale(cart_id, demo.cashier, (Tender(TenderKind.CASH, 1290),)), demo.till.uow())
    for _ in range(3):
        record_demand(RecordDemand(demo.clerk, typed()), demo.till.uow())
    record_demand(RecordDemand(demo.clerk, typed(sku=None, item="Velvet scarf")), demo.till.uow())
    pulled(demo, {"ATE-001": 0})

    report = event_report(demo.till.uow())
    candle, scarf = report.demand
    assert (candle.sku, candle.times, candle.units, candle.times_after) == ("ATE-001", 4, 5, 3)
    with demo.till.uow() as uow:
        created_at = uow.connection.scalar(text("SELECT created_at FROM sales WHERE id = :id"), {"id": sale.sale_id})
    assert candle.sold_out_at == created_at
    assert (scarf.sku, scarf.name, scarf.times, scarf.sold_out_at) == (None, "Velvet scarf", 1, None)

    printed = pdf_text(event_report_pdf(tmp_path / "report.pdf", demo.till.uow()))
    # Printed in the event's language (the demo event is de_CH).
    assert "Nachfrage nach dem Ausverkauf" in printed
    assert "Velvet scarf (nicht im Sortiment)" in printed
