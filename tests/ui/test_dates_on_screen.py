"""Every date and time a person reads is the event's: de_CH words, Europe/Zurich clock, never the store's UTC.

The demo is a de_CH event in Zurich; the machine running the tests keeps its
own zone (UTC on the build machines), so a screen that forgot the event's zone
shows another hour and fails here. Each expectation is Babel's own writing of
the stored UTC timestamp, computed here independently of the till's code.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from datetime import datetime
from zoneinfo import ZoneInfo

import pytest
from babel.dates import format_date, format_datetime, format_time
from pytestqt.qtbot import QtBot

from app.domain.errors import InvalidInput, PosError
from app.domain.pickups import PickupRefused
from app.domain.tenders import Tender, TenderKind
from app.services import carts
from app.services.cash import x_report
from app.services.demo import demo_pickups
from app.services.event_report import event_report
from app.services.event_report_pdf import report_document
from app.services.handoffs import hand_over, queue_pickup_slip
from app.services.pickups import PickupCard, scan_pickup
from app.services.printing import print_jobs
from app.services.queries import recent_sales
from app.services.receipts import sale_receipt
from app.services.return_lookup import search_sales
from app.services.selling import CompleteSale, complete_sale
from app.services.staff import sign_in
from app.services.sync_status import sync_status
from app.store.hub import LAST_SUCCESS
from app.ui.event_report_view import EventReportView
from app.ui.manager.cash_tab import document_text
from app.ui.messages import MessageBridge
from app.ui.returns_screen import ReturnsScreen
from app.ui.sales_list import SalesListDialog
from app.ui.staff_panel import StaffPanel
from app.ui.sync_dialog import SyncDialog
from app.ui.worker import StoreWorker
from printers.layout import TextLine, columns_for, lay_out
from tests.conftest import DemoTill

ZURICH = ZoneInfo("Europe/Zurich")
LOCALE = "de_CH"
CANDLE = "2000000000015"
# A stored timestamp leaking through: ISO with its T, or the store's zone named.
LEAKS = re.compile(r"\d{4}-\d{2}-\d{2}T\d|UTC")


def shown(at: str) -> str:
    return format_datetime(datetime.fromisoformat(at), "short", tzinfo=ZURICH, locale=LOCALE)


def no_leak(*texts: str) -> None:
    for text in texts:
        assert not LEAKS.search(text), text


@pytest.fixture
def sold(demo: DemoTill) -> tuple[str, str]:
    """A sale made now: its id and its stored UTC timestamp."""
    cart_id = carts.current_cart(demo.cashier, demo.till.uow()).cart.cart_id
    carts.scan(cart_id, CANDLE, demo.cashier, demo.till.uow())
    sale = complete_sale(CompleteSale(cart_id, demo.cashier, (Tender(TenderKind.CASH, 1500),)), demo.till.uow())
    uow = demo.till.uow()
    with uow.for_reading():
        detail = uow.sales.detail(sale.sale_id)
    assert detail is not None
    assert detail.header.created_at.endswith("+00:00")  # the store keeps UTC
    return sale.sale_id, detail.header.created_at


@pytest.fixture
def worker() -> Iterator[StoreWorker]:
    running = StoreWorker()
    running.start()
    yield running
    running.stop()


def test_the_sales_list_and_the_receipt_show_the_sale_in_zurich(
    qtbot: QtBot, demo: DemoTill, sold: tuple[str, str]
) -> None:
    sale_id, at = sold
    dialog = SalesListDialog(recent_sales(demo.till.uow()))
    qtbot.addWidget(dialog)
    text = dialog.sales.item(0).text()
    assert shown(at) in text
    uow = demo.till.uow()
    with uow.for_reading():
        detail = uow.sales.detail(sale_id)
        event = uow.tills.this_till_and_event()[1]
    assert detail is not None
    receipt = "\n".join(
        line.text for line in lay_out(sale_receipt(detail, event, "Sam"), columns_for(80)) if isinstance(line, TextLine)
    )
    # The receipt speaks the event's language: the demo is de_CH.
    assert f"{shown(at)} · bedient von Sam" in receipt
    no_leak(text, receipt)


def test_the_returns_desk_finds_a_day_typed_the_swiss_way_and_shows_the_sale_in_zurich(
    qtbot: QtBot, demo: DemoTill, sold: tuple[str, str]
) -> None:
    sale_id, at = sold
    day = datetime.fromisoformat(at).astimezone(ZURICH).date()
    typed = f"{day.day}.{day.month}.{day.year}"  # 2.12.2026, as a Swiss clerk types it
    found = search_sales(typed, "", "", demo.till.uow())
    assert [sale.sale_id for sale in found] == [sale_id]
    assert [sale.sale_id for sale in search_sales(day.isoformat(), "", "", demo.till.uow())] == [sale_id]
    with pytest.raises(
        InvalidInput, match=re.escape(f"type it as {format_date(datetime(2026, 12, 5), 'short', locale=LOCALE)}")
    ):
        search_sales("2026-13-45", "", "", demo.till.uow())

    screen = ReturnsScreen(StoreWorker(), demo.till.uow, MessageBridge(), lambda: LOCALE)
    qtbot.addWidget(screen)
    screen._show_results(found)
    screen.show_sale(found[0])
    assert shown(at) in screen.results.item(0).text()
    assert screen.info.text().startswith(f"Sold {shown(at)} · paid")
    no_leak(screen.results.item(0).text(), screen.info.text())


def test_a_pickup_refusal_and_the_pickup_slip_say_when_in_zurich(demo: DemoTill) -> None:
    code = next(pickup.code for pickup in demo_pickups(demo.till.uow()) if pickup.number == "M-1001")
    card = scan_pickup(code, demo.till.uow())
    assert isinstance(card, PickupCard)
    wanted = {(line.order_id, line.line_id): line.ordered - line.collected for line in card.lines}
    done = hand_over(card.order_id, wanted, demo.clerk, demo.till.uow(), id_checked=True)
    queue_pickup_slip(done.handoff_id, demo.till.uow())
    uow = demo.till.uow()
    with uow.for_reading():
        handed_at = uow.pickups.handoffs([card.order_id])[0].at
    with pytest.raises(PickupRefused) as refused:
        scan_pickup(code, demo.till.uow())
    assert f"last on {shown(handed_at)} at till A" in str(refused.value)
    slip = print_jobs(demo.till.uow())[0]
    assert slip.shown_at == shown(slip.created_at)  # the print queue's list
    uow = demo.till.uow()
    with uow.for_reading():
        document = uow.print_jobs.jobs(None)[0].document
    assert shown(handed_at) in document  # printed on the slip
    no_leak(str(refused.value), slip.shown_at)


def test_the_cash_report_and_the_event_report_use_the_events_clock(
    qtbot: QtBot, demo: DemoTill, sold: tuple[str, str]
) -> None:
    _sale_id, at = sold
    uow = demo.till.uow()
    with uow.for_reading():
        event = uow.tills.this_till_and_event()[1]
    report = x_report(demo.till.uow())
    cash = document_text(report, event)
    assert f"Eröffnet {shown(report.opened_at)} von" in cash  # worded in the de_CH event's language

    figures = event_report(demo.till.uow())
    zurich_hour = datetime.fromisoformat(at).astimezone(ZURICH).replace(minute=0, second=0, microsecond=0)
    assert [hour.start for hour in figures.by_hour] == [zurich_hour.replace(tzinfo=None)]
    pdf_subtitle = report_document(figures).subtitle
    assert f"Verkäufe von {shown(at)} bis {shown(at)}" in pdf_subtitle  # the de_CH event's language
    assert "(Zeiten in Europe/Zurich)" in pdf_subtitle
    view = EventReportView()
    qtbot.addWidget(view)
    view.show_report(figures, event.format)
    assert view.subtitle.text() == "Till A · times are Europe/Zurich"
    no_leak(cash, pdf_subtitle, view.subtitle.text())


def test_the_sync_dialog_says_when_the_last_sync_was_in_zurich(qtbot: QtBot, demo: DemoTill) -> None:
    at = "2026-12-05T13:07:00.000+00:00"
    with demo.till.uow() as uow:
        uow.tills.set_setting(LAST_SUCCESS, at)
        uow.commit()
    dialog = SyncDialog()
    qtbot.addWidget(dialog)
    dialog.show_status(sync_status(demo.till.uow()), None)
    assert "Last success: 05.12.26, 14:07" in dialog.summary.text()
    no_leak(dialog.summary.text())


def test_the_staff_panel_says_until_when_sign_in_waits_in_zurich(
    qtbot: QtBot, demo: DemoTill, worker: StoreWorker
) -> None:
    for _ in range(5):
        with pytest.raises(PosError):
            sign_in(demo.cashier, "0000", demo.till.uow())
    uow = demo.till.uow()
    with uow.for_reading():
        waits_until = uow.staff.lockout(demo.cashier).waits_until
    assert waits_until is not None
    panel = StaffPanel(worker, demo.till.uow, MessageBridge(), lambda: None)
    qtbot.addWidget(panel)
    panel.refresh()
    until = format_time(waits_until, "medium", tzinfo=ZURICH, locale=LOCALE)

    def states() -> list[str]:
        return [item.text() for row in range(panel.table.rowCount()) if (item := panel.table.item(row, 2))]

    qtbot.waitUntil(lambda: any(until in state for state in states()))
    no_leak(*states())
