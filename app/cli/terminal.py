"""What every command shares: reading a PIN, signing a person in, printing a report, a progress line."""

from __future__ import annotations

import getpass
import sys
import time
from pathlib import Path
from types import TracebackType
from typing import TextIO

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


class ProgressLine:
    """A ``Progress`` for the command line, on standard error so that the output stays clean for a pipe.

    On a terminal, one line rewritten in place ("Importing catalog: 45,000 of 100,000 rows"); in a log
    file or a pipe, a plain line when the step changes and at most every ``LOG_INTERVAL`` seconds.
    Used as a context manager, it ends its line before the command prints its result.
    """

    TTY_INTERVAL = 0.1
    LOG_INTERVAL = 5.0

    def __init__(self, unit: str, stream: TextIO | None = None) -> None:
        self._unit = unit
        self._stream = stream or sys.stderr
        self._tty = self._stream.isatty()
        self._last_at = float("-inf")
        self._last_what = ""
        self._width = 0

    def text(self, done: int, total: int | None, what: str) -> str:
        if total is not None:
            return f"{what}: {done:,} of {total:,} {self._unit}"
        return f"{what}: {done:,} {self._unit}" if done else f"{what}…"

    def __call__(self, done: int, total: int | None, what: str) -> None:
        now = time.monotonic()
        finished = total is not None and done >= total
        interval = self.TTY_INTERVAL if self._tty else self.LOG_INTERVAL
        if what == self._last_what and not finished and now - self._last_at < interval:
            return
        self._last_at, self._last_what = now, what
        line = self.text(done, total, what)
        if self._tty:
            # Spaces wipe the end of a longer line written before.
            self._stream.write("\r" + line.ljust(self._width))
            self._width = max(self._width, len(line))
        else:
            self._stream.write(line + "\n")
        self._stream.flush()

    def __enter__(self) -> ProgressLine:
        return self

    def __exit__(
        self, _type: type[BaseException] | None, _error: BaseException | None, _trace: TracebackType | None
    ) -> None:
        if self._tty and self._width:
            self._stream.write("\n")
            self._stream.flush()
