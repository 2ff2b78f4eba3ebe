"""Record identifiers, made on a till or on the hub.

UUIDv7 (RFC 9562) puts the creation time in the high bits, so ids made on
different tills sort by time and index well, and no till ever has to ask
anyone for an id. The hub's product ids are made the same way: a till keys
two indexes by them, and ids in time order write those indexes at their end
rather than all over them (a pull of a 1,000,000-product catalog).
"""

from __future__ import annotations

import os
import threading
import time

_lock = threading.Lock()
_last_ms = 0
_counter = 0


def new_id() -> str:
    """A new UUIDv7 as text, monotonic within this process."""
    global _last_ms, _counter
    with _lock:
        now_ms = time.time_ns() // 1_000_000
        if now_ms > _last_ms:
            _last_ms = now_ms
            _counter = int.from_bytes(os.urandom(2), "big") & 0x3FF
        else:
            # Same millisecond (or a clock step back): count up so ids stay ordered.
            _counter += 1
            if _counter > 0xFFF:
                _last_ms += 1
                _counter = 0
        ms, counter = _last_ms, _counter
    rand_b = int.from_bytes(os.urandom(8), "big") & ((1 << 62) - 1)
    value = (ms & ((1 << 48) - 1)) << 80
    value |= 0x7 << 76
    value |= counter << 64
    value |= 0b10 << 62
    value |= rand_b
    # The text of uuid.UUID(int=value), written directly: a sale makes 15 ids, and
    # building a UUID object for each cost more than the rest of new_id.
    digits = f"{value:032x}"
    return f"{digits[:8]}-{digits[8:12]}-{digits[12:16]}-{digits[16:20]}-{digits[20:]}"
