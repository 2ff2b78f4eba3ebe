"""The command line: ``popup-pos ...``, calling the same services as the screens."""

from app.cli.main import main

__all__ = ["main"]
