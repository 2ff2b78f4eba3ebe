"""The hub's container and systemd recipes: parsed, linted where the linters exist, and their scripts run."""

from __future__ import annotations

import json
import os
import re
import shutil
import subprocess
import sys
from importlib import metadata
from pathlib import Path

import pytest
from packaging.requirements import Requirement
from packaging.utils import canonicalize_name

ROOT = Path(__file__).resolve().parents[2]
HUB = ROOT / "packaging" / "hub"
INSTRUCTIONS = {
    "ADD", "ARG", "CMD", "COPY", "ENTRYPOINT", "ENV", "EXPOSE", "FROM", "HEALTHCHECK",
    "LABEL", "ONBUILD", "RUN", "SHELL", "STOPSIGNAL", "USER", "VOLUME", "WORKDIR",
}  # fmt: skip


def dockerfile() -> list[tuple[str, str]]:
    """(INSTRUCTION, arguments) pairs, continuation lines joined and comments dropped."""
    instructions: list[tuple[str, str]] = []
    pending = ""
    for line in (HUB / "Dockerfile").read_text().splitlines():
        if not pending and (not line.strip() or line.lstrip().startswith("#")):
            continue
        pending += line.rstrip().removesuffix("\\") + " " if line.rstrip().endswith("\\") else line.strip()
        if not line.rstrip().endswith("\\"):
            keyword, _, arguments = pending.strip().partition(" ")
            instructions.append((keyword, " ".join(arguments.split())))
            pending = ""
    assert not pending, "the Dockerfile ends inside a continued line"
    return instructions


def values(instruction: str) -> list[str]:
    return [arguments for keyword, arguments in dockerfile() if keyword == instruction]


def env() -> dict[str, str]:
    return dict(re.findall(r"(\w+)=(\S+)", " ".join(values("ENV"))))


def test_every_dockerfile_instruction_is_valid_and_exec_forms_are_json() -> None:
    parsed = dockerfile()
    assert {keyword for keyword, _ in parsed} <= INSTRUCTIONS
    assert parsed[0] == ("FROM", "python:3.11-slim")
    for keyword, arguments in parsed:
        exec_form = arguments.removeprefix("CMD ") if keyword == "HEALTHCHECK" else arguments
        if keyword in ("CMD", "ENTRYPOINT", "VOLUME", "HEALTHCHECK") and "[" in exec_form:
            assert isinstance(json.loads(exec_form[exec_form.index("[") :]), list), arguments
    assert json.loads(values("CMD")[0]) == ["popup-hub", "serve"]


def test_the_container_runs_as_a_numeric_non_root_user() -> None:
    users = values("USER")
    assert users, "no USER: the hub would run as root"
    user = users[-1].split(":")[0]
    assert user.isdigit() and user != "0"
    assert f"--uid {user}" in " ".join(values("RUN"))


def test_the_healthcheck_probes_the_health_endpoint_on_the_exposed_port() -> None:
    (healthcheck,) = values("HEALTHCHECK")
    assert "/v1/health" in healthcheck and "POPUP_HUB_PORT" in healthcheck
    assert values("EXPOSE") == [env()["POPUP_HUB_PORT"]]
    assert env()["POPUP_HUB_HOST"] == "0.0.0.0"


def test_what_the_dockerfile_copies_exists_and_passes_the_dockerignore() -> None:
    ignore = (HUB / "Dockerfile.dockerignore").read_text()
    for arguments in values("COPY"):
        *sources, _target = [part for part in arguments.split() if not part.startswith("--")]
        for source in sources:
            assert (ROOT / source).exists(), source
            assert f"!{source}" in ignore, f"{source} is left out of the build context"


@pytest.mark.skipif(shutil.which("hadolint") is None, reason="hadolint is not installed (the parsing tests stand in)")
def test_hadolint_finds_nothing() -> None:
    result = subprocess.run(["hadolint", str(HUB / "Dockerfile")], capture_output=True, text=True)
    assert result.returncode == 0, result.stdout + result.stderr


@pytest.fixture
def fake_hub(tmp_path: Path) -> dict[str, str]:
    """A PATH whose popup-hub prints the arguments it gets, one per line."""
    (tmp_path / "popup-hub").write_text('#!/bin/sh\nfor a in "$@"; do echo "$a"; done\n')
    (tmp_path / "popup-hub").chmod(0o755)
    return {"PATH": f"{tmp_path}:/usr/bin:/bin", "POPUP_HUB_DB": "sqlite:////var/lib/popup-hub/hub.db"}


def entrypoint(environment: dict[str, str], *args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        ["sh", str(HUB / "entrypoint.sh"), *args], env=environment, capture_output=True, text=True, timeout=10
    )


def test_the_entrypoint_leaves_host_and_port_to_the_hub(fake_hub: dict[str, str]) -> None:
    # popup-hub reads POPUP_HUB_HOST and POPUP_HUB_PORT itself (tests/sync/test_hub_settings.py).
    served = entrypoint({**fake_hub, "POPUP_HUB_PORT": "9000"}, "popup-hub", "serve", "--log-level", "debug")
    assert served.stdout.split() == ["--db", "sqlite:////var/lib/popup-hub/hub.db", "serve", "--log-level", "debug"]


def test_the_entrypoint_passes_other_commands_through(fake_hub: dict[str, str]) -> None:
    key = {**fake_hub, "POPUP_HUB_SIGNING_KEY": "/run/secrets/key.pem"}
    created = entrypoint(key, "popup-hub", "event", "create", "Spring Drop")
    assert created.stdout.splitlines() == [
        "--db",
        "sqlite:////var/lib/popup-hub/hub.db",
        "event",
        "create",
        "Spring Drop",
    ]
    assert entrypoint(key, "sh", "-c", "echo $POPUP_HUB_SIGNING_KEY").stdout == "/run/secrets/key.pem\n"


def test_the_entrypoint_says_what_is_missing(fake_hub: dict[str, str]) -> None:
    result = entrypoint({"PATH": fake_hub["PATH"]}, "popup-hub", "serve")
    assert result.returncode != 0
    assert "set POPUP_HUB_DB to the hub database URL" in result.stderr


HUB_IMPORTS = """
import importlib.abc, sys
blocked = set(sys.argv[1].split(","))

class Blocker(importlib.abc.MetaPathFinder):
    def find_spec(self, name, path=None, target=None):
        if name.split(".")[0] in blocked:
            raise ModuleNotFoundError(f"{name} is not installed in the hub's image")
        return None

sys.meta_path.insert(0, Blocker())
import psycopg, qrcode.image.svg, PIL.Image
from sync.hub.api import create_app
from sync.hub.cli import build_parser
from sync.hub.logs import log_config
from sync.hub.store import HubStore, open_hub_engine
create_app(HubStore(open_hub_engine("sqlite://"))).openapi()
build_parser()
print("ok")
"""


def _closure(requirements: list[Requirement]) -> set[str]:
    """The distributions that installing ``requirements`` brings, as pip would resolve them here."""
    seen: set[str] = set()
    todo = [(requirement, requirement.extras) for requirement in requirements]
    while todo:
        requirement, extras = todo.pop()
        name = canonicalize_name(requirement.name)
        if name in seen:
            continue
        seen.add(name)
        for text in metadata.requires(requirement.name) or []:
            nested = Requirement(text)
            if nested.marker is None or any(nested.marker.evaluate({"extra": e}) for e in (*extras, "")):
                todo.append((nested, nested.extras))
    return seen


def test_the_hub_runs_on_the_packages_its_image_installs() -> None:
    lines = (HUB / "requirements.txt").read_text().splitlines()
    wanted = _closure([Requirement(line) for line in lines if line.strip() and not line.startswith("#")])
    blocked = {
        module
        for module, distributions in metadata.packages_distributions().items()
        if not any(canonicalize_name(distribution) in wanted for distribution in distributions)
    } - {"app", "printers", "sync"}
    assert "PySide6" in blocked  # the check would prove nothing if the till's packages were let in
    result = subprocess.run(
        [sys.executable, "-c", HUB_IMPORTS, ",".join(sorted(blocked))],
        capture_output=True,
        text=True,
        timeout=60,
        cwd=ROOT,
    )
    assert result.stdout.strip() == "ok", result.stderr[-2000:]


def unit() -> dict[str, list[tuple[str, str]]]:
    sections: dict[str, list[tuple[str, str]]] = {}
    current: list[tuple[str, str]] = []
    for line in (HUB / "popup-hub.service").read_text().splitlines():
        if not line.strip() or line.startswith(("#", ";")):
            continue
        if line.startswith("["):
            current = sections.setdefault(line.strip("[]"), [])
        else:
            key, separator, value = line.partition("=")
            assert separator, f"not KEY=VALUE: {line}"
            current.append((key.strip(), value.strip()))
    return sections


def test_the_systemd_unit_reads_its_settings_and_is_hardened() -> None:
    sections = unit()
    assert list(sections) == ["Unit", "Service", "Install"]
    service = dict(sections["Service"])
    assert service["EnvironmentFile"] == "/etc/popup-hub/env"
    assert service.get("DynamicUser") == "yes" or service.get("User") not in (None, "root")
    # popup-hub reads its settings from the service's environment (tests/sync/test_hub_settings.py).
    assert service["ExecStart"] == "/opt/popup-hub/bin/popup-hub serve"
    assert "POPUP_HUB_HOST=0.0.0.0" in service["Environment"].split()
    for key, value in {
        "NoNewPrivileges": "yes",
        "ProtectSystem": "strict",
        "ProtectHome": "yes",
        "PrivateTmp": "yes",
        "PrivateDevices": "yes",
        "CapabilityBoundingSet": "",
        "StateDirectory": "popup-hub",
    }.items():
        assert service.get(key) == value, key
    assert dict(sections["Install"])["WantedBy"] == "multi-user.target"
    example = (HUB / "env.example").read_text()
    for variable in ("POPUP_HUB_DB", "POPUP_HUB_HOST", "POPUP_HUB_PORT", "POPUP_HUB_SIGNING_KEY"):
        assert f"\n{variable}=" in example


@pytest.mark.skipif(shutil.which("systemd-analyze") is None, reason="systemd-analyze is not installed")
def test_systemd_analyze_verifies_the_unit(tmp_path: Path) -> None:
    popup_hub = Path(sys.executable).with_name("popup-hub")
    assert popup_hub.exists()
    # verify checks that ExecStart's program exists: point it at this environment's popup-hub.
    text = (HUB / "popup-hub.service").read_text().replace("/opt/popup-hub/bin/popup-hub", str(popup_hub))
    copy = tmp_path / "popup-hub.service"
    copy.write_text(text)
    result = subprocess.run(
        ["systemd-analyze", "verify", str(copy)],
        capture_output=True,
        text=True,
        timeout=60,
        env={**os.environ, "SYSTEMD_LOG_LEVEL": "warning"},
    )
    complaints = [line for line in (result.stdout + result.stderr).splitlines() if "popup-hub" in line]
    assert result.returncode == 0 and not complaints, result.stdout + result.stderr
