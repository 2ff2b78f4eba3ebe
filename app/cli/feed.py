"""``popup-pos feed import``: the hub's changes carried on a USB stick, for a till with no network."""

from __future__ import annotations

import argparse
from pathlib import Path

from app.bootstrap import Till
from app.cli.terminal import ProgressLine
from app.services.feed_files import import_feed


def cmd_import(args: argparse.Namespace, till: Till) -> int:
    with ProgressLine("changes") as progress:
        imported = import_feed(Path(args.file).expanduser(), till.uow, till.data_dir / "sync.lock", progress)
    print(
        f"{imported.applied} change(s) applied from {args.file}; {imported.skipped} this till already had were skipped."
    )
    return 0
