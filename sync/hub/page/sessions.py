"""The event page's cookies and CSRF checks (docs/event_page.md).

The session cookie holds the session id only (HttpOnly, SameSite=Lax, Secure
over https); the hub keeps its hash and the session's CSRF token
(sync/hub/store/operators.py). Every form carries that token in a hidden field
and a POST without it is refused. The sign-in form, before any session
exists, is protected the same way by a random token held both in a short
cookie and in the form (double submit).
"""

from __future__ import annotations

import hmac
import secrets
from urllib.parse import parse_qs

from fastapi import Request
from fastapi.responses import Response

SESSION_COOKIE = "popup_hub_session"
SIGN_IN_COOKIE = "popup_hub_sign_in"
MAX_FORM_BYTES = 64 * 1024


def set_cookie(request: Request, response: Response, name: str, value: str, max_age: int) -> None:
    response.set_cookie(
        name,
        value,
        max_age=max_age,
        path="/page/",
        httponly=True,
        samesite="lax",
        secure=request.url.scheme == "https",
    )


def new_sign_in_token() -> str:
    return secrets.token_urlsafe(32)


def same_token(given: str | None, expected: str | None) -> bool:
    return bool(given) and bool(expected) and hmac.compare_digest(str(given), str(expected))


async def read_form(request: Request) -> dict[str, str]:
    """The fields of a urlencoded form (the first value of each); anything else reads as an empty form."""
    if not request.headers.get("content-type", "").startswith("application/x-www-form-urlencoded"):
        return {}
    body = await request.body()
    if len(body) > MAX_FORM_BYTES:
        return {}
    try:
        fields = parse_qs(body.decode(), keep_blank_values=True, max_num_fields=20)
    except (UnicodeDecodeError, ValueError):
        return {}
    return {name: values[0] for name, values in fields.items()}
