"""Reports of the whole event over real HTTP: three tills sell and take back, and after a full sync the hub's
report and settlements equal every till's to the cent, on SQLite and on PostgreSQL (the ``hub`` fixture)."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from pathlib import Path

import pytest
from alembic import command
from alembic.config import Config
from pypdf import PdfReader
from sqlalchemy import Engine

from app.domain.returns import Disposition, ReturnLineRequest
from app.domain.tenders import Tender, TenderKind
from app.services import carts
from app.services.cash import close_session
from app.services.event_export import export_report_csv, export_settlements_csv
from app.services.event_report import event_report, event_wide_figures
from app.services.returns import RecordReturn, record_return
from app.services.selling import CompleteSale, SaleCompleted, complete_sale
from app.services.settlements import maker_settlements
from app.store import migrations as app_migrations
from app.store.database import migrate
from sync.event_figures import EventFigures
from sync.event_figures_csv import EVENT_HEADER, SETTLEMENT_HEADER, csv_text, event_rows, settlement_rows
from sync.hub.cli import main as hub_main
from sync.hub.store import reports as hub_reports
from sync.hub.store.engine import MIGRATIONS as HUB_MIGRATIONS
from sync.hub.store.engine import migrate_hub
from sync.hub.store.event_settings import set_commission
from sync.maker_settlements import MakerSettlement
from sync.records.event_settings import CommissionScope
from tests.sync.conftest import EnrolledTill, HubEvent, enrolled_till
from tests.sync.till_actions import sync


def sell(till: EnrolledTill, tender: TenderKind, *codes: str) -> SaleCompleted:
    cart_id = carts.current_cart(till.cashier, till.till.uow()).cart.cart_id
    state = None
    for code in codes:
        state = carts.scan(cart_id, code, till.cashier, till.till.uow())
    assert state is not None
    total = state.priced.total
    paid = Tender(TenderKind.CASH, total + 1000) if tender is TenderKind.CASH else Tender(tender, total, "TRM-1")
    return complete_sale(CompleteSale(cart_id, till.cashier, (paid,)), till.till.uow())


def take_back(till: EnrolledTill, sale: SaleCompleted, line_no: int, disposition: Disposition) -> int:
    back = (ReturnLineRequest(line_no, 1, "cracked", disposition),)
    return record_return(
        RecordReturn(till.cashier, sale.sale_id, back, card_refund_references={0: f"RF-{line_no}"}), till.till.uow()
    ).refund_total


@pytest.fixture
def three_tills(hub: HubEvent, till_a: EnrolledTill, tmp_path: Path) -> Iterator[list[EnrolledTill]]:
    store = hub.hub.store
    others = [enrolled_till(hub.hub.url, store, hub.event_id, tmp_path / f"till-{c}", code=c) for c in "BC"]
    yield [till_a, *others]
    for till in others:
        till.till.close()


def hub_figures(hub: HubEvent) -> EventFigures:
    with hub.hub.store.engine.connect() as connection:
        return hub_reports.figures(connection, hub.event_id)


def hub_settlements(hub: HubEvent) -> list[MakerSettlement]:
    with hub.hub.store.engine.connect() as connection:
        return hub_reports.settlements(connection, hub.event_id)[0]


def test_after_a_full_sync_every_till_and_the_hub_report_the_same_event(
    hub: HubEvent, three_tills: list[EnrolledTill], tmp_path: Path
) -> None:
    a, b, c = three_tills
    for sku in ("BER-003", "ATE-001", "KAF-001", "ATE-004"):
        hub.hub.store.set_stock(hub.event_id, sku, 50)
    for till in three_tills:
        sync(till)
    sold_a = sell(a, TenderKind.CARD, "BER-003", "KAF-001")
    sold_b = sell(b, TenderKind.CASH, "ATE-001", "KAF-001", "KAF-001")
    sales = [sold_a, sell(a, TenderKind.CASH, "ATE-004"), sold_b, sell(c, TenderKind.CARD, "BER-003", "ATE-004")]
    refunds = [take_back(b, sold_b, 1, Disposition.QUALITY_HOLD)]  # a return on the till that sold
    for till in three_tills:
        sync(till)
    refunds.append(take_back(c, sold_a, 1, Disposition.RESTOCK))  # a return of another till's sale
    with hub.hub.store.engine.begin() as connection:  # a commission set on the hub reaches every till
        set_commission(connection, hub.event_id, CommissionScope.MAKER, "Bergkeramik", "0.25")
    close_session({10000: 1}, b.cashier, b.till.uow())  # till B's Z report goes to the hub too
    for _round in range(2):  # each till pulls what the others pushed after it
        for till in three_tills:
            sync(till)

    on_hub = hub_figures(hub)
    assert (on_hub.totals.sales, on_hub.totals.returns) == (4, 2)
    assert on_hub.totals.sales_total == sum(sale.total for sale in sales)
    assert on_hub.totals.cash_rounding == sum(sale.rounding for sale in sales)
    assert on_hub.totals.refunds == sum(refunds)
    assert on_hub.totals.returned == 1290 + 3200, "an ATE-001 candle held for quality, a BER-003 mug restocked"
    tenders = {tender.kind: (tender.taken, tender.refunds) for tender in on_hub.tenders}
    cash = sum(sale.total + sale.rounding for sale in sales if sale.change)
    assert tenders["cash"][0] == cash and tenders["card"][1] == 3200
    makers = {(item.maker, item.sku): (item.units, item.returned_units, item.quality_holds) for item in on_hub.items}
    assert makers[("Atelier Lumen", "ATE-001")] == (1, 1, 1) and makers[("Bergkeramik", "BER-003")] == (2, 1, 0)
    assert {till.till_code: till.records for till in on_hub.tills} == {"A": 2, "B": 2, "C": 2}
    assert [rate.rate for rate in on_hub.tax_rates] == ["0.026", "0.081"]
    assert sum(rate.tax for rate in on_hub.tax_rates) == on_hub.totals.tax
    assert {s.maker_name: s.commission for s in hub_settlements(hub)}["Bergkeramik"] == 800, "25% of 32.00"
    for code, till in zip("ABC", three_tills, strict=True):
        figures, currency = event_wide_figures(till.till.uow())
        assert figures == on_hub, f"till {code} adds up another event than the hub"
        assert currency == "CHF"
        assert maker_settlements(till.till.uow()) == hub_settlements(hub)

    # The CSV files of a till and of the hub are the same file.
    export_report_csv(tmp_path / "till-event.csv", c.till.uow())
    export_settlements_csv(tmp_path / "till-settlements.csv", c.till.uow())
    hub_event_csv = csv_text(EVENT_HEADER, event_rows(on_hub, "CHF"))
    hub_settlement_csv = csv_text(SETTLEMENT_HEADER, settlement_rows(hub_settlements(hub)))
    assert (tmp_path / "till-event.csv").read_bytes().decode("utf-8-sig") == hub_event_csv
    assert (tmp_path / "till-settlements.csv").read_bytes().decode("utf-8-sig") == hub_settlement_csv

    with hub.hub.store.engine.connect() as connection:
        zs = hub_reports.z_reports(connection, hub.event_id)
    assert [(z.till_code, z.sales) for z in zs] == [("B", 1)]


def test_each_till_says_how_far_every_other_tills_records_go(hub: HubEvent, three_tills: list[EnrolledTill]) -> None:
    a, b, c = three_tills
    hub.hub.store.set_stock(hub.event_id, "ATE-001", 20)
    for till in three_tills:
        sync(till)
    sell(b, TenderKind.CARD, "ATE-001")
    sell(b, TenderKind.CARD, "ATE-001")
    sync(b)
    sync(a)
    sell(c, TenderKind.CARD, "ATE-001")  # C never syncs: A cannot know of it

    report = event_report(a.till.uow())
    reach = {till.till_code: till for till in report.reach}
    assert list(reach) == ["A", "B"]
    assert reach["A"].this_till and reach["A"].records == 0
    assert not reach["B"].this_till and reach["B"].records == 2
    on_b = event_report(b.till.uow()).reach[0]
    assert on_b.this_till and on_b.records == 2
    assert reach["B"].last_at is not None and reach["B"].last_at == on_b.last_at, "up to B's last sale"
    assert report.totals.sales == 2, "B's two sales count on A; C's unsynced one does not"


def test_popup_hub_report_writes_text_csv_and_pdf(
    hub: HubEvent, till_a: EnrolledTill, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    hub.hub.store.set_stock(hub.event_id, "BER-003", 5)
    sync(till_a)
    sold = sell(till_a, TenderKind.CARD, "BER-003", "KAF-001")
    take_back(till_a, sold, 2, Disposition.WRITE_OFF)
    close_session({10000: 2}, till_a.cashier, till_a.till.uow())
    sync(till_a)
    db = ["--db", hub.hub.store.engine.url.render_as_string(hide_password=False)]
    event = ["--event", hub.event_id]

    assert hub_main([*db, "report", "event", *event]) == 0
    text = capsys.readouterr().out
    assert "Winter Makers Market" in text and "Sales (1, 2 items)" in text and "47.90 CHF" in text
    assert "Till A: 2 sales and returns" in text and "2.6%" in text and "8.1%" in text

    assert hub_main([*db, "report", "settlement", *event]) == 0
    text = capsys.readouterr().out
    assert "(0% where none is set)" in " ".join(text.split()) and "Bergkeramik" in text and "PAYOUT DUE" in text

    assert hub_main([*db, "report", "z", *event, "--csv", str(tmp_path / "z.csv")]) == 0
    z_csv = (tmp_path / "z.csv").read_bytes().decode("utf-8-sig").splitlines()
    assert z_csv[0].startswith("till,session,number") and z_csv[1].startswith("A,1,")

    assert hub_main([*db, "report", "event", *event, "--csv", str(tmp_path / "event.csv")]) == 0
    export_report_csv(tmp_path / "till.csv", till_a.till.uow())
    assert (tmp_path / "event.csv").read_bytes() == (tmp_path / "till.csv").read_bytes()

    assert hub_main([*db, "report", "settlement", *event, "--pdf", str(tmp_path / "settlement.pdf")]) == 0
    pages = PdfReader(tmp_path / "settlement.pdf").pages
    words = " ".join(page.extract_text() for page in pages)
    assert "Maker settlements" in words and "Kaffee Kollektiv" in words and "PAYOUT DUE" in words
    capsys.readouterr()

    assert hub_main([*db, "report", "event", "--event", "no-such-event"]) == 2
    assert "No event no-such-event on this hub" in capsys.readouterr().err
    assert hub_main([*db, "report", "event", *event, "--pdf", str(tmp_path / "missing" / "x.pdf")]) == 2
    assert "Choose a folder you can write to" in capsys.readouterr().err


def _downgrade(config: Config, engine: Engine, revision: str, upgrade: Callable[[Engine], None]) -> None:
    with engine.begin() as connection:
        config.attributes["connection"] = connection
        command.downgrade(config, revision)
    upgrade(engine)


def test_hubs_and_tills_that_held_records_before_fill_the_report_figures_from_them(
    hub: HubEvent, three_tills: list[EnrolledTill]
) -> None:
    a, b, _c = three_tills
    hub.hub.store.set_stock(hub.event_id, "ATE-001", 9)
    for till in (a, b):
        sync(till)
    sold = sell(b, TenderKind.CASH, "ATE-001", "KAF-002")
    take_back(b, sold, 2, Disposition.RESTOCK)
    sell(a, TenderKind.CARD, "ATE-001")
    for till in (b, a, b):
        sync(till)
    before = hub_figures(hub)
    assert before.totals.sales == 2 and event_wide_figures(a.till.uow())[0] == before

    hub_config = Config()
    hub_config.set_main_option("script_location", str(HUB_MIGRATIONS))
    _downgrade(hub_config, hub.hub.store.engine, "0011", migrate_hub)
    assert hub_figures(hub) == before, "the hub's migration 0012 fills the figures from the inbox"

    till_config = Config()
    till_config.set_main_option("script_location", str(Path(app_migrations.__file__).parent))
    _downgrade(till_config, a.till.engine, "0017", migrate)
    assert event_wide_figures(a.till.uow())[0] == before, "the till's migration 0018 fills them from pulled records"
