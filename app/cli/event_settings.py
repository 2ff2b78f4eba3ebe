"""``popup-pos setting``: a manager sets one of the event's settings here; every till takes it at its next sync."""

from __future__ import annotations

import argparse
import json

from app.bootstrap import Till
from app.cli.terminal import signed_in


def cmd_setting(args: argparse.Namespace, till: Till) -> int:
    from app.services.event_settings_sync import set_event_setting

    staff_id = signed_in(args.staff, till)
    value = set_event_setting(args.key, args.value, staff_id, till.uow())
    print(f"{args.key} = {json.dumps(value)} on this till; the other tills take it at their next sync.")
    return 0
