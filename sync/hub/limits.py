"""The hub's limits on what a client may send, enforced before any endpoint reads a byte.

uvicorn buffers whatever a client sends; without a ceiling, one till could
make the hub hold (and the inbox store) a body of any size.
"""

from __future__ import annotations

import json

from starlette.types import ASGIApp, Message, Receive, Scope, Send


def too_large_body(max_bytes: int) -> bytes:
    return json.dumps(
        {"detail": f"The request is larger than this hub takes ({max_bytes:,} bytes): send fewer records at a time."}
    ).encode()


class BodySizeLimit:
    """Answers 413 to a body over ``max_bytes``, by its Content-Length or, when chunked, as it streams in."""

    def __init__(self, app: ASGIApp, max_bytes: int) -> None:
        self.app = app
        self.max_bytes = max_bytes

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        declared = dict(scope["headers"]).get(b"content-length")
        if declared is not None and (not declared.isdigit() or int(declared) > self.max_bytes):
            await self._refuse(send)
            return
        # Read the body here, counting, and hand it on whole: an exception raised from
        # inside the app would reach Starlette's error handler as a 500 first.
        chunks: list[bytes] = []
        received = 0
        more = True
        while more:
            message = await receive()
            if message["type"] != "http.request":
                return  # the client went away
            chunk = message.get("body", b"")
            received += len(chunk)
            if received > self.max_bytes:
                await self._refuse(send)
                return
            chunks.append(chunk)
            more = message.get("more_body", False)
        replayed = False

        async def replay() -> Message:
            nonlocal replayed
            if replayed:
                return await receive()
            replayed = True
            return {"type": "http.request", "body": b"".join(chunks), "more_body": False}

        await self.app(scope, replay, send)

    async def _refuse(self, send: Send) -> None:
        await send(
            {
                "type": "http.response.start",
                "status": 413,
                "headers": [(b"content-type", b"application/json"), (b"connection", b"close")],
            }
        )
        await send({"type": "http.response.body", "body": too_large_body(self.max_bytes)})
