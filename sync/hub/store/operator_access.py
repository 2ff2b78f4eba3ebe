"""What an operator of the event page may see and do (docs/event_page.md).

A viewer sees the figures of its events; a manager also reviews their
conflicts. An operator sees every event of the hub (those created later too)
or only those listed for it; any other event is, for that operator, an event
the hub does not have. A review from the page is checked again in its own
transaction: the operator's role and events as they are then, and that the
conflict was raised by one of the event's tills.
"""

from __future__ import annotations

from sqlalchemy import Connection, delete, select, update

from sync.hub.store.errors import HubError
from sync.hub.store.event_close import review_conflict
from sync.hub.store.operators import MANAGER, add_events, as_session, check_role, events_of
from sync.hub.store.schema import conflicts, events, inbox, operator_events, operators, tills


class EventNotShown(HubError):
    """The operator may not see this event, or the hub has no such event: both read as 'no such event'."""


class ReviewNotAllowed(HubError):
    """The operator sees the event but is not a manager."""


def set_role(connection: Connection, name: str, role: str) -> None:
    check_role(role)
    _require_operator(connection, name)
    connection.execute(update(operators).where(operators.c.name == name).values(role=role))


def grant_events(connection: Connection, name: str, event_ids: list[str]) -> None:
    """The operator sees these events too."""
    if _require_operator(connection, name):
        raise HubError(f"{name} sees every event already: 'popup-hub operator set {name} --event ID' limits that.")
    add_events(connection, name, event_ids)


def revoke_events(connection: Connection, name: str, event_ids: list[str]) -> None:
    """The operator no longer sees these events; its open pages of them answer 'no such event' at once."""
    if _require_operator(connection, name):
        raise HubError(
            f"{name} sees every event: name the events {name} keeps with 'popup-hub operator set {name} --event ID'."
        )
    listed = set(events_of(connection, name))
    unknown = [event_id for event_id in event_ids if event_id not in listed]
    if unknown:
        raise HubError(f"{name} does not see {', '.join(unknown)}: 'popup-hub operator list' shows what {name} sees.")
    connection.execute(
        delete(operator_events).where(
            operator_events.c.operator_name == name, operator_events.c.event_id.in_(event_ids)
        )
    )


def set_events(connection: Connection, name: str, event_ids: list[str] | None) -> None:
    """The operator sees exactly these events, or every event when ``event_ids`` is None."""
    _require_operator(connection, name)
    connection.execute(delete(operator_events).where(operator_events.c.operator_name == name))
    connection.execute(update(operators).where(operators.c.name == name).values(all_events=int(event_ids is None)))
    add_events(connection, name, event_ids or [])


def review_on_page(connection: Connection, name: str, event_id: str, conflict_id: int, note: str) -> None:
    """``review_conflict`` for an operator of the page, on a conflict of the event whose page it came from."""
    access = as_session(connection, name)
    known = connection.scalar(select(events.c.id).where(events.c.id == event_id)) is not None
    if access is None or not known or not access.may_see(event_id):
        raise EventNotShown(f"No event {event_id} on this hub.")
    if access.role != MANAGER:
        raise ReviewNotAllowed(
            f"{name} may see this event's figures but not review its conflicts: ask an administrator to make "
            f"{name} a manager ('popup-hub operator set {name} --role manager')."
        )
    if conflict_event(connection, conflict_id) != event_id:
        raise HubError(
            f"No conflict {conflict_id} among the conflicts of this event: reload the event page and choose one of its "
            "open conflicts."
        )
    review_conflict(connection, conflict_id, name, note)


def conflict_event(connection: Connection, conflict_id: int) -> str | None:
    """The event of the till whose record raised the conflict (a refused audit head names ``till_id/entry``)."""
    record_id = connection.scalar(select(conflicts.c.record_id).where(conflicts.c.id == conflict_id))
    if record_id is None:
        return None
    till_id = connection.scalar(select(inbox.c.till_id).where(inbox.c.event_id == record_id))
    return connection.scalar(select(tills.c.event_id).where(tills.c.id == (till_id or record_id.partition("/")[0])))


def _require_operator(connection: Connection, name: str) -> bool:
    """Whether the operator sees every event; refuses an unknown name."""
    all_events = connection.scalar(select(operators.c.all_events).where(operators.c.name == name))
    if all_events is None:
        raise HubError(f"No operator named {name}: see 'popup-hub operator list'.")
    return bool(all_events)
