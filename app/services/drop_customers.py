"""The customer of the open cart, for a drop's per-customer cap: kept only as a salted hash (docs/drops.md).

A customer code (the marketplace's QR, signed like pickup codes) or a phone
number or email typed at the counter; sync/customer_codes.py reads and hashes
them with the event's salt from the hub's drop entries. The screen shows only
a hint (the last digits), never the number or address.
"""

from __future__ import annotations

from app.domain import clock
from app.domain.errors import InvalidInput, RuleViolation
from app.domain.staff import Permission
from app.domain.texts import _
from app.services.authorization import require
from app.store.drops import CUSTOMER_SALT_KEY, DropRepository
from app.store.unit_of_work import UnitOfWork
from sync.customer_codes import (
    CustomerIdentity,
    CustomerRefused,
    IdentityKind,
    customer_hash,
    looks_like_customer_code,
    read_contact,
    read_customer_code,
)
from sync.pickup_codes import PickupKey


def _identity(uow: UnitOfWork, text: str) -> CustomerIdentity:
    try:
        if looks_like_customer_code(text):
            keys = {key_id: PickupKey(key_id, key, revoked) for key_id, key, revoked in uow.pickups.signing_keys()}
            return read_customer_code(text, keys, clock.now())
        return read_contact(text)
    except CustomerRefused as refused:
        raise InvalidInput(str(refused)) from None


def _shown_as(identity: CustomerIdentity) -> str:
    if identity.kind is IdentityKind.CODE:
        return _("Customer code …{tail}").format(tail=identity.value[-4:])
    if identity.kind is IdentityKind.PHONE:
        return _("Phone …{tail}").format(tail=identity.value[-2:])
    return _("Email {initial}…@{domain}").format(initial=identity.value[0], domain=identity.value.split("@")[1])


def set_cart_customer(cart_id: str, text: str, staff_id: str, uow: UnitOfWork) -> str:
    """Remember who buys with this cart; returns what the screen shows of them."""
    if not text.strip():
        raise InvalidInput(_("Scan the customer's code, or type their phone number or email."))
    with uow:
        require(uow, staff_id, Permission.SELL)
        salt = uow.tills.setting(CUSTOMER_SALT_KEY)
        if salt is None:
            raise RuleViolation(_("This till has no drop from the hub yet: sync, then give the customer again."))
        identity = _identity(uow, text)
        shown = _shown_as(identity)
        DropRepository(uow.connection).set_cart_customer(cart_id, customer_hash(salt, identity), shown)
        uow.commit()
    return shown


def clear_cart_customer(cart_id: str, staff_id: str, uow: UnitOfWork) -> None:
    with uow:
        require(uow, staff_id, Permission.SELL)
        DropRepository(uow.connection).clear_cart_customer(cart_id)
        uow.commit()


def cart_customer_shown(cart_id: str, uow: UnitOfWork) -> str | None:
    with uow.for_reading():
        found = DropRepository(uow.connection).cart_customer(cart_id)
    return found.shown_as if found is not None else None
