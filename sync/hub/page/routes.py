"""The event page's routes: sign-in and sign-out, the events list, an event's page and its refreshed figures,
and a conflict's review (the same store function as ``popup-hub conflicts review``).

An event the operator may not see answers as one the hub does not have (404), so that its id tells nothing.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path as FilePath
from typing import Annotated, Any, TypeVar
from urllib.parse import quote

from fastapi import APIRouter, FastAPI, Path, Request
from fastapi.responses import HTMLResponse, RedirectResponse, Response
from fastapi.staticfiles import StaticFiles
from jinja2 import Environment, FileSystemLoader, select_autoescape
from starlette.concurrency import run_in_threadpool

from sync.hub.page import views
from sync.hub.page.sessions import (
    SESSION_COOKIE,
    SIGN_IN_COOKIE,
    new_sign_in_token,
    read_form,
    same_token,
    set_cookie,
)
from sync.hub.store import HubError, HubStore
from sync.hub.store import operators as accounts
from sync.hub.store.operator_access import EventNotShown, ReviewNotAllowed, review_on_page
from sync.hub.store.sign_in_limits import AddressLocked

HERE = FilePath(__file__).parent
# Everything the pages load comes from this hub: no CDN, no inline script, no framing by another site.
SECURITY_HEADERS = {
    "Content-Security-Policy": "default-src 'self'; frame-ancestors 'none'; form-action 'self'; base-uri 'none'",
    "X-Content-Type-Options": "nosniff",
    "Referrer-Policy": "same-origin",
    "Cache-Control": "no-store",
}
REFRESH_SECONDS = 5
T = TypeVar("T")


def money(minor_units: int, currency: str) -> str:
    sign = "-" if minor_units < 0 else ""
    units, cents = divmod(abs(minor_units), 100)
    return f"{sign}{units:,}.{cents:02d} {currency}"


def include_event_page(app: FastAPI, store: HubStore) -> None:
    # Made now, with the page, so that the first sign-in with an unknown name takes no longer than the next.
    accounts.decoy_hash()
    templates = Environment(
        loader=FileSystemLoader(HERE / "templates"), autoescape=select_autoescape(["html"]), auto_reload=False
    )
    templates.filters["money"] = money
    router = APIRouter(prefix="/page", include_in_schema=False)

    def render(template: str, status: int = 200, **context: Any) -> HTMLResponse:
        html = templates.get_template(template).render(refresh_seconds=REFRESH_SECONDS, **context)
        return HTMLResponse(html, status_code=status, headers=SECURITY_HEADERS)

    def read(work: Callable[[Any], T]) -> T:
        with store.engine.connect() as connection:
            return work(connection)

    def write(work: Callable[[Any], T]) -> T:
        with store.engine.begin() as connection:
            return work(connection)

    def session_of(request: Request) -> accounts.Session | None:
        session_id = request.cookies.get(SESSION_COOKIE)
        if not session_id or len(session_id) > 100:
            return None
        return read(lambda connection: accounts.session_of(connection, session_id))

    def to_sign_in() -> RedirectResponse:
        return RedirectResponse("/page/sign-in", status_code=303, headers=SECURITY_HEADERS)

    def sign_in_form(request: Request, status: int = 200, error: str = "", name: str = "") -> HTMLResponse:
        token = new_sign_in_token()
        response = render("sign_in.html", status, error=error, name=name, csrf_token=token, session=None)
        set_cookie(request, response, SIGN_IN_COOKIE, token, max_age=3600)
        return response

    def refused(message: str, session: accounts.Session | None = None) -> HTMLResponse:
        return render("refused.html", 403, message=message, session=session)

    def shown_event(session: accounts.Session, event_id: str) -> views.EventView | None:
        """The event's figures, or None when the hub has no such event or the operator may not see it."""
        if not session.may_see(event_id):
            return None
        return read(lambda connection: views.event_view(connection, event_id))

    @router.get("/sign-in")
    def show_sign_in(request: Request) -> Response:
        return sign_in_form(request)

    @router.post("/sign-in")
    async def do_sign_in(request: Request) -> Response:
        form = await read_form(request)
        if not same_token(form.get("csrf_token"), request.cookies.get(SIGN_IN_COOKIE)):
            return refused("This sign-in form has expired or did not come from this hub: open the page again.")
        name, password = form.get("name", "").strip(), form.get("password", "")
        # The peer's address: behind a proxy uvicorn trusts (--forwarded-allow-ips), the one it forwarded for.
        address = request.client.host if request.client is not None else "unknown"
        try:
            session_id = await run_in_threadpool(
                write, lambda connection: accounts.sign_in(connection, name, password, address)
            )
        except (accounts.SignInLocked, AddressLocked) as locked:
            return sign_in_form(request, 429, str(locked), name)
        if session_id is None:
            return sign_in_form(request, 401, "Wrong name or password: check both and try again.", name)
        response = RedirectResponse("/page/", status_code=303, headers=SECURITY_HEADERS)
        set_cookie(request, response, SESSION_COOKIE, session_id, max_age=accounts.SESSION_HOURS * 3600)
        response.delete_cookie(SIGN_IN_COOKIE, path="/page/")
        return response

    @router.post("/sign-out")
    async def do_sign_out(request: Request) -> Response:
        form = await read_form(request)
        session = await run_in_threadpool(session_of, request)
        if session is None:
            return to_sign_in()
        if not same_token(form.get("csrf_token"), session.csrf_token):
            return refused("This form did not come from your session on this hub: reload the page and try again.")
        session_id = request.cookies[SESSION_COOKIE]
        await run_in_threadpool(write, lambda connection: accounts.sign_out(connection, session_id))
        response = to_sign_in()
        response.delete_cookie(SESSION_COOKIE, path="/page/")
        return response

    @router.get("/")
    def events_list(request: Request) -> Response:
        session = session_of(request)
        if session is None:
            return to_sign_in()
        shown = [event for event in read(views.events) if session.may_see(event.event_id)]
        return render("events.html", events=shown, session=session)

    @router.get("/events/{event_id}")
    def event_page(request: Request, event_id: str) -> Response:
        session = session_of(request)
        if session is None:
            return to_sign_in()
        view = shown_event(session, event_id)
        if view is None:
            return render("not_found.html", 404, session=session, event_id=event_id)
        return render("event.html", view=view, session=session)

    @router.get("/events/{event_id}/figures")
    def event_figures(request: Request, event_id: str) -> Response:
        session = session_of(request)
        if session is None:
            return Response("Signed out: sign in again.", status_code=401, headers=SECURITY_HEADERS)
        view = shown_event(session, event_id)
        if view is None:
            return Response("No such event on this hub.", status_code=404, headers=SECURITY_HEADERS)
        return render("figures.html", view=view, session=session)

    @router.post("/events/{event_id}/conflicts/{conflict_id}/review")
    async def review(
        request: Request,
        event_id: str,
        conflict_id: Annotated[int, Path(ge=1, le=2**31 - 1)],  # conflicts.id is a 32-bit integer
    ) -> Response:
        form = await read_form(request)
        session = await run_in_threadpool(session_of, request)
        if session is None:
            return to_sign_in()
        if not same_token(form.get("csrf_token"), session.csrf_token):
            return refused("This form did not come from your session on this hub: reload the page and try again.")
        note = form.get("note", "")
        try:
            await run_in_threadpool(
                write, lambda connection: review_on_page(connection, session.operator, event_id, conflict_id, note)
            )
        except EventNotShown:
            return render("not_found.html", 404, session=session, event_id=event_id)
        except ReviewNotAllowed as refusal:
            return refused(str(refusal), session)
        except HubError as problem:
            return render("review_refused.html", 400, message=str(problem), event_id=event_id, session=session)
        back = f"/page/events/{quote(event_id, safe='')}#conflicts"
        return RedirectResponse(back, status_code=303, headers=SECURITY_HEADERS)

    app.include_router(router)
    app.mount("/page/static", StaticFiles(directory=HERE / "static"), name="page_static")
