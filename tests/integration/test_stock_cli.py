"""``popup-pos stock receive|transfer|deliveries`` through the real entry point, on the demo till's store."""

from __future__ import annotations

import io
import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from app.cli import main
from app.services.audit import verify_audit_trail
from app.services.stock import on_hand
from app.store.outbox import OutboxStatus
from tests.conftest import DemoTill

MANAGER, MANAGER_PIN = "Alex", "1234"
CASHIER, CASHIER_PIN = "Sam", "1111"


class Cli:
    def __init__(self, demo: DemoTill, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch) -> None:
        self._folder = ["--data-dir", str(demo.till.data_dir)]
        self._capsys = capsys
        self._monkeypatch = monkeypatch

    def __call__(self, *args: str, pins: tuple[str, ...] = ()) -> tuple[int, str, str]:
        """``popup-pos --data-dir STORE stock ARGS`` with ``pins`` piped in: status, stdout, stderr."""
        self._monkeypatch.setattr("sys.stdin", io.StringIO("".join(f"{pin}\n" for pin in pins)))
        status = main([*self._folder, "stock", *args])
        captured = self._capsys.readouterr()
        return status, captured.out, captured.err


@pytest.fixture
def stock(demo: DemoTill, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch) -> Cli:
    return Cli(demo, capsys, monkeypatch)


def stock_records(demo: DemoTill) -> list[dict[str, object]]:
    with demo.till.uow() as uow:
        return [
            json.loads(record.payload)
            for record in uow.outbox.records(OutboxStatus.WAITING)
            if record.type == "stock.moved"
        ]


def test_a_delivery_is_received_once_with_its_maker_and_note(demo: DemoTill, stock: Cli) -> None:
    # The demo received 12 of every product.
    receive = ("receive", "--maker", "bergkeramik", "--note", "LS-0412", "--staff", MANAGER)
    status, out, err = stock(*receive, "BER-003:10", "2000000000114:2", "BER-001:4", pins=(MANAGER_PIN,))
    assert (status, err) == (0, "")
    assert out.splitlines()[0] == "Delivery note LS-0412 of Bergkeramik received: 2 product(s), 16 unit(s)."
    assert "BER-003     12  Mug speckled (now 24 at the stall)" in out, "a barcode and its SKU are one line"
    assert on_hand("BER-003", demo.till.uow()) == 24
    assert stock_records(demo)[-1] == {
        "kind": "receive",
        "location": "stall",
        "at": stock_records(demo)[-1]["at"],
        "deltas": [["BER-003", 12], ["BER-001", 4]],
        "maker": "Bergkeramik",
        "reference": "LS-0412",
    }

    status, _, err = stock(*receive, "BER-003:1", pins=(MANAGER_PIN,))
    assert status == 2
    assert "Delivery note LS-0412 of Bergkeramik was received already" in err
    assert on_hand("BER-003", demo.till.uow()) == 24, "nothing of a refused delivery is booked"

    status, out, _ = stock("deliveries")
    assert status == 0 and "Bergkeramik, note LS-0412: 16 unit(s)" in out
    verification = verify_audit_trail(demo.till.uow())
    assert verification.intact, verification.problems


@pytest.mark.parametrize(
    ("items", "message"),
    [
        (["NOPE-9:1"], "No product has the code NOPE-9: check the code, or add the product to the catalog first."),
        (["ATE-001:2"], "ATE-001 (Beeswax taper candle pair) is made by Atelier Lumen, not Bergkeramik"),
        (["BER-003:0"], "'BER-003:0' moves nothing: a quantity is 1 or more."),
        (["BER-003:-2"], "'BER-003:-2' is not an item: write CODE:QUANTITY, e.g. ATE-001:12."),
        (["BER-003"], "'BER-003' is not an item: write CODE:QUANTITY"),
        (["BER-003:10000"], "A quantity is a whole number from 1 to 9999."),
    ],
)
def test_a_bad_line_refuses_the_whole_delivery_with_what_to_do(
    demo: DemoTill, stock: Cli, items: list[str], message: str
) -> None:
    before = len(stock_records(demo))
    status, out, err = stock(
        "receive", "--maker", "Bergkeramik", "--note", "7", "--staff", MANAGER, "BER-001:1", *items, pins=(MANAGER_PIN,)
    )
    assert (status, out) == (2, "")
    assert message in err
    assert len(stock_records(demo)) == before
    assert on_hand("BER-001", demo.till.uow()) == 12


def test_an_unknown_maker_an_empty_note_and_a_cashier_are_refused(stock: Cli) -> None:
    status, _, err = stock(
        "receive", "--maker", "Nobody", "--note", "1", "--staff", MANAGER, "BER-001:1", pins=("1234",)
    )
    assert status == 2 and "No maker is called Nobody: pick one of the catalog's makers." in err
    status, _, err = stock(
        "receive", "--maker", "Bergkeramik", "--note", " ", "--staff", MANAGER, "BER-001:1", pins=(MANAGER_PIN,)
    )
    assert status == 2 and "Type the number of the delivery note." in err
    status, _, err = stock(
        "receive", "--maker", "Bergkeramik", "--note", "1", "--staff", CASHIER, "BER-001:1", pins=(CASHIER_PIN,)
    )
    assert status == 2 and "Sam (cashier) may not manage catalog" in err
    status, _, err = stock(
        "receive", "--maker", "Bergkeramik", "--note", "1", "--staff", MANAGER, "BER-001:1", pins=("9999",)
    )
    assert status == 2 and "Wrong PIN" in err


def test_transfers_between_the_stall_the_quality_hold_a_till_and_the_maker(demo: DemoTill, stock: Cli) -> None:
    status, out, err = stock(
        "transfer", "--from", "stall", "--to", "Quality hold", "--staff", MANAGER, "ATE-001:3", pins=(MANAGER_PIN,)
    )
    assert (status, err) == (0, "")
    assert out.splitlines()[0] == "Moved 3 unit(s) from stall to quality_hold."
    assert "(now 3 at quality_hold)" in out
    status, out, _ = stock(
        "transfer", "--from", "quality_hold", "--to", "maker", "--reference", "RS-9", "--staff", MANAGER,
        "ATE-001:2", pins=(MANAGER_PIN,),
    )  # fmt: skip
    assert status == 0 and out.startswith("Moved 2 unit(s) from quality_hold to maker.")
    status, _, _ = stock(
        "transfer", "--from", "stall", "--to", "till:b", "--staff", MANAGER, "ATE-001:4", pins=("1234",)
    )
    assert status == 0
    with demo.till.uow() as uow:
        product_id = uow.catalog.product_ids_by_sku()["ATE-001"]
        held = uow.stock.on_hand(product_id, "quality_hold")
        at_b = uow.stock.on_hand(product_id, "till:B")
    assert (on_hand("ATE-001", demo.till.uow()), held, at_b) == (12 - 3 - 4, 1, 4)
    sent = stock_records(demo)[-3:]
    assert [(r["location"], r["to_location"], r["deltas"]) for r in sent] == [
        ("stall", "quality_hold", [["ATE-001", 3]]),
        ("quality_hold", "maker", [["ATE-001", 2]]),
        ("stall", "till:B", [["ATE-001", 4]]),
    ]
    assert sent[1]["reference"] == "RS-9" and "reference" not in sent[0]
    verification = verify_audit_trail(demo.till.uow())
    assert verification.intact, verification.problems
    with demo.till.uow() as uow:
        moved = [entry.fields for entry in uow.audit.entries() if entry.fields.action == "stock.transferred"]
    assert [fields.subject for fields in moved] == ["stall -> quality_hold", "quality_hold -> maker", "stall -> till:B"]


@pytest.mark.parametrize(
    ("source", "target", "message"),
    [
        ("stall", "stall", "Pick two different places: the stock is at stall already."),
        ("stall", "backroom", "'backroom' is not a place stock is kept: use stall, quality_hold, maker"),
        ("maker", "stall", "Nothing is moved out of maker: those goods have left the event."),
        ("stall", "till:A", "till:A is this till: its stock is the stall"),
    ],
)
def test_a_transfer_the_hub_would_refuse_is_refused_on_the_till(
    demo: DemoTill, stock: Cli, source: str, target: str, message: str
) -> None:
    before = len(stock_records(demo))
    status, _, err = stock(
        "transfer", "--from", source, "--to", target, "--staff", MANAGER, "ATE-001:1", pins=(MANAGER_PIN,)
    )
    assert status == 2 and message in err
    assert len(stock_records(demo)) == before


def test_the_installed_command_runs_it(demo: DemoTill) -> None:
    """The installed ``popup-pos`` script as a separate process, the PIN piped in as a script would."""
    installed = Path(sys.executable).with_name("popup-pos")
    command = [str(installed), "--data-dir", str(demo.till.data_dir), "stock", "receive"]
    done = subprocess.run(
        [*command, "--maker", "Atelier Lumen", "--note", "A-77", "--staff", MANAGER, "ATE-002:6"],
        input=f"{MANAGER_PIN}\n",
        capture_output=True,
        text=True,
        timeout=120,
        env={**os.environ, "QT_QPA_PLATFORM": "offscreen"},
        check=False,
    )
    assert (done.returncode, done.stderr) == (0, "")
    assert "Delivery note A-77 of Atelier Lumen received: 1 product(s), 6 unit(s)." in done.stdout
    assert on_hand("ATE-002", demo.till.uow()) == 18
