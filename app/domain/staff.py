"""Staff roles, what each role may do, and PIN hashing.

PINs are short, so the hash must be slow: scrypt with a per-PIN salt, from the
standard library so that the till needs no native extension for it.
"""

from __future__ import annotations

import base64
import hashlib
import hmac
import os
from enum import StrEnum

from app.domain.errors import InvalidInput
from app.domain.texts import N_, _

PIN_MIN_LENGTH = 4
PIN_MAX_LENGTH = 8
_SCRYPT_N = 2**14
_SCRYPT_R = 8
_SCRYPT_P = 1


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
    if not (pin.isascii() and pin.isdigit()) or not PIN_MIN_LENGTH <= len(pin) <= PIN_MAX_LENGTH:
        raise InvalidInput(
            _("A PIN is {PIN_MIN_LENGTH} to {PIN_MAX_LENGTH} digits: type digits only.").format(
                PIN_MIN_LENGTH=PIN_MIN_LENGTH, PIN_MAX_LENGTH=PIN_MAX_LENGTH
            )
        )
    return pin


def hash_pin(pin: str, salt: bytes | None = None) -> str:
    check_pin_format(pin)
    salt = salt if salt is not None else os.urandom(16)
    digest = hashlib.scrypt(pin.encode(), salt=salt, n=_SCRYPT_N, r=_SCRYPT_R, p=_SCRYPT_P, dklen=32)
    return "$".join(
        [
            "scrypt",
            str(_SCRYPT_N),
            str(_SCRYPT_R),
            str(_SCRYPT_P),
            base64.b64encode(salt).decode(),
            base64.b64encode(digest).decode(),
        ]
    )


def verify_pin(pin: str, stored: str) -> bool:
    try:
        scheme, n, r, p, salt_b64, digest_b64 = stored.split("$")
    except ValueError:
        return False
    if scheme != "scrypt":
        return False
    # A damaged or hand-edited hash is a wrong PIN, never a crash at sign-in
    # (bad base64, numbers that are not scrypt costs, costs beyond its memory limit).
    try:
        expected = base64.b64decode(digest_b64, validate=True)
        actual = hashlib.scrypt(
            pin.encode(),
            salt=base64.b64decode(salt_b64, validate=True),
            n=int(n),
            r=int(r),
            p=int(p),
            dklen=len(expected),
        )
    except (TypeError, ValueError, OverflowError):
        return False
    return hmac.compare_digest(actual, expected)
