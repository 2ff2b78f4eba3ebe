"""The audit chain's head leaving the till with each push, and what the hub answered about it.

The head (entry number and hash) goes with every push (app/services/syncing.py)
together with this store's entry at the head the hub last acknowledged, and
the newest restore from a backup if there was one. The hub's answer is kept
in the till's settings: the highest head it acknowledged (so that
``audit verify`` can compare offline) and, while it refuses, why, for the
manager (the sync screen, ``audit verify``).
"""

from __future__ import annotations

import json

from app.domain.audit import head_from_json
from app.services.audit import HUB_HEAD_KEY, HUB_REFUSAL_KEY
from app.store.unit_of_work import UnitOfWork
from sync.protocol import ChainHead, HeadAnswer, PushedHead, RestoreDeclaration


def pushed_head(uow: UnitOfWork) -> PushedHead | None:
    """What a push says of this store's audit chain, read inside the caller's unit of work."""
    head = uow.audit.head()
    if head is None:
        return None
    acknowledged = head_from_json(json.loads(uow.tills.setting(HUB_HEAD_KEY) or "null"))
    since = None
    if acknowledged is not None and acknowledged.seq <= head.seq:
        at = uow.audit.hash_at(acknowledged.seq)
        since = ChainHead(seq=acknowledged.seq, hash=at) if at else None
    restore = None
    restored = uow.audit.last_restore()
    if restored is not None:
        entry, details = restored
        restore = RestoreDeclaration(
            entry=ChainHead(seq=entry.fields.seq, hash=entry.entry_hash),
            backup=_chain_head(details.get("backup_head")),
            replaced=_chain_head(details.get("replaced_head")),
        )
    return PushedHead(seq=head.seq, hash=head.hash, since=since, restore=restore)


def _chain_head(data: object) -> ChainHead | None:
    head = head_from_json(data)
    return ChainHead(seq=head.seq, hash=head.hash) if head else None


def note_head_answer(uow: UnitOfWork, answer: HeadAnswer | None) -> None:
    """Keep the head the hub holds for this till, and its refusal until it accepts a head again."""
    if answer is None:
        return
    if answer.hash:
        uow.tills.set_setting(HUB_HEAD_KEY, json.dumps({"seq": answer.seq, "hash": answer.hash}))
    refusal = "" if answer.accepted else (answer.reason or "The hub refused this till's audit head").rstrip(".")
    uow.tills.set_setting(HUB_REFUSAL_KEY, refusal)
