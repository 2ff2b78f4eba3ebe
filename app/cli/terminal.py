"""What every command shares: reading a PIN, signing a person in, printing a report."""

from __future__ import annotations

import getpass
import sys
from pathlib import Path

from app.bootstrap import Till
from app.domain.errors import InvalidInput
from app.services.staff import list_staff, sign_in
from printers.document import Document
from printers.layout import TextLine, columns_for, lay_out


def read_pin(prompt: str) -> str:
    if sys.stdin.isatty():
        return getpass.getpass(prompt)
    # Scripts pipe the PIN in; it is never taken from the command line, where
    # it would end up in the shell history and the process list.
    line = sys.stdin.readline()
    if not line:
        raise InvalidInput(f"{prompt.strip()} expected on standard input.")
    return line.strip()


def signed_in(name: str, till: Till) -> str:
    members = {member.name: member for member in list_staff(till.uow())}
    if name not in members:
        raise InvalidInput(f"No staff member is called {name}.")
    return sign_in(members[name].staff_id, read_pin(f"PIN of {name}: "), till.uow()).staff_id


def print_document(document: Document, pdf: str | None, paper: str = "A4") -> None:
    """A report on the terminal as on an 80 mm roll, or as a PDF file."""
    if pdf:
        from printers.pdf_output import render_pdf

        target = Path(pdf)
        try:
            target.write_bytes(render_pdf(document, paper))
        except OSError as error:
            raise InvalidInput(f"Cannot write {target}: {error.strerror}.") from None
        print(f"Saved {target}")
        return
    for line in lay_out(document, columns_for(80)):
        if isinstance(line, TextLine):
            print(line.text)
