"""A proxy on 127.0.0.1 between a till and the hub that misbehaves on demand, one fault per request."""

from __future__ import annotations

import threading
import time
from collections import deque
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

import httpx

OK, ERROR_500, TOO_MANY_429 = "ok", "500", "429"
DROP_AFTER_FORWARD = "drop-after-forward"  # the hub committed, the answer is lost on the way back
SLOW = "slow"  # answers after the till's timeout
HOLD = "hold"  # forwards, then keeps the answer until released (the till can be killed meanwhile)
SWALLOW = "swallow"  # takes the request in, never forwards it nor answers until released


class FaultyProxy:
    def __init__(self, hub_url: str, slow_seconds: float = 1.5) -> None:
        self.hub_url = hub_url
        self.faults: deque[str] = deque()
        self.seen: list[str] = []
        self.requests: list[str] = []  # "METHOD /path", in arrival order
        self.slow_seconds = slow_seconds
        self.holding = threading.Event()
        self.release = threading.Event()
        proxy = self

        class Handler(BaseHTTPRequestHandler):
            def log_message(self, *_args: object) -> None:
                return

            def _relay(self) -> None:
                fault = proxy.faults.popleft() if proxy.faults else OK
                proxy.seen.append(fault)
                proxy.requests.append(f"{self.command} {self.path}")
                if fault in (ERROR_500, TOO_MANY_429):
                    self.send_response(int(fault))
                    self.send_header("Content-Length", "0")
                    self.end_headers()
                    return
                length = int(self.headers.get("Content-Length") or 0)
                body = self.rfile.read(length) if length else None
                if fault == SWALLOW:
                    proxy.holding.set()
                    proxy.release.wait(timeout=30)
                    self.close_connection = True
                    return
                headers = {
                    key: value for key, value in self.headers.items() if key.lower() not in ("host", "content-length")
                }
                answer = httpx.request(
                    self.command, proxy.hub_url + self.path, content=body, headers=headers, timeout=10
                )
                if fault == DROP_AFTER_FORWARD:
                    self.close_connection = True
                    self.connection.shutdown(2)
                    return
                if fault == SLOW:
                    time.sleep(proxy.slow_seconds)
                if fault == HOLD:
                    proxy.holding.set()
                    proxy.release.wait(timeout=30)
                self.send_response(answer.status_code)
                self.send_header("Content-Type", answer.headers.get("content-type", "application/json"))
                self.send_header("Content-Length", str(len(answer.content)))
                self.end_headers()
                self.wfile.write(answer.content)

            do_GET = do_POST = _relay  # noqa: N815

        self.server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.url = f"http://127.0.0.1:{self.server.server_address[1]}"
        self.thread = threading.Thread(target=self.server.serve_forever, daemon=True)
        self.thread.start()

    def close(self) -> None:
        self.release.set()
        self.server.shutdown()
        self.server.server_close()
        self.thread.join(timeout=5)
