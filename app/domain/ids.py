"""Record identifiers made on the till: the UUIDv7 ids of sync/ids.py, which the hub makes too."""

from sync.ids import new_id

__all__ = ["new_id"]
