"""The sell screen's alarm for the next price change: when a markdown or a bundle starts or ends, the cart is
priced again without a scan (docs/pricing_rules.md, "At the counter")."""

from __future__ import annotations

from datetime import datetime

from PySide6.QtCore import QObject, QTimer, Signal, Slot

from app.domain.clock import now

# The clock is looked at at least this often, so a clock set forward (or a laptop waking up) is caught within
# a minute; a timer alone would wait for the time it was set for.
CHECK_MAX_MS = 60_000


class PriceChangeTimer(QObject):
    """Emits ``due`` once ``app.domain.clock.now`` has passed the moment ``follow`` was given."""

    due = Signal()

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._at: datetime | None = None
        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.timeout.connect(self._on_timer_timeout)

    def follow(self, at: datetime | None) -> None:
        """Wait for ``at`` (None: for nothing)."""
        self._at = at
        if at is None:
            self._timer.stop()
            return
        wait = (at - now()).total_seconds() * 1000
        self._timer.start(int(min(max(wait, 0), CHECK_MAX_MS)))

    @Slot()
    def _on_timer_timeout(self) -> None:
        if self._at is None:
            return
        if now() < self._at:
            self.follow(self._at)
            return
        self._at = None
        self.due.emit()
