"""The device-independent document: what to print, not how a given printer prints it."""

from __future__ import annotations

import json
from dataclasses import asdict, dataclass, field
from enum import StrEnum
from typing import Any


class Align(StrEnum):
    LEFT = "left"
    CENTER = "center"
    RIGHT = "right"


@dataclass(frozen=True, slots=True)
class Text:
    text: str
    align: Align = Align.LEFT
    bold: bool = False
    large: bool = False


@dataclass(frozen=True, slots=True)
class Row:
    """A label on the left and an amount right-aligned on the same line (wrapped if too long)."""

    left: str
    right: str
    bold: bool = False
    large: bool = False


@dataclass(frozen=True, slots=True)
class Separator:
    char: str = "-"


@dataclass(frozen=True, slots=True)
class QrCode:
    data: str
    caption: str = ""


@dataclass(frozen=True, slots=True)
class Logo:
    path: str


Block = Text | Row | Separator | QrCode | Logo
_BLOCK_TYPES: dict[str, type[Text] | type[Row] | type[Separator] | type[QrCode] | type[Logo]] = {
    "text": Text,
    "row": Row,
    "separator": Separator,
    "qr": QrCode,
    "logo": Logo,
}
_TYPE_NAMES = {cls: name for name, cls in _BLOCK_TYPES.items()}


class DocumentKind(StrEnum):
    SALE_RECEIPT = "sale_receipt"
    PICKUP_SLIP = "pickup_slip"
    RETURN_RECEIPT = "return_receipt"
    CASH_REPORT = "cash_report"
    MAKER_SETTLEMENT = "maker_settlement"
    HAND_BACK_NOTE = "hand_back_note"
    TEST_PAGE = "test_page"
    DRAWER_KICK = "drawer_kick"


@dataclass(frozen=True, slots=True)
class Document:
    kind: DocumentKind
    title: str
    blocks: tuple[Block, ...] = ()
    cut: bool = True
    open_drawer: bool = False
    copy: bool = False
    meta: dict[str, str] = field(default_factory=dict)

    def as_copy(self, mark: str = "") -> Document:
        """The document printed again: marked as a copy (with ``mark``, the document's own language's word for it)."""
        meta = {**self.meta, "copy_mark": mark} if mark else dict(self.meta)
        return Document(self.kind, self.title, self.blocks, self.cut, False, True, meta)

    def to_json(self) -> str:
        return json.dumps(
            {
                "kind": self.kind.value,
                "title": self.title,
                "cut": self.cut,
                "open_drawer": self.open_drawer,
                "copy": self.copy,
                "meta": self.meta,
                "blocks": [{"type": _TYPE_NAMES[type(block)], **asdict(block)} for block in self.blocks],
            },
            ensure_ascii=False,
        )

    @classmethod
    def from_json(cls, text: str) -> Document:
        data: dict[str, Any] = json.loads(text)
        blocks: list[Block] = []
        for raw in data["blocks"]:
            fields = dict(raw)
            block_type = _BLOCK_TYPES[fields.pop("type")]
            if "align" in fields:
                fields["align"] = Align(fields["align"])
            blocks.append(block_type(**fields))
        return cls(
            kind=DocumentKind(data["kind"]),
            title=data["title"],
            blocks=tuple(blocks),
            cut=data["cut"],
            open_drawer=data["open_drawer"],
            copy=data["copy"],
            meta=dict(data["meta"]),
        )
