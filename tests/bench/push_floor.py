"""The push benchmark's floor: the hub's work on a batch and nothing else, in the plainest code, on uvicorn.

Run in its own process as the product's hub is (``python -m tests.bench.push_floor DB PORT``), so that
neither side of tests/bench/test_sync_bench.py shares an interpreter lock with the till that pushes.
"""

from __future__ import annotations

import hashlib
import json
import sqlite3
import sys

import uvicorn
from starlette.applications import Starlette
from starlette.requests import Request
from starlette.responses import JSONResponse, Response
from starlette.routing import Route

from sync.collector import freeze_startup_objects, tune_collector


def floor_app(connection: sqlite3.Connection) -> Starlette:
    """The hub's work on a batch and nothing else, in the plainest code."""
    # One encoder for every payload, as the hub has: json.dumps would build one per call.
    canonical = json.JSONEncoder(sort_keys=True, separators=(",", ":"), ensure_ascii=False)
    connection.execute("PRAGMA journal_mode = WAL")
    connection.execute("PRAGMA synchronous = FULL")
    connection.execute(
        "CREATE TABLE inbox (event_id TEXT PRIMARY KEY, till_seq INTEGER NOT NULL UNIQUE, type TEXT NOT NULL,"
        " payload_hash TEXT NOT NULL, payload TEXT NOT NULL, status TEXT NOT NULL)"
    )

    async def push(request: Request) -> JSONResponse:
        records = json.loads(await request.body())["records"]
        dumps = [canonical.encode(record["payload"]) for record in records]
        hashes = [hashlib.sha256(dump.encode()).hexdigest() for dump in dumps]
        ids = [record["event_id"] for record in records]
        connection.execute("BEGIN IMMEDIATE")
        known = {
            row[0]
            for row in connection.execute(
                f"SELECT event_id FROM inbox WHERE event_id IN ({','.join('?' * len(ids))})", ids
            )
        }
        connection.executemany(
            "INSERT INTO inbox VALUES (?, ?, ?, ?, ?, 'applied')",
            [
                (record["event_id"], record["till_seq"], record["type"], digest, dump)
                for record, digest, dump in zip(records, hashes, dumps, strict=True)
                if record["event_id"] not in known
            ],
        )
        connection.execute("COMMIT")
        return JSONResponse(
            {
                "answers": [
                    {"event_id": event_id, "status": "duplicate" if event_id in known else "applied", "reason": None}
                    for event_id in ids
                ]
            }
        )

    async def health(_request: Request) -> Response:
        return Response("{}", media_type="application/json")

    return Starlette(routes=[Route("/v1/push", push, methods=["POST"]), Route("/v1/health", health)])


if __name__ == "__main__":
    database, port = sys.argv[1], int(sys.argv[2])
    floor = floor_app(sqlite3.connect(database, isolation_level=None, check_same_thread=False))
    # The collector as the hub's serve sets it (sync/hub/cli.py): the same interpreter for both sides.
    tune_collector()
    freeze_startup_objects()
    uvicorn.run(floor, host="127.0.0.1", port=port, log_level="warning")
