"""PIN hashes as tills verify them and as they travel: scrypt with a per-PIN salt, never the PIN itself.

PINs are short, so the hash must be slow. The till hashes a PIN typed at the
counter and the hub one typed at ``popup-hub staff``; both through here, so a
hash made on either side signs in on every till. Standard library only: the
till needs no native extension for it, and the domain may import it.
"""

from __future__ import annotations

import base64
import hashlib
import hmac
import os
import re

PIN_MIN_LENGTH = 4
PIN_MAX_LENGTH = 8
SCRYPT_N = 2**14
SCRYPT_R = 8
SCRYPT_P = 1
SALT_BYTES = 16
DIGEST_BYTES = 32
# Exactly the costs and sizes hash_pin writes: a hash that crosses the border with other costs could make
# every till spend seconds or gigabytes on one sign-in, so the record contracts accept only this shape.
PIN_HASH_PATTERN = rf"^scrypt\${SCRYPT_N}\${SCRYPT_R}\${SCRYPT_P}\$[A-Za-z0-9+/]{{22}}==\$[A-Za-z0-9+/]{{43}}=$"
_PIN_HASH = re.compile(PIN_HASH_PATTERN)


def is_pin(text: str) -> bool:
    """Whether ``text`` is a PIN as the tills' pads take it: 4 to 8 digits."""
    return text.isascii() and text.isdigit() and PIN_MIN_LENGTH <= len(text) <= PIN_MAX_LENGTH


def hash_pin(pin: str, salt: bytes | None = None) -> str:
    """The stored form of ``pin``: ``scrypt$N$r$p$salt$digest`` (base64). The caller checks the PIN's format."""
    salt = salt if salt is not None else os.urandom(SALT_BYTES)
    digest = hashlib.scrypt(pin.encode(), salt=salt, n=SCRYPT_N, r=SCRYPT_R, p=SCRYPT_P, dklen=DIGEST_BYTES)
    return "$".join(
        [
            "scrypt",
            str(SCRYPT_N),
            str(SCRYPT_R),
            str(SCRYPT_P),
            base64.b64encode(salt).decode(),
            base64.b64encode(digest).decode(),
        ]
    )


def is_pin_hash(text: str) -> bool:
    """Whether ``text`` has the shape hash_pin writes (the costs included)."""
    return _PIN_HASH.match(text) is not None


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
