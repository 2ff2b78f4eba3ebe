"""Long work reports its progress and stops when asked where stopping is safe, leaving nothing half-written.

Real parts throughout: the demo till's SQLite file, a real hub over HTTP on
127.0.0.1 for the first pull, the command line with its progress line.
"""

from __future__ import annotations

import io
from collections.abc import Iterator
from pathlib import Path

import pytest

from app.bootstrap import open_till
from app.cli.main import main
from app.cli.terminal import ProgressLine
from app.domain.progress import Cancelled, CancelToken
from app.services.backups import Cancellation, take_backup
from app.services.catalog import IMPORT_BATCH, import_catalog
from app.services.event_export import export_csv
from app.services.event_report_pdf import PDF_STEPS, event_report_pdf
from app.services.syncing import enroll_till, pull_changes
from app.store.csv_export import ExportTable
from app.store.database import open_engine
from app.store.unit_of_work import UnitOfWork
from sync.client import HubClient
from sync.protocol import ChangesPage
from tests.conftest import DemoTill
from tests.integration.catalog_files import catalog_csv
from tests.sync.conftest import HubEvent, hub_on

Report = tuple[int, int | None, str]


class Recorder:
    """A progress callback that keeps what it heard and, once ``stop_when`` holds, presses Cancel."""

    def __init__(self, token: CancelToken | None = None, stop_when: str = "") -> None:
        self.reports: list[Report] = []
        self._token = token
        self._stop_when = stop_when

    def __call__(self, done: int, total: int | None, what: str) -> None:
        self.reports.append((done, total, what))
        if self._token is not None and self._stop_when and self._stop_when in what and done > 0:
            self._token.cancel()


def product_count(demo: DemoTill) -> int:
    with demo.till.uow().for_reading() as uow:
        return uow.catalog.product_count()


def test_a_catalog_import_reports_its_rows_and_a_cancel_leaves_the_catalog_as_it_was(demo: DemoTill) -> None:
    rows = IMPORT_BATCH * 2 + 500
    before = product_count(demo)
    token = CancelToken()
    stopping = Recorder(token, stop_when="Importing catalog")
    with pytest.raises(Cancelled, match="as it was before"):
        import_catalog(catalog_csv(rows), None, demo.till.uow(), stopping, token)
    assert product_count(demo) == before, "all or nothing: the cancelled import wrote no product"

    heard = Recorder()
    result = import_catalog(catalog_csv(rows), None, demo.till.uow(), heard)
    assert result.created == rows and product_count(demo) == before + rows
    counted = [(done, total) for done, total, what in heard.reports if what == "Importing catalog"]
    assert counted[-1] == (rows, rows)
    assert [done for done, _ in counted] == sorted(done for done, _ in counted)
    assert len(heard.reports) < 20, "reported per batch, never per row"


def test_the_csv_export_reports_each_file_and_a_cancel_keeps_the_earlier_export_whole(
    demo: DemoTill, tmp_path: Path
) -> None:
    folder = tmp_path / "export"
    earlier = export_csv(folder, demo.till.uow())
    contents = {path.name: path.read_bytes() for path in earlier}
    heard = Recorder()
    assert export_csv(folder, demo.till.uow(), heard) == earlier
    assert [what for _, _, what in heard.reports] == [f"Exporting {table.value}.csv" for table in ExportTable]

    token = CancelToken()
    second = f"Exporting {list(ExportTable)[1].value}.csv"

    def cancel_on_the_second_file(_done: int, _total: int | None, what: str) -> None:
        if what == second:
            token.cancel()  # as the Cancel button would, while the files are being written

    with pytest.raises(Cancelled, match="no CSV file was changed"):
        export_csv(folder, demo.till.uow(), cancel_on_the_second_file, token)
    assert sorted(path.name for path in folder.iterdir()) == sorted(contents), "no .partial file is left"
    assert {path.name: path.read_bytes() for path in folder.iterdir()} == contents


def test_the_event_report_pdf_goes_step_by_step_and_a_cancel_writes_no_file(demo: DemoTill, tmp_path: Path) -> None:
    target = tmp_path / "reports" / "event.pdf"
    token = CancelToken()
    stopping = Recorder(token)

    def cancel_while_drawing(done: int, total: int | None, what: str) -> None:
        stopping(done, total, what)
        if what == "Drawing the report":
            token.cancel()

    with pytest.raises(Cancelled, match="no file was written"):
        event_report_pdf(target, demo.till.uow(), cancel_while_drawing, token)
    assert not target.exists() and not list(target.parent.glob("*.partial"))

    heard = Recorder()
    assert event_report_pdf(target, demo.till.uow(), heard) == target
    assert target.read_bytes().startswith(b"%PDF")
    assert [(done, total) for done, total, _ in heard.reports] == [(n, PDF_STEPS) for n in range(PDF_STEPS + 1)]


def test_a_backup_reports_its_pages_and_a_cancel_removes_its_partial_copy(demo: DemoTill, tmp_path: Path) -> None:
    target = tmp_path / "copies" / "till.db"
    cancellation = Cancellation()
    stopping = Recorder(cancellation, stop_when="Copying the store")
    with pytest.raises(Cancelled, match="was not written"):
        take_backup(demo.till.store_path, target, stopping, cancellation)
    assert not target.exists() and list(target.parent.iterdir()) == [], "no partial copy is left"

    heard = Recorder()
    assert take_backup(demo.till.store_path, target, heard) == target
    copied = [(done, total) for done, total, what in heard.reports if what == "Copying the store"]
    assert copied and copied[-1][0] == copied[-1][1], "the last report is the whole store"
    engine = open_engine(target)
    try:
        with UnitOfWork(engine).for_reading() as uow:
            assert uow.catalog.product_count() == product_count(demo)
    finally:
        engine.dispose()


class SmallPages:
    """The real hub over HTTP, asked for small pages so that a first pull of its catalog takes several."""

    def __init__(self, client: HubClient, limit: int) -> None:
        self._client = client
        self._limit = limit

    def pull(self, cursor: str) -> ChangesPage:
        return self._client.pull(cursor, self._limit)


@pytest.fixture
def big_hub(tmp_path: Path) -> Iterator[HubEvent]:
    with hub_on(f"sqlite:///{tmp_path / 'hub.db'}") as served:
        served.hub.store.import_catalog(catalog_csv(300))
        yield served


def test_the_first_pull_of_a_catalog_reports_changes_and_stops_between_pages(big_hub: HubEvent, tmp_path: Path) -> None:
    till = open_till(tmp_path / "till")
    try:
        store = big_hub.hub.store
        enroll_till(big_hub.hub.url, store.create_enroll_code(big_hub.event_id, "A"), till.uow())
        with till.uow().for_reading() as uow:
            link = uow.hub.link()
        assert link is not None
        token = CancelToken()
        stopping = Recorder(token, stop_when="Pulling")
        with HubClient(link.url, link.token) as client, pytest.raises(Cancelled, match="they are kept"):
            pull_changes(till.uow, SmallPages(client, 25), stopping, token)
        with till.uow().for_reading() as uow:
            kept = uow.catalog.product_count()
            cursor = uow.hub.link().cursor  # type: ignore[union-attr]
        assert 0 < kept < 300 and cursor, "the pages written before the stop are kept, with their cursor"

        heard = Recorder()
        with HubClient(link.url, link.token) as client:
            pulled = pull_changes(till.uow, SmallPages(client, 25), heard)
        with till.uow().for_reading() as uow:
            assert uow.catalog.product_count() >= 300, "the next pull goes on from the cursor"
        counts = [done for done, total, _ in heard.reports if total is None]
        assert counts == sorted(counts) and counts[-1] == pulled > 0
    finally:
        till.close()


class Terminal(io.StringIO):
    def isatty(self) -> bool:
        return True


def test_the_progress_line_rewrites_itself_on_a_terminal_and_writes_plain_lines_to_a_log() -> None:
    tty = Terminal()
    with ProgressLine("rows", tty) as line:
        line(0, None, "Reading the catalog")
        line(45_000, 100_000, "Importing catalog")
        line(100_000, 100_000, "Importing catalog")
    written = tty.getvalue()
    assert "\rImporting catalog: 45,000 of 100,000 rows" in written
    assert written.endswith("Importing catalog: 100,000 of 100,000 rows\n") and written.count("\n") == 1

    log = io.StringIO()
    with ProgressLine("rows", log) as line:
        for done in range(0, 100_001, 1_000):
            line(done, 100_000, "Importing catalog")
    assert "\r" not in log.getvalue()
    assert log.getvalue().splitlines() == [
        "Importing catalog: 0 of 100,000 rows",
        "Importing catalog: 100,000 of 100,000 rows",
    ], "a log gets a line when the step changes, ends, or every few seconds"


def test_the_command_line_import_shows_its_progress_on_standard_error(demo: DemoTill, tmp_path: Path) -> None:
    source = tmp_path / "catalog.csv"
    source.write_bytes(catalog_csv(1_200))
    out, err = io.StringIO(), io.StringIO()
    with pytest.MonkeyPatch.context() as patch:
        patch.setattr("sys.stdout", out)
        patch.setattr("sys.stderr", err)
        status = main(["--data-dir", str(demo.till.data_dir), "catalog", "import", str(source)])
    assert status == 0
    assert out.getvalue().startswith("Catalog imported: 1200 new"), "the result stays clean on standard output"
    assert "Importing catalog: 1,200 of 1,200 rows" in err.getvalue()
