"""`popup-pos drops`: a manager adds, changes and lists the event's drops from the command line (docs/drops.md)."""

from __future__ import annotations

import io
import re
from pathlib import Path

import pytest

from app.cli import main
from app.store.drops import DropRepository
from tests.conftest import DemoTill


def test_a_manager_adds_changes_and_lists_drops(
    demo: DemoTill, tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    folder = ["--data-dir", str(demo.till.data_dir)]
    terms = ["--name", "Mugs", "--sku", "BER-003", "--sku", "BER-004", "--release", "2026-12-05 14:00"]
    add = ["drops", "add", *terms, "--online", "30", "--counter", "10", "--per-sale", "2", "--per-customer", "2"]

    monkeypatch.setattr("sys.stdin", io.StringIO("1234\n"))
    assert main([*folder, *add, "--staff", "Alex"]) == 0
    found = re.search(r"Drop ([0-9a-f-]{36}) \(Mugs\) set on this till", capsys.readouterr().out)
    assert found is not None
    drop_id = found.group(1)

    monkeypatch.setattr("sys.stdin", io.StringIO("1234\n"))
    change = ["drops", "add", *terms, "--online", "25", "--counter", "15", "--per-sale", "1", "--id", drop_id]
    assert main([*folder, *change, "--staff", "Alex"]) == 0
    with demo.till.uow() as uow:
        [stored] = DropRepository(uow.connection).all()
    drop = stored.drop
    assert (drop.online_allocation, drop.counter_allocation, drop.per_sale_cap, drop.per_customer_cap) == (
        25,
        15,
        1,
        None,
    )
    # The release typed without a zone is the event's local time.
    assert drop.release_at.utcoffset() is not None

    capsys.readouterr()
    assert main([*folder, "drops", "list"]) == 0
    listed = capsys.readouterr().out
    assert f"{drop_id}\tMugs\tBER-003,BER-004\t" in listed and "counter 15" in listed and "15 left" in listed

    monkeypatch.setattr("sys.stdin", io.StringIO("1111\n"))
    assert main([*folder, *add, "--staff", "Sam"]) == 2  # a cashier may not
    monkeypatch.setattr("sys.stdin", io.StringIO("1234\n"))
    bad = ["drops", "add", "--name", "Cups", "--sku", "BER-003", "--release", "2026-12-05 14:00", "--counter", "3"]
    assert main([*folder, *bad, "--staff", "Alex"]) == 2
    assert "already in another drop" in capsys.readouterr().err
