"""The event report over a small event run through the services: figures to the cent, the PDF, the CSV export."""

from __future__ import annotations

import csv
import re
from pathlib import Path

import pytest
from pypdf import PdfReader

from app.domain.errors import InvalidInput
from app.domain.pickups import PickupState
from app.services.event_export import export_csv
from app.services.event_report import EventReport, event_report
from app.services.event_report_pdf import event_report_pdf
from tests.conftest import DemoTill
from tests.integration.small_event import SmallEvent, pdf_text, run_small_event


@pytest.fixture
def small_event(demo: DemoTill) -> SmallEvent:
    return run_small_event(demo)


def test_the_figures_add_up_to_the_cent(demo: DemoTill, small_event: SmallEvent) -> None:
    assert (small_event.cash_sale.total, small_event.cash_sale.rounding) == (4652, -2)
    report = event_report(demo.till.uow())
    totals = report.totals
    assert (totals.sales, totals.items) == (3, 5)
    # 2 x 12.90 + 25.90 + 32.00 + 12.90, less 5.18 (20 % of the coffee) and 1.94 (15 % of a candle).
    assert (totals.gross, totals.discounts, totals.sales_total) == (9660, 712, 8948)
    # Tax per line: 8.1 % in 25.80, 2.6 % in 20.72, 8.1 % in 32.00 and in 10.96.
    assert totals.tax == 193 + 53 + 240 + 82
    assert totals.cash_rounding == -2
    assert (totals.returns, totals.returned_items, totals.returned, totals.refunds) == (1, 1, 1290, 1290)
    assert (totals.net, totals.average_sale) == (8948 - 1290, 2983)

    assert sum(hour.sales for hour in report.by_hour) == 3
    assert sum(hour.total for hour in report.by_hour) == 8948

    assert [(p.sku, p.maker, p.units, p.revenue, p.returned_units, p.refunds) for p in report.by_product] == [
        ("ATE-001", "Atelier Lumen", 3, 2580 + 1096, 1, 1290),
        ("BER-003", "Bergkeramik", 1, 3200, 0, 0),
        ("KAF-003", "Kaffee Kollektiv", 1, 2072, 0, 0),
    ]
    assert [(m.maker, m.units, m.revenue, m.returned_units, m.refunds, m.net) for m in report.by_maker] == [
        ("Atelier Lumen", 3, 3676, 1, 1290, 2386),
        ("Bergkeramik", 1, 3200, 0, 0, 3200),
        ("Kaffee Kollektiv", 1, 2072, 0, 0, 2072),
    ]

    assert [(t.kind, t.payments, t.taken, t.refund_count, t.refunds, t.net) for t in report.tenders] == [
        ("cash", 1, 4650, 1, 1290, 3360),
        ("card", 1, 3200, 0, 0, 3200),
        ("voucher", 1, 1096, 0, 0, 1096),
    ]

    staff = {person.name: person for person in report.staff}
    sam, alex = staff["Sam"], staff["Alex"]
    assert (sam.sales, sam.sales_total, sam.line_discounts, sam.cart_discounts) == (2, 7852, 518, 0)
    assert (sam.overrides_approved, sam.approvals_given) == (1, 0)
    assert (alex.sales, alex.sales_total, alex.line_discounts, alex.cart_discounts) == (1, 1096, 0, 194)
    # Alex approved Sam's coffee discount and his own cart discount.
    assert (alex.overrides_approved, alex.approvals_given) == (1, 2)

    assert [(r.key, r.returns, r.units, r.refund) for r in report.returns_by_reason] == [("broken", 1, 1, 1290)]
    assert [(r.key, r.units) for r in report.returns_by_disposition] == [("quality_hold", 1)]

    pickups = report.pickups
    # M-1001, G-2001 and G-2002 wait; M-1002 is collected; the group order GROUP-7 counts through its members.
    assert pickups.orders[PickupState.WAITING] == 3
    assert pickups.orders[PickupState.COLLECTED] == 1
    assert (pickups.items_ordered, pickups.items_handed_over, pickups.items_outstanding) == (6, 1, 5)
    assert pickups.handoffs == 1
    assert [(c.name, c.handoffs, c.items) for c in pickups.clerks] == [("Jo", 1, 1)]
    assert sorted(o.number for o in pickups.outstanding) == ["G-2001", "G-2002", "M-1001"]


def test_the_pdf_shows_the_totals_and_draws_its_charts(demo: DemoTill, small_event: SmallEvent, tmp_path: Path) -> None:
    report: EventReport = event_report(demo.till.uow())
    fmt = report.event.format

    target = event_report_pdf(tmp_path / "reports" / "event.pdf", demo.till.uow())

    assert target.is_file() and not list(target.parent.glob("*.partial"))
    text = pdf_text(target)
    # The report is worded in the event's language: the demo event is de_CH.
    assert "Winter Makers Market: Anlassbericht" in text
    for label, amount in [
        ("Verkaufssumme", 8948),
        ("Wert der Rücknahmen", -1290),
        ("Geleistete Erstattungen", 1290),
        ("Verkaufssumme nach Rücknahmen", 7658),
        ("Rabatte", -712),
    ]:
        assert re.search(rf"{re.escape(label)}\s+{re.escape(fmt(amount).replace(chr(160), ' '))}", text), label
    assert "Verkäufe nach Stunde" in text and "Verkäufe nach Hersteller" in text
    assert "Kaffee Kollektiv" in text and "broken" in text and "M-1001" in text
    # The charts are vector drawings in the page: their bars are filled rectangles in the bar colour.
    content = PdfReader(target).pages[0].get_contents()
    assert content is not None
    stream = content.get_data().decode("latin-1")
    bar_fill = ".184314 .435294 .560784 rg"  # printers.report_pdf.BAR_COLOUR, #2f6f8f
    assert bar_fill in stream
    after_colour = stream.split(bar_fill, 1)[1]
    assert re.search(r"re\s+f\b", after_colour), "a filled bar follows the bar colour"


def test_an_event_without_sales_still_has_a_report(demo: DemoTill, tmp_path: Path) -> None:
    report = event_report(demo.till.uow())
    assert (report.totals.sales, report.totals.average_sale, report.by_hour) == (0, 0, ())
    assert report.pickups.items_outstanding == 6

    text = pdf_text(event_report_pdf(tmp_path / "empty.pdf", demo.till.uow()))

    assert "Verkaufssumme" in text and "Keine." in text  # the de_CH event's language


def read_csv(path: Path) -> list[dict[str, str]]:
    assert path.read_bytes().startswith(b"\xef\xbb\xbf"), "UTF-8 with a byte-order mark, for Excel"
    with path.open(encoding="utf-8-sig", newline="") as file:
        return list(csv.DictReader(file))


def test_csv_export_writes_every_record_with_major_and_minor_amounts(
    demo: DemoTill, small_event: SmallEvent, tmp_path: Path
) -> None:
    paths = export_csv(tmp_path / "export", demo.till.uow())

    assert [path.name for path in paths] == [
        "sales.csv",
        "sale_lines.csv",
        "sale_tenders.csv",
        "returns.csv",
        "return_lines.csv",
        "return_refunds.csv",
        "stock_movements.csv",
    ]
    folder = tmp_path / "export"
    assert not list(folder.glob("*.partial"))
    sales = read_csv(folder / "sales.csv")
    assert [(s["receipt_no"], s["staff"], s["total"], s["total_minor"], s["currency"]) for s in sales] == [
        ("A-000001", "Sam", "46.52", "4652", "CHF"),
        ("A-000002", "Sam", "32.00", "3200", "CHF"),
        ("A-000003", "Alex", "10.96", "1096", "CHF"),
    ]
    assert sales[0]["rounding"] == "-0.02" and sales[0]["change_given"] == "3.50"
    assert sales[2]["cart_discount_approved_by"] == "Alex"
    assert re.fullmatch(r"\d{4}-\d\d-\d\d \d\d:\d\d:\d\d", sales[0]["created_at_local"])

    lines = read_csv(folder / "sale_lines.csv")
    assert [(line["receipt_no"], line["sku"], line["quantity"], line["total"]) for line in lines] == [
        ("A-000001", "ATE-001", "2", "25.80"),
        ("A-000001", "KAF-003", "1", "20.72"),
        ("A-000002", "BER-003", "1", "32.00"),
        ("A-000003", "ATE-001", "1", "10.96"),
    ]
    assert (lines[1]["line_discount"], lines[1]["approved_by"]) == ("5.18", "Alex")
    tenders = read_csv(folder / "sale_tenders.csv")
    assert [(t["kind"], t["amount"], t["tendered"]) for t in tenders] == [
        ("cash", "46.50", "50.00"),
        ("card", "32.00", "32.00"),
        ("voucher", "10.96", "10.96"),
    ]

    (returned,) = read_csv(folder / "returns.csv")
    assert (returned["return_no"], returned["receipt_no"]) == ("A-R00001", "A-000001")
    assert (returned["refund_total"], returned["refund_total_minor"]) == ("12.90", "1290")
    (line,) = read_csv(folder / "return_lines.csv")
    assert (line["sku"], line["reason"], line["disposition"], line["refund_minor"]) == (
        "ATE-001",
        "broken",
        "quality_hold",
        "1290",
    )
    (refund,) = read_csv(folder / "return_refunds.csv")
    assert (refund["kind"], refund["amount"]) == ("cash", "12.90")
    assert "voucher_code" not in refund

    movements = read_csv(folder / "stock_movements.csv")
    kinds = [movement["kind"] for movement in movements]
    assert kinds.count("sale") == 4 and kinds.count("quality_hold") == 1 and kinds.count("pickup") == 1
    assert {movement["staff"] for movement in movements if movement["kind"] == "pickup"} == {"Jo"}


def test_csv_export_to_a_folder_that_cannot_be_made_says_so(demo: DemoTill, tmp_path: Path) -> None:
    blocker = tmp_path / "a-file"
    blocker.write_text("not a folder")

    with pytest.raises(InvalidInput, match=r"cannot be written to .*a-file/export"):
        export_csv(blocker / "export", demo.till.uow())
