"""HubStore: the hub's operations, each in its own transaction, for the API and the command line."""

from __future__ import annotations

from datetime import datetime
from typing import Any

from sqlalchemy import Connection, Engine
from sqlalchemy.exc import IntegrityError

from sync.hub.store import audit_heads, catalog, conflict_log, enrollment, feed, pickups, push, till_contacts
from sync.hub.store.enrollment import AuthenticatedTill
from sync.hub.store.errors import HubError
from sync.hub.store.pickups import PickupCreated
from sync.protocol import ChangesPage, EnrollResponse, EventInfo, HeadAnswer, PushedHead, PushRecord, RecordAnswer


class HubStore:
    def __init__(self, engine: Engine) -> None:
        self.engine = engine

    # Marketplace side

    def create_event(self, info: EventInfo) -> str:
        with self.engine.begin() as connection:
            return enrollment.create_event(connection, info)

    def create_enroll_code(self, event_id: str, till_code: str) -> str:
        with self.engine.begin() as connection:
            return enrollment.create_enroll_code(connection, event_id, till_code)

    def revoke_till(self, till_id: str) -> None:
        with self.engine.begin() as connection:
            enrollment.revoke_till(connection, till_id)

    def import_catalog(self, data: bytes, currency: str | None = None) -> tuple[int, list[str]]:
        """A catalog CSV in the tills' format, all or nothing, its prices in major units of ``currency``.

        Tills read a price as minor units of their event's currency, so without a
        currency the one the hub's events share is taken, and none is guessed.
        Returns how many products were imported and the formula warnings, line by line.
        """
        with self.engine.connect() as connection:
            currency = currency or catalog.events_currency(connection)
            tax_classes = catalog.tax_class_codes(connection)
        parsed, warnings = catalog.read_catalog(data, currency, tax_classes)
        with self.engine.begin() as connection:
            catalog.store_products(connection, parsed)
        return len(parsed), warnings

    def set_stock(self, event_id: str, sku: str, level: int) -> None:
        """Book goods in or out so that the level becomes ``level`` (a movement, never an overwrite)."""
        with self.engine.begin() as connection:
            catalog.set_stock(connection, event_id, sku, level)

    def stock_level(self, event_id: str, sku: str) -> int:
        with self.engine.connect() as connection:
            return catalog.level(connection, event_id, sku)

    # Pickup orders: the marketplace signs their codes; tills hand them over

    def create_signing_key(self) -> tuple[int, bytes]:
        """A new Ed25519 key pair: the public half is published to the tills, the private half returned."""
        with self.engine.begin() as connection:
            return pickups.create_signing_key(connection)

    def revoke_signing_key(self, key_id: int) -> None:
        """Codes signed with this key are refused by every till from its next sync on."""
        with self.engine.begin() as connection:
            pickups.revoke_signing_key(connection, key_id)

    def signing_keys(self) -> list[dict[str, Any]]:
        with self.engine.connect() as connection:
            return pickups.signing_keys(connection)

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
        with self.engine.begin() as connection:
            return pickups.create_pickup(
                connection, event_id, number, customer_name, items, private_key, notes, expires_at
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
        with self.engine.begin() as connection:
            return pickups.create_group_pickup(
                connection, event_id, number, leader_name, member_numbers, private_key, notes, expires_at
            )

    def cancel_pickup(self, event_id: str, number: str, force: bool = False) -> None:
        """Cancel an order online; tills refuse its code once they have synced."""
        with self.engine.begin() as connection:
            pickups.cancel_pickup(connection, event_id, number, force)

    def pickup_orders(self, event_id: str) -> list[dict[str, Any]]:
        """The event's orders with what each line has had handed over, for the marketplace."""
        with self.engine.connect() as connection:
            return pickups.list_pickups(connection, event_id)

    def conflicts(self) -> list[dict[str, Any]]:
        with self.engine.connect() as connection:
            return conflict_log.all_conflicts(connection)

    def inbox_count(self) -> int:
        with self.engine.connect() as connection:
            return push.inbox_count(connection)

    # Till side

    def enroll(self, code: str, attempt: str | None = None, try_number: int | None = None) -> EnrollResponse:
        # Another code for the same till code used at the same moment breaks the till code's unique key: the
        # second pass sees that till and refuses in words. Should it clash again, the refusal is in words too.
        for _pass in range(2):
            try:
                with self.engine.begin() as connection:
                    return enrollment.enroll(connection, code, attempt, try_number)
            except IntegrityError:
                continue
        raise HubError("Another till is enrolling on this event at the same moment: enroll this till again.")

    def till_by_id(self, till_id: str) -> AuthenticatedTill | None:
        with self.engine.connect() as connection:
            return enrollment.till_by_id(connection, till_id)

    def file_key_of(self, till_id: str) -> bytes | None:
        with self.engine.connect() as connection:
            return enrollment.file_key_of(connection, till_id)

    def authenticate(self, token: str) -> AuthenticatedTill | None:
        """The till (or relay) the token belongs to, its contact noted for the event page (till_contacts)."""
        with self.engine.begin() as connection:
            found = enrollment.authenticate_with_contact(connection, token)
            if found is None:
                return None
            till, kept = found
            till_contacts.note_contact_after(connection, till.till_id, kept)
            return till

    def push(self, till: AuthenticatedTill, records: list[PushRecord]) -> list[RecordAnswer]:
        try:
            with self.engine.begin() as connection:
                return push.push_batch(connection, till, records)
        except IntegrityError:
            # Another hub process stored one of these ids a moment ago (the same
            # batch sent twice at once): the second pass answers it as a duplicate.
            with self.engine.begin() as connection:
                return push.push_batch(connection, till, records)

    def push_with_head(
        self,
        till: AuthenticatedTill,
        records: list[PushRecord],
        head: PushedHead | None,
        records_waiting: int | None = None,
    ) -> tuple[list[RecordAnswer], HeadAnswer | None]:
        """``push``, the till's audit head taken or refused (audit_heads), and the count of records the till
        says still wait after this batch, all in the same transaction."""

        def run(connection: Connection) -> tuple[list[RecordAnswer], HeadAnswer | None]:
            answers = push.push_batch(connection, till, records) if records else []
            if records_waiting is not None:
                till_contacts.note_waiting(connection, till.till_id, records_waiting)
            return answers, audit_heads.take_head(connection, till, head) if head is not None else None

        try:
            with self.engine.begin() as connection:
                return run(connection)
        except IntegrityError:
            with self.engine.begin() as connection:
                return run(connection)

    def head_refused(self, till: AuthenticatedTill, reason: str) -> HeadAnswer:
        """The answer to a head that could not be read: the head the hub keeps, and why."""
        with self.engine.connect() as connection:
            seen = audit_heads.audit_head(connection, till.till_id)
        return HeadAnswer(accepted=False, seq=seen.seq if seen else 0, hash=seen.hash if seen else "", reason=reason)

    def changes_since(self, till: AuthenticatedTill, cursor: str, limit: int) -> ChangesPage:
        with self.engine.connect() as connection:
            return feed.changes_since(connection, till, cursor, limit)

    def changes_json(self, till: AuthenticatedTill, cursor: str, limit: int) -> str:
        """``changes_since`` as the JSON text the feed endpoint answers."""
        with self.engine.connect() as connection:
            return feed.changes_json(connection, till, cursor, limit)
