from __future__ import annotations

from dataclasses import replace

from hypothesis import given
from hypothesis import strategies as st

from app.domain.audit import GENESIS_HASH, AuditEntry, AuditFields, find_broken_link


def chain(count: int) -> list[AuditEntry]:
    entries: list[AuditEntry] = []
    previous = GENESIS_HASH
    for seq in range(1, count + 1):
        fields = AuditFields(
            seq, f"id{seq}", f"2026-12-05T10:00:0{seq}", "till", "staff", "sale", f"s{seq}", "{}", None
        )
        entry = AuditEntry.chained(fields, previous)
        entries.append(entry)
        previous = entry.entry_hash
    return entries


def test_an_intact_chain_verifies() -> None:
    assert find_broken_link(chain(5)) is None
    assert find_broken_link([]) is None


def test_a_changed_field_is_found_at_its_entry() -> None:
    entries = chain(5)
    entries[2] = replace(entries[2], fields=replace(entries[2].fields, details='{"total":1}'))
    broken = find_broken_link(entries)
    assert broken is not None and broken.seq == 3
    assert "changed" in broken.reason


def test_a_deleted_entry_is_found() -> None:
    entries = chain(5)
    del entries[1]
    broken = find_broken_link(entries)
    assert broken is not None and broken.seq == 3
    assert "entry 2 is missing" in broken.reason


def test_a_recomputed_forgery_still_breaks_the_next_link() -> None:
    entries = chain(4)
    forged_fields = replace(entries[1].fields, staff_id="someone-else")
    entries[1] = AuditEntry.chained(forged_fields, entries[1].prev_hash)
    broken = find_broken_link(entries)
    assert broken is not None and broken.seq == 3
    assert "does not link" in broken.reason


def test_reordered_entries_are_found() -> None:
    entries = chain(4)
    entries[1], entries[2] = entries[2], entries[1]
    broken = find_broken_link(entries)
    assert broken is not None and broken.seq == 3


def test_a_deleted_first_entry_is_found() -> None:
    broken = find_broken_link(chain(3)[1:])
    assert broken is not None and broken.seq == 2
    assert "entry 1 is missing" in broken.reason


def test_renumbering_after_a_deletion_still_breaks_the_chain() -> None:
    entries = chain(5)
    del entries[2]
    renumbered = [
        replace(entry, fields=replace(entry.fields, seq=index)) for index, entry in enumerate(entries, start=1)
    ]
    broken = find_broken_link(renumbered)
    assert broken is not None and broken.seq == 3


@given(st.integers(0, 5), st.sampled_from(["at", "staff_id", "action", "subject", "details", "approved_by"]))
def test_changing_any_field_of_any_entry_is_found_at_that_entry(index: int, field: str) -> None:
    entries = chain(6)
    fields = entries[index].fields
    entries[index] = replace(entries[index], fields=replace(fields, **{field: f"{getattr(fields, field)}!"}))
    broken = find_broken_link(entries)
    assert broken is not None
    assert (broken.seq, broken.reason) == (index + 1, "its content was changed after it was written")
