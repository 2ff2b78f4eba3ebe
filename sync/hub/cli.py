"""``popup-hub``: run the hub and manage what the tills pull."""

from __future__ import annotations

import argparse
import json
import os
import sys
import uuid
from collections.abc import Sequence
from datetime import UTC, datetime, timedelta
from decimal import Decimal
from pathlib import Path

from sqlalchemy.engine import make_url
from sqlalchemy.exc import SQLAlchemyError

from sync.carried_files import CarriedFileError, read_outbox_file, write_answers_file
from sync.collector import freeze_startup_objects, tune_collector
from sync.hub.commands import add_all as add_more_commands
from sync.hub.commands.event_close import add_conflict_commands, add_event_commands
from sync.hub.settings import LOG_FORMATS, LOG_LEVELS, SOURCES, HubSettings, SettingsError, parse_database_url
from sync.hub.store import HubError, HubStore, open_hub_engine
from sync.hub.store.feed_export import note_pull_cursor
from sync.hub.store.marketplace_orders import order_state
from sync.pickup_codes import private_key_from_pem, private_key_pem
from sync.protocol import MAX_PUSH_BATCH, EventInfo, TaxClassInfo


def import_outbox(store: HubStore, source: Path, answers_file: Path) -> int:
    """The same exactly-once rules as a push over the network, for a signed file carried on a USB stick.

    An altered file is refused whole before anything is applied; the answers
    go back signed with the same till's key.
    """
    try:
        text = source.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError):
        raise HubError(f"{source} is not an outbox file: export it with 'popup-pos outbox export FILE'.") from None
    try:
        carried = read_outbox_file(text, store.file_key_of)
    except CarriedFileError as refused:
        raise HubError(str(refused)) from None
    till = store.till_by_id(carried.till_id)
    key = store.file_key_of(carried.till_id)
    if till is None or key is None or till.event_id != carried.event_id:
        raise HubError("This outbox comes from a till this hub does not know (or revoked): enroll the till first.")
    answers = []
    for start in range(0, len(carried.records), MAX_PUSH_BATCH):
        answers += store.push(till, carried.records[start : start + MAX_PUSH_BATCH])
    # The head after the records, as the last batch of a push carries it: taken or refused by the same rules.
    head = store.push_with_head(till, [], carried.audit_head)[1] if carried.audit_head is not None else None
    answers_file.write_text(write_answers_file(till.till_id, answers, key, head), encoding="utf-8")
    if carried.pull_cursor is not None:
        note_pull_cursor(store.engine, till.till_id, carried.pull_cursor)
    return len(answers)


def run_keys(store: HubStore, args: argparse.Namespace) -> None:
    if args.action == "create":
        target = Path(args.out)
        if target.exists():
            raise HubError(f"{target} exists: choose a new file, a key is never overwritten.")
        key_id, private_key = store.create_signing_key()
        target.touch(mode=0o600)
        target.write_bytes(private_key_pem(private_key))
        print(f"Key {key_id} created; its private key is in {target}. Tills get the public key at their next sync.")
    elif args.action == "list":
        for key in store.signing_keys():
            state = f"revoked {key['revoked_at']}" if key["revoked_at"] else "current"
            print(f"{key['key_id']}\t{state}\tcreated {key['created_at']}")
    else:
        store.revoke_signing_key(args.key_id)
        print(f"Key {args.key_id} revoked: tills refuse its codes from their next sync.")


def _signing_key(path: str | None) -> bytes:
    if not path:
        raise HubError("Say which key signs the code: --key FILE.pem or POPUP_HUB_SIGNING_KEY.")
    try:
        return private_key_from_pem(Path(path).read_bytes())
    except ValueError:
        raise HubError(f"{path} is not an Ed25519 private key: use the file 'popup-hub keys create' wrote.") from None


def _items(texts: list[str]) -> list[tuple[str, int]]:
    items = []
    for text in texts:
        sku, _, quantity = text.rpartition(":")
        if not sku or not quantity.isdigit():
            raise HubError(f"'{text}' is not SKU:QUANTITY (e.g. MUG-01:2).")
        items.append((sku, int(quantity)))
    return items


def run_pickup(store: HubStore, args: argparse.Namespace) -> None:
    if args.action in ("create", "group"):
        private_key = _signing_key(args.key)
        expires = datetime.now(UTC) + timedelta(days=args.days)
        notes = "\n".join(args.note)
        if args.action == "create":
            created = store.create_pickup(
                args.event, args.number, args.customer, _items(args.item), private_key, notes, expires
            )
        else:
            created = store.create_group_pickup(
                args.event, args.number, args.customer, args.member, private_key, notes, expires
            )
        if args.qr:
            write_qr(created.code, Path(args.qr))
        print(created.code)
    elif args.action == "cancel":
        store.cancel_pickup(args.event, args.number, args.force)
        print(f"Order {args.number} cancelled: tills refuse its code from their next sync.")
    else:
        orders = {order["order_id"]: order for order in store.pickup_orders(args.event)}
        for order in orders.values():
            state = order_state(order, orders)  # as the admin API lists it
            items = ", ".join(f"{line['handed_over']}/{line['quantity']} {line['sku']}" for line in order["lines"])
            print(f"{order['number']}\t{order['customer_name']}\t{state}\t{items}")


def write_qr(code: str, target: Path) -> None:
    """The code as a QR image at error-correction level M (alphanumeric mode keeps it at version 6)."""
    import qrcode
    import qrcode.image.svg

    qr = qrcode.QRCode(error_correction=qrcode.constants.ERROR_CORRECT_M, border=4)
    qr.add_data(code)
    qr.make(fit=True)
    if target.suffix.lower() == ".svg":
        qr.make_image(image_factory=qrcode.image.svg.SvgPathImage).save(str(target))
    else:
        qr.make_image().save(str(target))


def database_url(value: str) -> str:
    """``--db`` checked as it is parsed, so that a bad one is refused before any command runs."""
    try:
        return parse_database_url(value)
    except ValueError as error:
        raise argparse.ArgumentTypeError(str(error)) from None


def _with_sources(name: str, text: str) -> str:
    """A flag's help, naming its environment variable and its default."""
    _flag, variable, _parse = SOURCES[name]
    return f"{text} (default ${variable}, else {getattr(HubSettings(), name)})"


def run_serve(store: HubStore, settings: HubSettings) -> None:
    import uvicorn
    from uvicorn.config import LOGGING_CONFIG

    from sync.hub.api import create_app
    from sync.hub.logs import log_config
    from sync.hub.relay import RelayWorker
    from sync.hub.webhooks import sender_for

    logging_config = log_config(settings.log_level.upper()) if settings.log_format == "json" else LOGGING_CONFIG
    # Webhooks leave from the outbox table in the background of every hub process (sync/hub/webhooks.py).
    sender_for(store.engine, settings).start()
    relay = RelayWorker(store.engine, settings.upstream).start() if settings.upstream else None
    app = create_app(store, settings, after_push=relay.wake if relay is not None else None)
    freeze_startup_objects()
    uvicorn.run(
        app,
        host=settings.host,
        port=settings.port,
        log_config=logging_config,
        log_level=settings.log_level,
    )


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="popup-hub", description="The Pop-up POS hub (marketplace side).")
    parser.add_argument(
        "--db",
        dest="database_url",
        metavar="DB",
        type=database_url,
        help=_with_sources(
            "database_url",
            "database URL (sqlite:///FILE, or postgresql+psycopg://USER:PASSWORD@HOST/DB with %% # @ / in the "
            "password written %%25 %%23 %%40 %%2F), or the path of an SQLite file as it is",
        ),
    )
    commands = parser.add_subparsers(dest="command", required=True)
    # The serve flags are read as text: HubSettings parses them as it does their variables, with the same messages.
    serve = commands.add_parser("serve", help="serve the API")
    serve.add_argument("--host", help=_with_sources("host", "address to listen on; 0.0.0.0 for every interface"))
    serve.add_argument("--port", help=_with_sources("port", "port to listen on"))
    serve.add_argument("--max-body-bytes", help=_with_sources("max_body_bytes", "largest request body taken"))
    serve.add_argument("--max-batch", help=_with_sources("max_batch", "most records taken in one push"))
    serve.add_argument("--log-level", help=_with_sources("log_level", f"one of {', '.join(LOG_LEVELS)}"))
    serve.add_argument("--log-format", help=_with_sources("log_format", f"one of {', '.join(LOG_FORMATS)}"))
    serve.add_argument("--signing-key", help="PEM file signing the admin API's pickup orders ($POPUP_HUB_SIGNING_KEY)")
    serve.add_argument("--upstream", help="relay to this hub, after popup-hub relay enroll ($POPUP_HUB_UPSTREAM)")
    event = commands.add_parser("event", help="events").add_subparsers(dest="action", required=True)
    create = event.add_parser("create", help="create an event; prints its id")
    create.add_argument("name")
    create.add_argument("--currency", required=True)
    create.add_argument("--locale", default="en_GB")
    create.add_argument("--place", default="")
    create.add_argument("--tax", action="append", required=True, help="CODE=RATE%%, repeat")
    create.add_argument("--prices-exclude-tax", action="store_true")
    create.add_argument("--cash-step", type=int, default=1, help="cash rounding step in minor units")
    add_event_commands(event)
    till = commands.add_parser("till", help="tills").add_subparsers(dest="action", required=True)
    code = till.add_parser("enroll-code", help="a one-time code to enroll a till on an event")
    code.add_argument("event_id")
    code.add_argument("--till", default="A", help="the till's code on receipts")
    revoke = till.add_parser("revoke", help="refuse a till from now on")
    revoke.add_argument("till_id")
    catalog = commands.add_parser("catalog", help="catalog").add_subparsers(dest="action", required=True)
    catalog_import = catalog.add_parser("import", help="import a catalog CSV")
    catalog_import.add_argument("file")
    catalog_import.add_argument(
        "--currency", help="ISO 4217 code of its prices (JPY: 1200, EUR: 12.50); default: the hub's events' currency"
    )
    stock = commands.add_parser("stock", help="stock").add_subparsers(dest="action", required=True)
    stock_set = stock.add_parser("set", help="set an event's stock level of a SKU")
    stock_set.add_argument("event_id")
    stock_set.add_argument("sku")
    stock_set.add_argument("level", type=int)
    add_conflict_commands(commands.add_parser("conflicts", help="list the conflicts raised by tills' records"))
    keys = commands.add_parser("keys", help="the signing keys of pickup codes").add_subparsers(
        dest="action", required=True
    )
    keys.add_parser("create", help="make a key pair; the private key goes to a file").add_argument(
        "--out", required=True, help="where to write the private key (PEM); keep it secret"
    )
    keys.add_parser("list", help="list the keys and whether they are revoked")
    keys.add_parser("revoke", help="tills refuse codes signed with this key").add_argument("key_id", type=int)
    pickup = commands.add_parser("pickup", help="marketplace orders collected at the event").add_subparsers(
        dest="action", required=True
    )
    key_help = "the private key (PEM) that signs the code; default $POPUP_HUB_SIGNING_KEY"
    pickup_create = pickup.add_parser("create", help="add a paid order to collect; prints its signed pickup code")
    pickup_group = pickup.add_parser("group", help="one code for a group leader collecting members' orders")
    for command in (pickup_create, pickup_group):
        command.add_argument("--event", required=True, help="the event id")
        command.add_argument("--number", required=True, help="the order number the customer knows")
        command.add_argument("--customer", required=True, help="the customer's (or group leader's) name")
        command.add_argument("--note", action="append", default=[], help="e.g. 'ID check required', repeat")
        command.add_argument("--days", type=int, default=60, help="days the code stays valid")
        command.add_argument("--key", default=os.environ.get("POPUP_HUB_SIGNING_KEY"), help=key_help)
        command.add_argument("--qr", help="also write the QR code as an image (.png or .svg)")
    pickup_create.add_argument("--item", action="append", required=True, help="SKU:QUANTITY, repeat")
    pickup_group.add_argument("--member", action="append", required=True, help="a member's order number, repeat")
    cancel = pickup.add_parser("cancel", help="cancel an order; tills refuse its code after they sync")
    cancel.add_argument("--event", required=True)
    cancel.add_argument("number")
    cancel.add_argument("--force", action="store_true", help="cancel even if items were handed over")
    pickup.add_parser("list", help="the event's orders and what was handed over").add_argument("--event", required=True)
    outbox = commands.add_parser("outbox", help="records carried by hand").add_subparsers(dest="action", required=True)
    carried = outbox.add_parser("import", help="apply a till's exported outbox; writes the answers for the till")
    carried.add_argument("file")
    carried.add_argument("--answers", required=True, help="where to write the answers file to carry back")
    add_more_commands(commands)
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    tune_collector()
    args = build_parser().parse_args(argv)
    try:
        settings = HubSettings.from_sources(vars(args), os.environ)
    except SettingsError as error:
        print(f"popup-hub: {error}", file=sys.stderr)
        return 2
    store: HubStore | None = None
    try:
        store = HubStore(open_hub_engine(settings.database_url))
        run = getattr(args, "run", None)
        if run is not None:
            run(store, args)
        elif args.command == "serve":
            run_serve(store, settings)
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
            imported, warnings = store.import_catalog(Path(args.file).read_bytes(), args.currency)
            print(f"{imported} product(s) imported.")
            for warning in warnings:
                print(f"Warning: {warning}")
        elif args.command == "stock":
            store.set_stock(args.event_id, args.sku, args.level)
        elif args.command == "outbox":
            applied = import_outbox(store, Path(args.file), Path(args.answers))
            print(f"{applied} record(s) answered; carry {args.answers} back to the till.")
        elif args.command == "keys":
            run_keys(store, args)
        elif args.command == "pickup":
            run_pickup(store, args)
        elif args.command == "conflicts":
            for conflict in store.conflicts():
                print(json.dumps(conflict))
    except (HubError, OSError, ArithmeticError, ValueError) as error:
        print(f"popup-hub: {error}", file=sys.stderr)
        return 2
    except SQLAlchemyError as error:
        # A wrong password, an unknown host or driver: the driver's own first line says which.
        reason = str(getattr(error, "orig", None) or error).splitlines()[0]
        print(f"popup-hub: cannot use the database {make_url(settings.database_url)!r}: {reason}", file=sys.stderr)
        return 2
    finally:
        if store is not None:
            store.engine.dispose()
    return 0


if __name__ == "__main__":
    sys.exit(main())
