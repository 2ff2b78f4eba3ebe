"""``popup-hub event checklist|close``, ``popup-hub conflicts review`` and ``popup-hub feed export``.

The event's close across its tills (sync/hub/store/event_close.py) and the
feed carried by hand to a till with no network (sync/hub/store/feed_export.py).
"""

from __future__ import annotations

import argparse
from pathlib import Path

from sync.hub.store import HubStore
from sync.hub.store import event_close as closing
from sync.hub.store.feed_export import till_feed_file


def add_event_commands(event: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    """``checklist`` and ``close`` beside ``popup-hub event create``."""
    checklist = event.add_parser("checklist", help="per till: cash closed, every record arrived, conflicts reviewed")
    checklist.add_argument("event_id")
    checklist.set_defaults(run=run_checklist)
    close = event.add_parser("close", help="freeze the event once every till is ready (or override, with a reason)")
    close.add_argument("event_id")
    close.add_argument("--override", metavar="REASON", help="freeze although tills are not ready; the reason is kept")
    close.add_argument("--by", default="marketplace", help="who closes the event (kept with the freeze)")
    close.set_defaults(run=run_close)


def add_conflict_commands(conflicts: argparse.ArgumentParser) -> None:
    """``popup-hub conflicts review``; ``popup-hub conflicts`` alone still lists them."""
    actions = conflicts.add_subparsers(dest="action")
    review = actions.add_parser("review", help="record that a conflict was looked at, and what was done")
    review.add_argument("conflict_id", type=int)
    review.add_argument("--note", required=True, help="what was done about it")
    review.add_argument("--by", default="marketplace", help="who reviewed it")
    review.set_defaults(run=run_review)


def add_commands(commands: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    feed = commands.add_parser("feed", help="the change feed carried by hand").add_subparsers(
        dest="action", required=True
    )
    export = feed.add_parser("export", help="write a till's feed to a file signed for that till")
    export.add_argument(
        "--till", required=True, metavar="TILL", help="the till's id, or its code (A, B...) with --event"
    )
    export.add_argument("--event", metavar="EVENT_ID", help="the till's event, when --till is its code")
    export.add_argument("file")
    export.add_argument(
        "--since",
        metavar="CURSOR",
        help="start after this cursor, '' for the whole feed (default: the one in the till's last outbox file)",
    )
    export.set_defaults(run=run_feed_export)


def _print_checklist(current: closing.EventChecklist) -> None:
    freeze = current.freeze
    if freeze is None:
        print(f"Event {current.event_id}: open")
    else:
        print(f"Event {current.event_id}: closed at {freeze.frozen_at} by {freeze.frozen_by}")
        if freeze.override_reason is not None:
            print(f"  overridden: {freeze.override_reason}")
            for problem in freeze.blocking:
                print(f"  (was: {problem})")
    for line in current.tills:
        problems = line.problems()
        received = f"last record received {line.last_seq_received}"
        if line.last_seq_declared is not None:
            received += f" of {line.last_seq_declared}"
        print(f"Till {line.code}\t{'ready' if not problems else 'NOT ready'}\t{received}")
        for problem in problems:
            print(f"  - {problem}")


def run_checklist(store: HubStore, args: argparse.Namespace) -> None:
    with store.engine.connect() as connection:
        current = closing.checklist(connection, args.event_id)
        unreviewed = closing.conflicts_to_review(connection, current)
    _print_checklist(current)
    if unreviewed:
        print("Conflicts to review:")
        for item, code in unreviewed:
            print(f"  {item.conflict_id}\t{item.kind}\t{item.subject}\ttill {code}")


def run_close(store: HubStore, args: argparse.Namespace) -> None:
    with store.engine.begin() as connection:
        closed = closing.close_event(connection, args.event_id, args.by, args.override)
    _print_checklist(closed)
    print("The event is frozen: records arriving from now on are kept and flagged 'after_close'.")


def run_review(store: HubStore, args: argparse.Namespace) -> None:
    with store.engine.begin() as connection:
        closing.review_conflict(connection, args.conflict_id, args.by, args.note)
    print(f"Conflict {args.conflict_id} reviewed.")


def run_feed_export(store: HubStore, args: argparse.Namespace) -> None:
    target = Path(args.file)
    with store.engine.connect() as connection:
        text, exported = till_feed_file(connection, args.till, args.event, args.since)
    target.write_text(text, encoding="utf-8")
    start = "the start" if not exported.since else f"cursor {exported.since}"
    print(
        f"{len(exported.entries)} change(s) from {start} written to {target}; "
        "apply them on the till with 'popup-pos feed import FILE'."
    )
    if exported.resync:
        print("The hub no longer serves the till's cursor: the file holds the whole feed, the till reads it anew.")
