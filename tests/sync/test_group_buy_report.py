"""Group-buy commitments in the event report, on the hub and on every till, with exact figures (docs/group_buys.md).

Two tills, two group buys: one reached (two commitments, two pickup orders),
one missed (one commitment refunded at a desk, one late and refund-due). The
commitments' sales are counted once, in the sales; the group-buy section shows
the same money per group buy and adds to nothing. After a full sync the hub
and both tills hold the same section and the same CSV bytes.
"""

from __future__ import annotations

from collections.abc import Iterator
from datetime import datetime, timedelta
from pathlib import Path

import pytest
from pypdf import PdfReader

from app.cli import main as pos_main
from app.domain import clock
from app.domain.tenders import Tender, TenderKind
from app.services.event_export import export_report_csv
from app.services.event_report import event_report, event_wide_figures
from app.services.event_report_pdf import event_report_pdf
from app.services.group_buy_refunds import RefundCommitment, refund_commitment, refunds_due
from sync.group_buy_figures import GroupBuyFigures
from sync.hub.cli import main as hub_main
from sync.hub.reports_pdf import as_text, event_document
from sync.hub.store import reports as hub_reports
from tests.sync.conftest import EnrolledTill, HubEvent, enrolled_till
from tests.sync.group_buy_actions import close, commit, open_group_buy
from tests.sync.till_actions import sync


@pytest.fixture(autouse=True)
def real_clock() -> Iterator[None]:
    yield
    clock.set_clock(None)


@pytest.fixture
def tills(hub: HubEvent, tmp_path: Path) -> Iterator[tuple[EnrolledTill, EnrolledTill]]:
    a = enrolled_till(hub.hub.url, hub.hub.store, hub.event_id, tmp_path / "till-a", code="A")
    b = enrolled_till(hub.hub.url, hub.hub.store, hub.event_id, tmp_path / "till-b", code="B")
    yield a, b
    a.till.close()
    b.till.close()


def test_the_event_report_shows_each_group_buy_once_beside_the_sales(
    hub: HubEvent, tills: tuple[EnrolledTill, EnrolledTill], tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    store = hub.hub.store
    a, b = tills
    _key_id, key = store.create_signing_key()
    teapots = open_group_buy(store, hub.event_id, minimum=3, hours=2)
    mugs = open_group_buy(store, hub.event_id, minimum=10, hours=3)
    sync(a)
    sync(b)
    commit(a, teapots.group_buy_id, 2, "ada@example.ch", Tender(TenderKind.CASH, 4000))
    commit(b, teapots.group_buy_id, 1, "ben@example.ch", Tender(TenderKind.CARD, 2000, "T-1"))
    commit(a, mugs.group_buy_id, 1, "cem@example.ch", Tender(TenderKind.CASH, 2000))
    sync(a)
    sync(b)
    # Taken on B a minute before the mugs' deadline, it reaches the hub only after the close: late.
    mugs_deadline = datetime.fromisoformat(mugs.deadline)
    clock.set_clock(lambda: mugs_deadline - timedelta(minutes=1))
    commit(b, mugs.group_buy_id, 1, "dora@example.ch", Tender(TenderKind.CASH, 2000))
    clock.set_clock(None)
    assert close(store, hub.event_id, teapots, key).pickup_orders == 2
    assert close(store, hub.event_id, mugs, key).refunds_due == 1
    sync(b)
    sync(a)
    on_time = next(item for item in refunds_due(a.till.uow()) if not item.late)
    refund_commitment(RefundCommitment(on_time.commitment_id, a.cashier), a.till.uow())
    sync(a)
    sync(b)
    sync(a)

    # Both windows are named with the hub's deadlines, as the hub stores them.
    expected = (
        GroupBuyFigures("Teapot run", "ATE-001", 3, teapots.deadline, "reached", 2, 3, 6000, 0, 0, 0, 0, 0, 0, 2),
        GroupBuyFigures("Teapot run", "ATE-001", 10, mugs.deadline, "missed", 1, 1, 2000, 1, 2000, 2, 4000, 1, 2000, 0),
    )
    with store.engine.connect() as connection:
        on_hub = hub_reports.figures(connection, hub.event_id)
        heading = hub_reports.heading(connection, hub.event_id)
    assert on_hub.group_buys == expected
    for till in (a, b):
        figures, _currency = event_wide_figures(till.till.uow())
        assert figures.group_buys == expected
        assert (figures.totals, figures.tenders) == (on_hub.totals, on_hub.tenders)
    # Counted once: four commitment sales, 10,000 in all, less the one refunded; the section adds nothing.
    assert (on_hub.totals.sales, on_hub.totals.sales_total, on_hub.totals.refunds) == (4, 10000, 2000)

    text = as_text(event_document(heading, on_hub))
    assert "Group buys" in text and "not added again" in text
    assert "refunds due / done (2 / 1)" in text and "40.00 CHF / 20.00 CHF" in text

    db = ["--db", store.engine.url.render_as_string(hide_password=False)]
    assert hub_main([*db, "report", "event", "--event", hub.event_id, "--csv", str(tmp_path / "hub.csv")]) == 0
    export_report_csv(tmp_path / "till.csv", b.till.uow())
    hub_csv = (tmp_path / "hub.csv").read_bytes()
    assert hub_csv == (tmp_path / "till.csv").read_bytes()
    lines = hub_csv.decode("utf-8-sig").splitlines()
    assert "group_buy_committed,Teapot run / ATE-001 / minimum 3 / reached,3,6000,,2," in lines
    assert "group_buy_refunds,Teapot run / ATE-001 / minimum 10 / missed,2,4000,,1,2000" in lines
    assert "group_buy_orders,Teapot run / ATE-001 / minimum 3 / reached,2,,,," in lines

    report = event_report(a.till.uow())
    assert report.group_buys == expected
    capsys.readouterr()
    assert pos_main(["--data-dir", str(a.till.data_dir), "report", "event"]) == 0
    printed = capsys.readouterr().out
    assert "Group buy Teapot run (ATE-001), missed: 1 of 10 units" in printed
    assert "1 late; refunds due CHF\xa040.00, done CHF\xa020.00; 0 pickup orders." in printed
    saved = event_report_pdf(tmp_path / "report.pdf", a.till.uow())
    words = " ".join(" ".join(page.extract_text().split()) for page in PdfReader(saved).pages)
    # In the event's language (de_CH): both outcomes, and the note that the section adds to nothing.
    assert "Gruppenkäufe" in words and "nicht noch einmal addiert" in words
    assert "erreicht" in words and "verfehlt" in words
    capsys.readouterr()
