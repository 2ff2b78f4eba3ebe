"""Checking that the audit trail, the facts it records and its length have not been tampered with.

Three checks, each needing something the one before cannot give:

- the chain: every entry links to the one before (app/domain/audit.py);
- the facts: every fact's rows still hash to what its entry recorded, every
  entry's fact is still there and every fact has an entry
  (app/domain/fact_digest.py);
- the length: a store cut short, rolled back or replaced by an older backup
  is a whole chain, only shorter. Its head left the till (the hub's answer
  to a push, a printed Z report), and this store is checked against it. A
  restore from a backup is the one honest reason for a shorter store: it is
  an entry of its own, named in the report, never a silent pass.
"""

from __future__ import annotations

import json
from dataclasses import dataclass

from app.domain.audit import (
    RESTORED_ACTION,
    AuditEntry,
    AuditHead,
    BrokenLink,
    Restore,
    find_broken_link,
    head_from_json,
    head_problem,
)
from app.domain.fact_digest import (
    FACT_ACTIONS,
    FACT_KEY,
    FactKind,
    RecordedFact,
    RecordedPrice,
    check_facts,
    fact_details,
    price_problems,
)
from app.domain.staff_state import STAFF_ADDED, STAFF_STATE_KEY, RecordedStaff, staff_problems
from app.store.facts import PRICES_KEY, FactRepository
from app.store.unit_of_work import UnitOfWork

# Settings: the highest head the hub acknowledged, and why it last refused one (until it accepts one again).
HUB_HEAD_KEY = "audit_hub_head"
HUB_REFUSAL_KEY = "audit_hub_refusal"
CATALOG_IMPORTED = "catalog.imported"
# The entries that say which price a write left on a product: an import, or the manager's product editor
# (app/services/catalog_edit.py).
PRICE_ACTIONS = (CATALOG_IMPORTED, "catalog.product_added", "catalog.product_changed", "catalog.price_changed")


@dataclass(frozen=True, slots=True)
class AuditVerification:
    entries: int
    broken: BrokenLink | None
    facts_checked: int = 0
    problems: tuple[str, ...] = ()
    restores: tuple[str, ...] = ()
    head: AuditHead | None = None

    @property
    def intact(self) -> bool:
        return self.broken is None and not self.problems


def append_fact(
    uow: UnitOfWork,
    kind: FactKind,
    key: str,
    *,
    till_id: str,
    staff_id: str | None,
    action: str,
    subject: str,
    details: dict[str, object],
    approved_by: str | None = None,
) -> AuditEntry:
    """Audit a fact just written in this unit of work, with the hash of its rows as the store holds them."""
    content = FactRepository(uow.connection).one(kind, key)
    return uow.audit.append(
        till_id=till_id,
        staff_id=staff_id,
        action=action,
        subject=subject,
        details={**details, **fact_details(kind, content)},
        approved_by=approved_by,
    )


def verify_audit_trail(uow: UnitOfWork, printed_head: AuditHead | None = None) -> AuditVerification:
    """The chain, every fact against its entry, and this store's length against the heads seen outside it."""
    with uow.for_reading():
        entries = list(uow.audit.entries())
        facts = FactRepository(uow.connection)
        stored = {kind: facts.all(kind) for kind in FactKind}
        products = facts.product_prices()
        staff = facts.staff_states()
        hub_head = head_from_json(json.loads(uow.tills.setting(HUB_HEAD_KEY) or "null"))
        refusal = uow.tills.setting(HUB_REFUSAL_KEY)
    broken = find_broken_link(entries)
    recorded, restores, legacy_receipts, prices = _read_entries(entries)
    # Goods received before their entries named the instant (legacy entries) cannot be matched to them.
    if legacy_receipts:
        stored[FactKind.STOCK_RECEIVED] = {
            key: rows for key, rows in stored[FactKind.STOCK_RECEIVED].items() if key > legacy_receipts
        }
    problems, checked = check_facts(recorded, stored)
    problems += price_problems(prices, products)
    problems += staff_problems(*_staff_entries(entries), staff)
    head = AuditHead(entries[-1].fields.seq, entries[-1].entry_hash) if entries else None
    head_problems = []
    for known, source in ((hub_head, "The hub"), (printed_head, "The Z report")):
        if known is None:
            continue
        problem = head_problem(head, _hash_at(entries, known.seq), known, source)
        if problem is not None and not any(restore.explains(known) for restore in restores):
            head_problems.append(problem)
    if refusal and not head_problems:
        # The hub's own words, when the head it last told this till of says nothing more.
        head_problems.append(f"The hub refused this till's audit head: {refusal}")
    problems += head_problems
    return AuditVerification(
        len(entries), broken, checked, tuple(problems), tuple(restore.describe() for restore in restores), head
    )


def _staff_entries(entries: list[AuditEntry]) -> tuple[dict[str, RecordedStaff], set[str]]:
    """The last state each staff change recorded per member, and the members some entry added."""
    recorded: dict[str, RecordedStaff] = {}
    added: set[str] = set()
    for entry in entries:
        action = entry.fields.action
        if not action.startswith("staff."):
            continue
        if action == STAFF_ADDED:
            added.add(entry.fields.subject)
        state = json.loads(entry.fields.details).get(STAFF_STATE_KEY)
        if state is not None:
            recorded[entry.fields.subject] = RecordedStaff(entry.fields.seq, state)
    return recorded, added


def _read_entries(
    entries: list[AuditEntry],
) -> tuple[list[RecordedFact], list[Restore], str, dict[str, RecordedPrice]]:
    """The entries that record facts, the restores, when the last legacy goods-received entry was written,
    and the last price each catalog import set."""
    recorded: list[RecordedFact] = []
    restores: list[Restore] = []
    legacy_receipts = ""
    prices: dict[str, RecordedPrice] = {}
    for entry in entries:
        action = entry.fields.action
        kind = FACT_ACTIONS.get(action)
        if kind is None and action not in (RESTORED_ACTION, *PRICE_ACTIONS):
            continue
        details = json.loads(entry.fields.details)
        if action in PRICE_ACTIONS:
            for sku, (_before, after) in details.get(PRICES_KEY, {}).items():
                prices[sku] = RecordedPrice(entry.fields.seq, after, details["at"])
            continue
        if action == RESTORED_ACTION:
            restores.append(
                Restore(
                    entry.fields.seq,
                    entry.entry_hash,
                    entry.fields.at,
                    head_from_json(details.get("backup_head")),
                    head_from_json(details.get("replaced_head")),
                )
            )
            continue
        assert kind is not None
        key = entry.fields.subject
        if kind is FactKind.STOCK_RECEIVED:
            if FACT_KEY not in details:
                legacy_receipts = entry.fields.at
                continue
            key = str(details.get("at"))
        recorded.append(RecordedFact(entry.fields.seq, kind, key, details))
    return recorded, restores, legacy_receipts, prices


def _hash_at(entries: list[AuditEntry], seq: int) -> str | None:
    if 0 < seq <= len(entries) and entries[seq - 1].fields.seq == seq:
        return entries[seq - 1].entry_hash
    return None
