"""A network receipt printer played on 127.0.0.1: it keeps the bytes of every job it receives."""

from __future__ import annotations

import socket
import threading
from collections.abc import Iterator

import pytest

from tests.escpos_decode import Printout, decode


class LoopbackPrinter:
    """A port-9100 printer on 127.0.0.1 that keeps what it receives, one entry per connection."""

    def __init__(self, port: int = 0) -> None:
        self.server = socket.create_server(("127.0.0.1", port))
        self.server.settimeout(0.2)
        self.port = self.server.getsockname()[1]
        self.jobs: list[bytes] = []
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._serve, daemon=True)
        self._thread.start()

    def _serve(self) -> None:
        while not self._stop.is_set():
            try:
                connection, _ = self.server.accept()
            except TimeoutError:
                continue
            with connection:
                connection.settimeout(2)
                received = bytearray()
                while chunk := connection.recv(65536):
                    received += chunk
                self.jobs.append(bytes(received))

    def close(self) -> None:
        self._stop.set()
        self._thread.join(timeout=5)
        self.server.close()

    def printouts(self) -> list[Printout]:
        return [decode(job) for job in self.jobs]


@pytest.fixture
def printer() -> Iterator[LoopbackPrinter]:
    device = LoopbackPrinter()
    yield device
    device.close()


def wait_for_jobs(device: LoopbackPrinter, count: int) -> None:
    for _ in range(100):
        if len(device.jobs) >= count:
            return
        threading.Event().wait(0.05)
    raise AssertionError(f"the printer received {len(device.jobs)} job(s), expected {count}")


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])
