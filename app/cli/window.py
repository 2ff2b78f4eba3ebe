"""``popup-pos`` (or ``popup-pos gui``): the till's window; and ``--self-test``."""

from __future__ import annotations

import argparse
import sys

from app.bootstrap import Till
from app.domain.errors import PosError
from app.services.setup import till_status


def cmd_gui(args: argparse.Namespace, till: Till) -> int:
    from app.ui.application import run_gui

    if args.demo and till_status_or_none(till) is None:
        # The demo's code (and the services it fills the store with) loads only for the demo.
        from app.cli.demo import write_demo_pickup_codes
        from app.services.demo import load_demo

        load_demo(till.uow)
        print(f"Demo pickup codes: {write_demo_pickup_codes(till)}")
    return run_gui(till, sys.argv[:1], offer_first_run=not args.demo)


def till_status_or_none(till: Till) -> object | None:
    try:
        return till_status(till.uow())
    except PosError:
        return None


def cmd_self_test() -> int:
    from app.self_test import run_self_test
    from app.ui.application import check_screens

    for result in run_self_test(extra_checks=(("screens", check_screens),)):
        print(f"{'ok  ' if result.passed else 'FAIL'}  {result.name:7} {result.detail}", flush=True)
        if not result.passed:
            return 1
    return 0
