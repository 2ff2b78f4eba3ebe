"""``popup-pos``: parse the arguments, open the till's store, run the one command asked for.

Every command prints a clear message and exits non-zero on bad input; no
traceback reaches the user (unexpected errors are logged to the data folder).
"""

from __future__ import annotations

import importlib
import logging
import sys
from collections.abc import Callable, Sequence
from contextlib import nullcontext
from pathlib import Path
from typing import Any

from app.cli.parser import GUI, build_parser
from app.domain.errors import PosError
from app.paths import data_dir
from sync.collector import tune_collector

EXIT_REFUSED = 2
EXIT_UNEXPECTED = 3
_ALREADY_OPEN = "Pop-up POS is already open on this till's store: use that window, or close it first."

log = logging.getLogger("popup_pos")


def _handler(reference: str) -> Callable[..., int]:
    module, function = reference.split(":")
    handler: Callable[..., int] = getattr(importlib.import_module(f"app.cli.{module}"), function)
    return handler


def main(argv: Sequence[str] | None = None) -> int:
    tune_collector()
    parser = build_parser()
    args = parser.parse_args(argv)
    if args.self_test:
        return _handler("window:cmd_self_test")()
    reference: str = getattr(args, "handler", GUI)
    if not hasattr(args, "demo"):
        args.demo = False
    directory = data_dir(args.data_dir)
    try:
        folder_reference: str | None = getattr(args, "folder_handler", None)
        if folder_reference is not None:
            return int(_handler(folder_reference)(args, directory))
        return _run_on_till(reference, args, directory)
    except PosError as error:
        print(f"popup-pos: {error}", file=sys.stderr)
        return EXIT_REFUSED
    except KeyboardInterrupt:
        print("popup-pos: interrupted; nothing was half-written.", file=sys.stderr)
        return EXIT_REFUSED
    except Exception:
        log_path = directory / "popup-pos-errors.log"
        try:
            directory.mkdir(parents=True, exist_ok=True)
            logging.basicConfig(filename=log_path, level=logging.ERROR)
            log.exception("unexpected error running %s", argv)
        except OSError:
            log_path = Path("(could not write the log)")
        print(
            f"popup-pos: something unexpected went wrong; nothing was half-written. Details: {log_path}",
            file=sys.stderr,
        )
        return EXIT_UNEXPECTED


def _run_on_till(reference: str, args: Any, directory: Path) -> int:
    from app.bootstrap import open_till
    from app.store.files import store_lock

    handler = _handler(reference)
    opens_window = reference == GUI
    # The window holds the data folder's lock while it is open: a second window
    # on the same till, or a restore under its feet, is refused.
    with store_lock(directory, _ALREADY_OPEN) if opens_window else nullcontext():
        # The window never waits for the daily backup; a command still reports on the backup it took.
        till = open_till(directory, backup_in_background=opens_window)
        try:
            return handler(args, till)
        finally:
            till.close()
