"""The light and dark style sheets in resources/styles."""

from __future__ import annotations

from pathlib import Path

RESOURCES = Path(__file__).resolve().parents[2] / "resources"


def style_sheet(theme: str) -> str:
    path = RESOURCES / "styles" / f"{'dark' if theme == 'dark' else 'light'}.qss"
    return path.read_text(encoding="utf-8")
