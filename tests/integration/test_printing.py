"""Receipts to a network printer played by a loopback server, to PDF, and through the print queue."""

from __future__ import annotations

import subprocess
import threading
from dataclasses import replace
from pathlib import Path

import pytest
import zxingcpp
from PIL import Image
from pypdf import PdfReader

from app.domain.errors import ApprovalRequired
from app.domain.receipts import parse_receipt_qr
from app.domain.tenders import Tender, TenderKind
from app.services.authorization import ManagerApproval
from app.services.catalog import import_catalog
from app.services.printer_settings import save_printer_settings
from app.services.printing import (
    export_receipt_pdf,
    open_cash_drawer,
    print_jobs,
    process_print_queue,
    queue_sale_receipt,
    reprint_receipt,
)
from printers.escpos_output import PrinterSettings
from tests.conftest import DemoTill
from tests.integration.printing_sales import sell, use_network_printer
from tests.printer_server import LoopbackPrinter, free_port, wait_for_jobs


def test_a_cash_sale_prints_its_receipt_cuts_and_opens_the_drawer(demo: DemoTill, printer: LoopbackPrinter) -> None:
    use_network_printer(demo, printer.port)
    sale = sell(demo, "BER-003", "2000000000015")
    queue_sale_receipt(sale.sale_id, demo.till.uow())

    outcomes = process_print_queue(demo.till.uow)

    assert [outcome.printed for outcome in outcomes] == [True]
    wait_for_jobs(printer, 1)
    printout = printer.printouts()[0]
    text = printout.text
    assert "Winter Makers Market" in text
    assert "Beleg A-000001" in text  # the demo event is at Zurich (de_CH): its receipts are German
    assert any(
        line.startswith("1 x Mug speckled") and line.endswith("CHF 32.00") and len(line) == 48
        for line in printout.lines
    )
    assert any(line.startswith("TOTAL") and line.endswith("CHF 44.90") for line in printout.lines)
    assert "MWST 8.1% auf CHF 41.53 (inbegriffen)" in text
    assert any(line.startswith("Rückgeld") and line.endswith("CHF 10.00") for line in printout.lines)
    assert "Bergkeramik" in text and "Atelier Lumen" in text
    assert printout.commands[-2:] == ["cut", "drawer"]
    assert "qr" in printout.commands  # the receipt QR, drawn by the printer


def test_58mm_paper_uses_32_columns(demo: DemoTill, printer: LoopbackPrinter) -> None:
    use_network_printer(demo, printer.port, width=58)
    sale = sell(demo, "BER-003", tenders=(Tender(TenderKind.CARD, 3200, "TRM-1"),))
    queue_sale_receipt(sale.sale_id, demo.till.uow())
    process_print_queue(demo.till.uow)
    wait_for_jobs(printer, 1)
    printout = printer.printouts()[0]
    assert max(len(line) for line in printout.lines) == 32
    assert "drawer" not in printout.commands, "a card sale does not open the drawer"


def test_a_dead_printer_never_blocks_the_sale_and_the_job_prints_once_when_it_is_back(demo: DemoTill) -> None:
    port = free_port()
    use_network_printer(demo, port)
    sale = sell(demo, "BER-003")
    with demo.till.uow() as uow:
        assert uow.sales.header_by_receipt(sale.receipt_no) is not None, "the sale is committed before any printing"
    job_id = queue_sale_receipt(sale.sale_id, demo.till.uow())

    failed = process_print_queue(demo.till.uow)

    assert [(o.job_id, o.printed) for o in failed] == [(job_id, False)]
    assert failed[0].error is not None and "not answering" in failed[0].error
    [job] = print_jobs(demo.till.uow())
    assert (job.status, job.attempts) == ("queued", 1)
    assert job.last_error == failed[0].error

    device = LoopbackPrinter(port)
    try:
        assert [o.printed for o in process_print_queue(demo.till.uow)] == [True]
        assert process_print_queue(demo.till.uow) == []
        wait_for_jobs(device, 1)
        threading.Event().wait(0.3)
        assert len(device.jobs) == 1, "printed once, not twice"
    finally:
        device.close()
    [job] = print_jobs(demo.till.uow())
    assert (job.status, job.attempts) == ("printed", 2)


def test_no_receipt_still_opens_the_drawer_for_cash(demo: DemoTill, printer: LoopbackPrinter) -> None:
    use_network_printer(demo, printer.port)
    sale = sell(demo, "BER-003")
    queue_sale_receipt(sale.sale_id, demo.till.uow(), print_receipt=False)
    process_print_queue(demo.till.uow)
    wait_for_jobs(printer, 1)
    printout = printer.printouts()[0]
    assert printout.commands[-1] == "drawer" and "cut" not in printout.commands
    assert printout.text.strip() == ""


def test_a_reprint_is_marked_copy_and_audited(demo: DemoTill, printer: LoopbackPrinter) -> None:
    use_network_printer(demo, printer.port)
    sale = sell(demo, "BER-003")
    reprint_receipt(sale.receipt_no.lower(), demo.cashier, demo.till.uow())
    process_print_queue(demo.till.uow)
    wait_for_jobs(printer, 1)
    printout = printer.printouts()[0]
    assert printout.lines[0].strip() == "*** KOPIE ***"  # marked in the de_CH demo event's language
    assert "drawer" not in printout.commands
    with demo.till.uow() as uow:
        assert [e.fields.action for e in uow.audit.entries()][-1] == "receipt.reprinted"


def test_opening_the_drawer_outside_a_sale_needs_a_manager(demo: DemoTill, printer: LoopbackPrinter) -> None:
    use_network_printer(demo, printer.port)
    with pytest.raises(ApprovalRequired):
        open_cash_drawer("change for the float", demo.cashier, demo.till.uow())
    open_cash_drawer("change for the float", demo.cashier, demo.till.uow(), ManagerApproval("Alex", "1234"))
    process_print_queue(demo.till.uow)
    wait_for_jobs(printer, 1)
    assert printer.printouts()[0].commands[-1] == "drawer"
    with demo.till.uow() as uow:
        entry = next(e for e in uow.audit.entries() if e.fields.action == "drawer.opened")
    assert entry.fields.approved_by == demo.manager and "float" in entry.fields.details


def test_pdf_receipt_text_accents_and_qr_resolve_to_the_sale(demo: DemoTill, tmp_path: Path) -> None:
    csv = "sku,name,variant,maker,tax_class,price,barcodes\nLUM-1,Bougie parfumée,été,Atelier Lumière,standard,19.50,\n"
    import_catalog(csv.encode(), demo.manager, demo.till.uow())
    sale = sell(demo, "LUM-1", "BER-003")

    for paper in ("80mm", "A4"):
        target = export_receipt_pdf(sale.sale_id, tmp_path / f"receipt-{paper}.pdf", demo.till.uow(), paper)
        text = "\n".join(page.extract_text() for page in PdfReader(target).pages)
        assert "Bougie parfumée été" in text
        assert "Atelier Lumière" in text
        assert "CHF 51.50" in text and "TOTAL" in text
        assert sale.receipt_no in text

        subprocess.run(["pdftoppm", "-r", "300", "-png", "-singlefile", str(target), str(tmp_path / paper)], check=True)
        found = zxingcpp.read_barcodes(Image.open(tmp_path / f"{paper}.png"))
        assert len(found) == 1 and found[0].format == zxingcpp.BarcodeFormat.QRCode
        assert parse_receipt_qr(found[0].text) == (sale.receipt_no, sale.sale_id)


def test_print_commands_on_the_command_line(
    demo: DemoTill,
    printer: LoopbackPrinter,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
) -> None:
    import io

    from app.cli import main

    use_network_printer(demo, printer.port)
    sale = sell(demo, "BER-003")
    base = ["--data-dir", str(demo.till.data_dir), "print"]
    monkeypatch.setattr("sys.stdin", io.StringIO("1111\n"))
    assert main([*base, "reprint", sale.receipt_no, "--staff", "Sam"]) == 0
    wait_for_jobs(printer, 1)
    assert "*** KOPIE ***" in printer.printouts()[0].text  # the de_CH event's language
    assert main([*base, "pdf", sale.receipt_no, str(tmp_path / "r.pdf"), "--a4"]) == 0
    assert "TOTAL" in PdfReader(tmp_path / "r.pdf").pages[0].extract_text()
    assert main([*base, "jobs"]) == 0
    assert "printed" in capsys.readouterr().out
    assert main([*base, "pdf", "A-999999", str(tmp_path / "x.pdf")]) == 2
    assert "No sale has the receipt number A-999999" in capsys.readouterr().err


def test_the_logo_prints_at_the_top_of_receipts(demo: DemoTill, printer: LoopbackPrinter, tmp_path: Path) -> None:
    logo = tmp_path / "logo.png"
    Image.new("1", (200, 60), 1).save(logo)
    settings = PrinterSettings(kind="network", address="127.0.0.1", port=printer.port, logo_path=str(logo))
    save_printer_settings(settings, demo.manager, demo.till.uow())
    sale = sell(demo, "BER-003")
    queue_sale_receipt(sale.sale_id, demo.till.uow())
    process_print_queue(demo.till.uow)
    wait_for_jobs(printer, 1)
    commands = printer.printouts()[0].commands
    assert "image" in commands and commands.index("image") < commands.index("qr")
    with pytest.raises(Exception, match="does not exist"):
        save_printer_settings(replace(settings, logo_path=str(tmp_path / "nope.png")), demo.manager, demo.till.uow())
