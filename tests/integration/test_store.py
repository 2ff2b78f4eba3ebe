"""The store itself: migrations, pragmas, online backup while selling, the --data-dir override."""

from __future__ import annotations

import sqlite3
import threading
from pathlib import Path

import pytest
from alembic import command
from alembic.autogenerate import compare_metadata
from alembic.config import Config
from alembic.runtime.migration import MigrationContext
from sqlalchemy import text

from app.bootstrap import open_till
from app.cli import main
from app.domain.tenders import Tender, TenderKind
from app.paths import DATA_DIR_ENV
from app.services import carts
from app.services.selling import CompleteSale, complete_sale
from app.store.database import current_revision, head_revision, migrate, open_engine
from app.store.schema import metadata
from tests.conftest import DemoTill
from tests.integration.store_migrations import migrations_folder


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
    first_sale = threading.Event()
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
                first_sale.set()
        except BaseException as error:  # reported to the test thread below
            failures.append(error)

    seller = threading.Thread(target=keep_selling)
    seller.start()
    copies = []
    try:
        assert first_sale.wait(timeout=30), failures
        for index in range(3):
            target = tmp_path / f"copy-{index}.db"
            assert main(["--data-dir", str(demo.till.data_dir), "backup", str(target)]) == 0
            copies.append(target)
    finally:
        stop.set()
        seller.join(timeout=60)
    assert not failures

    sales_per_copy = []
    for copy in copies:
        with sqlite3.connect(copy) as db:
            assert db.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
            sales = db.execute("SELECT count(*) FROM sales").fetchone()[0]
            sales_per_copy.append(sales)
            assert db.execute("SELECT count(*) FROM sale_lines").fetchone()[0] == 2 * sales
            assert db.execute("SELECT count(*) FROM sale_tenders").fetchone()[0] == sales
            assert db.execute("SELECT count(*) FROM outbox WHERE type = 'sale.completed'").fetchone()[0] == sales
            assert db.execute("SELECT count(*) FROM stock_movements WHERE kind = 'sale'").fetchone()[0] == 2 * sales
            assert db.execute("SELECT count(*) FROM audit_log WHERE action = 'sale.completed'").fetchone()[0] == sales
            assert db.execute("SELECT max(receipt_seq) FROM sales").fetchone()[0] == sales, "gap-free up to the copy"
    assert sales_per_copy[0] >= 1
    assert sales_per_copy == sorted(sales_per_copy), "each copy is a later snapshot"


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


def test_a_store_from_an_older_version_is_migrated_on_start_and_keeps_its_data(tmp_path: Path) -> None:
    engine = open_engine(tmp_path / "till.db")
    config = Config()
    config.set_main_option("script_location", str(migrations_folder()))
    with engine.begin() as connection:
        config.attributes["connection"] = connection
        command.upgrade(config, "0001")
        connection.execute(text("INSERT INTO settings (key, value) VALUES ('kept', 'yes')"))
    assert current_revision(engine) == "0001"
    engine.dispose()

    till = open_till(tmp_path)
    try:
        assert current_revision(till.engine) == head_revision()
        with till.engine.connect() as connection:
            assert connection.execute(text("SELECT value FROM settings WHERE key = 'kept'")).scalar() == "yes"
            assert connection.execute(text("SELECT count(*) FROM print_jobs")).scalar() == 0
    finally:
        till.close()


def test_migrating_again_leaves_the_schema_byte_for_byte(demo: DemoTill) -> None:
    def schema() -> list[tuple[str, str, str]]:
        with sqlite3.connect(demo.till.store_path) as db:
            return db.execute("SELECT type, name, sql FROM sqlite_master ORDER BY type, name").fetchall()

    before = schema()
    migrate(demo.till.engine)
    reopened = open_till(demo.till.data_dir)
    reopened.close()
    assert schema() == before
    assert any(name == "sales_no_update" for kind, name, _ in before if kind == "trigger")


def test_data_dir_writes_there_and_nowhere_else(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    home, cwd, store = tmp_path / "home", tmp_path / "cwd", tmp_path / "store"
    home.mkdir()
    cwd.mkdir()
    monkeypatch.setenv("HOME", str(home))
    monkeypatch.setenv("XDG_DATA_HOME", str(home / ".local" / "share"))
    monkeypatch.setenv(DATA_DIR_ENV, str(tmp_path / "from-the-environment"))
    monkeypatch.chdir(cwd)

    assert main(["--data-dir", str(store), "demo"]) == 0
    assert main(["catalog", "lookup", "BER-003", "--data-dir", str(store)]) == 0
    assert main(["--data-dir", str(store), "audit", "verify"]) == 0
    capsys.readouterr()

    assert (store / "till.db").exists()
    assert sorted(path.name for path in tmp_path.iterdir()) == ["cwd", "home", "store"]
    assert list(home.rglob("*")) == []
    assert list(cwd.rglob("*")) == []


def test_the_environment_variable_chooses_the_store_when_no_option_does(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    monkeypatch.setenv(DATA_DIR_ENV, str(tmp_path / "env-store"))
    assert main(["demo"]) == 0
    assert str(tmp_path / "env-store" / "till.db") in capsys.readouterr().out


@pytest.mark.parametrize("folder", ["shop #2", "50% off", "what?", "Café Zürich"])
def test_a_data_dir_with_any_name_holds_the_store_and_backs_it_up(
    tmp_path: Path, folder: str, capsys: pytest.CaptureFixture[str]
) -> None:
    store = tmp_path / folder
    assert main(["--data-dir", str(store), "demo"]) == 0
    assert main(["--data-dir", str(store), "backup", str(tmp_path / "copy.db")]) == 0, capsys.readouterr().err
    assert sorted(path.name for path in tmp_path.iterdir()) == sorted(["copy.db", folder])
    with sqlite3.connect(tmp_path / "copy.db") as db:
        assert db.execute("SELECT count(*) FROM products").fetchone()[0] == 44
