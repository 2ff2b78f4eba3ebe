"""Quick keys: where a product's big key sits on the sell screen (page, position) and its colour.

A page is a category name; keys on a page are ordered by position, then by
name. Colours are a fixed palette, so every key stays readable in the light
and the dark style.
"""

from __future__ import annotations

from dataclasses import dataclass

from app.domain.errors import InvalidInput
from app.domain.texts import _

# Name -> background; text on each is dark enough (or light enough) to read at arm's length.
COLOURS: dict[str, str] = {
    "grey": "#e0e0e0",
    "red": "#f4b6b6",
    "orange": "#f8cf9c",
    "yellow": "#f5e98f",
    "green": "#b9e3b0",
    "teal": "#a8ddd6",
    "blue": "#b3cdf2",
    "purple": "#d3bdf0",
    "pink": "#f4c0dd",
}
DEFAULT_COLOUR = "grey"
MAX_POSITION = 999
MAX_PAGE_LENGTH = 40


@dataclass(frozen=True, slots=True)
class QuickKeyPlacement:
    page: str
    position: int
    colour: str


def placement(page: str, position: int, colour: str) -> QuickKeyPlacement:
    """A checked placement; raises :class:`InvalidInput` with what to change."""
    page = page.strip()
    if not page:
        raise InvalidInput(_("Name the quick-key page (a category such as Drinks)."))
    if len(page) > MAX_PAGE_LENGTH or not page.isprintable():
        raise InvalidInput(
            _("A page name is at most {MAX_PAGE_LENGTH} printable characters: shorten it.").format(
                MAX_PAGE_LENGTH=MAX_PAGE_LENGTH
            )
        )
    if not 1 <= position <= MAX_POSITION:
        raise InvalidInput(
            _("A key's position is a number from 1 to {MAX_POSITION}.").format(MAX_POSITION=MAX_POSITION)
        )
    if colour not in COLOURS:
        raise InvalidInput(
            _("'{colour}' is not a key colour: choose one of {COLOURS}.").format(
                colour=colour, COLOURS=", ".join(COLOURS)
            )
        )
    return QuickKeyPlacement(page, position, colour)
