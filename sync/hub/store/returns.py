"""Returns pushed by tills: a sale line returned beyond what was sold, across every till's returns, is flagged."""

from __future__ import annotations

from typing import Any

from sqlalchemy import Connection, select, text

from sync.hub.store.conflict_log import Answer, conflict, flagged
from sync.hub.store.enrollment import AuthenticatedTill
from sync.hub.store.schema import returned_lines
from sync.protocol import PushRecord


def record_returns(
    connection: Connection,
    till: AuthenticatedTill,
    records: list[PushRecord],
    returned: dict[str, dict[str, Any]],
    answers: list[Answer],
    raised: list[dict[str, Any]],
) -> None:
    """Store the returned lines and flag a line returned beyond what was sold; both returns stay."""
    sale_ids = sorted({str(p["sale_id"]) for p in returned.values() if p.get("sale_id")})
    if not sale_ids:
        return
    if connection.dialect.name == "postgresql":
        for sale_id in sale_ids:
            connection.execute(text("SELECT pg_advisory_xact_lock(hashtext(:key))"), {"key": f"return/{sale_id}"})
    totals: dict[tuple[str, int], int] = {}
    for row in connection.execute(select(returned_lines).where(returned_lines.c.sale_id.in_(sale_ids))):
        totals[(row.sale_id, row.line_no)] = totals.get((row.sale_id, row.line_no), 0) + row.quantity
    rows: list[dict[str, Any]] = []
    for index, record in enumerate(records):
        payload = returned.get(record.event_id)
        if payload is None or not payload.get("sale_id"):
            continue
        problems = []
        for line in payload.get("lines", []):
            if line.get("line_no") is None:
                continue
            key = (str(payload["sale_id"]), int(line["line_no"]))
            totals[key] = totals.get(key, 0) + int(line["quantity"])
            sold = int(line.get("sold", line["quantity"]))
            rows.append(
                {
                    "record_id": record.event_id,
                    "sale_id": key[0],
                    "line_no": key[1],
                    "quantity": int(line["quantity"]),
                    "sold": sold,
                    "till_code": till.code,
                }
            )
            if totals[key] > sold:
                subject = f"{payload.get('receipt_no')}/{key[1]}"
                at = str(payload.get("created_at", ""))
                details = {"returned": totals[key], "sold": sold}
                raised.append(conflict("return_exceeds_sale", subject, record.event_id, till, at, details))
                problems.append(
                    f"line {key[1]} of receipt {payload.get('receipt_no')} came back {totals[key]} times "
                    f"for {sold} sold"
                )
        if problems:
            answers[index] = flagged(answers[index], problems)
    if rows:
        connection.execute(returned_lines.insert(), rows)
