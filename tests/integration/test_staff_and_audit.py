"""Staff through the command line, the audit chain against tampering, append-only facts."""

from __future__ import annotations

import io
import sqlite3
from pathlib import Path

import pytest

from app.cli import main
from app.domain.errors import PermissionDenied
from app.domain.staff import Role
from app.domain.tenders import Tender, TenderKind
from app.services import carts
from app.services.selling import CompleteSale, complete_sale
from app.services.staff import AddStaff, add_staff, sign_in
from tests.conftest import DemoTill


def cli(demo: DemoTill, *args: str, stdin: str = "", monkeypatch: pytest.MonkeyPatch) -> int:
    monkeypatch.setattr("sys.stdin", io.StringIO(stdin))
    return main(["--data-dir", str(demo.till.data_dir), *args])


def test_staff_add_asks_for_the_pin_and_stores_only_its_hash(
    demo: DemoTill, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    code = cli(
        demo,
        "staff",
        "add",
        "Robin",
        "--role",
        "cashier",
        "--manager",
        "Alex",
        stdin="1234\n4321\n",
        monkeypatch=monkeypatch,
    )
    assert code == 0, capsys.readouterr().err
    assert "Robin added as cashier" in capsys.readouterr().out
    with sqlite3.connect(demo.till.store_path) as db:
        stored = db.execute("SELECT pin_hash FROM staff WHERE name = 'Robin'").fetchone()[0]
    assert "4321" not in stored and stored.startswith("scrypt$")
    robin = next(m for m in main_staff(demo) if m[0] == "Robin")
    assert sign_in(robin[1], "4321", demo.till.uow()).role is Role.CASHIER


def main_staff(demo: DemoTill) -> list[tuple[str, str]]:
    from app.services.staff import list_staff

    return [(member.name, member.staff_id) for member in list_staff(demo.till.uow())]


def test_a_wrong_manager_pin_adds_nobody(
    demo: DemoTill, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    code = cli(
        demo,
        "staff",
        "add",
        "Robin",
        "--role",
        "cashier",
        "--manager",
        "Alex",
        stdin="0000\n4321\n",
        monkeypatch=monkeypatch,
    )
    assert code == 2
    assert "Wrong PIN" in capsys.readouterr().err
    assert "Robin" not in dict(main_staff(demo))


def test_a_cashier_cannot_add_staff(demo: DemoTill) -> None:
    with pytest.raises(PermissionDenied, match="may not manage staff"):
        add_staff(AddStaff("Robin", Role.CASHIER, "4321", added_by=demo.cashier), demo.till.uow())


def test_wrong_pin_is_refused_and_audited(demo: DemoTill) -> None:
    with pytest.raises(PermissionDenied, match="Wrong PIN"):
        sign_in(demo.cashier, "9999", demo.till.uow())
    with demo.till.uow() as uow:
        assert [e.fields.action for e in uow.audit.entries()][-1] == "staff.sign_in_refused"


def test_audit_verify_finds_the_first_tampered_entry(
    demo: DemoTill, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    cart_id = carts.current_cart(demo.cashier, demo.till.uow()).cart.cart_id
    carts.scan(cart_id, "BER-003", demo.cashier, demo.till.uow())
    complete_sale(CompleteSale(cart_id, demo.cashier, (Tender(TenderKind.CASH, 5000),)), demo.till.uow())
    assert cli(demo, "audit", "verify", monkeypatch=monkeypatch) == 0
    assert "intact" in capsys.readouterr().out

    # An attacker with the file: drop the trigger that guards the log, then rewrite a sale's total.
    with sqlite3.connect(demo.till.store_path) as db:
        db.execute("DROP TRIGGER audit_log_no_update")
        seq = db.execute("SELECT seq FROM audit_log WHERE action = 'sale.completed'").fetchone()[0]
        db.execute("UPDATE audit_log SET details = replace(details, '3200', '320') WHERE seq = ?", (seq,))

    assert cli(demo, "audit", "verify", monkeypatch=monkeypatch) == 1
    assert f"BROKEN at entry {seq}" in capsys.readouterr().out


def test_facts_cannot_be_changed_or_deleted(demo: DemoTill) -> None:
    cart_id = carts.current_cart(demo.cashier, demo.till.uow()).cart.cart_id
    carts.scan(cart_id, "BER-003", demo.cashier, demo.till.uow())
    complete_sale(CompleteSale(cart_id, demo.cashier, (Tender(TenderKind.CASH, 5000),)), demo.till.uow())
    with sqlite3.connect(demo.till.store_path) as db:
        for statement in (
            "UPDATE sales SET total = 1",
            "DELETE FROM sale_lines",
            "DELETE FROM outbox",
            "UPDATE outbox SET payload = '{}'",
        ):
            with pytest.raises(sqlite3.IntegrityError, match=r"append-only|never"):
                db.execute(statement)


def test_a_new_till_from_the_command_line_starts_with_a_manager(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    def run(*args: str, stdin: str = "") -> int:
        monkeypatch.setattr("sys.stdin", io.StringIO(stdin))
        return main(["--data-dir", str(tmp_path), *args])

    assert run("init", "--event", "Spring Fair", "--currency", "EUR", "--locale", "fr_FR", "--tax", "standard=20") == 0
    assert run("staff", "add", "Robin", "--role", "cashier", stdin="4321\n") == 2
    assert "first person on a till must be a manager" in capsys.readouterr().err
    assert run("staff", "add", "Alex", "--role", "manager", stdin="1234\n") == 0
    assert run("staff", "add", "Robin", "--role", "cashier", stdin="4321\n") == 2
    assert "Only a manager can add staff" in capsys.readouterr().err
    assert run("staff", "add", "Robin", "--role", "cashier", "--manager", "Alex", stdin="1234\n4321\n") == 0
    assert run("staff", "add", "Kim", "--role", "cashier", "--manager", "Robin", stdin="4321\n5555\n") == 2
    assert "Robin (cashier) may not manage staff" in capsys.readouterr().err
    assert run("staff", "add", "Kim", "--role", "boss", "--manager", "Alex", stdin="1234\n5555\n") == 2
    assert "choose one of cashier, pickup_clerk, manager" in capsys.readouterr().err
    assert run("staff", "add", "Kim", "--role", "cashier", "--manager", "Alex", stdin="1234\n55\n") == 2
    assert "4 to 8 digits" in capsys.readouterr().err
    assert run("staff", "list") == 0
    assert capsys.readouterr().out.split() == ["Alex", "manager", "Robin", "cashier"]


def test_a_damaged_pin_hash_in_the_store_is_a_wrong_pin(demo: DemoTill) -> None:
    with sqlite3.connect(demo.till.store_path) as db:
        db.execute("UPDATE staff SET pin_hash = 'scrypt$x$8$1$AAAA$AAAA' WHERE id = ?", (demo.cashier,))
    with pytest.raises(PermissionDenied, match="Wrong PIN"):
        sign_in(demo.cashier, "1111", demo.till.uow())


def test_audit_verify_finds_a_deleted_entry(
    demo: DemoTill, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    with sqlite3.connect(demo.till.store_path) as db:
        count = db.execute("SELECT count(*) FROM audit_log").fetchone()[0]
        db.execute("DROP TRIGGER audit_log_no_delete")
        db.execute("DELETE FROM audit_log WHERE seq = 3")
    assert cli(demo, "audit", "verify", monkeypatch=monkeypatch) == 1
    assert "BROKEN at entry 4: entry 3 is missing" in capsys.readouterr().out
    assert count > 4
