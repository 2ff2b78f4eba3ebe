"""What every printer output offers: print a document, or say why it could not."""

from __future__ import annotations

from typing import Protocol

from printers.document import Document


class ReceiptPrinter(Protocol):
    def print_document(self, document: Document) -> object: ...
