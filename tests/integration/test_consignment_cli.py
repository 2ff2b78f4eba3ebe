"""``popup-pos consignment`` through the real entry point, on the demo till's store: reconcile, decide, hand back
(the note printed in ESC/POS and as a PDF, each with the signature line), fees, the statement as PDF and CSV."""

from __future__ import annotations

import io
from pathlib import Path

import pytest
from pypdf import PdfReader

from app.cli import main
from app.domain.tenders import Tender, TenderKind
from app.services import carts
from app.services.audit import verify_audit_trail
from app.services.selling import CompleteSale, complete_sale
from printers.document import Document
from printers.escpos_output import PrinterSettings, render_escpos
from tests.conftest import DemoTill
from tests.escpos_decode import decode

MANAGER, MANAGER_PIN = "Alex", "1234"


class Cli:
    def __init__(self, demo: DemoTill, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch) -> None:
        self._folder = ["--data-dir", str(demo.till.data_dir)]
        self._capsys = capsys
        self._monkeypatch = monkeypatch

    def __call__(self, *args: str, pins: tuple[str, ...] = ()) -> tuple[int, str, str]:
        self._monkeypatch.setattr("sys.stdin", io.StringIO("".join(f"{pin}\n" for pin in pins)))
        status = main([*self._folder, *args])
        captured = self._capsys.readouterr()
        return status, captured.out, captured.err


@pytest.fixture
def cli(demo: DemoTill, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch) -> Cli:
    return Cli(demo, capsys, monkeypatch)


def pdf_text(path: Path) -> str:
    return "\n".join(page.extract_text() for page in PdfReader(path).pages).replace("\xa0", " ")


def test_a_maker_is_reconciled_decided_handed_back_and_stated(cli: Cli, demo: DemoTill, tmp_path: Path) -> None:
    staff = ("--staff", MANAGER)
    receive = ("stock", "receive", "--maker", "Bergkeramik", "--note", "LS-77", *staff, "BER-003:10")
    assert cli(*receive, pins=(MANAGER_PIN,))[0] == 0
    hold = ("stock", "transfer", "--from", "stall", "--to", "quality_hold", *staff, "BER-003:2")
    assert cli(*hold, pins=(MANAGER_PIN,))[0] == 0

    status, out, err = cli("consignment", "held")
    assert (status, err) == (0, "")
    assert out.startswith("BER-003\t2\tMug speckled (Bergkeramik)")
    status, out, err = cli("consignment", "decide", "BER-003", "write_off", "--reason", "", *staff, pins=(MANAGER_PIN,))
    assert status != 0 and "Type the reason" in err, "no decision without a reason"
    decide = ("consignment", "decide", "BER-003", "write_off", "--reason", "cracked", *staff)
    assert cli(*decide, pins=(MANAGER_PIN,))[0] == 0
    status, _out, err = cli(*decide[:-2], "--quantity", "5", *staff, pins=(MANAGER_PIN,))
    assert status != 0 and "The quality hold has 1 of BER-003" in err

    assert (
        cli("consignment", "fees", "Bergkeramik", "--fixed", "1500", "--percent", "2", *staff, pins=(MANAGER_PIN,))[0]
        == 0
    )
    note_pdf = tmp_path / "note.pdf"
    back = ("consignment", "hand-back", "--maker", "Bergkeramik", "--held", "BER-003:1", "--pdf", str(note_pdf))
    status, out, err = cli(*back, *staff, "BER-003:8", pins=(MANAGER_PIN,))
    assert (status, err) == (0, "")
    assert out.splitlines()[0] == "Hand-back note A-H00001: 9 unit(s) back to Bergkeramik."
    text = pdf_text(note_pdf)
    # Printed in the event's language (the demo's is de_CH), whoever hands back.
    assert "Rückgabeschein A-H00001" in text and "Unterschrift" in text and "_" * 32 in text
    assert "Mug speckled (BER-003)" in text

    with demo.till.uow() as uow:
        (job,) = [job for job in uow.print_jobs.jobs() if job.kind == "hand_back_note"]
    printed = decode(render_escpos(Document.from_json(job.document), PrinterSettings()))
    assert any("Zurückgegebene Stück" in line and "9" in line for line in printed.lines)
    assert "_" * 32 in printed.text

    status, out, _err = cli("consignment", "reconcile")
    assert out.splitlines()[1].split("\t") == ["Bergkeramik", "BER-003", "10", "0", "0", "0", "1", "9", "0"]

    folder, csv_file = tmp_path / "statements", tmp_path / "statements.csv"
    assert cli("consignment", "statement", "--pdf", str(folder), "--csv", str(csv_file))[0] == 0
    statement = " ".join(pdf_text(folder / "statement-Bergkeramik.pdf").split())
    for words in ("Erhalten 10", "Zurückgegeben 9", "Fehlend 0", "Feste Gebühr CHF-15.00", "Auszahlung fällig"):
        assert words in statement, words
    total = [row for row in csv_file.read_text(encoding="utf-8-sig").splitlines() if ",TOTAL," in row]
    assert total == ["Bergkeramik,TOTAL,,10,0,0,0,1,9,0,0,0,0,1500,0,0,-1500,due,,"]
    assert verify_audit_trail(demo.till.uow()).intact


def sell(demo: DemoTill, code: str) -> None:
    cart_id = carts.current_cart(demo.cashier, demo.till.uow()).cart.cart_id
    state = carts.scan(cart_id, code, demo.cashier, demo.till.uow())
    tender = Tender(TenderKind.CARD, state.priced.total, "TRM-1")
    complete_sale(CompleteSale(cart_id, demo.cashier, (tender,)), demo.till.uow())


def test_the_settlement_statement_gains_the_consignment_lines(cli: Cli, demo: DemoTill, tmp_path: Path) -> None:
    receive = ("stock", "receive", "--maker", "Bergkeramik", "--note", "LS-78", "--staff", MANAGER, "BER-003:4")
    assert cli(*receive, pins=(MANAGER_PIN,))[0] == 0
    sell(demo, "BER-003")
    sell(demo, "ATE-001")
    assert cli("report", "settlement", "--pdf", str(tmp_path))[0] == 0
    consigned = " ".join(pdf_text(tmp_path / "settlement-Bergkeramik.pdf").split())
    assert "Kommission" in consigned and "Erhalten 4" in consigned and "Fehlend 3" in consigned
    other = " ".join(pdf_text(tmp_path / "settlement-Atelier-Lumen.pdf").split())
    assert "Erhalten" not in other, "a maker who delivered nothing has no consignment lines"
