"""Schema-driven fuzz of the whole hub API over real HTTP.

Schemathesis reads the hub's OpenAPI document (the kept copy, proven equal to what the running hub
serves at GET /openapi.json), generates requests for every operation (valid and invalid ones, as a
till with a real token would send them) and checks each answer: never a 5xx, a status code the
document lists, a body matching the schema of that status, and the documented content type.
"""

from __future__ import annotations

import json
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import httpx
import pytest
import schemathesis
from hypothesis import HealthCheck, settings
from schemathesis.checks import not_a_server_error
from schemathesis.specs.openapi.checks import (
    content_type_conformance,
    response_schema_conformance,
    status_code_conformance,
)

from sync.hub.store import api_keys
from tests.postgres_server import new_database
from tests.sync.admin_client import sign_orders_with
from tests.sync.conftest import HubEvent, hub_on

CHECKS = [not_a_server_error, status_code_conformance, response_schema_conformance, content_type_conformance]


@dataclass(frozen=True)
class FuzzedHub:
    served: HubEvent
    token: str
    # An admin API key with every scope, and a signing key for the API's pickup orders.
    admin_key: str

    @property
    def url(self) -> str:
        return self.served.hub.url


# One hub per database for the whole module: the generated requests of every operation go to the same
# hub (a function-scoped fixture would be shared by all the examples of a test anyway).
@pytest.fixture(scope="module", params=["sqlite", pytest.param("postgresql", marks=pytest.mark.postgres)])
def fuzzed_hub(request: pytest.FixtureRequest, tmp_path_factory: pytest.TempPathFactory) -> Iterator[FuzzedHub]:
    """A served hub with its event and catalog, the token of a till enrolled over HTTP, an admin key."""
    if request.param == "sqlite":
        url = f"sqlite:///{tmp_path_factory.mktemp('fuzz') / 'hub.db'}"
    else:
        url = new_database(request.getfixturevalue("postgres_server"))
    with hub_on(url) as served:
        code = served.hub.store.create_enroll_code(served.event_id, "F")
        answer = httpx.post(f"{served.hub.url}/v1/enroll", json={"code": code}, timeout=10)
        answer.raise_for_status()
        with served.hub.store.engine.begin() as connection:
            admin_key = api_keys.create_key(connection, "fuzz", list(api_keys.SCOPES))
        sign_orders_with(served, tmp_path_factory.mktemp("keys"))
        yield FuzzedHub(served, answer.json()["token"], admin_key)


KEPT_DOCUMENT = Path(__file__).parents[2] / "sync" / "hub" / "openapi.json"
# The operations are generated from the kept copy of the document at collection time (one test per
# operation), and test_the_served_document_is_the_kept_one proves the running hub serves that very
# document. (schemathesis.pytest.from_fixture, which would load it from the hub, reads
# Function._nodeid, which pytest 9.2 no longer has.)
schema = schemathesis.openapi.from_path(KEPT_DOCUMENT)


def test_the_served_document_is_the_kept_one(fuzzed_hub: FuzzedHub) -> None:
    """The fuzz reads the served document: it must be the one kept in sync/hub/openapi.json."""
    kept = json.loads(KEPT_DOCUMENT.read_text())
    served = httpx.get(f"{fuzzed_hub.url}/openapi.json", timeout=10).json()
    assert served == kept
    till_paths = {path for path in served["paths"] if not path.startswith("/v1/admin/")}
    assert till_paths == {"/v1/health", "/v1/enroll", "/v1/push", "/v1/changes", "/v1/relay/push"}


@schema.parametrize()
@settings(
    max_examples=50,
    deadline=None,
    derandomize=True,
    database=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.filter_too_much],
)
def test_every_operation_answers_as_documented(case: schemathesis.Case, fuzzed_hub: FuzzedHub) -> None:
    # The real token (an admin key under /v1/admin/) replaces whatever Authorization header was generated, so
    # the requests reach past authentication into the handlers; the 401 path is covered by the hub's own tests.
    secret = fuzzed_hub.admin_key if case.path.startswith("/v1/admin/") else fuzzed_hub.token
    headers = {"Authorization": f"Bearer {secret}"}
    response = case.call(base_url=fuzzed_hub.url, headers=headers, timeout=30)
    case.validate_response(response, checks=CHECKS, headers=headers)


def test_enroll_answers_a_body_that_is_not_utf8_as_documented(fuzzed_hub: FuzzedHub) -> None:
    answer = httpx.post(
        f"{fuzzed_hub.url}/v1/enroll", content=b"\xff", headers={"Content-Type": "application/json"}, timeout=10
    )
    documented = json.loads(KEPT_DOCUMENT.read_text())["paths"]["/v1/enroll"]["post"]["responses"]
    assert str(answer.status_code) in documented, answer.text
