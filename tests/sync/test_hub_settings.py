"""The hub's settings: flags, then POPUP_HUB_* variables, then one set of defaults that the packaging shares."""

from __future__ import annotations

import os
import re
import subprocess
import sys
import time
from collections.abc import Iterator
from pathlib import Path

import httpx
import pytest
from sqlalchemy import create_engine

from sync.hub.api import create_app
from sync.hub.cli import build_parser
from sync.hub.cli import main as hub_main
from sync.hub.settings import HubSettings
from sync.hub.store import HubStore
from sync.protocol import MAX_PUSH_BATCH
from tests.sync.conftest import free_port

ROOT = Path(__file__).resolve().parents[2]
HUB = ROOT / "packaging" / "hub"
EVERY_VARIABLE = {
    "POPUP_HUB_DB": "postgresql+psycopg://hub:s3cret@db/hub",
    "POPUP_HUB_HOST": "0.0.0.0",
    "POPUP_HUB_PORT": "9000",
    "POPUP_HUB_MAX_BODY_BYTES": "1024",
    "POPUP_HUB_MAX_BATCH": "50",
    "POPUP_HUB_LOG_LEVEL": "DEBUG",
    "POPUP_HUB_LOG_FORMAT": "text",
}


def serve_flags(*argv: str) -> dict[str, object]:
    return vars(build_parser().parse_args(argv))


def test_the_defaults() -> None:
    settings = HubSettings.from_sources(serve_flags("serve"), {})
    assert settings == HubSettings()
    assert (settings.host, settings.port) == ("127.0.0.1", 8765)
    assert settings.database_url == "sqlite:///hub.db"
    assert settings.max_body_bytes == 8 * 1024 * 1024
    assert settings.max_batch == MAX_PUSH_BATCH == 500
    assert (settings.log_level, settings.log_format) == ("info", "json")


def test_the_environment_stands_in_for_missing_flags() -> None:
    settings = HubSettings.from_sources(serve_flags("serve"), EVERY_VARIABLE)
    assert settings == HubSettings(
        database_url="postgresql+psycopg://hub:s3cret@db/hub",
        host="0.0.0.0",
        port=9000,
        max_body_bytes=1024,
        max_batch=50,
        log_level="debug",
        log_format="text",
    )
    assert HubSettings.from_sources({}, {"POPUP_HUB_PORT": ""}).port == 8765, "an empty variable is unset"


def test_a_flag_beats_its_variable() -> None:
    flags = serve_flags("--db", "market.db", "serve", "--port", "9100", "--log-level", "warning", "--max-batch", "10")
    settings = HubSettings.from_sources(flags, EVERY_VARIABLE)
    assert (settings.database_url, settings.port, settings.log_level, settings.max_batch) == (
        "sqlite:///market.db",
        9100,
        "warning",
        10,
    )
    assert settings.host == "0.0.0.0", "a setting without its flag still comes from the environment"


def test_create_app_keeps_its_settings_for_the_endpoints() -> None:
    store = HubStore(create_engine("sqlite://"))
    assert create_app(store).state.settings == HubSettings()
    tight = HubSettings(max_body_bytes=1000, max_batch=20)
    assert create_app(store, tight).state.settings is tight


@pytest.mark.parametrize(
    ("argv", "said"),
    [
        (["serve", "--port", "abc"], "popup-hub: --port: 'abc' is not a port number: use a whole number"),
        (["serve", "--port", "70000"], "popup-hub: --port: 70000 is out of range for a port number"),
        (["serve", "--max-body-bytes", "-5"], "popup-hub: --max-body-bytes: -5 is out of range for a size in bytes"),
        (["serve", "--max-batch", "501"], "popup-hub: --max-batch: 501 is out of range"),
        (["serve", "--log-level", "loud"], "popup-hub: --log-level: 'loud' is not one of critical, error, warning"),
        (["serve", "--host", " "], "popup-hub: --host: say which address to listen on"),
    ],
)
def test_a_bad_flag_is_refused_in_one_line(
    argv: list[str], said: str, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert hub_main(["--db", str(tmp_path / "hub.db"), *argv]) == 2
    err = capsys.readouterr().err
    assert err.startswith(said) and err.count("\n") == 1, err
    assert not (tmp_path / "hub.db").exists(), "refused before the database is opened"


def test_a_bad_variable_is_named_and_a_password_never_shown(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    monkeypatch.setenv("POPUP_HUB_PORT", "eighty")
    assert hub_main(["--db", str(tmp_path / "hub.db"), "conflicts"]) == 2
    assert capsys.readouterr().err == (
        "popup-hub: POPUP_HUB_PORT: 'eighty' is not a port number: use a whole number from 1 to 65535\n"
    )
    monkeypatch.delenv("POPUP_HUB_PORT")
    monkeypatch.setenv("POPUP_HUB_DB", "post gres://hub:s3cret@db/hub")
    assert hub_main(["conflicts"]) == 2
    err = capsys.readouterr().err
    assert err.startswith("popup-hub: POPUP_HUB_DB: not a database URL") and "s3cret" not in err


def test_every_command_takes_its_database_from_the_environment(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    monkeypatch.chdir(tmp_path)
    monkeypatch.setenv("POPUP_HUB_DB", str(tmp_path / "from-env.db"))
    assert hub_main(["event", "create", "Drop", "--currency", "EUR", "--tax", "standard=20"]) == 0
    assert hub_main(["--db", "from-flag.db", "conflicts"]) == 0
    capsys.readouterr()
    assert sorted(path.name for path in tmp_path.glob("*.db")) == ["from-env.db", "from-flag.db"]


@pytest.fixture
def served(tmp_path: Path) -> Iterator[tuple[subprocess.Popen[str], str]]:
    port = free_port()
    environment = {
        **os.environ,
        "PYTHONPATH": str(ROOT),
        "POPUP_HUB_DB": str(tmp_path / "hub.db"),
        "POPUP_HUB_PORT": str(port),
        "POPUP_HUB_LOG_FORMAT": "text",
    }
    hub = subprocess.Popen(
        [sys.executable, "-m", "sync.hub.cli", "serve"],
        env=environment,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )
    yield hub, f"http://127.0.0.1:{port}"
    hub.terminate()
    hub.communicate(timeout=10)


def test_serve_listens_where_the_environment_says(served: tuple[subprocess.Popen[str], str]) -> None:
    hub, url = served
    deadline = time.monotonic() + 30
    while True:
        try:
            if httpx.get(f"{url}/v1/health", timeout=1).status_code == 200:
                break
        except httpx.TransportError:
            pass
        assert hub.poll() is None and time.monotonic() < deadline, "the hub did not start on POPUP_HUB_PORT"
        time.sleep(0.05)


# One set of defaults: the packaging restates the port only where a file cannot read it (EXPOSE), and overrides
# the host on purpose. These parse the files as Docker, sh and systemd read them.


def dockerfile_env() -> dict[str, str]:
    text = (HUB / "Dockerfile").read_text().replace("\\\n", " ")
    return {
        key: value
        for line in text.splitlines()
        if line.startswith("ENV ")
        for key, value in re.findall(r"(\w+)=(\S+)", line)
    }


def unit_environment() -> dict[str, str]:
    """What popup-hub.service gives the hub: Environment=, then /etc/popup-hub/env (env.example) over it."""
    unit = (HUB / "popup-hub.service").read_text()
    (environment,) = re.findall(r"^Environment=(.*)$", unit, re.MULTILINE)
    return dict(pair.split("=", 1) for pair in environment.split()) | env_example()


def env_example(include_commented: bool = False) -> dict[str, str]:
    prefix = r"#?" if include_commented else ""
    found = re.findall(rf"^{prefix}(POPUP_HUB_\w+)=(\S*)$", (HUB / "env.example").read_text(), re.MULTILINE)
    return dict(found)


def test_the_container_and_the_service_listen_on_the_hubs_default_port() -> None:
    default = HubSettings().port
    docker = HubSettings.from_sources({}, dockerfile_env())
    assert (docker.host, docker.port) == ("0.0.0.0", default)
    dockerfile = (HUB / "Dockerfile").read_text()
    assert re.findall(r"^EXPOSE (\d+)$", dockerfile, re.MULTILINE) == [str(default)]
    assert set(re.findall(r"-p (\d+):(\d+)", dockerfile)) == {(str(default), str(default))}
    service = HubSettings.from_sources({}, unit_environment())
    assert (service.host, service.port) == ("0.0.0.0", default)
    entrypoint = (HUB / "entrypoint.sh").read_text()
    assert "--port" not in entrypoint and "--host" not in entrypoint, "the entrypoint leaves them to the hub"
    assert set(re.findall(r"\b\d{4,5}\b", entrypoint)) <= {str(default)}


def test_the_example_settings_show_the_hubs_defaults() -> None:
    shown = env_example(include_commented=True)
    assert set(shown) >= {"POPUP_HUB_DB", "POPUP_HUB_HOST", "POPUP_HUB_PORT", "POPUP_HUB_SIGNING_KEY"}
    # The database, the host, the signing key and a venue hub's upstream are the deployment's own; the rest are
    # the hub's defaults.
    own = {"POPUP_HUB_DB", "POPUP_HUB_HOST", "POPUP_HUB_SIGNING_KEY", "POPUP_HUB_UPSTREAM"}
    defaults = {name: value for name, value in shown.items() if name not in own}
    assert HubSettings.from_sources({}, defaults) == HubSettings()
    assert set(defaults) == {
        "POPUP_HUB_PORT",
        "POPUP_HUB_MAX_BODY_BYTES",
        "POPUP_HUB_MAX_BATCH",
        "POPUP_HUB_LOG_LEVEL",
        "POPUP_HUB_LOG_FORMAT",
        "POPUP_HUB_WEBHOOK_FIRST_RETRY_SECONDS",
        "POPUP_HUB_WEBHOOK_LOCK_SECONDS",
    }
