"""``popup-pos enroll``, ``sync`` and ``outbox``: reaching the hub, online or on a USB stick."""

from __future__ import annotations

import argparse
from pathlib import Path

from app.bootstrap import Till
from app.cli.terminal import ProgressLine
from app.services.syncing import enroll_till, export_outbox, import_answers, sync_once


def cmd_enroll(args: argparse.Namespace, till: Till) -> int:
    info = enroll_till(args.url, args.code, till.uow())
    print(f"Enrolled as till {info.code} of event {info.event_id}. Next: 'popup-pos sync --once' pulls the catalog.")
    return 0


def cmd_sync(_args: argparse.Namespace, till: Till) -> int:
    with ProgressLine("changes") as progress:
        report = sync_once(till.uow, till.data_dir / "sync.lock", progress=progress)
    pushed = report.pushed
    print(
        f"Sent {pushed.sent} record(s): {pushed.applied} applied, {pushed.duplicates} already there, "
        f"{pushed.conflicts} with a conflict, {pushed.rejected} rejected. Pulled {report.pulled} change(s)."
    )
    return 1 if pushed.rejected else 0


def cmd_export(args: argparse.Namespace, till: Till) -> int:
    count = export_outbox(Path(args.file).expanduser(), till.uow())
    print(f"{count} waiting record(s) written to {args.file}; import them with 'popup-hub outbox import'.")
    return 0


def cmd_answers(args: argparse.Namespace, till: Till) -> int:
    count = import_answers(Path(args.file).expanduser(), till.uow())
    print(f"{count} record(s) answered by the hub.")
    return 0
