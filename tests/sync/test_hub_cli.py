"""``popup-hub`` on awkward input: prices in currencies without two decimals, database addresses with % and #."""

from __future__ import annotations

import os
import subprocess
import sys
import time
import uuid
from collections.abc import Iterator
from pathlib import Path
from urllib.parse import quote

import httpx
import pytest
from sqlalchemy import create_engine, text
from sqlalchemy.exc import OperationalError

from app.bootstrap import open_till
from app.services.catalog import find_product
from app.services.syncing import enroll_till
from sync.hub.cli import main as hub_main
from tests.sync.conftest import HubEvent, enrolled_till, free_port
from tests.sync.till_actions import sync

ROOT = Path(__file__).resolve().parents[2]
HEADER = "sku,name,maker,tax_class,price\n"


def db_option(hub: HubEvent) -> list[str]:
    return ["--db", hub.hub.store.engine.url.render_as_string(hide_password=False)]


def test_a_catalog_name_a_spreadsheet_would_run_is_imported_with_a_warning(
    hub: HubEvent, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    catalog = tmp_path / "formula.csv"
    catalog.write_text(
        HEADER + 'LINK-1,"=HYPERLINK(""http://x"",""x"")",@Maker,standard,4.50\nOK-1,Mug,Atelier,standard,12\n'
    )
    assert hub_main([*db_option(hub), "catalog", "import", str(catalog)]) == 0
    out = capsys.readouterr().out
    assert "2 product(s) imported." in out
    assert "Warning: line 2: the name starts with '=' — a spreadsheet would run it as a formula" in out
    assert "Warning: line 2: the maker starts with '@'" in out
    assert "line 3" not in out


def test_catalog_prices_are_read_with_the_digits_of_their_currency(
    hub: HubEvent, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    db = db_option(hub)
    francs, yen, euros, bad = (tmp_path / name for name in ("chf.csv", "jpy.csv", "eur.csv", "bad.csv"))
    francs.write_text(HEADER + "BAG-1,Tote bag,Stoffwerk,standard,4.5\n")
    yen.write_text(HEADER + "TEA-1,Matcha tin,Uji Farm,standard,1200\n")
    euros.write_text(HEADER + "SCARF-1,Scarf,Laine,standard,12.5\n")
    bad.write_text(HEADER + "CAP-1,Cap,Laine,standard,3.00\nCAP-2,Cap,Laine,standard,12.345\n")

    # The hub's one event is in francs: without --currency, its currency is the catalog's.
    assert hub_main([*db, "catalog", "import", str(francs)]) == 0
    assert hub_main([*db, "event", "create", "Tokyo Pop-up", "--currency", "JPY", "--tax", "standard=10"]) == 0
    tokyo = capsys.readouterr().out.strip().splitlines()[-1]
    assert hub_main([*db, "catalog", "import", str(yen)]) == 2
    assert "Say which currency the catalog's prices are in (--currency EUR): its events use CHF, JPY." in (
        capsys.readouterr().err
    )
    assert hub_main([*db, "catalog", "import", str(yen), "--currency", "jpy"]) == 0
    assert hub_main([*db, "catalog", "import", str(euros), "--currency", "EUR"]) == 0
    assert hub_main([*db, "catalog", "import", str(bad), "--currency", "EUR"]) == 2
    assert "line 3: bad price: '12.345' has more than 2 decimals, which EUR does not have." in capsys.readouterr().err
    assert hub_main([*db, "catalog", "import", str(yen), "--currency", "YEN"]) == 2
    assert "'YEN' is not an ISO 4217 currency code" in capsys.readouterr().err

    # What a till pulls over HTTP: minor units, and nothing of the refused file.
    till = enrolled_till(hub.hub.url, hub.hub.store, tokyo, tmp_path / "tokyo", code="T")
    try:
        sync(till)
        prices = {sku: find_product(sku, till.till.uow()).item.unit_price for sku in ("TEA-1", "SCARF-1", "BAG-1")}
        assert prices == {"TEA-1": 1200, "SCARF-1": 1250, "BAG-1": 450}
        with till.till.uow() as uow:
            assert uow.catalog.by_code("CAP-1") is None, "a file with a bad line is refused whole"
    finally:
        till.till.close()


@pytest.fixture
def hub_processes() -> Iterator[list[subprocess.Popen[str]]]:
    """Hub processes started by a test, stopped at its end whatever happened."""
    started: list[subprocess.Popen[str]] = []
    yield started
    for child in started:
        child.terminate()
        child.communicate(timeout=10)


def test_an_sqlite_file_named_with_percent_and_hash(
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
    hub_processes: list[subprocess.Popen[str]],
) -> None:
    monkeypatch.chdir(tmp_path)
    # "%41" would read as "A" in a URL: as a plain path it stays what it is.
    name = "market 5%41 #2.db"
    assert hub_main(["--db", name, "event", "create", "Drop", "--currency", "EUR", "--tax", "standard=20"]) == 0
    event_id = capsys.readouterr().out.strip()
    assert [path.name for path in tmp_path.glob("*.db")] == [name]
    as_url = "sqlite:///" + quote(str(tmp_path / name))
    assert hub_main(["--db", as_url, "till", "enroll-code", event_id]) == 0, "the URL form opens the same file"
    code = capsys.readouterr().out.strip()

    port = free_port()
    hub = subprocess.Popen(
        [sys.executable, "-m", "sync.hub.cli", "--db", name, "serve", "--port", str(port)],
        cwd=tmp_path,
        env={**os.environ, "PYTHONPATH": str(ROOT)},
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )
    hub_processes.append(hub)
    url = f"http://127.0.0.1:{port}"
    deadline = time.monotonic() + 30
    while not _answers(url):
        assert hub.poll() is None and time.monotonic() < deadline, "the hub did not start"
        time.sleep(0.05)
    till = open_till(tmp_path / "till")
    try:
        enrolled = enroll_till(url, code, till.uow())
    finally:
        till.close()
    assert enrolled.event_id == event_id
    assert [path.name for path in tmp_path.glob("*.db")] == [name]


def _answers(url: str) -> bool:
    try:
        return httpx.get(f"{url}/v1/health", timeout=1).status_code == 200
    except httpx.TransportError:
        return False


@pytest.mark.parametrize(
    "value", ["postgresql+psycopg://hub:s3cret@db:no-port/hub", "post gres://hub:s3cret@db/hub", ""]
)
def test_a_database_address_that_is_no_url_is_refused_without_showing_it(
    value: str, capsys: pytest.CaptureFixture[str]
) -> None:
    with pytest.raises(SystemExit) as refused:
        hub_main(["--db", value, "conflicts"])
    assert refused.value.code == 2
    said = capsys.readouterr().err
    assert "argument --db:" in said and "s3cret" not in said


# "%41" is a valid escape: written as is in a URL, this password would reach the server as "5Aoff#sale".
ROLE, PASSWORD = "hub_percent", "5%41off#sale"


@pytest.mark.postgres
def test_a_postgresql_password_with_percent_and_hash(postgres_server: str, capsys: pytest.CaptureFixture[str]) -> None:
    database = _database_behind_a_password(postgres_server)
    host = postgres_server.rpartition("@")[2]
    good = f"postgresql+psycopg://{ROLE}:{quote(PASSWORD, safe='')}@{host}/{database}"
    wrong = f"postgresql+psycopg://{ROLE}:{quote(PASSWORD + 'x', safe='')}@{host}/{database}"

    assert hub_main(["--db", good, "event", "create", "Drop", "--currency", "EUR", "--tax", "standard=20"]) == 0
    event_id = capsys.readouterr().out.strip()
    admin = create_engine(f"{postgres_server}/{database}")
    try:
        with admin.connect() as connection:
            assert connection.scalar(text("SELECT id FROM events")) == event_id
    finally:
        admin.dispose()

    assert hub_main(["--db", wrong, "event", "create", "Drop", "--currency", "EUR", "--tax", "standard=20"]) == 2
    refused = capsys.readouterr().err
    assert f'password authentication failed for user "{ROLE}"' in refused
    assert f"{ROLE}:***@" in refused
    assert "off" not in refused.replace(ROLE, ""), "the password is never printed, encoded or not"


def _database_behind_a_password(server: str) -> str:
    """A database owned by a role that must give its password (the test server trusts everyone else)."""
    admin = create_engine(f"{server}/postgres", isolation_level="AUTOCOMMIT")
    database = f"hub_{uuid.uuid4().hex[:12]}"
    try:
        with admin.connect() as connection:
            hba = Path(str(connection.exec_driver_sql("SHOW hba_file").scalar()))
            rule = f"host all {ROLE} 127.0.0.1/32 scram-sha-256\n"
            if rule not in hba.read_text():
                # The first matching line wins: this one comes before the test server's "trust".
                hba.write_text(rule + hba.read_text())
                connection.exec_driver_sql("SELECT pg_reload_conf()")
            known = connection.exec_driver_sql(f"SELECT 1 FROM pg_roles WHERE rolname = '{ROLE}'").first()
            # psycopg reads % as a placeholder even without parameters: %% is one %.
            password = PASSWORD.replace("%", "%%")
            connection.exec_driver_sql(f"{'ALTER' if known else 'CREATE'} ROLE {ROLE} LOGIN PASSWORD '{password}'")
            connection.exec_driver_sql(f'CREATE DATABASE "{database}" OWNER {ROLE}')
    finally:
        admin.dispose()
    # The server rereads its rules in the background: wait until it asks for the password.
    anyone = create_engine(f"postgresql+psycopg://{ROLE}@{server.rpartition('@')[2]}/{database}")
    deadline = time.monotonic() + 10
    try:
        while time.monotonic() < deadline:
            try:
                anyone.connect().close()
            except OperationalError:
                return database
            time.sleep(0.05)
    finally:
        anyone.dispose()
    raise AssertionError("PostgreSQL never started asking for the password")
