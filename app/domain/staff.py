"""Staff roles, what each role may do, and PIN hashing.

PINs are short, so the hash must be slow: scrypt with a per-PIN salt. The
hashing itself is sync/pin_hashes.py, which the hub shares, so that a PIN set
at the hub or on any till signs in on every till of the event.
"""

from __future__ import annotations

from enum import StrEnum

from app.domain.errors import InvalidInput
from app.domain.texts import N_, _
from sync import pin_hashes
from sync.pin_hashes import verify_pin as verify_pin

PIN_MIN_LENGTH = pin_hashes.PIN_MIN_LENGTH
PIN_MAX_LENGTH = pin_hashes.PIN_MAX_LENGTH


class Role(StrEnum):
    CASHIER = "cashier"
    PICKUP_CLERK = "pickup_clerk"
    MANAGER = "manager"

    @property
    def label(self) -> str:
        """The role's name as a person reads it, in the screen language (the value is the stored code)."""
        return _(ROLE_LABELS[self])


ROLE_LABELS = {Role.CASHIER: N_("cashier"), Role.PICKUP_CLERK: N_("pickup clerk"), Role.MANAGER: N_("manager")}


class Permission(StrEnum):
    SELL = "sell"
    HAND_OVER_PICKUP = "hand_over_pickup"
    APPROVE_OVERRIDE = "approve_override"
    MANAGE_CATALOG = "manage_catalog"
    MANAGE_STAFF = "manage_staff"
    ISSUE_VOUCHER = "issue_voucher"


ROLE_PERMISSIONS: dict[Role, frozenset[Permission]] = {
    Role.CASHIER: frozenset({Permission.SELL}),
    Role.PICKUP_CLERK: frozenset({Permission.HAND_OVER_PICKUP}),
    Role.MANAGER: frozenset(Permission),
}


def parse_role(text: str) -> Role:
    wanted = text.strip().lower().replace("-", "_").replace(" ", "_")
    for role in Role:
        if role.value == wanted:
            return role
    choices = ", ".join(role.value for role in Role)
    raise InvalidInput(_("'{text}' is not a role: choose one of {choices}.").format(text=text, choices=choices))


def can(role: Role, permission: Permission) -> bool:
    return permission in ROLE_PERMISSIONS[role]


def check_pin_format(pin: str) -> str:
    if not pin_hashes.is_pin(pin):
        raise InvalidInput(
            _("A PIN is {PIN_MIN_LENGTH} to {PIN_MAX_LENGTH} digits: type digits only.").format(
                PIN_MIN_LENGTH=PIN_MIN_LENGTH, PIN_MAX_LENGTH=PIN_MAX_LENGTH
            )
        )
    return pin


def hash_pin(pin: str, salt: bytes | None = None) -> str:
    """The PIN's salted slow hash, made the way every till and the hub make it (sync/pin_hashes.py)."""
    return pin_hashes.hash_pin(check_pin_format(pin), salt)
