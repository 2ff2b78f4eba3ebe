"""Signed pickup codes: what the customer's QR code says, how the hub signs it and a till checks it offline.

The marketplace signs each code with its Ed25519 private key; tills hold only
public keys, so a stolen till cannot make codes. The format is documented in
docs/pickup-codes.md:

    "PU:" + Base45( body (31 bytes) + Ed25519 signature (64 bytes) )
    body = version (1) | key id (2) | order id (16, UUID) | event tag (8) | expiry (4, Unix seconds)

All big-endian. The event tag is the first 8 bytes of SHA-256 of the event
id, so the code stays at 146 characters of QR's alphanumeric mode (version 6
at level M) and still names one event. A valid signature proves the order
genuine, never unused: single use comes from the handoff records.
"""

from __future__ import annotations

import hashlib
import struct
import uuid
from collections.abc import Mapping
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from enum import StrEnum

from cryptography.exceptions import InvalidSignature
from cryptography.hazmat.primitives import serialization
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey, Ed25519PublicKey

from sync.texts import _

PREFIX = "PU:"
FORMAT_VERSION = 1
CLOCK_TOLERANCE = timedelta(minutes=5)
_BODY = struct.Struct(">BH16s8sI")
_SIGNATURE_LENGTH = 64
# Signatures are over a labelled message, so a signature made for anything
# else with the same key can never pass as a pickup code.
_SIGNING_LABEL = b"popup-pos pickup code\x00"
CODE_LENGTH = len(PREFIX) + 143  # Base45 of 95 bytes
BASE45_ALPHABET = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZ $%*+-./:"
_BASE45_VALUES = {char: value for value, char in enumerate(BASE45_ALPHABET)}


class RefusalReason(StrEnum):
    NOT_A_PICKUP_CODE = "not_a_pickup_code"
    MANGLED = "mangled"
    DAMAGED = "damaged"
    UNSUPPORTED_VERSION = "unsupported_version"
    UNKNOWN_KEY = "unknown_key"
    REVOKED_KEY = "revoked_key"
    BAD_SIGNATURE = "bad_signature"
    OTHER_EVENT = "other_event"
    EXPIRED = "expired"


class PickupCodeRefused(ValueError):
    """A scanned text that is not a genuine, current pickup code for this event; the message says what to do."""

    def __init__(self, reason: RefusalReason, message: str) -> None:
        super().__init__(message)
        self.reason = reason


@dataclass(frozen=True, slots=True)
class PickupKey:
    """A marketplace public key the till knows, as 32 raw bytes."""

    key_id: int
    public_key: bytes
    revoked: bool = False


@dataclass(frozen=True, slots=True)
class PickupCode:
    key_id: int
    order_id: str
    event_tag: bytes
    expires_at: datetime
    # The keyboard layout the code was recovered from, when the scanner typed it mangled.
    recovered_from_layout: str | None = None


def event_tag(event_id: str) -> bytes:
    return hashlib.sha256(event_id.encode()).digest()[:8]


def base45_encode(data: bytes) -> str:
    """RFC 9285."""
    out: list[str] = []
    for start in range(0, len(data) - 1, 2):
        value = data[start] * 256 + data[start + 1]
        value, c = divmod(value, 45)
        e, d = divmod(value, 45)
        out += [BASE45_ALPHABET[c], BASE45_ALPHABET[d], BASE45_ALPHABET[e]]
    if len(data) % 2:
        d, c = divmod(data[-1], 45)
        out += [BASE45_ALPHABET[c], BASE45_ALPHABET[d]]
    return "".join(out)


def base45_decode(text: str) -> bytes:
    """RFC 9285; ValueError on a character outside the alphabet, a bad length or an overflowing triple."""
    try:
        values = [_BASE45_VALUES[char] for char in text]
    except KeyError:
        raise ValueError("not Base45") from None
    if len(values) % 3 == 1:
        raise ValueError("bad Base45 length")
    out = bytearray()
    for start in range(0, len(values), 3):
        chunk = values[start : start + 3]
        if len(chunk) == 3:
            value = chunk[0] + chunk[1] * 45 + chunk[2] * 45 * 45
            if value > 0xFFFF:
                raise ValueError("Base45 triple out of range")
            out += value.to_bytes(2, "big")
        else:
            value = chunk[0] + chunk[1] * 45
            if value > 0xFF:
                raise ValueError("Base45 pair out of range")
            out.append(value)
    return bytes(out)


def new_signing_key() -> bytes:
    """A fresh Ed25519 private key as its 32-byte seed."""
    return Ed25519PrivateKey.generate().private_bytes(
        serialization.Encoding.Raw, serialization.PrivateFormat.Raw, serialization.NoEncryption()
    )


def public_key_of(private_key: bytes) -> bytes:
    return (
        Ed25519PrivateKey.from_private_bytes(private_key)
        .public_key()
        .public_bytes(serialization.Encoding.Raw, serialization.PublicFormat.Raw)
    )


def private_key_pem(private_key: bytes) -> bytes:
    """The private key as a PKCS#8 PEM file, for the marketplace's key store."""
    return Ed25519PrivateKey.from_private_bytes(private_key).private_bytes(
        serialization.Encoding.PEM, serialization.PrivateFormat.PKCS8, serialization.NoEncryption()
    )


def private_key_from_pem(pem: bytes) -> bytes:
    """The 32-byte seed from a PEM file; ValueError if it is not an Ed25519 private key."""
    key = serialization.load_pem_private_key(pem, password=None)
    if not isinstance(key, Ed25519PrivateKey):
        raise ValueError("not an Ed25519 private key")
    return key.private_bytes(serialization.Encoding.Raw, serialization.PrivateFormat.Raw, serialization.NoEncryption())


def sign_pickup_code(private_key: bytes, key_id: int, order_id: str, event_id: str, expires_at: datetime) -> str:
    """The text of the QR code the customer shows; done by the marketplace, never by a till."""
    body = _BODY.pack(
        FORMAT_VERSION, key_id, uuid.UUID(order_id).bytes, event_tag(event_id), int(expires_at.timestamp())
    )
    signature = Ed25519PrivateKey.from_private_bytes(private_key).sign(_SIGNING_LABEL + body)
    return PREFIX + base45_encode(body + signature)


# What a US-layout scanner's keystrokes become on other layouts, for the
# characters a pickup code can hold (letters arrive with Shift held).
_LAYOUT_MANGLING: dict[str, dict[str, str]] = {
    "German (QWERTZ)": {"Y": "Z", "Z": "Y", "*": "(", "+": "`", "-": "ß", "/": "-", ":": "Ö"},
    "Swiss (QWERTZ)": {"Y": "Z", "Z": "Y", "$": "ç", "*": "(", "+": "`", "-": "'", "/": "-", ":": "é"},
    "French (AZERTY)": {
        "A": "Q",
        "Q": "A",
        "W": "Z",
        "Z": "W",
        "M": "?",
        "1": "&",
        "2": "é",
        "3": '"',
        "4": "'",
        "5": "(",
        "6": "-",
        "7": "è",
        "8": "_",
        "9": "ç",
        "0": "à",
        "$": "4",
        "%": "5",
        "*": "8",
        "-": ")",
        ".": ":",
        "/": "!",
        ":": "M",
    },
}
_LAYOUT_RECOVERY = {
    layout: {typed: meant for meant, typed in mangling.items()} for layout, mangling in _LAYOUT_MANGLING.items()
}


def _caps_lock_fixed(text: str) -> str:
    # Caps lock with Shift turns a scanner's capitals into small letters; Base45 has capitals only.
    return "".join(char.upper() if "a" <= char <= "z" else char for char in text)


def looks_like_pickup_code(text: str) -> bool:
    """A scan that starts like a pickup code, as typed on any of the layouts above."""
    head = _caps_lock_fixed(text.strip())[:3]
    if head == PREFIX:
        return True
    return any("".join(recovery.get(char, char) for char in head) == PREFIX for recovery in _LAYOUT_RECOVERY.values())


def _unmangled(text: str) -> tuple[str, str | None]:
    """The scanned text as the code's own characters, and the layout it was recovered from."""
    text = _caps_lock_fixed(text)
    if text.startswith(PREFIX) and all(char in _BASE45_VALUES for char in text[len(PREFIX) :]):
        return text, None
    for layout, recovery in _LAYOUT_RECOVERY.items():
        candidate = "".join(recovery.get(char, char) for char in text)
        if candidate.startswith(PREFIX) and all(char in _BASE45_VALUES for char in candidate[len(PREFIX) :]):
            return candidate, layout
    raise PickupCodeRefused(
        RefusalReason.MANGLED,
        _(
            "This pickup code was mangled on its way in: the scanner types for another keyboard "
            "layout. Set the scanner to this computer's layout, use the camera, or search the order by "
            "number."
        ),
    )


def read_pickup_code(
    scanned: str,
    keys: Mapping[int, PickupKey],
    event_id: str,
    now: datetime,
    tolerance: timedelta = CLOCK_TOLERANCE,
    allow_expired: bool = False,
) -> PickupCode:
    """Check a scanned pickup code offline; raises PickupCodeRefused with what to do next.

    ``allow_expired`` is for the returns desk: an order collected long ago is
    still genuine, even if its code would no longer open the pickup desk.
    """
    # Spaces are Base45 characters and may end a code: only the scanner's line end
    # is stripped, and trailing spaces only beyond the code's fixed length.
    text = scanned.lstrip().rstrip("\r\n\t")
    while len(text) > CODE_LENGTH and text.endswith(" "):
        text = text[:-1]
    if not looks_like_pickup_code(text):
        raise PickupCodeRefused(
            RefusalReason.NOT_A_PICKUP_CODE,
            _("This is not a pickup code: ask the customer for the QR code in their order confirmation."),
        )
    text, layout = _unmangled(text)
    try:
        raw = base45_decode(text[len(PREFIX) :])
    except ValueError:
        raw = b""
    if len(raw) != _BODY.size + _SIGNATURE_LENGTH:
        raise PickupCodeRefused(
            RefusalReason.DAMAGED,
            _("This pickup code is damaged or incomplete: scan it again, or search the order by number or name."),
        )
    body, signature = raw[: _BODY.size], raw[_BODY.size :]
    version, key_id, order_bytes, tag, expires = _BODY.unpack(body)
    if version != FORMAT_VERSION:
        raise PickupCodeRefused(
            RefusalReason.UNSUPPORTED_VERSION,
            _("This pickup code has format {version}, which this till does not read: update Pop-up POS.").format(
                version=version
            ),
        )
    key = keys.get(key_id)
    if key is None:
        raise PickupCodeRefused(
            RefusalReason.UNKNOWN_KEY,
            _(
                "This pickup code is signed with key {key_id}, which this till does not know: sync with "
                "the marketplace to get its new keys, then scan again."
            ).format(key_id=key_id),
        )
    try:
        Ed25519PublicKey.from_public_bytes(key.public_key).verify(signature, _SIGNING_LABEL + body)
    except (InvalidSignature, ValueError):
        raise PickupCodeRefused(
            RefusalReason.BAD_SIGNATURE,
            _(
                "This pickup code is not genuine (its signature does not match): do not hand anything "
                "over; call a manager."
            ),
        ) from None
    if key.revoked:
        raise PickupCodeRefused(
            RefusalReason.REVOKED_KEY,
            _(
                "This pickup code is signed with key {key_id}, which the marketplace has revoked: the "
                "customer needs a new code from the marketplace."
            ).format(key_id=key_id),
        )
    if tag != event_tag(event_id):
        raise PickupCodeRefused(
            RefusalReason.OTHER_EVENT,
            _("This pickup code is for another event: the order is collected elsewhere. Check the customer's order."),
        )
    expires_at = datetime.fromtimestamp(expires, UTC)
    if now > expires_at + tolerance and not allow_expired:
        raise PickupCodeRefused(
            RefusalReason.EXPIRED,
            _(
                "This pickup code expired on {expires_at:%Y-%m-%d %H:%M} UTC: the customer needs a new "
                "code from the marketplace."
            ).format(expires_at=expires_at),
        )
    return PickupCode(key_id, str(uuid.UUID(bytes=order_bytes)), tag, expires_at, layout)
