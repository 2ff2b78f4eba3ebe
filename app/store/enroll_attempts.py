"""An enrollment the till started and has not finished: its attempt value and the highest try number it sent.

Kept as ``settings`` rows under a SHA-256 of the hub's address and the code (``enroll_attempt_key`` in
sync/client.py; never the code itself), so that an enrollment started again with the same code after every try
failed on the till's side sends the same attempt and numbers its tries after the ones sent (docs/enrollment.md).
The rows go in the transaction that stores the enrollment.
"""

from __future__ import annotations

from sqlalchemy import Connection, delete

from app.store.schema import settings
from app.store.tills import TillRepository
from sync.client import KeptAttempt

_ATTEMPT, _TRY = "enroll_attempt.", "enroll_try."


class EnrollAttempts:
    def __init__(self, connection: Connection) -> None:
        self._connection = connection
        # The settings table's one reader and writer of single keys.
        tills = TillRepository(connection)
        self._get, self._set = tills.setting, tills.set_setting

    def kept(self, key: str) -> KeptAttempt | None:
        attempt = self._get(_ATTEMPT + key)
        if not attempt:
            return None
        return KeptAttempt(key, attempt, int(self._get(_TRY + key) or 0))

    def keep(self, key: str, attempt: str) -> KeptAttempt:
        """A new enrollment with ``key``: no try sent yet."""
        self._set(_ATTEMPT + key, attempt)
        self._set(_TRY + key, "0")
        return KeptAttempt(key, attempt, 0)

    def note_try(self, key: str, try_number: int) -> None:
        """Try ``try_number`` is about to be sent; the highest number stays (a lower one never comes later)."""
        self._set(_TRY + key, str(max(try_number, int(self._get(_TRY + key) or 0))))

    def forget_all(self) -> None:
        """The till is enrolled: no attempt is needed any more, of any code."""
        for prefix in (_ATTEMPT, _TRY):
            self._connection.execute(delete(settings).where(settings.c.key.startswith(prefix, autoescape=True)))
