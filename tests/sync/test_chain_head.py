"""The audit chain's head leaves the till with each push; a real hub on 127.0.0.1 holds the highest it saw.

A store cut short is a whole chain, only shorter: the hub refuses its head
(and says why, to the manager, through the sync screen and ``audit verify``)
while still answering every record. A restore from a backup is declared by
the till and taken once, logged with its gap.
"""

from __future__ import annotations

import json
import sqlite3
from pathlib import Path

import pytest
from pytestqt.qtbot import QtBot

from app.bootstrap import open_till
from app.cli import main
from app.services.restores import restore_backup
from app.services.sync_status import sync_status
from app.services.syncing import export_outbox, import_answers
from app.store.database import backup
from app.ui.sync_dialog import SyncDialog
from sync.hub.cli import import_outbox
from sync.hub.store import conflicts
from tests.sync.conftest import EnrolledTill, HubEvent
from tests.sync.till_actions import sell, sync


def hub_head(hub: HubEvent) -> tuple[int, str]:
    with hub.hub.store.engine.connect() as connection:
        row = connection.exec_driver_sql("SELECT seq, hash FROM till_audit_heads").one()
    return int(row[0]), str(row[1])


def hub_conflicts(hub: HubEvent, kind: str) -> list[dict[str, object]]:
    with hub.hub.store.engine.connect() as connection:
        rows = connection.execute(conflicts.select().where(conflicts.c.kind == kind)).all()
    return [json.loads(row.details) for row in rows]


def till_head(store: Path) -> tuple[int, str]:
    with sqlite3.connect(store) as db:
        seq, digest = db.execute("SELECT seq, hash FROM audit_log ORDER BY seq DESC LIMIT 1").fetchone()
    return int(seq), str(digest)


def cut_newest_entries(store: Path, keep: int) -> None:
    """Someone with the file deletes the newest audit entries (the guard trigger dropped first)."""
    with sqlite3.connect(store) as db:
        db.execute("DROP TRIGGER audit_log_no_delete")
        db.execute("DELETE FROM audit_log WHERE seq > ?", (keep,))


def verify(folder: Path, capsys: pytest.CaptureFixture[str]) -> tuple[int, str]:
    capsys.readouterr()
    code = main(["--data-dir", str(folder), "audit", "verify"])
    return code, capsys.readouterr().out


def test_the_hub_refuses_a_chain_head_lower_than_one_it_saw_and_the_manager_sees_why(
    qtbot: QtBot, hub: HubEvent, till_a: EnrolledTill, capsys: pytest.CaptureFixture[str]
) -> None:
    sync(till_a)  # the catalog first
    sell(till_a, "BER-003")
    sell(till_a, "BER-003")
    sync(till_a)
    seen = till_head(till_a.till.store_path)
    assert hub_head(hub) == seen
    assert sync_status(till_a.till.uow()).audit_refusal is None

    cut_newest_entries(till_a.till.store_path, seen[0] - 4)
    inbox_before = hub.hub.store.inbox_count()
    sell(till_a, "BER-003")  # the sale's entries (one more if it sells beyond the stock left) stay below seen
    sync(till_a)
    ends = till_head(till_a.till.store_path)[0]
    assert seen[0] - 3 <= ends < seen[0]

    expected = (
        f"The hub has seen this till's audit trail up to entry {seen[0]:,}; this store ends at {ends:,}: "
        f"{seen[0] - ends} entries are missing (truncated, rolled back or restored from an older backup)"
    )
    # The head is refused, the hub keeps the one it saw, and the sale still reached it.
    assert hub_head(hub) == seen
    assert hub.hub.store.inbox_count() == inbox_before + 1
    [refused] = hub_conflicts(hub, "audit_head_refused")
    assert refused["seen"] == {"seq": seen[0], "hash": seen[1]} and expected in str(refused["reason"])

    status = sync_status(till_a.till.uow())
    assert status.audit_refusal is not None and expected in status.audit_refusal
    dialog = SyncDialog()
    qtbot.addWidget(dialog)
    dialog.show_status(status, online=True)
    dialog.show()
    assert dialog.audit_refusal.isVisible()
    assert "The hub refused this till's audit trail" in dialog.audit_refusal.text()
    assert expected in dialog.audit_refusal.text()

    # Offline too: the till keeps the head the hub holds, so audit verify says the same without a network.
    code, out = verify(till_a.till.data_dir, capsys)
    assert code == 1
    assert f"Tampering: {expected}." in out

    # Another push does not wear the refusal down: the same conflict, still refused.
    sync(till_a)
    assert hub_head(hub) == seen and len(hub_conflicts(hub, "audit_head_refused")) == 1
    assert sync_status(till_a.till.uow()).audit_refusal is not None


def test_a_store_rolled_back_and_written_past_the_seen_head_is_refused(hub: HubEvent, till_a: EnrolledTill) -> None:
    sync(till_a)  # the catalog first
    sell(till_a, "BER-003")
    sync(till_a)
    seen = till_head(till_a.till.store_path)
    cut_newest_entries(till_a.till.store_path, seen[0] - 1)
    sell(till_a, "BER-003")
    sell(till_a, "BER-003")
    sync(till_a)
    assert hub_head(hub) == seen
    refusal = sync_status(till_a.till.uow()).audit_refusal
    assert refusal is not None and f"This store's audit entry {seen[0]:,} is " in refusal
    assert f"not the {seen[1][:8]} the hub saw" in refusal


def test_a_restore_from_a_backup_is_accepted_as_such_with_its_gap(
    hub: HubEvent, till_a: EnrolledTill, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    sync(till_a)  # the catalog first
    sell(till_a, "BER-003")
    sync(till_a)
    saved = tmp_path / "saved.db"
    backup(till_a.till.store_path, saved)
    at_backup = till_head(saved)
    sell(till_a, "BER-003")
    sell(till_a, "BER-003")
    sync(till_a)
    seen = till_head(till_a.till.store_path)
    folder = till_a.till.data_dir
    till_a.till.close()

    restore_backup(saved, folder)
    till_a.till = open_till(folder)
    sync(till_a)

    gap = seen[0] - at_backup[0]
    [restored] = hub_conflicts(hub, "audit_restored")
    assert restored["gap"] == gap and restored["seen"] == {"seq": seen[0], "hash": seen[1]}
    assert hub_head(hub) == till_head(till_a.till.store_path)
    assert sync_status(till_a.till.uow()).audit_refusal is None
    code, out = verify(folder, capsys)
    assert code == 0, out
    assert f"{gap} entries of the replaced store are not in this one" in out

    # The declaration counts once: a later cut behind it is refused like any other.
    sell(till_a, "BER-003")
    sync(till_a)
    head = till_head(till_a.till.store_path)
    cut_newest_entries(till_a.till.store_path, head[0] - 2)
    sync(till_a)
    assert hub_head(hub) == head
    refusal = sync_status(till_a.till.uow()).audit_refusal
    assert refusal is not None and "2 entries are missing" in refusal


def test_the_head_travels_in_a_carried_outbox_file_and_a_cut_store_is_refused_that_way_too(
    hub: HubEvent, till_a: EnrolledTill, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    sync(till_a)  # the catalog first
    sell(till_a, "BER-003")
    seen = till_head(till_a.till.store_path)
    carried, answers = tmp_path / "outbox.popup", tmp_path / "answers.popup"
    export_outbox(carried, till_a.till.uow())
    import_outbox(hub.hub.store, carried, answers)
    import_answers(answers, till_a.till.uow())
    # By hand as online: the hub holds the till's head, and the till knows it does.
    assert hub_head(hub) == seen
    assert verify(till_a.till.data_dir, capsys)[0] == 0

    cut_newest_entries(till_a.till.store_path, seen[0] - 2)
    sell(till_a, "BER-003")
    export_outbox(carried, till_a.till.uow())
    import_outbox(hub.hub.store, carried, answers)
    import_answers(answers, till_a.till.uow())
    assert hub_head(hub) == seen
    assert len(hub_conflicts(hub, "audit_head_refused")) == 1
    refusal = sync_status(till_a.till.uow()).audit_refusal
    expected = f"up to entry {seen[0]:,}; this store ends at {seen[0] - 1:,}: 1 entry is missing"
    assert refusal is not None and expected in refusal
    code, out = verify(till_a.till.data_dir, capsys)
    assert code == 1 and expected in out
