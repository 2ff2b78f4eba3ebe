"""``popup-hub``: run the hub and manage what the tills pull."""

from __future__ import annotations

import argparse
import json
import sys
import uuid
from collections.abc import Sequence
from decimal import Decimal
from pathlib import Path

from sync.hub.store import HubError, HubStore, open_hub_engine
from sync.protocol import EventInfo, TaxClassInfo

DEFAULT_DB = "sqlite:///hub.db"


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="popup-hub", description="The Pop-up POS hub (marketplace side).")
    parser.add_argument("--db", default=DEFAULT_DB, help="database URL (sqlite:///FILE or postgresql://...)")
    commands = parser.add_subparsers(dest="command", required=True)
    serve = commands.add_parser("serve", help="serve the API")
    serve.add_argument("--host", default="127.0.0.1")
    serve.add_argument("--port", type=int, default=8765)
    event = commands.add_parser("event", help="events").add_subparsers(dest="action", required=True)
    create = event.add_parser("create", help="create an event; prints its id")
    create.add_argument("name")
    create.add_argument("--currency", required=True)
    create.add_argument("--locale", default="en_GB")
    create.add_argument("--place", default="")
    create.add_argument("--tax", action="append", required=True, help="CODE=RATE%%, repeat")
    create.add_argument("--prices-exclude-tax", action="store_true")
    create.add_argument("--cash-step", type=int, default=1, help="cash rounding step in minor units")
    till = commands.add_parser("till", help="tills").add_subparsers(dest="action", required=True)
    code = till.add_parser("enroll-code", help="a one-time code to enroll a till on an event")
    code.add_argument("event_id")
    code.add_argument("--till", default="A", help="the till's code on receipts")
    revoke = till.add_parser("revoke", help="refuse a till from now on")
    revoke.add_argument("till_id")
    catalog = commands.add_parser("catalog", help="catalog").add_subparsers(dest="action", required=True)
    catalog.add_parser("import", help="import a catalog CSV").add_argument("file")
    stock = commands.add_parser("stock", help="stock").add_subparsers(dest="action", required=True)
    stock_set = stock.add_parser("set", help="set an event's stock level of a SKU")
    stock_set.add_argument("event_id")
    stock_set.add_argument("sku")
    stock_set.add_argument("level", type=int)
    commands.add_parser("conflicts", help="list the conflicts raised by tills' records")
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    args = build_parser().parse_args(argv)
    try:
        store = HubStore(open_hub_engine(args.db))
        if args.command == "serve":
            import uvicorn

            from sync.hub.api import create_app

            uvicorn.run(create_app(store), host=args.host, port=args.port, log_level="info")
        elif args.command == "event":
            taxes = []
            for text in args.tax:
                tax_code, _, rate = text.partition("=")
                taxes.append(
                    TaxClassInfo(code=tax_code, name=f"{tax_code} {rate}%", rate=str(Decimal(rate.rstrip("%")) / 100))
                )
            info = EventInfo(
                event_id=str(uuid.uuid4()),
                name=args.name,
                place=args.place,
                currency=args.currency.upper(),
                locale=args.locale,
                prices_include_tax=not args.prices_exclude_tax,
                cash_rounding_step=args.cash_step,
                tax_classes=taxes,
            )
            print(store.create_event(info))
        elif args.command == "till" and args.action == "enroll-code":
            print(store.create_enroll_code(args.event_id, args.till))
        elif args.command == "till":
            store.revoke_till(args.till_id)
            print(f"Till {args.till_id} revoked.")
        elif args.command == "catalog":
            print(f"{store.import_catalog(Path(args.file).read_bytes())} product(s) imported.")
        elif args.command == "stock":
            store.set_stock(args.event_id, args.sku, args.level)
        elif args.command == "conflicts":
            for conflict in store.conflicts():
                print(json.dumps(conflict))
    except (HubError, OSError, ArithmeticError) as error:
        print(f"popup-hub: {error}", file=sys.stderr)
        return 2
    return 0


if __name__ == "__main__":
    sys.exit(main())
