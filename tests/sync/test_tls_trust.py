"""A hub whose certificate no trusted authority signed is refused: the till's client never turns verification off."""

from __future__ import annotations

import datetime
import ssl
import threading
from collections.abc import Iterator
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

import pytest
from cryptography import x509
from cryptography.hazmat.primitives import hashes, serialization
from cryptography.hazmat.primitives.asymmetric import ec
from cryptography.x509.oid import NameOID

from sync.client import HubClient, HubUnreachable


class AnyAnswer(BaseHTTPRequestHandler):
    def do_POST(self) -> None:
        self.send_response(200)
        self.end_headers()
        self.wfile.write(b"{}")

    def log_message(self, *_args: object) -> None:
        pass


def self_signed(folder: Path) -> tuple[Path, Path]:
    key = ec.generate_private_key(ec.SECP256R1())
    name = x509.Name([x509.NameAttribute(NameOID.COMMON_NAME, "127.0.0.1")])
    now = datetime.datetime.now(datetime.UTC)
    certificate = (
        x509.CertificateBuilder()
        .subject_name(name)
        .issuer_name(name)
        .public_key(key.public_key())
        .serial_number(x509.random_serial_number())
        .not_valid_before(now - datetime.timedelta(minutes=5))
        .not_valid_after(now + datetime.timedelta(days=1))
        .add_extension(x509.SubjectAlternativeName([x509.DNSName("localhost")]), critical=False)
        .sign(key, hashes.SHA256())
    )
    cert_file, key_file = folder / "hub.crt", folder / "hub.key"
    cert_file.write_bytes(certificate.public_bytes(serialization.Encoding.PEM))
    key_file.write_bytes(
        key.private_bytes(serialization.Encoding.PEM, serialization.PrivateFormat.PKCS8, serialization.NoEncryption())
    )
    return cert_file, key_file


@pytest.fixture
def impostor_hub(tmp_path: Path) -> Iterator[tuple[str, list[str]]]:
    """An HTTPS server on 127.0.0.1 with a self-signed certificate; it records every request that gets through."""
    served: list[str] = []

    class Recording(AnyAnswer):
        def do_POST(self) -> None:
            served.append(self.path)
            super().do_POST()

    server = ThreadingHTTPServer(("127.0.0.1", 0), Recording)
    context = ssl.SSLContext(ssl.PROTOCOL_TLS_SERVER)
    context.load_cert_chain(*self_signed(tmp_path))
    server.socket = context.wrap_socket(server.socket, server_side=True)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield f"https://localhost:{server.server_address[1]}", served
    server.shutdown()
    server.server_close()


def test_a_hub_with_an_untrusted_certificate_gets_no_enroll_code(impostor_hub: tuple[str, list[str]]) -> None:
    url, served = impostor_hub
    with HubClient(url, attempts=1) as client, pytest.raises(HubUnreachable, match="could not be reached"):
        client.enroll("ABCD-EFGH")
    assert served == [], "the code never left the till"
