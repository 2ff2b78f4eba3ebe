"""A job prints once; a job that may have printed waits for a person, and prints again only as a COPY.

The kill tests run the print queue in a child process (this module, run as a
script) against a loopback network printer and SIGKILL it at the instant
named: the child's printer link says ``sent`` once the printer has the bytes
(or ``sending`` just before they leave) and waits to be killed, which pins the
kill to that instant without any timing guess, as tests/sync/test_kill.py does.
"""

from __future__ import annotations

import io
import signal
import subprocess
import sys
import threading
import time
from collections.abc import Iterator
from pathlib import Path

import pytest
from pytestqt.qtbot import QtBot

from app.bootstrap import open_till
from app.domain.errors import InvalidInput, NotFound
from app.services.authorization import ManagerApproval
from app.services.printer_settings import save_printer_settings
from app.services.printing import (
    confirm_printed,
    open_cash_drawer,
    print_again,
    print_jobs,
    process_print_queue,
    queue_sale_receipt,
)
from app.ui.main_window import MainWindow
from app.ui.printer_settings import PrinterSettingsDialog
from app.ui.worker import StoreWorker
from printers.document import Document
from printers.escpos_output import EscposPrinter, PrinterSettings
from tests import child_process
from tests.child_process import kill, wait_for_line
from tests.conftest import DemoTill
from tests.integration.printing_sales import sell, use_network_printer
from tests.printer_server import LoopbackPrinter, wait_for_jobs

COPY_MARK = "*** KOPIE ***"  # printers.layout.COPY_MARK in the demo event's language (de_CH)
# Long enough for any test to kill the paused child, short enough that a forgotten child does not linger.
PAUSE_LIMIT_S = 60.0


def cli(demo: DemoTill, *args: str, pin: str | None = None) -> tuple[int, str]:
    """``popup-pos --data-dir STORE print ARGS`` in this process: its exit status and what it printed."""
    from app.cli import main

    stdin, stdout = sys.stdin, sys.stdout
    sys.stdin, sys.stdout = io.StringIO(f"{pin}\n" if pin else ""), io.StringIO()
    try:
        status = main(["--data-dir", str(demo.till.data_dir), "print", *args])
        return status, sys.stdout.getvalue()
    finally:
        sys.stdin, sys.stdout = stdin, stdout


def start_child(demo: DemoTill, pause: str) -> subprocess.Popen[str]:
    """This module's print queue in a child process, holding still at ``pause`` until it is killed."""
    return child_process.start_child(__file__, str(demo.till.data_dir), pause)


@pytest.mark.slow
@pytest.mark.parametrize("pause", ["after-the-bytes-left", "before-the-bytes-left"])
def test_killed_between_sending_and_marking_printed_prints_again_only_when_asked_and_as_a_copy(
    demo: DemoTill, printer: LoopbackPrinter, pause: str
) -> None:
    use_network_printer(demo, printer.port)
    sale = sell(demo, "BER-003")
    job_id = queue_sale_receipt(sale.sale_id, demo.till.uow())
    child = start_child(demo, pause)
    try:
        if pause == "after-the-bytes-left":
            assert wait_for_line(child, "sent") == "sent"
            wait_for_jobs(printer, 1)
        else:
            assert wait_for_line(child, "sending") == "sending"
        assert kill(child) == -signal.SIGKILL, "killed while the job was still unconfirmed"
    finally:
        child.kill()
    printed_before = len(printer.jobs)
    assert printed_before == (1 if pause == "after-the-bytes-left" else 0)

    [job] = print_jobs(demo.till.uow())
    assert (job.job_id, job.status, job.in_doubt) == (job_id, "sending", True)
    status, said = cli(demo, "retry")
    assert status == 0
    assert said.splitlines()[0] == "0 job(s) printed."
    assert "1 job(s) may have printed" in said
    assert len(printer.jobs) == printed_before, "a retry never sends a job that may have printed"
    status, said = cli(demo, "jobs")
    assert status == 0 and job_id in said and "may have printed" in said

    status, said = cli(demo, "again", job_id, "--staff", "Sam", pin="1111")

    assert status == 0 and said.splitlines()[0] == "1 job(s) printed."
    wait_for_jobs(printer, printed_before + 1)
    copy = printer.printouts()[-1]
    assert copy.lines[0].strip() == COPY_MARK and copy.lines[-1].strip() == COPY_MARK
    assert sale.receipt_no in copy.text
    assert "drawer" not in copy.commands, "a copy never opens the drawer again"
    [job] = print_jobs(demo.till.uow())
    assert (job.status, job.is_copy) == ("printed", True)
    assert process_print_queue(demo.till.uow) == []
    threading.Event().wait(0.3)
    assert len(printer.jobs) == printed_before + 1, "the copy printed once"
    with demo.till.uow() as uow:
        entry = list(uow.audit.entries())[-1]
    assert (entry.fields.action, entry.fields.subject, entry.fields.staff_id) == ("print.again", job_id, demo.cashier)


def use_full_device(demo: DemoTill) -> None:
    """A device file that opens and then refuses every byte: a printer that stops while taking a job."""
    save_printer_settings(PrinterSettings(kind="file", address="/dev/full"), demo.manager, demo.till.uow())


def test_a_printer_that_stops_while_taking_a_job_leaves_it_in_doubt_until_a_person_confirms(demo: DemoTill) -> None:
    use_full_device(demo)
    sale = sell(demo, "BER-003")
    job_id = queue_sale_receipt(sale.sale_id, demo.till.uow())

    [outcome] = process_print_queue(demo.till.uow)

    assert (outcome.job_id, outcome.printed, outcome.in_doubt) == (job_id, False, True)
    assert outcome.error is not None and "may have printed" in outcome.error
    [job] = print_jobs(demo.till.uow())
    assert (job.status, job.attempts, job.last_error) == ("sending", 1, outcome.error)
    assert process_print_queue(demo.till.uow) == [], "never sent again on its own"

    confirm_printed(job_id, demo.cashier, demo.till.uow())

    [job] = print_jobs(demo.till.uow())
    assert (job.status, job.is_copy) == ("printed", False)
    assert job.printed_at is not None
    with pytest.raises(InvalidInput, match="is printed, not one that may have printed"):
        print_again(job_id, demo.cashier, demo.till.uow())
    with demo.till.uow() as uow:
        assert list(uow.audit.entries())[-1].fields.action == "print.confirmed"


def test_a_printer_that_cannot_be_opened_keeps_the_job_queued(demo: DemoTill, tmp_path: Path) -> None:
    missing = tmp_path / "no-such-folder" / "lp0"
    save_printer_settings(PrinterSettings(kind="file", address=str(missing)), demo.manager, demo.till.uow())
    sale = sell(demo, "BER-003")
    queue_sale_receipt(sale.sale_id, demo.till.uow())

    [outcome] = process_print_queue(demo.till.uow)

    assert (outcome.printed, outcome.in_doubt) == (False, False)
    assert outcome.error is not None and "not answering" in outcome.error and str(missing) in outcome.error
    [job] = print_jobs(demo.till.uow())
    assert (job.status, job.attempts, job.in_doubt) == ("queued", 1, False)


def test_only_a_job_in_doubt_is_printed_again_and_a_drawer_opening_never_is(
    demo: DemoTill, printer: LoopbackPrinter
) -> None:
    with pytest.raises(NotFound, match="popup-pos print jobs"):
        print_again("no-such-job", demo.cashier, demo.till.uow())
    use_network_printer(demo, printer.port)
    sale = sell(demo, "BER-003")
    receipt = queue_sale_receipt(sale.sale_id, demo.till.uow())
    process_print_queue(demo.till.uow)
    with pytest.raises(InvalidInput, match="reprinted from the sales list"):
        print_again(receipt, demo.cashier, demo.till.uow())

    use_full_device(demo)
    drawer = open_cash_drawer("change", demo.cashier, demo.till.uow(), ManagerApproval("Alex", "1234"))
    process_print_queue(demo.till.uow)
    with pytest.raises(InvalidInput, match="open it again"):
        print_again(drawer, demo.cashier, demo.till.uow())
    assert [job.status for job in print_jobs(demo.till.uow())] == ["sending", "printed"]


def test_two_processes_of_a_till_never_send_the_same_job(demo: DemoTill, printer: LoopbackPrinter) -> None:
    use_network_printer(demo, printer.port)
    for _ in range(6):
        queue_sale_receipt(sell(demo, "BER-003").sale_id, demo.till.uow())
    start = threading.Barrier(2)
    printed: list[int] = []

    def drain() -> None:
        start.wait()
        printed.append(sum(outcome.printed for outcome in process_print_queue(demo.till.uow)))

    # The window's printing thread and 'popup-pos print retry' at the same moment.
    workers = [threading.Thread(target=drain) for _ in range(2)]
    for worker in workers:
        worker.start()
    for worker in workers:
        worker.join(timeout=60)

    assert sum(printed) == 6
    wait_for_jobs(printer, 6)
    threading.Event().wait(0.3)
    assert len(printer.jobs) == 6, "each receipt printed once"
    assert [job.status for job in print_jobs(demo.till.uow())] == ["printed"] * 6


@pytest.fixture
def printer_dialog(qtbot: QtBot, demo: DemoTill) -> Iterator[PrinterSettingsDialog]:
    store, devices = StoreWorker(), StoreWorker()
    store.start()
    devices.start()
    dialog = PrinterSettingsDialog(demo.till.uow, store, devices, demo.cashier)
    qtbot.addWidget(dialog)
    dialog.show()
    yield dialog
    store.stop()
    devices.stop()


def test_the_queue_screen_shows_a_job_that_may_have_printed_and_prints_it_again_as_a_copy(
    qtbot: QtBot, demo: DemoTill, printer: LoopbackPrinter, printer_dialog: PrinterSettingsDialog
) -> None:
    use_full_device(demo)
    sale = sell(demo, "BER-003")
    queue_sale_receipt(sale.sale_id, demo.till.uow())
    process_print_queue(demo.till.uow)
    use_network_printer(demo, printer.port)
    window = MainWindow(demo.till, idle_lock_ms=60_000)
    qtbot.addWidget(window)
    window.show()
    try:
        window.print_queued()
        indicator = window.status_bar.printer_button
        qtbot.waitUntil(lambda: indicator.text() == "Printer: 1 may have printed, check", timeout=10_000)
    finally:
        window.close()

    dialog = printer_dialog
    dialog.refresh_jobs()
    qtbot.waitUntil(lambda: dialog.jobs.count() == 1)
    assert "MAY HAVE PRINTED" in dialog.jobs.item(0).text()
    assert "may have printed" in dialog.last_job.text()
    assert not dialog.again_button.isEnabled()
    dialog.jobs.setCurrentRow(0)
    assert dialog.again_button.isEnabled() and dialog.confirm_button.isEnabled()

    dialog.again_button.click()

    qtbot.waitUntil(lambda: len(printer.jobs) == 1, timeout=5000)
    assert printer.printouts()[0].lines[0].strip() == COPY_MARK
    qtbot.waitUntil(lambda: "(copy) · printed" in dialog.jobs.item(0).text())
    assert not dialog.again_button.isEnabled()


class _PausingPrinter(EscposPrinter):
    """The real printer link, holding still at the instant the test kills the process."""

    pause = "after-the-bytes-left"

    def print_document(self, document: Document) -> None:
        if self.pause == "before-the-bytes-left":
            print("sending", flush=True)
            time.sleep(PAUSE_LIMIT_S)
        super().print_document(document)
        print("sent", flush=True)
        time.sleep(PAUSE_LIMIT_S)
        raise SystemExit("the paused till was never killed")


def _child(data_dir: Path, pause: str) -> None:
    till = open_till(data_dir)
    _PausingPrinter.pause = pause
    process_print_queue(till.uow, _PausingPrinter)


if __name__ == "__main__":
    _child(Path(sys.argv[1]), sys.argv[2])
