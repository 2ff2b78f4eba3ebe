"""The manager's reports headless: `popup-pos report z|x|event|settlement` and `popup-pos export --csv`."""

from __future__ import annotations

import io
from pathlib import Path

import pytest
from pypdf import PdfReader

from app.cli import main
from app.domain.tenders import Tender, TenderKind
from app.services import carts
from app.services.cash import close_session
from app.services.selling import CompleteSale, complete_sale
from tests.conftest import DemoTill


def test_reports_and_exports_from_the_command_line(
    demo: DemoTill, tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    cart_id = carts.current_cart(demo.cashier, demo.till.uow()).cart.cart_id
    carts.scan(cart_id, "KAF-003", demo.cashier, demo.till.uow())
    complete_sale(CompleteSale(cart_id, demo.cashier, (Tender(TenderKind.CASH, 3000),)), demo.till.uow())
    folder = ["--data-dir", str(demo.till.data_dir)]

    assert main([*folder, "report", "x"]) == 0
    assert "X-Bericht A-X0001" in capsys.readouterr().out  # printed in the de_CH event's language
    assert main([*folder, "report", "z"]) == 2
    assert "No Z report yet" in capsys.readouterr().err
    close_session({10000: 2, 2000: 1}, demo.cashier, demo.till.uow())  # 220.00 for 225.90 expected
    assert main([*folder, "report", "z", "--list"]) == 0
    assert capsys.readouterr().out.split() == ["A-Z0001"]
    assert main([*folder, "report", "z", "--pdf", str(tmp_path / "z.pdf")]) == 0
    z_text = PdfReader(tmp_path / "z.pdf").pages[0].extract_text().replace("\xa0", " ")
    # Documents are printed in the event's language: the demo event is de_CH.
    assert "Z-Bericht A-Z0001" in z_text and "FEHLBETRAG" in z_text and "-5.90" in z_text

    monkeypatch.setattr("sys.stdin", io.StringIO("1234\n"))
    assert main([*folder, "commission", "20", "--maker", "Kaffee Kollektiv", "--staff", "Alex"]) == 0
    monkeypatch.setattr("sys.stdin", io.StringIO("1111\n"))
    assert main([*folder, "commission", "30", "--staff", "Sam"]) == 2  # a cashier may not
    assert "may not manage catalog" in capsys.readouterr().err
    assert main([*folder, "report", "settlement", "--maker", "Kaffee Kollektiv"]) == 0
    printed = capsys.readouterr().out.replace("\xa0", " ")
    assert "Provision 20%" in printed and "AUSZUZAHLEN" in printed and "20.72" in printed  # de_CH event
    assert main([*folder, "report", "settlement", "--pdf", str(tmp_path / "statements")]) == 0
    assert [p.name for p in (tmp_path / "statements").iterdir()] == ["settlement-Kaffee-Kollektiv.pdf"]

    assert main([*folder, "report", "event", "--pdf", str(tmp_path / "event.pdf")]) == 0
    assert (tmp_path / "event.pdf").stat().st_size > 0
    assert main([*folder, "export", "--csv", str(tmp_path / "csv")]) == 0
    assert (tmp_path / "csv" / "sales.csv").read_text(encoding="utf-8-sig").count("\n") == 2
