"""Can this till apply a change of the hub's feed? If not, say why, in words a manager can pass on.

Checked before anything is written, against the feed's contracts in
sync/records, so that a malformed entry is set aside whole instead of failing
halfway through the page.
"""

from __future__ import annotations

from collections.abc import Sequence

from pydantic import TypeAdapter, ValidationError

from sync.protocol import Change
from sync.records import ChangeKind, ContractError, ProductChanged, parse_change

# A first pull is a whole catalog: a page's products are checked in one call, at a fraction of the cost of each alone.
_PRODUCTS = TypeAdapter(list[ProductChanged])


def check_change(change: Change) -> str | None:
    """Why ``change`` cannot be applied, or None when it can."""
    try:
        parse_change(change.kind, change.key, change.data)
    except ContractError as broken:
        return str(broken)
    return None


def check_changes(changes: Sequence[Change]) -> list[str | None]:
    """``check_change`` of each of ``changes``, in order.

    The products go through their contract together; only when one of them
    breaks it (or its key is not its SKU) is each checked alone, so the one to
    blame is named with its reason.
    """
    products = [index for index, change in enumerate(changes) if change.kind == ChangeKind.PRODUCT]
    fit: set[int] = set()
    if products:
        try:
            parsed = _PRODUCTS.validate_python([changes[index].data for index in products])
        except ValidationError:
            parsed = None
        if parsed is not None:
            fit = {index for index, product in zip(products, parsed, strict=True) if changes[index].key == product.sku}
    return [None if index in fit else check_change(change) for index, change in enumerate(changes)]
