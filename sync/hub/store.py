"""The hub's records: events, tills, the inbox of every record received, stock, conflicts, the change feed.

The inbox keeps each record id forever with a hash of its payload, so a
repeat gets the stored answer and a reused id with another payload is
refused. Facts are accepted even when they hurt (stock below zero): the hub
records them and raises a conflict instead.
"""

from __future__ import annotations

import base64
import csv
import hashlib
import io
import json
import re
import secrets
import uuid
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

from alembic import command
from alembic.config import Config
from babel.numbers import get_currency_precision, is_currency
from sqlalchemy import (
    BigInteger,
    Column,
    Connection,
    Engine,
    ForeignKey,
    Index,
    Integer,
    MetaData,
    Table,
    Text,
    UniqueConstraint,
    create_engine,
    event,
    func,
    literal,
    select,
    text,
    tuple_,
)
from sqlalchemy.exc import IntegrityError

from sync.pickup_codes import new_signing_key, public_key_of, sign_pickup_code
from sync.protocol import (
    AnswerStatus,
    Change,
    ChangesPage,
    EnrollResponse,
    EventInfo,
    PickupKeyInfo,
    PushRecord,
    RecordAnswer,
    TaxClassInfo,
    payload_hash,
)

metadata = MetaData()

events = Table(
    "events",
    metadata,
    Column("id", Text, primary_key=True),
    Column("name", Text, nullable=False),
    Column("place", Text, nullable=False),
    Column("currency", Text, nullable=False),
    Column("locale", Text, nullable=False),
    Column("prices_include_tax", Integer, nullable=False),
    Column("cash_rounding_step", Integer, nullable=False),
    Column("tax_classes", Text, nullable=False),
)
enroll_codes = Table(
    "enroll_codes",
    metadata,
    Column("code_hash", Text, primary_key=True),
    Column("event_id", Text, ForeignKey("events.id"), nullable=False),
    Column("till_code", Text, nullable=False),
    Column("used_by", Text),
)
tills = Table(
    "tills",
    metadata,
    Column("id", Text, primary_key=True),
    Column("event_id", Text, ForeignKey("events.id"), nullable=False),
    Column("code", Text, nullable=False),
    Column("token_hash", Text, nullable=False, unique=True),
    Column("revoked", Integer, nullable=False),
    UniqueConstraint("event_id", "code"),
)
inbox = Table(
    "inbox",
    metadata,
    Column("event_id", Text, primary_key=True),
    Column("till_id", Text, ForeignKey("tills.id"), nullable=False),
    Column("till_seq", Integer, nullable=False),
    Column("type", Text, nullable=False),
    Column("payload_hash", Text, nullable=False),
    Column("payload", Text, nullable=False),
    Column("status", Text, nullable=False),
    Column("reason", Text),
    Column("received_at", Text, nullable=False),
    UniqueConstraint("till_id", "till_seq"),
)
products = Table(
    "products",
    metadata,
    Column("sku", Text, primary_key=True),
    Column("id", Text, nullable=False, unique=True),
    Column("name", Text, nullable=False),
    Column("variant", Text, nullable=False),
    Column("maker", Text, nullable=False),
    Column("category", Text, nullable=False),
    Column("tax_class", Text, nullable=False),
    Column("price", Integer, nullable=False),
    Column("barcodes", Text, nullable=False),
)
stock_movements = Table(
    "stock_movements",
    metadata,
    Column("id", Integer, primary_key=True, autoincrement=True),
    Column("event_id", Text, nullable=False),
    Column("sku", Text, nullable=False),
    Column("quantity", Integer, nullable=False),
    Column("source", Text, nullable=False),
    Index("ix_stock_movements_event_sku", "event_id", "sku"),
)
conflicts = Table(
    "conflicts",
    metadata,
    Column("id", Integer, primary_key=True, autoincrement=True),
    Column("kind", Text, nullable=False),
    Column("subject", Text, nullable=False),
    Column("record_id", Text, nullable=False),
    Column("details", Text, nullable=False),
    Column("raised_at", Text, nullable=False),
    UniqueConstraint("kind", "record_id", "subject"),
)
changes = Table(
    "changes",
    metadata,
    Column("seq", Integer, primary_key=True, autoincrement=True),
    # The writing transaction's id on PostgreSQL (0 on SQLite, whose single
    # writer commits in sequence order): the feed is read in (tx, seq) order
    # and only below the oldest running transaction, so a change that commits
    # late is never skipped.
    Column("tx", BigInteger, nullable=False),
    Column("event_id", Text),
    Column("kind", Text, nullable=False),
    Column("key", Text, nullable=False),
    Column("data", Text, nullable=False),
    Index("ix_changes_tx_seq", "tx", "seq"),
)
returned_lines = Table(
    "returned_lines",
    metadata,
    Column("record_id", Text, primary_key=True),
    Column("sale_id", Text, nullable=False),
    Column("line_no", Integer, primary_key=True),
    Column("quantity", Integer, nullable=False),
    Column("sold", Integer, nullable=False),
    Column("till_code", Text, nullable=False),
    Index("ix_returned_lines_sale", "sale_id", "line_no"),
)
pickup_keys = Table(
    "pickup_keys",
    metadata,
    Column("key_id", Integer, primary_key=True, autoincrement=True),
    Column("public_key", Text, nullable=False, unique=True),
    Column("created_at", Text, nullable=False),
    Column("revoked_at", Text),
)
pickup_orders = Table(
    "pickup_orders",
    metadata,
    Column("id", Text, primary_key=True),
    Column("event_id", Text, ForeignKey("events.id"), nullable=False),
    Column("number", Text, nullable=False),
    Column("customer_name", Text, nullable=False),
    Column("notes", Text, nullable=False),
    Column("lines", Text, nullable=False),
    Column("member_order_ids", Text, nullable=False),
    Column("expires_at", Text, nullable=False),
    Column("created_at", Text, nullable=False),
    Column("cancelled_at", Text),
    UniqueConstraint("event_id", "number"),
)
pickup_handoffs = Table(
    "pickup_handoffs",
    metadata,
    Column("record_id", Text, primary_key=True),
    Column("order_id", Text, ForeignKey("pickup_orders.id"), primary_key=True),
    Column("line_id", Text, primary_key=True),
    Column("quantity", Integer, nullable=False),
    Column("till_id", Text, nullable=False),
    Column("till_code", Text, nullable=False),
    Column("staff_name", Text, nullable=False),
    Column("at", Text, nullable=False),
    Index("ix_pickup_handoffs_order", "order_id"),
)


# A price as a spreadsheet writes it: digits with at most one decimal point. Decimal alone
# would also take "1e3", "1_000", "NaN" and non-ASCII digits.
_PRICE = re.compile(r"(\d*)(?:\.(\d*))?", re.ASCII)
MAX_KEY_ID = 0xFFFF  # two bytes in the pickup code
DEFAULT_PICKUP_VALIDITY = timedelta(days=60)


@dataclass(frozen=True, slots=True)
class PickupCreated:
    order_id: str
    number: str
    code: str


@dataclass(frozen=True, slots=True)
class _HandoffRow:
    record_id: str
    order_id: str
    line_id: str
    quantity: int
    till_id: str
    till_code: str
    staff_name: str
    at: str


class HubError(Exception):
    """A refusal with a message for the marketplace operator or the till."""


class PayloadMismatchError(HubError):
    def __init__(self, event_ids: list[str]) -> None:
        super().__init__(f"{len(event_ids)} record id(s) were already received with another payload")
        self.event_ids = event_ids


@dataclass(frozen=True, slots=True)
class AuthenticatedTill:
    till_id: str
    event_id: str
    code: str


def _now() -> str:
    return datetime.now(UTC).isoformat(timespec="milliseconds")


def _hash(secret: str) -> str:
    return hashlib.sha256(secret.encode()).hexdigest()


def open_hub_engine(url: str) -> Engine:
    engine = create_engine(url)
    if engine.dialect.name == "sqlite":

        def on_connect(dbapi_connection: Any, _record: Any) -> None:
            dbapi_connection.isolation_level = None
            cursor = dbapi_connection.cursor()
            cursor.execute("PRAGMA busy_timeout = 10000")
            cursor.execute("PRAGMA journal_mode = WAL")
            cursor.execute("PRAGMA synchronous = FULL")
            cursor.execute("PRAGMA foreign_keys = ON")
            cursor.close()

        def on_begin(connection: Any) -> None:
            connection.exec_driver_sql("BEGIN IMMEDIATE")

        event.listen(engine, "connect", on_connect)
        event.listen(engine, "begin", on_begin)
    migrate_hub(engine)
    return engine


def migrate_hub(engine: Engine) -> None:
    """Bring the hub's database to the newest schema (Alembic); a no-op when it is there already."""
    config = Config()
    config.set_main_option("script_location", str(Path(__file__).parent / "migrations"))
    with engine.begin() as connection:
        config.attributes["connection"] = connection
        command.upgrade(config, "head")


def _publish(connection: Connection, event_id: str | None, kind: str, key: str, data: dict[str, Any]) -> None:
    tx = text("pg_current_xact_id()::text::bigint") if connection.dialect.name == "postgresql" else literal(0)
    connection.execute(changes.insert().values(event_id=event_id, kind=kind, key=key, data=json.dumps(data), tx=tx))


def _publish_many(connection: Connection, event_id: str, items: list[tuple[str, str, dict[str, Any]]]) -> None:
    tx = text("pg_current_xact_id()::text::bigint") if connection.dialect.name == "postgresql" else literal(0)
    connection.execute(
        changes.insert().values(tx=tx),
        [{"event_id": event_id, "kind": kind, "key": key, "data": json.dumps(data)} for kind, key, data in items],
    )


class HubStore:
    def __init__(self, engine: Engine) -> None:
        self.engine = engine

    # Marketplace side

    def create_event(self, info: EventInfo) -> str:
        with self.engine.begin() as connection:
            connection.execute(
                events.insert().values(
                    id=info.event_id,
                    name=info.name,
                    place=info.place,
                    currency=info.currency,
                    locale=info.locale,
                    prices_include_tax=int(info.prices_include_tax),
                    cash_rounding_step=info.cash_rounding_step,
                    tax_classes=json.dumps([tax.model_dump() for tax in info.tax_classes]),
                )
            )
        return info.event_id

    def create_enroll_code(self, event_id: str, till_code: str) -> str:
        code = secrets.token_hex(4).upper()
        with self.engine.begin() as connection:
            self._require_event(connection, event_id)
            connection.execute(
                enroll_codes.insert().values(code_hash=_hash(code), event_id=event_id, till_code=till_code.upper())
            )
        return code

    def revoke_till(self, till_id: str) -> None:
        with self.engine.begin() as connection:
            if connection.execute(tills.update().where(tills.c.id == till_id).values(revoked=1)).rowcount == 0:
                raise HubError(f"No till {till_id} on this hub.")

    def import_catalog(self, data: bytes, currency: str | None = None) -> int:
        """A catalog CSV in the tills' format, all or nothing, its prices in major units of ``currency``.

        Tills read a price as minor units of their event's currency, so without a
        currency the one the hub's events share is taken, and none is guessed.
        """
        if currency is None:
            with self.engine.connect() as connection:
                used = sorted(connection.scalars(select(events.c.currency).distinct()))
            if len(used) != 1:
                held = f"its events use {', '.join(used)}" if used else "it has no event yet to take it from"
                raise HubError(f"Say which currency the catalog's prices are in (--currency EUR): {held}.")
            currency = used[0]
        currency = currency.strip().upper()
        if len(currency) != 3 or not is_currency(currency):
            raise HubError(f"'{currency}' is not an ISO 4217 currency code: use three letters such as EUR.")
        # Babel's precision, the one the tills price and format with (JPY 0, EUR 2, BHD 3).
        digits = int(get_currency_precision(currency))
        try:
            rows = list(csv.DictReader(io.StringIO(data.decode("utf-8-sig"))))
        except UnicodeDecodeError:
            raise HubError("The catalog is not UTF-8 text: save it as 'CSV UTF-8'.") from None
        problems: list[str] = []
        parsed: list[dict[str, Any]] = []
        for line, row in enumerate(rows, start=2):
            price = (row.get("price") or "").strip()
            match = _PRICE.fullmatch(price)
            if match is None or not (match.group(1) or match.group(2)):
                problems.append(f"line {line}: bad price '{price}': write digits such as 12.50")
                continue
            whole, fraction = match.group(1), match.group(2) or ""
            if len(fraction.rstrip("0")) > digits:
                problems.append(f"line {line}: bad price '{price}': {currency} has {digits} decimals")
                continue
            minor = int(whole + fraction.ljust(digits, "0")[:digits] or "0")
            if not (row.get("sku") or "").strip() or not (row.get("name") or "").strip():
                problems.append(f"line {line}: sku and name are needed")
                continue
            parsed.append(
                {
                    "sku": row["sku"].strip(),
                    "name": row["name"].strip(),
                    "variant": (row.get("variant") or "").strip(),
                    "maker": (row.get("maker") or "").strip(),
                    "category": (row.get("category") or "").strip(),
                    "tax_class": (row.get("tax_class") or "").strip(),
                    "price": minor,
                    "barcodes": " ".join((row.get("barcodes") or "").replace("|", " ").split()),
                }
            )
        if problems:
            raise HubError("The catalog was not imported:\n" + "\n".join(problems))
        with self.engine.begin() as connection:
            known = {row.sku: row.id for row in connection.execute(select(products.c.sku, products.c.id))}
            for product in parsed:
                product_id = known.get(product["sku"]) or str(uuid.uuid4())
                connection.execute(products.delete().where(products.c.sku == product["sku"]))
                connection.execute(products.insert().values(id=product_id, **product))
                _publish(connection, None, "product", product["sku"], {"id": product_id, **product})
        return len(parsed)

    def set_stock(self, event_id: str, sku: str, level: int) -> None:
        """Book goods in or out so that the level becomes ``level`` (a movement, never an overwrite)."""
        with self.engine.begin() as connection:
            current = self._level(connection, event_id, sku)
            connection.execute(
                stock_movements.insert().values(event_id=event_id, sku=sku, quantity=level - current, source="hub")
            )
            self._publish_level(connection, event_id, sku)

    # Pickup orders: the marketplace signs their codes; tills hand them over

    def create_signing_key(self) -> tuple[int, bytes]:
        """A new Ed25519 key pair: the public half is published to the tills, the private half returned."""
        private_key = new_signing_key()
        public_key = base64.b64encode(public_key_of(private_key)).decode()
        with self.engine.begin() as connection:
            key_id = int(
                connection.execute(
                    pickup_keys.insert()
                    .values(public_key=public_key, created_at=_now())
                    .returning(pickup_keys.c.key_id)
                ).scalar_one()
            )
            if key_id > MAX_KEY_ID:
                raise HubError(f"This hub has used all {MAX_KEY_ID} key ids of the pickup code format.")
            _publish(connection, None, "pickup_key", str(key_id), {"public_key": public_key, "revoked": False})
        return key_id, private_key

    def revoke_signing_key(self, key_id: int) -> None:
        """Codes signed with this key are refused by every till from its next sync on."""
        with self.engine.begin() as connection:
            row = connection.execute(select(pickup_keys).where(pickup_keys.c.key_id == key_id)).first()
            if row is None:
                raise HubError(f"No pickup key {key_id} on this hub: see 'popup-hub keys list'.")
            connection.execute(pickup_keys.update().where(pickup_keys.c.key_id == key_id).values(revoked_at=_now()))
            _publish(connection, None, "pickup_key", str(key_id), {"public_key": row.public_key, "revoked": True})

    def signing_keys(self) -> list[dict[str, Any]]:
        with self.engine.connect() as connection:
            rows = connection.execute(select(pickup_keys).order_by(pickup_keys.c.key_id))
            return [dict(row._mapping) for row in rows]

    def _key_id_of(self, connection: Connection, private_key: bytes) -> int:
        public_key = base64.b64encode(public_key_of(private_key)).decode()
        row = connection.execute(select(pickup_keys).where(pickup_keys.c.public_key == public_key)).first()
        if row is None:
            raise HubError("This signing key is not registered on this hub: make one with 'popup-hub keys create'.")
        if row.revoked_at is not None:
            raise HubError(f"Signing key {row.key_id} was revoked: sign with a current key.")
        return int(row.key_id)

    def create_pickup(
        self,
        event_id: str,
        number: str,
        customer_name: str,
        items: list[tuple[str, int]],
        private_key: bytes,
        notes: str = "",
        expires_at: datetime | None = None,
    ) -> PickupCreated:
        """A paid marketplace order to collect at the event; returns its signed pickup code."""
        if not items:
            raise HubError("A pickup order needs at least one item (--item SKU:QUANTITY).")
        with self.engine.begin() as connection:
            self._require_event(connection, event_id)
            lines = []
            for position, (sku, quantity) in enumerate(items, start=1):
                product = connection.execute(select(products).where(products.c.sku == sku)).first()
                if product is None:
                    raise HubError(f"No product with SKU {sku} in the hub's catalog: import the catalog first.")
                if quantity <= 0:
                    raise HubError(f"The quantity of {sku} must be 1 or more.")
                name = f"{product.name} {product.variant}".strip()
                lines.append(
                    {"line_id": str(position), "sku": sku, "name": name, "maker": product.maker, "quantity": quantity}
                )
            return self._add_pickup(
                connection, event_id, number, customer_name, notes, lines, [], private_key, expires_at
            )

    def create_group_pickup(
        self,
        event_id: str,
        number: str,
        leader_name: str,
        member_numbers: list[str],
        private_key: bytes,
        notes: str = "",
        expires_at: datetime | None = None,
    ) -> PickupCreated:
        """One code for a group-buy leader collecting the members' orders (each keeps its own code too)."""
        if not member_numbers:
            raise HubError("A group pickup names its members' orders (--member NUMBER).")
        with self.engine.begin() as connection:
            self._require_event(connection, event_id)
            member_ids = []
            for member_number in member_numbers:
                member = self._pickup_row(connection, event_id, member_number)
                if json.loads(member.member_order_ids):
                    raise HubError(f"Order {member_number} is itself a group: name its members instead.")
                member_ids.append(member.id)
            return self._add_pickup(
                connection, event_id, number, leader_name, notes, [], member_ids, private_key, expires_at
            )

    def _add_pickup(
        self,
        connection: Connection,
        event_id: str,
        number: str,
        customer_name: str,
        notes: str,
        lines: list[dict[str, Any]],
        member_ids: list[str],
        private_key: bytes,
        expires_at: datetime | None,
    ) -> PickupCreated:
        if not number.strip() or not customer_name.strip():
            raise HubError("A pickup order needs its number and the customer's name.")
        if connection.execute(
            select(pickup_orders.c.id).where(pickup_orders.c.event_id == event_id, pickup_orders.c.number == number)
        ).first():
            raise HubError(f"Order {number} already exists at this event: use another number.")
        key_id = self._key_id_of(connection, private_key)
        order_id = str(uuid.uuid4())
        expires = expires_at or datetime.now(UTC) + DEFAULT_PICKUP_VALIDITY
        connection.execute(
            pickup_orders.insert().values(
                id=order_id,
                event_id=event_id,
                number=number.strip(),
                customer_name=customer_name.strip(),
                notes=notes.strip(),
                lines=json.dumps(lines),
                member_order_ids=json.dumps(member_ids),
                expires_at=expires.isoformat(timespec="seconds"),
                created_at=_now(),
            )
        )
        self._publish_order(connection, order_id)
        code = sign_pickup_code(private_key, key_id, order_id, event_id, expires)
        return PickupCreated(order_id, number.strip(), code)

    def cancel_pickup(self, event_id: str, number: str, force: bool = False) -> None:
        """Cancel an order online; tills refuse its code once they have synced."""
        with self.engine.begin() as connection:
            row = self._pickup_row(connection, event_id, number)
            handed = connection.execute(
                select(pickup_handoffs.c.till_code, pickup_handoffs.c.at).where(pickup_handoffs.c.order_id == row.id)
            ).first()
            if handed is not None and not force:
                raise HubError(
                    f"Order {number} was already handed over at till {handed.till_code} on {handed.at[:16]}: "
                    "refund it as a return, or cancel with --force."
                )
            connection.execute(pickup_orders.update().where(pickup_orders.c.id == row.id).values(cancelled_at=_now()))
            self._publish_order(connection, row.id)

    def pickup_orders(self, event_id: str) -> list[dict[str, Any]]:
        """The event's orders with what each line has had handed over, for the marketplace."""
        with self.engine.connect() as connection:
            rows = connection.execute(
                select(pickup_orders).where(pickup_orders.c.event_id == event_id).order_by(pickup_orders.c.number)
            ).all()
            handed: dict[tuple[str, str], int] = {}
            for hand in connection.execute(
                select(pickup_handoffs).where(pickup_handoffs.c.order_id.in_([row.id for row in rows]))
            ):
                handed[(hand.order_id, hand.line_id)] = handed.get((hand.order_id, hand.line_id), 0) + hand.quantity
        return [
            {
                "order_id": row.id,
                "number": row.number,
                "customer_name": row.customer_name,
                "cancelled": row.cancelled_at is not None,
                "lines": [
                    {**line, "handed_over": handed.get((row.id, line["line_id"]), 0)} for line in json.loads(row.lines)
                ],
                "member_order_ids": json.loads(row.member_order_ids),
            }
            for row in rows
        ]

    def _require_event(self, connection: Connection, event_id: str) -> None:
        if connection.execute(select(events.c.id).where(events.c.id == event_id)).first() is None:
            raise HubError(f"No event {event_id} on this hub: create it first (popup-hub event create).")

    def _pickup_row(self, connection: Connection, event_id: str, number: str) -> Any:
        row = connection.execute(
            select(pickup_orders).where(pickup_orders.c.event_id == event_id, pickup_orders.c.number == number)
        ).first()
        if row is None:
            raise HubError(f"No pickup order {number} at event {event_id}.")
        return row

    def _publish_order(self, connection: Connection, order_id: str) -> None:
        row = connection.execute(select(pickup_orders).where(pickup_orders.c.id == order_id)).one()
        data = {
            "number": row.number,
            "customer_name": row.customer_name,
            "notes": row.notes,
            "cancelled": row.cancelled_at is not None,
            "lines": json.loads(row.lines),
            "member_order_ids": json.loads(row.member_order_ids),
        }
        _publish(connection, row.event_id, "pickup_order", order_id, data)

    def conflicts(self) -> list[dict[str, Any]]:
        with self.engine.connect() as connection:
            return [dict(row._mapping) for row in connection.execute(select(conflicts).order_by(conflicts.c.id))]

    def stock_level(self, event_id: str, sku: str) -> int:
        with self.engine.connect() as connection:
            return self._level(connection, event_id, sku)

    def inbox_count(self) -> int:
        with self.engine.connect() as connection:
            return int(connection.scalar(select(func.count()).select_from(inbox)) or 0)

    # Till side

    def enroll(self, code: str) -> EnrollResponse:
        with self.engine.begin() as connection:
            row = connection.execute(
                select(enroll_codes).where(enroll_codes.c.code_hash == _hash(code.strip().upper()))
            ).first()
            if row is None or row.used_by is not None:
                raise HubError("That enrollment code is unknown or already used: ask the marketplace for a new one.")
            till_id, token = str(uuid.uuid4()), secrets.token_urlsafe(32)
            connection.execute(
                tills.insert().values(
                    id=till_id, event_id=row.event_id, code=row.till_code, token_hash=_hash(token), revoked=0
                )
            )
            connection.execute(
                enroll_codes.update().where(enroll_codes.c.code_hash == row.code_hash).values(used_by=till_id)
            )
            event_row = connection.execute(select(events).where(events.c.id == row.event_id)).one()
            keys = [
                PickupKeyInfo(key_id=key.key_id, public_key=key.public_key, revoked=key.revoked_at is not None)
                for key in connection.execute(select(pickup_keys).order_by(pickup_keys.c.key_id))
            ]
        info = EventInfo(
            event_id=event_row.id,
            name=event_row.name,
            place=event_row.place,
            currency=event_row.currency,
            locale=event_row.locale,
            prices_include_tax=bool(event_row.prices_include_tax),
            cash_rounding_step=event_row.cash_rounding_step,
            tax_classes=[TaxClassInfo(**tax) for tax in json.loads(event_row.tax_classes)],
        )
        return EnrollResponse(till_id=till_id, till_code=row.till_code, token=token, event=info, pickup_keys=keys)

    def till_by_id(self, till_id: str) -> AuthenticatedTill | None:
        with self.engine.connect() as connection:
            row = connection.execute(select(tills).where(tills.c.id == till_id)).first()
        if row is None or row.revoked:
            return None
        return AuthenticatedTill(row.id, row.event_id, row.code)

    def authenticate(self, token: str) -> AuthenticatedTill | None:
        with self.engine.connect() as connection:
            row = connection.execute(select(tills).where(tills.c.token_hash == _hash(token))).first()
        if row is None or row.revoked:
            return None
        return AuthenticatedTill(row.id, row.event_id, row.code)

    def push(self, till: AuthenticatedTill, records: list[PushRecord]) -> list[RecordAnswer]:
        try:
            return self._push(till, records)
        except IntegrityError:
            # Another hub process stored one of these ids a moment ago (the same
            # batch sent twice at once): the second pass answers it as a duplicate.
            return self._push(till, records)

    def _push(self, till: AuthenticatedTill, records: list[PushRecord]) -> list[RecordAnswer]:
        with self.engine.begin() as connection:
            # One push at a time per till, across hub processes (PostgreSQL row lock;
            # SQLite's single writer already serialises).
            connection.execute(select(tills.c.id).where(tills.c.id == till.till_id).with_for_update())
            answers: dict[str, RecordAnswer] = {}
            mismatched: list[str] = []
            fresh: list[PushRecord] = []
            known = {
                row.event_id: row
                for row in connection.execute(
                    select(inbox.c.event_id, inbox.c.till_id, inbox.c.payload_hash, inbox.c.reason).where(
                        inbox.c.event_id.in_([record.event_id for record in records])
                    )
                )
            }
            for record in records:
                stored = known.get(record.event_id)
                if stored is None:
                    fresh.append(record)
                elif stored.payload_hash != payload_hash(record.payload) or stored.till_id != till.till_id:
                    mismatched.append(record.event_id)
                else:
                    answers[record.event_id] = RecordAnswer(
                        event_id=record.event_id, status=AnswerStatus.DUPLICATE, reason=stored.reason
                    )
            if mismatched:
                raise PayloadMismatchError(mismatched)
            for record, (status, reason) in zip(fresh, self._apply_batch(connection, till, fresh), strict=True):
                answers[record.event_id] = RecordAnswer(event_id=record.event_id, status=status, reason=reason)
            if fresh:
                received_at = _now()
                connection.execute(
                    inbox.insert(),
                    [
                        {
                            "event_id": record.event_id,
                            "till_id": till.till_id,
                            "till_seq": record.till_seq,
                            "type": record.type,
                            "payload_hash": payload_hash(record.payload),
                            "payload": json.dumps(record.payload, sort_keys=True),
                            "status": answers[record.event_id].status.value,
                            "reason": answers[record.event_id].reason,
                            "received_at": received_at,
                        }
                        for record in fresh
                    ],
                )
        return [answers[record.event_id] for record in records]

    def changes_since(self, till: AuthenticatedTill, cursor: str, limit: int) -> ChangesPage:
        try:
            after_tx, after_seq = (int(part) for part in cursor.split(".")) if cursor else (-1, 0)
        except ValueError:
            return ChangesPage(changes=[], next_cursor="", more=True, resync=True)
        with self.engine.connect() as connection:
            last = int(connection.scalar(select(func.coalesce(func.max(changes.c.seq), 0))) or 0)
            if after_seq > last:
                return ChangesPage(changes=[], next_cursor="", more=True, resync=True)
            query = (
                select(changes)
                .where(tuple_(changes.c.tx, changes.c.seq) > tuple_(literal(after_tx), literal(after_seq)))
                .where((changes.c.event_id.is_(None)) | (changes.c.event_id == till.event_id))
                .order_by(changes.c.tx, changes.c.seq)
                .limit(limit + 1)
            )
            if connection.dialect.name == "postgresql":
                query = query.where(changes.c.tx < text("pg_snapshot_xmin(pg_current_snapshot())::text::bigint"))
            rows = connection.execute(query).all()
        page = rows[:limit]
        return ChangesPage(
            changes=[Change(seq=row.seq, kind=row.kind, key=row.key, data=json.loads(row.data)) for row in page],
            next_cursor=f"{page[-1].tx}.{page[-1].seq}" if page else cursor,
            more=len(rows) > limit,
        )

    # Applying facts

    def _apply_batch(
        self, connection: Connection, till: AuthenticatedTill, records: list[PushRecord]
    ) -> list[tuple[AnswerStatus, str | None]]:
        """Apply new records in till order, with one query per kind of work rather than per record."""
        if not records:
            return []
        taken = {
            row.till_seq: row.event_id
            for row in connection.execute(
                select(inbox.c.till_seq, inbox.c.event_id).where(
                    inbox.c.till_id == till.till_id, inbox.c.till_seq.in_([record.till_seq for record in records])
                )
            )
        }
        outcomes: list[tuple[AnswerStatus, str | None] | list[tuple[str, int]]] = []
        handoffs: dict[str, list[dict[str, Any]]] = {}
        returned: dict[str, dict[str, Any]] = {}
        # Other tills of the event pull sales and returns, so any till can take a return.
        published: list[tuple[str, str, dict[str, Any]]] = []
        for record in records:
            payload = record.payload
            if payload.get("event_id", till.event_id) != till.event_id:
                outcomes.append((AnswerStatus.REJECTED, "the record belongs to another event than this till's"))
            elif record.till_seq in taken:
                reason = f"till sequence {record.till_seq} is already used by record {taken[record.till_seq]}"
                outcomes.append((AnswerStatus.REJECTED, reason))
            elif record.type == "sale.completed":
                outcomes.append([(line["sku"], -int(line["quantity"])) for line in payload.get("lines", [])])
                published.append(("sale", str(payload.get("sale_id", record.event_id)), payload))
            elif record.type == "return.recorded":
                # Only restocked items are sellable again; held and written-off ones are counted apart.
                outcomes.append(
                    [
                        (line["sku"], int(line["quantity"]))
                        for line in payload.get("lines", [])
                        if line.get("disposition") == "restock"
                    ]
                )
                returned[record.event_id] = payload
                published.append(("return", str(payload.get("return_id", record.event_id)), payload))
            elif record.type == "stock.moved":
                outcomes.append([(sku, int(quantity)) for sku, quantity in payload.get("deltas", [])])
            elif record.type == "pickup.handed_off":
                resolved = self._handoff_lines(connection, till, payload)
                if isinstance(resolved, str):
                    outcomes.append((AnswerStatus.REJECTED, resolved))
                else:
                    handoffs[record.event_id] = resolved
                    outcomes.append([(line["sku"], -int(line["quantity"])) for line in resolved])
            elif record.type in ("voucher.issued", "cash.session"):
                # Kept in the inbox for the marketplace's books; nothing on the hub derives from them yet.
                outcomes.append((AnswerStatus.APPLIED, None))
            else:
                reason = f"unknown record type '{record.type}' (schema {record.schema_version})"
                outcomes.append((AnswerStatus.REJECTED, reason))
        skus = sorted({sku for outcome in outcomes if isinstance(outcome, list) for sku, _ in outcome})
        if connection.dialect.name == "postgresql":
            # Tills selling the same SKU at once must see each other's movements, or
            # a sale below zero would go unflagged; sorted, so two batches never deadlock.
            for sku in skus:
                connection.execute(
                    text("SELECT pg_advisory_xact_lock(hashtext(:key))"), {"key": f"{till.event_id}/{sku}"}
                )
        levels = self._levels(connection, till.event_id, skus)
        movements: list[dict[str, Any]] = []
        raised: list[dict[str, Any]] = []
        answers: list[tuple[AnswerStatus, str | None]] = []
        for record, outcome in zip(records, outcomes, strict=True):
            if not isinstance(outcome, list):
                answers.append(outcome)
                continue
            below_zero = []
            for sku, quantity in outcome:
                levels[sku] += quantity
                movements.append(
                    {"event_id": till.event_id, "sku": sku, "quantity": quantity, "source": record.event_id}
                )
                if quantity < 0 and levels[sku] < 0:
                    below_zero.append(sku)
                    raised.append(
                        {
                            "kind": "stock_below_zero",
                            "subject": sku,
                            "record_id": record.event_id,
                            "details": json.dumps({"level": levels[sku], "till": till.code}),
                            "raised_at": _now(),
                        }
                    )
            if below_zero:
                answers.append((AnswerStatus.CONFLICT, "recorded; stock went below zero for " + ", ".join(below_zero)))
            else:
                answers.append((AnswerStatus.APPLIED, None))
        if handoffs:
            self._record_handoffs(connection, till, records, handoffs, answers, raised)
        if returned:
            self._record_returns(connection, till, records, returned, answers, raised)
        if published:
            _publish_many(connection, till.event_id, published)
        if movements:
            connection.execute(stock_movements.insert(), movements)
        if raised:
            # A record flagged again (a third till handing over the same line) keeps its one conflict.
            known = {
                (row.kind, row.record_id, row.subject)
                for row in connection.execute(
                    select(conflicts.c.kind, conflicts.c.record_id, conflicts.c.subject).where(
                        conflicts.c.record_id.in_({conflict["record_id"] for conflict in raised})
                    )
                )
            }
            fresh = []
            for conflict in raised:
                key = (conflict["kind"], conflict["record_id"], conflict["subject"])
                if key not in known:
                    known.add(key)
                    fresh.append(conflict)
            if fresh:
                connection.execute(conflicts.insert(), fresh)
        if skus:
            _publish_many(connection, till.event_id, [("stock_level", sku, {"level": levels[sku]}) for sku in skus])
        return answers

    def _handoff_lines(
        self, connection: Connection, till: AuthenticatedTill, payload: dict[str, Any]
    ) -> list[dict[str, Any]] | str:
        """The lines a handoff record hands over, from the hub's own orders; a string says why it is rejected."""
        scanned = connection.execute(select(pickup_orders).where(pickup_orders.c.id == payload.get("order_id"))).first()
        if scanned is None or scanned.event_id != till.event_id:
            return "no such pickup order at this till's event"
        member_ids = json.loads(scanned.member_order_ids)
        orders = {scanned.id: scanned}
        if member_ids:
            for member in connection.execute(select(pickup_orders).where(pickup_orders.c.id.in_(member_ids))):
                orders[member.id] = member
        ordered = {
            (order_id, line["line_id"]): line for order_id, row in orders.items() for line in json.loads(row.lines)
        }
        if payload.get("whole_order"):
            # Handed over on a manager's approval before the till had pulled the order:
            # the hub knows its lines.
            return [
                {"order_id": order_id, "line_id": line_id, "sku": line["sku"], "quantity": line["quantity"]}
                for (order_id, line_id), line in ordered.items()
            ]
        lines = []
        for line in payload.get("lines", []):
            known = ordered.get((line.get("order_id"), line.get("line_id")))
            if known is None:
                return f"line {line.get('line_id')} is not part of pickup order {scanned.number}"
            lines.append({**line, "sku": known["sku"], "quantity": int(line["quantity"])})
        return lines

    def _record_handoffs(
        self,
        connection: Connection,
        till: AuthenticatedTill,
        records: list[PushRecord],
        handoffs: dict[str, list[dict[str, Any]]],
        answers: list[tuple[AnswerStatus, str | None]],
        raised: list[dict[str, Any]],
    ) -> None:
        """Store handoffs and flag the ones that break single use: after a cancellation, or a line handed twice.

        Both are facts (the goods left the table): they are recorded, and the
        later of two handoffs is the one flagged, whichever reached the hub first.
        """
        order_ids = sorted({line["order_id"] for lines in handoffs.values() for line in lines})
        if connection.dialect.name == "postgresql":
            for order_id in order_ids:
                connection.execute(text("SELECT pg_advisory_xact_lock(hashtext(:key))"), {"key": f"pickup/{order_id}"})
        orders = {
            row.id: row for row in connection.execute(select(pickup_orders).where(pickup_orders.c.id.in_(order_ids)))
        }
        earlier: dict[tuple[str, str], list[Any]] = {}
        for row in connection.execute(select(pickup_handoffs).where(pickup_handoffs.c.order_id.in_(order_ids))):
            earlier.setdefault((row.order_id, row.line_id), []).append(row)
        rows: list[dict[str, Any]] = []
        for index, record in enumerate(records):
            lines = handoffs.get(record.event_id)
            if lines is None:
                continue
            at = str(record.payload.get("at") or _now())
            staff_name = str(record.payload.get("staff_name", ""))
            problems: list[str] = []
            for line in lines:
                order = orders[line["order_id"]]
                key = (line["order_id"], line["line_id"])
                ordered = next(
                    item["quantity"] for item in json.loads(order.lines) if item["line_id"] == line["line_id"]
                )
                if order.cancelled_at is not None:
                    raised.append(self._conflict("pickup_after_cancel", order.number, record.event_id, till, at))
                    problems.append(f"order {order.number} had been cancelled online")
                before = earlier.get(key, [])
                mine = _HandoffRow(
                    record.event_id,
                    line["order_id"],
                    line["line_id"],
                    line["quantity"],
                    till.till_id,
                    till.code,
                    staff_name,
                    at,
                )
                if sum(row.quantity for row in before) + line["quantity"] > ordered:
                    # Earliest handoffs stand up to the ordered quantity; every later one is flagged,
                    # whatever order they reached the hub in (a flag raised before is not raised again).
                    standing, flagged = 0, []
                    for row in sorted([*before, mine], key=lambda row: (row.at, row.record_id)):
                        standing += row.quantity
                        if standing > ordered:
                            flagged.append(row)
                    subject = f"{order.number}/{line['line_id']}"
                    details = {
                        "tills": sorted({till.code, *(row.till_code for row in before)}),
                        "line": line["line_id"],
                    }
                    for row in flagged:
                        raised.append(
                            self._conflict("pickup_double_handoff", subject, row.record_id, till, at, details)
                        )
                    others = sorted({row.till_code for row in flagged if row.record_id != record.event_id})
                    if any(row.record_id == record.event_id for row in flagged):
                        stands = "the earlier handoff stands, this one is flagged"
                    else:
                        stands = f"this handoff was earlier and stands; till {', '.join(others)}'s is flagged"
                    last = max(before, key=lambda row: row.at) if before else mine
                    problems.append(
                        f"order {order.number} line {line['line_id']} was also handed over at till "
                        f"{last.till_code} on {last.at[:16]} ({stands})"
                    )
                handed = {
                    "record_id": record.event_id,
                    "order_id": line["order_id"],
                    "line_id": line["line_id"],
                    "quantity": line["quantity"],
                    "till_id": till.till_id,
                    "till_code": till.code,
                    "staff_name": staff_name,
                    "at": at,
                }
                rows.append(handed)
                earlier.setdefault(key, []).append(mine)
            _publish(
                connection,
                till.event_id,
                "pickup_handoff",
                str(record.payload.get("handoff_id") or record.event_id),
                {
                    "lines": [
                        {"order_id": line["order_id"], "line_id": line["line_id"], "quantity": line["quantity"]}
                        for line in lines
                    ],
                    "till_code": till.code,
                    "staff_name": staff_name,
                    "at": at,
                },
            )
            if problems:
                _status, reason = answers[index]
                reasons = [reason] if reason else []
                answers[index] = (AnswerStatus.CONFLICT, "; ".join([*reasons, "recorded; " + "; ".join(problems)]))
        if rows:
            connection.execute(pickup_handoffs.insert(), rows)

    def _record_returns(
        self,
        connection: Connection,
        till: AuthenticatedTill,
        records: list[PushRecord],
        returned: dict[str, dict[str, Any]],
        answers: list[tuple[AnswerStatus, str | None]],
        raised: list[dict[str, Any]],
    ) -> None:
        """Flag a sale line returned beyond what was sold, across every till's returns; both returns stay."""
        sale_ids = sorted({str(p["sale_id"]) for p in returned.values() if p.get("sale_id")})
        if not sale_ids:
            return
        if connection.dialect.name == "postgresql":
            for sale_id in sale_ids:
                connection.execute(text("SELECT pg_advisory_xact_lock(hashtext(:key))"), {"key": f"return/{sale_id}"})
        totals: dict[tuple[str, int], int] = {}
        for row in connection.execute(select(returned_lines).where(returned_lines.c.sale_id.in_(sale_ids))):
            totals[(row.sale_id, row.line_no)] = totals.get((row.sale_id, row.line_no), 0) + row.quantity
        rows: list[dict[str, Any]] = []
        for index, record in enumerate(records):
            payload = returned.get(record.event_id)
            if payload is None or not payload.get("sale_id"):
                continue
            problems = []
            for line in payload.get("lines", []):
                if line.get("line_no") is None:
                    continue
                key = (str(payload["sale_id"]), int(line["line_no"]))
                totals[key] = totals.get(key, 0) + int(line["quantity"])
                sold = int(line.get("sold", line["quantity"]))
                rows.append(
                    {
                        "record_id": record.event_id,
                        "sale_id": key[0],
                        "line_no": key[1],
                        "quantity": int(line["quantity"]),
                        "sold": sold,
                        "till_code": till.code,
                    }
                )
                if totals[key] > sold:
                    subject = f"{payload.get('receipt_no')}/{key[1]}"
                    at = str(payload.get("created_at", ""))
                    details = {"returned": totals[key], "sold": sold}
                    raised.append(self._conflict("return_exceeds_sale", subject, record.event_id, till, at, details))
                    problems.append(
                        f"line {key[1]} of receipt {payload.get('receipt_no')} came back {totals[key]} times "
                        f"for {sold} sold"
                    )
            if problems:
                _status, reason = answers[index]
                reasons = [reason] if reason else []
                answers[index] = (AnswerStatus.CONFLICT, "; ".join([*reasons, "recorded; " + "; ".join(problems)]))
        if rows:
            connection.execute(returned_lines.insert(), rows)

    @staticmethod
    def _conflict(
        kind: str, subject: str, record_id: str, till: AuthenticatedTill, at: str, details: dict[str, Any] | None = None
    ) -> dict[str, Any]:
        return {
            "kind": kind,
            "subject": subject,
            "record_id": record_id,
            "details": json.dumps({"till": till.code, "at": at, **(details or {})}),
            "raised_at": _now(),
        }

    def _levels(self, connection: Connection, event_id: str, skus: list[str]) -> dict[str, int]:
        levels = dict.fromkeys(skus, 0)
        for start in range(0, len(skus), 500):
            query = (
                select(stock_movements.c.sku, func.sum(stock_movements.c.quantity))
                .where(stock_movements.c.event_id == event_id, stock_movements.c.sku.in_(skus[start : start + 500]))
                .group_by(stock_movements.c.sku)
            )
            levels.update({sku: int(total) for sku, total in connection.execute(query)})
        return levels

    def _level(self, connection: Connection, event_id: str, sku: str) -> int:
        total = connection.scalar(
            select(func.coalesce(func.sum(stock_movements.c.quantity), 0)).where(
                stock_movements.c.event_id == event_id, stock_movements.c.sku == sku
            )
        )
        return int(total or 0)

    def _publish_level(self, connection: Connection, event_id: str, sku: str) -> int:
        level = self._level(connection, event_id, sku)
        _publish(connection, event_id, "stock_level", sku, {"level": level})
        return level
