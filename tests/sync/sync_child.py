"""A till process that syncs once through a given hub address (driven, and killed, by test_kill.py)."""

from __future__ import annotations

import sys
from pathlib import Path

from app.bootstrap import open_till
from app.services.syncing import sync_once
from sync.client import HubClient


def main(data_dir: Path, hub_url: str) -> None:
    till = open_till(data_dir)
    print("started", flush=True)
    sync_once(till.uow, data_dir / "sync.lock", lambda _url, token: HubClient(hub_url, token))
    print("synced", flush=True)


if __name__ == "__main__":
    main(Path(sys.argv[1]), sys.argv[2])
