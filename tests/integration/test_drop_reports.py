"""Drops in the till's event report on a real store, with exact figures: sell-through (sold / allocated, a
restocked return not counted as sold, a unit on quality hold still sold) and the time from the release to the
last unit, on screen figures, in the PDF and in the CSV laid out as the hub's (docs/drops.md)."""

from __future__ import annotations

import json
from collections.abc import Iterator
from datetime import datetime, timedelta
from pathlib import Path

import pytest

from app.cli import main
from app.domain import clock
from app.domain.returns import Disposition, ReturnLineRequest
from app.services.drop_admin import DropInput, set_drop
from app.services.drop_counts import drop_left
from app.services.event_export import export_report_csv
from app.services.event_report import event_report
from app.services.event_report_pdf import event_report_pdf
from app.services.returns import RecordReturn, record_return
from app.store.outbox import OutboxStatus
from sync.records import parse_fact
from sync.records.drops import DropReturned
from tests.conftest import DemoTill
from tests.integration.drop_sales import BLUE, SPECKLED, drop_csv_rows, sell
from tests.integration.small_event import pdf_text

RELEASE = datetime.fromisoformat("2026-12-05T14:00:00+01:00")


@pytest.fixture
def at() -> Iterator[list[datetime]]:
    moment = [RELEASE]
    clock.set_clock(lambda: moment[0])
    yield moment
    clock.set_clock(None)


def sale_id_of(demo: DemoTill, receipt_no: str) -> str:
    with demo.till.uow() as uow:
        found = uow.sales.header_by_receipt(receipt_no)
        assert found is not None
        return str(found.sale_id)


def test_the_till_report_shows_each_drop_with_exact_figures(
    demo: DemoTill, at: list[datetime], tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    mugs = DropInput("Mugs", (SPECKLED, BLUE), RELEASE.isoformat(), 30, 4, per_sale_cap=2)
    set_drop(mugs, demo.manager, demo.till.uow())
    at[0] = RELEASE + timedelta(minutes=10)
    first = sell(demo, [SPECKLED, BLUE])
    at[0] = RELEASE + timedelta(minutes=25, seconds=30)
    second = sell(demo, [SPECKLED, SPECKLED])
    assert drop_left([SPECKLED], demo.till.uow()) == {SPECKLED: 0}

    # One unit back on the shelf goes back to the counter's allocation at once; one on quality hold does not.
    at[0] = RELEASE + timedelta(minutes=40)
    restock = ReturnLineRequest(1, 1, "changed mind", Disposition.RESTOCK)
    record_return(RecordReturn(demo.cashier, sale_id_of(demo, first), (restock,)), demo.till.uow())
    held = ReturnLineRequest(1, 1, "chipped", Disposition.QUALITY_HOLD)
    record_return(RecordReturn(demo.cashier, sale_id_of(demo, second), (held,)), demo.till.uow())
    assert drop_left([SPECKLED], demo.till.uow()) == {SPECKLED: 1}
    with demo.till.uow() as uow:
        [returned] = [
            parse_fact(r.type, r.schema_version, json.loads(r.payload))
            for r in uow.outbox.records()
            if r.type == "drop.returned" and r.status == OutboxStatus.WAITING
        ]
    assert isinstance(returned, DropReturned) and returned.units() == 1 and returned.till_code == "A"

    [drop] = event_report(demo.till.uow()).drops
    assert (drop.name, drop.counter_sold, drop.counter_allocation) == ("Mugs", 3, 4)
    assert drop.sell_through == 0.75
    # The sale at 14:25:30 took the last of the 4 units: the return after it does not move that moment.
    assert drop.sold_out_after_seconds == 25 * 60 + 30

    pdf = event_report_pdf(tmp_path / "event.pdf", demo.till.uow())
    text = pdf_text(pdf)
    assert "Drops" in text and "3 / 4" in text and "75%" in text and "0 h 25 min" in text

    capsys.readouterr()
    assert main(["--data-dir", str(demo.till.data_dir), "report", "event"]) == 0
    assert "Drop Mugs: 3 / 4 sold at the counter (75%), sold out after 0h25m." in capsys.readouterr().out

    exported = export_report_csv(tmp_path / "event.csv", demo.till.uow())
    key = f"Mugs / {RELEASE.isoformat()}"
    assert drop_csv_rows(exported) == [
        ("drop_allocated", key, "4"),
        ("drop_sold", key, "3"),
        ("drop_sell_through_percent", key, "75"),
        ("drop_sold_out_after_seconds", key, "1530"),
    ]


def test_a_return_without_a_drop_sale_gives_nothing_back(demo: DemoTill, at: list[datetime]) -> None:
    # Sold before the drop existed: the unit was never the drop's, so its return is no drop return.
    receipt = sell(demo, [SPECKLED])
    set_drop(DropInput("Mugs", (SPECKLED,), RELEASE.isoformat(), 0, 2), demo.manager, demo.till.uow())
    back = ReturnLineRequest(1, 1, "changed mind", Disposition.RESTOCK)
    record_return(RecordReturn(demo.cashier, sale_id_of(demo, receipt), (back,)), demo.till.uow())
    assert drop_left([SPECKLED], demo.till.uow()) == {SPECKLED: 2}
    with demo.till.uow() as uow:
        assert all(record.type != "drop.returned" for record in uow.outbox.records())
