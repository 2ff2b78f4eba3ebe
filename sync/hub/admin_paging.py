"""Paging of the admin API's lists that grow with the event (pickup orders, conflicts): ``?limit=N&after=CURSOR``
answers the next N items, and the ``Next-After`` header carries the cursor of the page after, if any.

Without ``limit`` a list answers whole, as it did before paging. The cursor is
the last item's own key (an order's number, a conflict's id); neither is ever
deleted, so a page follows its cursor whatever was added since.

The logs (admin calls, webhook deliveries) grow without end, so they have a
default limit, and their store reads seek past the cursor instead of reading
the whole list (``seeked_page``); the parameters and the header are the same.
"""

from collections.abc import Callable, Sequence
from typing import Annotated, Any, TypeVar

from fastapi import HTTPException, Query, Response

from sync.hub.admin_common import unprocessable

Item = TypeVar("Item")
MAX_PAGE = 1000
NEXT_AFTER = "Next-After"
Limit = Annotated[int | None, Query(ge=1, le=MAX_PAGE, description="At most this many items (default: all).")]
After = Annotated[
    str | None, Query(max_length=64, description=f"The {NEXT_AFTER} header of the previous page: the items after it.")
]
UNKNOWN_CURSOR = unprocessable("A cursor that is no item of the list, or a limit out of range.")
PAGED: dict[str, Any] = {
    "headers": {
        NEXT_AFTER: {
            "description": "Present when more items follow: send it as ?after= for the next page.",
            "schema": {"type": "string"},
        }
    }
}


def page(
    items: Sequence[Item], key: Callable[[Item], str], limit: int | None, after: str | None, answer: Response
) -> list[Item]:
    """The items after the one keyed ``after`` (in the list's own order), ``limit`` of them; sets ``Next-After``."""
    start = 0
    if after is not None:
        keys = [key(item) for item in items]
        if after not in keys:
            raise HTTPException(
                422, f"after={after} is no item of this list: send the {NEXT_AFTER} header of the previous page."
            )
        start = keys.index(after) + 1
    chosen = list(items[start : start + limit] if limit is not None else items[start:])
    if limit is not None and start + limit < len(items):
        answer.headers[NEXT_AFTER] = key(chosen[-1])
    return chosen


def seeked_page(read: Sequence[Item], key: Callable[[Item], str], limit: int, answer: Response) -> list[Item]:
    """The first ``limit`` of ``read``, which the store read one longer to tell whether more follow."""
    chosen = list(read[:limit])
    if len(read) > limit:
        answer.headers[NEXT_AFTER] = key(chosen[-1])
    return chosen
