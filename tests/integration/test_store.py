"""The store itself: migrations, pragmas, online backup while selling, the --data-dir override."""

from __future__ import annotations

import sqlite3
import threading
from pathlib import Path

import pytest
from alembic.autogenerate import compare_metadata
from alembic.runtime.migration import MigrationContext
from sqlalchemy import text

from app.cli import main
from app.domain.tenders import Tender, TenderKind
from app.services import carts
from app.services.selling import CompleteSale, complete_sale
from app.store.database import current_revision, head_revision, migrate
from app.store.schema import metadata
from tests.conftest import DemoTill


def test_the_migrated_store_matches_the_schema_module(demo: DemoTill) -> None:
    def ignore_search_index(obj: object, name: str | None, type_: str, reflected: bool, compare_to: object) -> bool:
        return not (type_ == "table" and name is not None and name.startswith("product_search"))

    with demo.till.engine.connect() as connection:
        context = MigrationContext.configure(connection, opts={"include_object": ignore_search_index})
        assert compare_metadata(context, metadata) == []


def test_migrating_again_is_a_no_op(demo: DemoTill) -> None:
    migrate(demo.till.engine)
    assert current_revision(demo.till.engine) == head_revision()


def test_connections_use_the_durable_pragmas(demo: DemoTill) -> None:
    with demo.till.engine.connect() as connection:
        assert connection.execute(text("PRAGMA journal_mode")).scalar() == "wal"
        assert connection.execute(text("PRAGMA synchronous")).scalar() == 2  # FULL
        assert connection.execute(text("PRAGMA foreign_keys")).scalar() == 1


def test_backup_while_sales_are_being_completed_is_consistent(demo: DemoTill, tmp_path: Path) -> None:
    stop = threading.Event()
    failures: list[BaseException] = []

    def keep_selling() -> None:
        try:
            for _ in range(200):
                if stop.is_set():
                    return
                cart_id = carts.current_cart(demo.cashier, demo.till.uow()).cart.cart_id
                carts.scan(cart_id, "BER-003", demo.cashier, demo.till.uow())
                carts.scan(cart_id, "ATE-001", demo.cashier, demo.till.uow())
                complete_sale(CompleteSale(cart_id, demo.cashier, (Tender(TenderKind.CASH, 5000),)), demo.till.uow())
        except BaseException as error:  # reported to the test thread below
            failures.append(error)

    seller = threading.Thread(target=keep_selling)
    seller.start()
    copies = []
    try:
        for index in range(3):
            target = tmp_path / f"copy-{index}.db"
            assert main(["--data-dir", str(demo.till.data_dir), "backup", str(target)]) == 0
            copies.append(target)
    finally:
        stop.set()
        seller.join(timeout=60)
    assert not failures

    for copy in copies:
        with sqlite3.connect(copy) as db:
            assert db.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
            sales = db.execute("SELECT count(*) FROM sales").fetchone()[0]
            assert db.execute("SELECT count(*) FROM sale_lines").fetchone()[0] == 2 * sales
            assert db.execute("SELECT count(*) FROM sale_tenders").fetchone()[0] == sales
            assert db.execute("SELECT count(*) FROM outbox WHERE type = 'sale.completed'").fetchone()[0] == sales
            assert db.execute("SELECT count(*) FROM stock_movements WHERE kind = 'sale'").fetchone()[0] == 2 * sales


def test_backup_never_overwrites(demo: DemoTill, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    target = tmp_path / "copy.db"
    target.write_bytes(b"precious")
    assert main(["--data-dir", str(demo.till.data_dir), "backup", str(target)]) == 2
    assert "never overwrites" in capsys.readouterr().err
    assert target.read_bytes() == b"precious"


def test_data_dir_decides_where_the_store_lives(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    first, second = tmp_path / "first", tmp_path / "second"
    assert main(["--data-dir", str(first), "demo"]) == 0
    assert main(["status", "--data-dir", str(second)]) == 2
    assert "no till set up yet" in capsys.readouterr().err
    assert (first / "till.db").exists()
    assert main(["status", "--data-dir", str(first)]) == 0
    assert "Winter Makers Market" in capsys.readouterr().out
