"""``popup-hub scorecard --maker NAME [--event E ...|--all-events] [--csv FILE] [--pdf FILE]`` (docs/scorecards.md).

The maker's scorecard from every till's pushed records (sync/hub/store/scorecards.py), as text on the
standard output unless a file is asked for.
"""

from __future__ import annotations

import argparse
from pathlib import Path

from sqlalchemy import Connection, select

from sync.event_figures_csv import csv_text
from sync.hub.scorecard_pdf import scorecard_pdf, scorecard_text
from sync.hub.store import HubError, HubStore
from sync.hub.store.schema import events
from sync.hub.store.scorecards import all_event_ids, currency_of, maker_scorecards
from sync.maker_scorecards import SCORECARD_HEADER, MakerScorecard, scorecard_rows


def event_names(connection: Connection, event_ids: list[str]) -> list[str]:
    names = {str(row.id): str(row.name) for row in connection.execute(select(events.c.id, events.c.name))}
    return [names.get(event_id, event_id) for event_id in event_ids]


def read_scorecard(
    connection: Connection, maker: str, event_ids: list[str] | None
) -> tuple[MakerScorecard, str, list[str]]:
    """The maker's scorecard, the events' currency and names; ``None`` events: all of the hub's."""
    ids = all_event_ids(connection) if event_ids is None else list(dict.fromkeys(event_ids))
    if not ids:
        raise HubError("This hub has no events yet: 'popup-hub event create' makes one.")
    currency = currency_of(connection, ids)
    card = maker_scorecards(connection, ids, maker)[maker]
    return card, currency, event_names(connection, ids)


def scorecard_csv(card: MakerScorecard) -> bytes:
    return ("\ufeff" + csv_text(SCORECARD_HEADER, scorecard_rows(card))).encode()


def run_scorecard(store: HubStore, args: argparse.Namespace) -> None:
    if not args.all_events and not args.event:
        raise HubError("Say which events: --event E (repeat it for several) or --all-events.")
    with store.engine.connect() as connection:
        card, currency, names = read_scorecard(connection, args.maker, None if args.all_events else args.event)
    if args.csv:
        _write(Path(args.csv), scorecard_csv(card))
        print(f"scorecard written to {args.csv}")
    if args.pdf:
        _write(Path(args.pdf), scorecard_pdf(card, currency, names))
        print(f"scorecard written to {args.pdf}")
    if not args.csv and not args.pdf:
        print(scorecard_text(card, currency, names), end="")


def _write(path: Path, data: bytes) -> None:
    try:
        path.write_bytes(data)
    except OSError as error:
        raise HubError(f"Cannot write {path}: {error.strerror}.") from None


def add_commands(commands: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    scorecard = commands.add_parser("scorecard", help="a maker's scorecard for one event or across events")
    scorecard.add_argument("--maker", required=True, help="the maker's name as the records spell it")
    which = scorecard.add_mutually_exclusive_group()
    which.add_argument("--event", action="append", help="an event's id (repeat it for several events)")
    which.add_argument("--all-events", action="store_true", help="every event on this hub")
    scorecard.add_argument("--pdf", help="write a one-page A4 PDF to this file")
    scorecard.add_argument("--csv", help="write a CSV file (UTF-8, amounts in minor units)")
    scorecard.set_defaults(run=run_scorecard)
