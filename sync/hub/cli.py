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
from sync.protocol import EventInfo, PushRecord, TaxClassInfo

DEFAULT_DB = "sqlite:///hub.db"


def import_outbox(store: HubStore, source: Path, answers_file: Path) -> int:
    """The same exactly-once rules as a push over the network, for a file carried on a USB stick."""
    try:
        lines = source.read_text(encoding="utf-8").splitlines()
        header = json.loads(lines[0])
        records = [PushRecord.model_validate_json(line) for line in lines[1:] if line.strip()]
    except (OSError, ValueError, IndexError):
        raise HubError(f"{source} is not an outbox file: export it with 'popup-pos outbox export FILE'.") from None
    if header.get("format") != "popup-pos-outbox":
        raise HubError(f"{source} is not an outbox file: export it with 'popup-pos outbox export FILE'.")
    till = store.till_by_id(str(header.get("till_id")))
    if till is None or till.event_id != header.get("event_id"):
        raise HubError("This outbox comes from a till this hub does not know (or revoked): enroll the till first.")
    answers = []
    for start in range(0, len(records), 500):
        answers += store.push(till, records[start : start + 500])
    out = [json.dumps({"format": "popup-pos-answers", "version": 1, "till_id": till.till_id})]
    out += [answer.model_dump_json() for answer in answers]
    answers_file.write_text("\n".join(out) + "\n", encoding="utf-8")
    return len(answers)


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
    outbox = commands.add_parser("outbox", help="records carried by hand").add_subparsers(dest="action", required=True)
    carried = outbox.add_parser("import", help="apply a till's exported outbox; writes the answers for the till")
    carried.add_argument("file")
    carried.add_argument("--answers", required=True, help="where to write the answers file to carry back")
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
        elif args.command == "outbox":
            applied = import_outbox(store, Path(args.file), Path(args.answers))
            print(f"{applied} record(s) answered; carry {args.answers} back to the till.")
        elif args.command == "conflicts":
            for conflict in store.conflicts():
                print(json.dumps(conflict))
    except (HubError, OSError, ArithmeticError) as error:
        print(f"popup-hub: {error}", file=sys.stderr)
        return 2
    return 0


if __name__ == "__main__":
    sys.exit(main())
