"""The hub's records: events, tills, the inbox of every record received, stock, conflicts, the change feed.

The inbox keeps each record id forever with a hash of its payload, so a
repeat gets the stored answer and a reused id with another payload is
refused. Facts are accepted even when they hurt (stock below zero): the hub
records them and raises a conflict instead.
"""

from __future__ import annotations

import csv
import hashlib
import io
import json
import secrets
import uuid
from dataclasses import dataclass
from datetime import UTC, datetime
from decimal import Decimal, InvalidOperation
from pathlib import Path
from typing import Any

from alembic import command
from alembic.config import Config
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

from sync.protocol import (
    AnswerStatus,
    Change,
    ChangesPage,
    EnrollResponse,
    EventInfo,
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
            if connection.execute(select(events.c.id).where(events.c.id == event_id)).first() is None:
                raise HubError(f"No event {event_id} on this hub: create it first (popup-hub event create).")
            connection.execute(
                enroll_codes.insert().values(code_hash=_hash(code), event_id=event_id, till_code=till_code.upper())
            )
        return code

    def revoke_till(self, till_id: str) -> None:
        with self.engine.begin() as connection:
            if connection.execute(tills.update().where(tills.c.id == till_id).values(revoked=1)).rowcount == 0:
                raise HubError(f"No till {till_id} on this hub.")

    def import_catalog(self, data: bytes) -> int:
        """A catalog CSV in the tills' format, all or nothing; prices in units with two decimals."""
        try:
            rows = list(csv.DictReader(io.StringIO(data.decode("utf-8-sig"))))
        except UnicodeDecodeError:
            raise HubError("The catalog is not UTF-8 text: save it as 'CSV UTF-8'.") from None
        problems: list[str] = []
        parsed: list[dict[str, Any]] = []
        for line, row in enumerate(rows, start=2):
            try:
                price = Decimal((row.get("price") or "").strip())
                cents = int(price * 100)
                if cents < 0 or price * 100 != cents:
                    raise InvalidOperation
            except (InvalidOperation, ValueError):
                problems.append(f"line {line}: bad price '{row.get('price')}'")
                continue
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
                    "price": cents,
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
        return EnrollResponse(till_id=till_id, till_code=row.till_code, token=token, event=info)

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
        for record in records:
            payload = record.payload
            if payload.get("event_id", till.event_id) != till.event_id:
                outcomes.append((AnswerStatus.REJECTED, "the record belongs to another event than this till's"))
            elif record.till_seq in taken:
                reason = f"till sequence {record.till_seq} is already used by record {taken[record.till_seq]}"
                outcomes.append((AnswerStatus.REJECTED, reason))
            elif record.type == "sale.completed":
                outcomes.append([(line["sku"], -int(line["quantity"])) for line in payload.get("lines", [])])
            elif record.type == "stock.moved":
                outcomes.append([(sku, int(quantity)) for sku, quantity in payload.get("deltas", [])])
            elif record.type == "voucher.issued":
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
        if movements:
            connection.execute(stock_movements.insert(), movements)
        if raised:
            connection.execute(conflicts.insert(), raised)
        for sku in skus:
            _publish(connection, till.event_id, "stock_level", sku, {"level": levels[sku]})
        return answers

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
