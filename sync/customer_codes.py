"""Who a customer is, for a drop's per-customer cap, without keeping who they are.

Two ways in, both checked offline (docs/drops.md):

- the marketplace's **customer code**, a QR signed exactly like a pickup code
  (sync/pickup_codes.py: the same Ed25519 keys, the same key ids, Base45)::

      "CU:" + Base45( body (23 bytes) + Ed25519 signature (64 bytes) )
      body = version (1) | key id (2) | customer id (16, UUID) | expiry (4, Unix seconds)

  signed over its own label, so a pickup code's signature never passes as a
  customer's (nor the other way round);
- a **phone number or email** typed at the counter, normalised first (spaces,
  dots, dashes and brackets out of a phone number, ``00`` as ``+``; an email in
  lower case).

Either becomes a salted slow hash (scrypt, the event's salt from the feed), the
only form a till stores or sends. The kind is part of what is hashed, so a
phone number never equals a customer id.
"""

from __future__ import annotations

import hashlib
import re
import struct
import uuid
from collections.abc import Mapping
from dataclasses import dataclass
from datetime import datetime, timedelta
from enum import StrEnum

from cryptography.exceptions import InvalidSignature
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey, Ed25519PublicKey

from sync.pickup_codes import CLOCK_TOLERANCE, PickupKey, base45_decode, base45_encode
from sync.texts import _

PREFIX = "CU:"
FORMAT_VERSION = 1
_BODY = struct.Struct(">BH16sI")
_SIGNATURE_LENGTH = 64
_SIGNING_LABEL = b"popup-pos customer code\x00"
# scrypt costs: a few milliseconds a sale, and a brute force over every phone number costs years per event.
_SCRYPT_N = 2**14
_SCRYPT_R = 8
_SCRYPT_P = 1
_PHONE = re.compile(r"^\+?[0-9]{6,15}$")
_EMAIL = re.compile(r"^[^@\s]{1,64}@[^@\s]{1,190}\.[^@\s.]{2,63}$")


class IdentityKind(StrEnum):
    CODE = "code"
    PHONE = "phone"
    EMAIL = "email"


class CustomerRefused(ValueError):
    """A scanned or typed identity that cannot name a customer; the message says what to do."""


@dataclass(frozen=True, slots=True)
class CustomerIdentity:
    kind: IdentityKind
    # The customer id (a code) or the normalised phone number or email.
    value: str


def sign_customer_code(private_key: bytes, key_id: int, customer_id: str, expires_at: datetime) -> str:
    """The text of a customer's QR code; made by the marketplace, never by a till."""
    body = _BODY.pack(FORMAT_VERSION, key_id, uuid.UUID(customer_id).bytes, int(expires_at.timestamp()))
    signature = Ed25519PrivateKey.from_private_bytes(private_key).sign(_SIGNING_LABEL + body)
    return PREFIX + base45_encode(body + signature)


def looks_like_customer_code(text: str) -> bool:
    return text.strip().upper().startswith(PREFIX)


def read_customer_code(
    scanned: str, keys: Mapping[int, PickupKey], now: datetime, tolerance: timedelta = CLOCK_TOLERANCE
) -> CustomerIdentity:
    """A customer code checked offline against the marketplace's keys; CustomerRefused says why not."""
    text = scanned.strip().upper()
    if not text.startswith(PREFIX):
        raise CustomerRefused(_("This is not a customer code: scan the QR code in the customer's marketplace account."))
    try:
        raw = base45_decode(text[len(PREFIX) :])
    except ValueError:
        raw = b""
    if len(raw) != _BODY.size + _SIGNATURE_LENGTH:
        raise CustomerRefused(_("This customer code is damaged or incomplete: scan it again, or type a phone number."))
    body, signature = raw[: _BODY.size], raw[_BODY.size :]
    version, key_id, customer_bytes, expires = _BODY.unpack(body)
    if version != FORMAT_VERSION:
        raise CustomerRefused(
            _("This customer code has format {version}, which this till does not read: update Pop-up POS.").format(
                version=version
            )
        )
    key = keys.get(key_id)
    if key is None:
        raise CustomerRefused(
            _(
                "This customer code is signed with key {key_id}, which this till does not know: sync, then scan again."
            ).format(key_id=key_id)
        )
    try:
        Ed25519PublicKey.from_public_bytes(key.public_key).verify(signature, _SIGNING_LABEL + body)
    except (InvalidSignature, ValueError):
        raise CustomerRefused(
            _("This customer code is not genuine (its signature does not match): ask for a phone number instead.")
        ) from None
    if key.revoked:
        raise CustomerRefused(
            _("This customer code is signed with key {key_id}, which the marketplace has revoked.").format(
                key_id=key_id
            )
        )
    if now.timestamp() > expires + tolerance.total_seconds():
        raise CustomerRefused(_("This customer code has expired: the customer can show a fresh one in their account."))
    return CustomerIdentity(IdentityKind.CODE, str(uuid.UUID(bytes=customer_bytes)))


def read_contact(typed: str) -> CustomerIdentity:
    """A phone number or an email typed at the counter, normalised; CustomerRefused when it is neither."""
    text = typed.strip()
    if "@" in text:
        email = text.lower()
        if not _EMAIL.match(email):
            raise CustomerRefused(
                _("'{text}' is not an email address: check it, or type a phone number.").format(text=text[:60])
            )
        return CustomerIdentity(IdentityKind.EMAIL, email)
    phone = re.sub(r"[\s().\-/]", "", text)
    if phone.startswith("00"):
        phone = "+" + phone[2:]
    if not _PHONE.match(phone):
        raise CustomerRefused(
            _("'{text}' is not a phone number: type its digits, with the country code (+41 79 123 45 67).").format(
                text=text[:60]
            )
        )
    return CustomerIdentity(IdentityKind.PHONE, phone)


def customer_hash(salt_hex: str, identity: CustomerIdentity) -> str:
    """The salted slow hash a till keeps and sends instead of the customer."""
    return hashlib.scrypt(
        f"{identity.kind.value}:{identity.value}".encode(),
        salt=bytes.fromhex(salt_hex),
        n=_SCRYPT_N,
        r=_SCRYPT_R,
        p=_SCRYPT_P,
        dklen=32,
    ).hex()
