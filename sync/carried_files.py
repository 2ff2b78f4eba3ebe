"""Files that travel by hand between a till and the hub (a USB stick is a network too), signed.

An outbox file carries a till's waiting records to the hub; an answers file
carries the hub's answers back. Each record line and the file as a whole carry
an HMAC-SHA256 made with a key that only the enrolled till and its hub know:
the SHA-256 of the till's bearer token, which the till can compute and the hub
stores (it keeps no token, only that hash). Whoever holds the stick holds
neither. A changed record, a removed or reordered line, or a file from another
till is refused whole, naming the record, before anything is applied.
"""

from __future__ import annotations

import hashlib
import hmac
import json
from collections.abc import Callable, Sequence
from dataclasses import dataclass

from pydantic import ValidationError

from sync.protocol import HeadAnswer, PushedHead, PushRecord, RecordAnswer
from sync.texts import _

OUTBOX_FORMAT = "popup-pos-outbox"
ANSWERS_FORMAT = "popup-pos-answers"
FILE_VERSION = 2


class CarriedFileError(ValueError):
    """The file is not one of ours, comes from elsewhere, or was changed; the message says which and what to do."""


def file_key(token: str) -> bytes:
    """The till's side of the shared key (the hub derives it from the token hash it stores)."""
    return key_from_token_hash(hashlib.sha256(token.encode()).hexdigest())


def key_from_token_hash(token_hash: str) -> bytes:
    return token_hash.encode()


def _mac(key: bytes, text: str) -> str:
    return hmac.new(key, text.encode(), hashlib.sha256).hexdigest()


def sign_file(key: bytes, header: dict[str, object], bodies: Sequence[str]) -> str:
    """The signed text of a carried file: ``header`` and one signed line per body, then a signature of the whole."""
    lines = [json.dumps({"mac": _mac(key, body), "body": body}, ensure_ascii=False) for body in bodies]
    signed_header = {**header, "version": FILE_VERSION, "count": len(bodies)}
    head = json.dumps(signed_header, sort_keys=True)
    whole = _mac(key, "\n".join([head, *lines]))
    return "\n".join([json.dumps({"header": signed_header, "mac": whole}), *lines]) + "\n"


@dataclass(frozen=True, slots=True)
class OpenedFile:
    header: dict[str, object]
    bodies: list[str]


def open_file(
    text: str, expected_format: str, key_for: Callable[[dict[str, object]], bytes | None], unknown: str
) -> OpenedFile:
    """The header and bodies of a carried file, every signature checked; raises CarriedFileError naming what broke."""
    not_ours = CarriedFileError(
        _("This is not an outbox file of Pop-up POS: take the file the other side wrote.")
        if expected_format == OUTBOX_FORMAT
        else _("This is not an answers file of Pop-up POS: take the file the other side wrote.")
    )
    try:
        lines = text.splitlines()
        first = json.loads(lines[0])
        header = first["header"]
        if not isinstance(header, dict) or header.get("format") != expected_format:
            raise not_ours
    except (ValueError, IndexError, KeyError, TypeError):
        raise not_ours from None
    if header.get("version") != FILE_VERSION:
        newer = (
            _(
                "This outbox file has format version {version}, this side reads {readable}: update the older side, "
                "or export the file again."
            )
            if expected_format == OUTBOX_FORMAT
            else _(
                "This answers file has format version {version}, this side reads {readable}: update the older "
                "side, or export the file again."
            )
        )
        raise CarriedFileError(newer.format(version=header.get("version"), readable=FILE_VERSION))
    key = key_for(header)
    if key is None:
        raise CarriedFileError(unknown)
    entries = [line for line in lines[1:] if line.strip()]
    bodies: list[str] = []
    for number, line in enumerate(entries, start=1):
        try:
            entry = json.loads(line)
            body, mac = str(entry["body"]), str(entry["mac"])
        except (ValueError, KeyError, TypeError):
            raise CarriedFileError(
                _("Line {number} of the file is damaged: nothing of it was applied.").format(number=number + 1)
            ) from None
        if not hmac.compare_digest(mac, _mac(key, body)):
            raise CarriedFileError(
                _(
                    "Record {number} ({body}) was changed after the file was written: nothing of the file was "
                    "applied. Export it again from the till."
                ).format(number=number, body=_describe(body))
            )
        bodies.append(body)
    head = json.dumps(header, sort_keys=True)
    if header.get("count") != len(bodies) or not hmac.compare_digest(
        str(first.get("mac")), _mac(key, "\n".join([head, *entries]))
    ):
        raise CarriedFileError(
            _(
                "Records were added, removed or reordered in this file after it was written: nothing of it "
                "was applied. Export it again from the till."
            )
        )
    return OpenedFile(header, bodies)


def _describe(body: str) -> str:
    try:
        record = json.loads(body)
        return _("id {id}, sequence {seq}, {type}").format(
            id=str(record.get("event_id"))[:36], seq=record.get("till_seq"), type=record.get("type")
        )
    except (ValueError, AttributeError):
        return _("unreadable")


def write_outbox_file(
    till_id: str,
    event_id: str,
    records: Sequence[PushRecord],
    key: bytes,
    audit_head: PushedHead | None = None,
    pull_cursor: str | None = None,
) -> str:
    """The file of ``records``; with the till's audit head, which travels as it does with a push (in the
    signed header: a file cut short or carried from an older store is told apart as a push is), and the
    till's feed cursor, where the hub starts the feed file it writes for the till (sync/carried_feed.py)."""
    header: dict[str, object] = {"format": OUTBOX_FORMAT, "till_id": till_id, "event_id": event_id}
    if audit_head is not None:
        header["audit_head"] = audit_head.model_dump(mode="json")
    if pull_cursor is not None:
        header["pull_cursor"] = pull_cursor
    return sign_file(key, header, [record.model_dump_json() for record in records])


@dataclass(frozen=True, slots=True)
class OutboxFile:
    till_id: str
    event_id: str
    records: list[PushRecord]
    audit_head: PushedHead | None = None
    pull_cursor: str | None = None


@dataclass(frozen=True, slots=True)
class AnswersFile:
    answers: list[RecordAnswer]
    audit_head: HeadAnswer | None = None


def read_outbox_file(text: str, key_for_till: Callable[[str], bytes | None]) -> OutboxFile:
    """The records of a signed outbox file; ``key_for_till`` gives the key of an enrolled till, or None."""
    opened = open_file(
        text,
        OUTBOX_FORMAT,
        lambda header: key_for_till(str(header.get("till_id"))),
        "This outbox comes from a till this hub does not know (or revoked): enroll the till first.",
    )
    records = []
    for number, body in enumerate(opened.bodies, start=1):
        try:
            records.append(PushRecord.model_validate_json(body))
        except ValidationError:
            raise CarriedFileError(
                _("Record {number} of the file is not a till record: nothing was applied.").format(number=number)
            ) from None
    try:
        head = opened.header.get("audit_head")
        audit_head = PushedHead.model_validate(head) if head is not None else None
    except ValidationError:
        raise CarriedFileError(_("The file's audit head is damaged: nothing was applied.")) from None
    cursor = opened.header.get("pull_cursor")
    return OutboxFile(
        str(opened.header["till_id"]),
        str(opened.header["event_id"]),
        records,
        audit_head,
        cursor if isinstance(cursor, str) else None,
    )


def write_answers_file(
    till_id: str, answers: Sequence[RecordAnswer], key: bytes, audit_head: HeadAnswer | None = None
) -> str:
    header: dict[str, object] = {"format": ANSWERS_FORMAT, "till_id": till_id}
    if audit_head is not None:
        header["audit_head"] = audit_head.model_dump(mode="json")
    return sign_file(key, header, [a.model_dump_json() for a in answers])


def read_answers_file(text: str, till_id: str, key: bytes) -> AnswersFile:
    """The hub's answers for this till, and its answer about the till's audit head; answers for another
    till are refused."""
    opened = open_file(
        text,
        ANSWERS_FORMAT,
        lambda header: key if header.get("till_id") == till_id else None,
        "These answers are for another till: use this till's own answers file.",
    )
    try:
        head = opened.header.get("audit_head")
        return AnswersFile(
            [RecordAnswer.model_validate_json(body) for body in opened.bodies],
            HeadAnswer.model_validate(head) if head is not None else None,
        )
    except ValidationError:
        raise CarriedFileError(
            _("The answers file holds something that is not an answer: nothing was applied.")
        ) from None
