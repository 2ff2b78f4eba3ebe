"""The manager's screen, one module per tab; ``ManagerScreen`` is in ``screen``."""
