"""The manager's screen lives in the package app.ui.manager (one module per tab); this name stays for importers."""

from app.ui.manager.screen import ManagerScreen

__all__ = ["ManagerScreen"]
