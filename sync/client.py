"""The till's HTTP client for the hub: timeouts on every call, retries with backoff and jitter.

Network errors, 5xx and 429 mean "send the same thing again later": the
client retries a few times, then raises ``HubUnreachable`` and the caller
keeps its records for the next round. Every other answer is final.
"""

from __future__ import annotations

import functools
import hashlib
import json
import random
import secrets
import ssl
import time
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from json.encoder import encode_basestring_ascii
from typing import TYPE_CHECKING, Any, Protocol

from pydantic_core import from_json

from sync.protocol import (
    MAX_PULL_PAGE,
    MAX_TRY_NUMBER,
    PROTOCOL_HEADER,
    PROTOCOL_VERSION,
    ChangesPage,
    EnrollRequest,
    EnrollResponse,
    PushedHead,
    PushRecord,
    PushResponse,
)
from sync.texts import _

if TYPE_CHECKING:
    import httpx

READ_TIMEOUT_S, CONNECT_TIMEOUT_S = 10.0, 3.0


class SyncError(Exception):
    """A final answer from the hub, with a message for the manager."""


class HubUnreachable(SyncError):
    """No usable answer after the retries: try again later, nothing was lost."""


class PayloadMismatch(SyncError):
    def __init__(self, event_ids: list[str]) -> None:
        super().__init__(f"the hub already holds {len(event_ids)} of these record ids with another content")
        self.event_ids = event_ids


class StoredRecord(Protocol):
    """A record as a till's outbox keeps it: the envelope's fields, and the payload as the JSON text written."""

    @property
    def record_id(self) -> str: ...

    @property
    def seq(self) -> int: ...

    @property
    def type(self) -> str: ...

    @property
    def schema_version(self) -> int: ...

    @property
    def payload(self) -> str: ...


def _envelope_json(record: PushRecord | StoredRecord) -> str:
    if isinstance(record, PushRecord):
        # As httpx writes a json= body: NaN and infinities are refused before they leave.
        return json.dumps(record.model_dump(), allow_nan=False)
    # The stored payload is JSON the till wrote through its contract: parsing it only to dump it
    # again cost more than the rest of a push, so it goes into the body as it is.
    return (
        f'{{"event_id":{encode_basestring_ascii(record.record_id)},"till_seq":{record.seq},'
        f'"type":{encode_basestring_ascii(record.type)},"schema_version":{record.schema_version},'
        f'"payload":{record.payload}}}'
    )


@functools.cache
def _trusted_authorities() -> ssl.SSLContext:
    """The certificate authorities httpx trusts by default, loaded once per process.

    httpx loads certifi's bundle for every client it makes: some 50 ms of CPU
    a till would otherwise pay on each sync, hub address http or https.
    """
    import certifi

    return ssl.create_default_context(cafile=certifi.where())


@dataclass(frozen=True, slots=True)
class KeptAttempt:
    """An enrollment started and not finished, as a till or a venue hub keeps it: its attempt value, and the
    highest try number sent with it (0 before the first try)."""

    key: str
    attempt: str
    highest_try: int


def new_enroll_attempt() -> str:
    """A fresh ``EnrollRequest.attempt`` value: random, URL-safe, 22 characters."""
    return secrets.token_urlsafe(16)


def enroll_attempt_key(url: str, code: str) -> str:
    """What a till or a venue hub keeps an unfinished enrollment's attempt under: a SHA-256 of the hub's address
    (without its last slash) and the code as the hub reads it (stripped, in capitals), never the code itself."""
    return hashlib.sha256(f"{url.strip().rstrip('/')}\n{code.strip().upper()}".encode()).hexdigest()


class HubClient:
    def __init__(
        self,
        base_url: str,
        token: str = "",
        attempts: int = 4,
        base_delay: float = 0.2,
        max_delay: float = 5.0,
        sleep: Callable[[float], None] = time.sleep,
        timeout: httpx.Timeout | None = None,
    ) -> None:
        # httpx is imported when a client is made: the till starts without paying for it.
        import httpx

        headers = {PROTOCOL_HEADER: str(PROTOCOL_VERSION)}
        if token:
            headers["Authorization"] = f"Bearer {token}"
        self._http = httpx.Client(
            base_url=base_url.rstrip("/"),
            headers=headers,
            timeout=timeout or httpx.Timeout(READ_TIMEOUT_S, connect=CONNECT_TIMEOUT_S),
            verify=_trusted_authorities(),
        )
        self._transport_error = httpx.TransportError
        self._attempts = attempts
        self._base_delay = base_delay
        self._max_delay = max_delay
        self._sleep = sleep

    def close(self) -> None:
        self._http.close()

    def __enter__(self) -> HubClient:
        return self

    def __exit__(self, *_exc: object) -> None:
        self.close()

    def _request(
        self, method: str, path: str, json_for_try: Callable[[int], Any] | None = None, **kwargs: Any
    ) -> httpx.Response:
        """``json_for_try``: the JSON body of each try (1, 2, ...), for a request whose body numbers its tries."""
        last_problem = ""
        for attempt in range(self._attempts):
            if attempt:
                # Exponential backoff with full jitter: tills that lost the network
                # together do not all come back in the same second.
                self._sleep(random.uniform(0, min(self._max_delay, self._base_delay * 2**attempt)))
            if json_for_try is not None:
                kwargs["json"] = json_for_try(attempt + 1)
            try:
                response = self._http.request(method, path, **kwargs)
            except self._transport_error as error:
                last_problem = f"network: {type(error).__name__}"
                continue
            if response.status_code == 429 or response.status_code >= 500:
                last_problem = f"the hub answered {response.status_code}"
                continue
            return response
        raise HubUnreachable(
            _(
                "The hub could not be reached ({last_problem}): check the network and the hub's address, "
                "then try again. Nothing on the till is lost."
            ).format(last_problem=last_problem)
        )

    def _check(self, response: httpx.Response) -> None:
        """Raise SyncError for a final refusal."""
        if response.status_code == 426:
            raise SyncError(response.json()["detail"])
        if response.status_code == 401:
            raise SyncError(_("The hub does not know this till any more (revoked?): enroll it again."))
        if response.status_code >= 400:
            detail = response.json().get("detail", response.text) if response.content else response.reason_phrase
            raise SyncError(
                _("The hub refused the request ({status_code}): {detail}").format(
                    status_code=response.status_code, detail=detail
                )
            )

    def _final(self, response: httpx.Response) -> dict[str, Any]:
        self._check(response)
        result: dict[str, Any] = response.json()
        return result

    def enroll(
        self,
        code: str,
        attempt: str | None = None,
        first_try: int = 1,
        before_try: Callable[[int], None] | None = None,
    ) -> EnrollResponse:
        """Use a one-time code; every try of this call sends the same attempt value with its try number, so a
        retry after a lost answer gets the same till back instead of being refused (docs/enrollment.md).

        ``attempt``: the value of an enrollment started before with this code (``new_enroll_attempt``), whose
        tries went up to ``first_try - 1``; ``before_try`` is told each try's number before the try is sent, so
        the caller can keep the highest for an enrollment started again.
        """
        attempt = attempt or new_enroll_attempt()

        def body(try_number: int) -> dict[str, Any]:
            # Past the protocol's highest number the tries repeat it: the hub answers an equal number.
            numbered = min(first_try + try_number - 1, MAX_TRY_NUMBER)
            if before_try is not None:
                before_try(numbered)
            return EnrollRequest(code=code, attempt=attempt, try_number=numbered).model_dump(exclude_none=True)

        response = self._request("POST", "/v1/enroll", json_for_try=body)
        return EnrollResponse.model_validate(self._final(response))

    def push(
        self,
        records: Sequence[PushRecord | StoredRecord],
        audit_head: PushedHead | None = None,
        records_waiting: int | None = None,
    ) -> PushResponse:
        """Send a batch; ``records_waiting``: how many more wait on the till (a hub before it ignores it)."""
        fields = f',"audit_head":{audit_head.model_dump_json()}' if audit_head is not None else ""
        if records_waiting is not None:
            fields += f',"records_waiting":{int(records_waiting)}'
        body = f'{{"records":[{",".join(_envelope_json(record) for record in records)}]{fields}}}'
        response = self._request(
            "POST", "/v1/push", content=body.encode(), headers={"Content-Type": "application/json"}
        )
        if response.status_code == 422 and "event_ids" in response.json():
            raise PayloadMismatch(response.json()["event_ids"])
        self._check(response)
        return PushResponse.model_validate_json(response.content)

    def pull(self, cursor: str, limit: int = MAX_PULL_PAGE) -> ChangesPage:
        response = self._request("GET", "/v1/changes", params={"cursor": cursor, "limit": limit})
        self._check(response)
        # pydantic's own JSON parser: a page of a thousand products takes 40 % less than through
        # json.loads (and than model_validate_json, whose entries' data go through Any one by one).
        return ChangesPage.model_validate(from_json(response.content))
