"""``popup-pos payment``: how this till takes payment (whether a card needs the terminal's reference)."""

from __future__ import annotations

import argparse

from app.bootstrap import Till
from app.cli.terminal import signed_in
from app.domain.errors import InvalidInput
from app.services.tender_settings import card_reference_required, set_card_reference_required

REQUIRED, OPTIONAL = "required", "optional"


def _describe(required: bool) -> str:
    if required:
        return "A card payment needs the terminal's reference: the cashier types it from the slip."
    return "A card payment needs no terminal reference: Card completes the sale in one tap."


def cmd_card_reference(args: argparse.Namespace, till: Till) -> int:
    if args.choice is None:
        print(_describe(card_reference_required(till.uow())))
        return 0
    if not args.staff:
        raise InvalidInput("Say which manager changes it: --staff NAME (their PIN is asked).")
    staff_id = signed_in(args.staff, till)
    required = set_card_reference_required(args.choice == REQUIRED, staff_id, till.uow())
    print(_describe(required))
    return 0
