"""The hub's settings: a command-line flag, else its POPUP_HUB_* environment variable, else the default here.

These defaults are the only ones: the Dockerfile, entrypoint and systemd unit
in packaging/hub leave them to the hub but for the host, which they set to
0.0.0.0 on purpose: the tills reach a deployed hub over the network, while
127.0.0.1 keeps a hub started by hand on a laptop to itself. The port, 8765,
is the same everywhere; tests/sync/test_hub_settings.py checks that the files agree.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass
from typing import Any

from sqlalchemy.engine import URL, make_url
from sqlalchemy.exc import ArgumentError

from sync.protocol import MAX_PUSH_BATCH

DEFAULT_DATABASE_URL = "sqlite:///hub.db"
DEFAULT_HOST = "127.0.0.1"
DEFAULT_PORT = 8765
DEFAULT_MAX_BODY_BYTES = 8 * 1024 * 1024
LOG_LEVELS = ("critical", "error", "warning", "info", "debug")
# json: one object per line for journald, docker logs and log shippers; text: uvicorn's lines, for a terminal.
LOG_FORMATS = ("json", "text")


class SettingsError(ValueError):
    """A setting that cannot be used, in one line naming the flag or variable it came from."""


@dataclass(frozen=True, slots=True)
class HubSettings:
    database_url: str = DEFAULT_DATABASE_URL
    host: str = DEFAULT_HOST
    port: int = DEFAULT_PORT
    max_body_bytes: int = DEFAULT_MAX_BODY_BYTES
    max_batch: int = MAX_PUSH_BATCH
    log_level: str = "info"
    log_format: str = "json"
    # Webhooks (sync/hub/webhooks.py): the first retry's delay, doubling after it, and how long a sender holds
    # a delivery it is sending; keep the lock above the 10 s HTTP timeout, or a slow receiver gets it twice.
    webhook_first_retry_seconds: int = 30
    webhook_lock_seconds: int = 60
    # The PEM file of the key that signs pickup orders made through the admin API (read at each order, so a
    # key rotated in the file is used at once); the same variable 'popup-hub pickup create' reads.
    signing_key: str = ""
    # The marketplace's hub this venue hub relays to (docs/relay.md); empty when it relays to none.
    upstream: str = ""

    @classmethod
    def from_sources(cls, flags: Mapping[str, Any], environ: Mapping[str, str]) -> HubSettings:
        """Each setting from ``flags`` (keyed by field name; None when not given), else ``environ``.

        An empty variable counts as unset, as ``${VAR:-default}`` reads it in a shell.
        """
        values: dict[str, Any] = {}
        for name, (flag, variable, parse) in SOURCES.items():
            given, source = flags.get(name), flag
            if given is None:
                given, source = environ.get(variable) or None, variable
            if given is None:
                continue
            try:
                values[name] = parse(str(given))
            except ValueError as error:
                raise SettingsError(f"{source}: {error}") from None
        return cls(**values)


def parse_database_url(value: str) -> str:
    """A database URL; a value that is no URL is the path of an SQLite file, taken as it is.

    A path needs no URL encoding that way: in ``sqlite:///`` form, ``%41`` in a
    file name would be decoded and a ``?`` would start the URL's query.
    """
    if not value.strip():
        # An empty path would open a database in memory, lost on exit.
        raise ValueError("say which database: a URL, or the path of an SQLite file")
    try:
        url = make_url(value) if "://" in value else URL.create("sqlite", database=value)
    except (ArgumentError, ValueError):
        # The value is not echoed: it may hold a password.
        raise ValueError(
            "not a database URL: use sqlite:///FILE, postgresql+psycopg://USER:PASSWORD@HOST/DB, "
            "or the path of an SQLite file"
        ) from None
    # Rendered back with its password, encoded so that the engine reads it exactly as meant; read again,
    # the rendered URL gives itself back.
    return url.render_as_string(hide_password=False)


def _host(value: str) -> str:
    if not value.strip():
        raise ValueError("say which address to listen on, e.g. 127.0.0.1 or 0.0.0.0")
    return value.strip()


def _whole_number(value: str, what: str, lowest: int = 1, highest: int | None = None) -> int:
    allowed = f"from {lowest} to {highest}" if highest is not None else f"of {lowest} or more"
    try:
        number = int(value.strip())
    except ValueError:
        raise ValueError(f"'{value}' is not {what}: use a whole number {allowed}") from None
    if number < lowest or (highest is not None and number > highest):
        raise ValueError(f"{number} is out of range for {what}: use a whole number {allowed}")
    return number


def _port(value: str) -> int:
    return _whole_number(value, "a port number", highest=65535)


def _max_body_bytes(value: str) -> int:
    return _whole_number(value, "a size in bytes")


def _max_batch(value: str) -> int:
    # The protocol refuses longer pushes whatever the hub allows.
    return _whole_number(value, "a number of records per push", highest=MAX_PUSH_BATCH)


def _choice(choices: tuple[str, ...]) -> Callable[[str], str]:
    def parse(value: str) -> str:
        if value.strip().lower() not in choices:
            raise ValueError(f"'{value}' is not one of {', '.join(choices)}")
        return value.strip().lower()

    return parse


# Field name: (command-line flag, environment variable, parser of the text given).
SOURCES: dict[str, tuple[str, str, Callable[[str], Any]]] = {
    "database_url": ("--db", "POPUP_HUB_DB", parse_database_url),
    "host": ("--host", "POPUP_HUB_HOST", _host),
    "port": ("--port", "POPUP_HUB_PORT", _port),
    "max_body_bytes": ("--max-body-bytes", "POPUP_HUB_MAX_BODY_BYTES", _max_body_bytes),
    "max_batch": ("--max-batch", "POPUP_HUB_MAX_BATCH", _max_batch),
    "log_level": ("--log-level", "POPUP_HUB_LOG_LEVEL", _choice(LOG_LEVELS)),
    "log_format": ("--log-format", "POPUP_HUB_LOG_FORMAT", _choice(LOG_FORMATS)),
    "webhook_first_retry_seconds": (
        "--first-retry-seconds",
        "POPUP_HUB_WEBHOOK_FIRST_RETRY_SECONDS",
        lambda value: _whole_number(value, "a delay in seconds"),
    ),
    "webhook_lock_seconds": (
        "--lock-seconds",
        "POPUP_HUB_WEBHOOK_LOCK_SECONDS",
        lambda value: _whole_number(value, "a lock time in seconds"),
    ),
    "signing_key": ("--signing-key", "POPUP_HUB_SIGNING_KEY", str.strip),
    "upstream": ("--upstream", "POPUP_HUB_UPSTREAM", str.strip),
}
