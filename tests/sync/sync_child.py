"""A till process that may sell, then syncs once through a given hub address (driven, and killed, by test_kill.py).

``--sell SKU`` (repeated) completes those sales in this process first, so the
process the test kills is the one that committed them. ``--pause-before-push``
stops the sync at the instant its first push would leave: the child says
``pushing N`` and waits to be killed, which pins the kill to that instant
without any timing guess on the test's side.
"""

from __future__ import annotations

import argparse
import time
from pathlib import Path

from app.bootstrap import open_till
from app.services.syncing import sync_once
from sync.client import HubClient
from sync.protocol import PushedHead, PushRecord, PushResponse

# Long enough for any test to kill the paused child, short enough that a forgotten child does not linger.
PAUSE_LIMIT_S = 60.0


class PausedBeforePush(HubClient):
    def push(
        self, records: list[PushRecord], audit_head: PushedHead | None = None, records_waiting: int | None = None
    ) -> PushResponse:
        print(f"pushing {len(records)}", flush=True)
        time.sleep(PAUSE_LIMIT_S)
        raise SystemExit("the paused till was never killed")


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("data_dir", type=Path)
    parser.add_argument("hub_url")
    parser.add_argument("--sell", action="append", default=[], metavar="SKU")
    parser.add_argument("--staff", nargs=2, metavar=("MANAGER_ID", "CASHIER_ID"), help="needed with --sell")
    parser.add_argument("--pause-before-push", action="store_true")
    args = parser.parse_args(argv)

    till = open_till(args.data_dir)
    print("started", flush=True)
    if args.sell:
        # The test helpers bring the hub server and pytest along: only a selling child loads them.
        from tests.sync.conftest import EnrolledTill
        from tests.sync.till_actions import sell

        manager, cashier = args.staff
        for sku in args.sell:
            sell(EnrolledTill(till, manager, cashier), sku)
        print(f"sold {len(args.sell)}", flush=True)
    client = PausedBeforePush if args.pause_before_push else HubClient
    sync_once(till.uow, args.data_dir / "sync.lock", lambda _url, token: client(args.hub_url, token))
    print("synced", flush=True)


if __name__ == "__main__":
    main()
