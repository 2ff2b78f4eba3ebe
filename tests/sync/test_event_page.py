"""The live event page (/page/) in a real headless chromium against a real hub on 127.0.0.1, with a real
enrolled till selling and syncing; the sign-in rules and CSRF over plain HTTP (docs/event_page.md)."""

from __future__ import annotations

import io
import re
import shutil
from collections.abc import Iterator
from contextlib import contextmanager

import httpx
import pytest
from alembic.autogenerate import compare_metadata
from alembic.runtime.migration import MigrationContext
from selenium import webdriver
from selenium.webdriver.common.by import By
from selenium.webdriver.remote.webdriver import WebDriver
from selenium.webdriver.support import expected_conditions as ready
from selenium.webdriver.support.wait import WebDriverWait

from app.services.selling import SaleCompleted
from sync.hub.cli import main as hub_main
from sync.hub.page.routes import money
from sync.hub.page.sessions import SESSION_COOKIE
from sync.hub.store import open_hub_engine
from sync.hub.store import operators as accounts
from sync.hub.store.admin_reads import reviewed_conflicts
from sync.hub.store.schema import metadata
from tests.sync.conftest import EnrolledTill, HubEvent
from tests.sync.till_actions import outbox_records, sell, sync

OPERATOR, PASSWORD = "anna", "winter-market-2026"
CHROMIUM = shutil.which("chromium") or shutil.which("chromium-browser")
CHROMEDRIVER = shutil.which("chromedriver")
needs_chromium = pytest.mark.skipif(
    CHROMIUM is None or CHROMEDRIVER is None,
    reason="chromium and chromedriver are not installed: packaging/system-deps.sh installs them",
)
# The page refreshes every 5 s; this bounds the wait for a change to show, it is never slept.
SHOWS_WITHIN = 20


@pytest.fixture(scope="module")
def browser() -> Iterator[WebDriver]:
    if CHROMIUM is None or CHROMEDRIVER is None:
        pytest.skip("chromium and chromedriver are not installed: packaging/system-deps.sh installs them")
    options = webdriver.ChromeOptions()
    options.binary_location = CHROMIUM
    for argument in ("--headless=new", "--no-sandbox", "--disable-dev-shm-usage", "--window-size=1280,900"):
        options.add_argument(argument)
    driver = webdriver.Chrome(options=options, service=webdriver.ChromeService(executable_path=CHROMEDRIVER))
    yield driver
    driver.quit()


@pytest.fixture
def operator(hub: HubEvent) -> str:
    with hub.hub.store.engine.begin() as connection:
        accounts.add_operator(connection, OPERATOR, PASSWORD, accounts.MANAGER)
    return OPERATOR


def sign_in(browser: WebDriver, hub: HubEvent, password: str = PASSWORD, name: str = OPERATOR) -> None:
    browser.delete_all_cookies()
    browser.get(f"{hub.hub.url}/page/sign-in")
    browser.find_element(By.ID, "name").send_keys(name)
    browser.find_element(By.ID, "password").send_keys(password)
    browser.find_element(By.ID, "sign-in").click()


def sale_hour(till: EnrolledTill, sale: SaleCompleted) -> str:
    """The hour the page files the sale under: that of the sale's own time, as the till pushed it."""
    [stamp] = [
        record.payload["created_at"]
        for record in outbox_records(till)
        if record.type == "sale.completed" and record.payload["receipt_no"] == sale.receipt_no
    ]
    return f"{stamp[:10]} {stamp[11:13]}:00"


def open_event(browser: WebDriver, hub: HubEvent, name: str = OPERATOR) -> None:
    sign_in(browser, hub, name=name)
    WebDriverWait(browser, 10).until(ready.presence_of_element_located((By.CSS_SELECTOR, "ul.events a"))).click()
    WebDriverWait(browser, 10).until(ready.presence_of_element_located((By.ID, "figures")))


@needs_chromium
def test_a_sale_made_on_a_till_appears_on_the_open_event_page(
    browser: WebDriver, hub: HubEvent, till_a: EnrolledTill, operator: str
) -> None:
    sync(till_a)
    open_event(browser, hub)
    assert "No sale has reached the hub yet." in browser.find_element(By.ID, "sales").text

    sale = sell(till_a, "BER-003")
    sync(till_a)

    row = WebDriverWait(browser, SHOWS_WITHIN).until(
        ready.presence_of_element_located((By.CSS_SELECTOR, "tr.till-sales[data-till='A']"))
    )
    assert [cell.text for cell in row.find_elements(By.TAG_NAME, "td")] == ["A", "1", money(sale.total, "CHF")]
    hours = browser.find_element(By.CSS_SELECTOR, "table.hours tbody").text
    assert money(sale.total, "CHF") in hours and sale_hour(till_a, sale) in hours
    tills = browser.find_element(By.ID, "tills").text
    assert re.search(r"\bA\b", tills) and "never" not in tills, "till A's last contact is shown"


@needs_chromium
def test_a_conflict_reviewed_on_the_page_leaves_the_open_list(
    browser: WebDriver, hub: HubEvent, till_a: EnrolledTill, operator: str
) -> None:
    sync(till_a)
    hub.hub.store.set_stock(hub.event_id, "BER-003", 1)
    sell(till_a, "BER-003", "BER-003")
    sync(till_a)
    open_event(browser, hub)
    [conflict] = browser.find_elements(By.CSS_SELECTOR, "li.conflict")
    assert "stock below zero" in conflict.text and "BER-003" in conflict.text
    assert "sold out" in browser.find_element(By.ID, "stock").text

    conflict.find_element(By.NAME, "note").send_keys("two sold, one left: maker brings another")
    conflict.find_element(By.TAG_NAME, "button").click()

    WebDriverWait(browser, 10).until(ready.presence_of_element_located((By.ID, "no-conflicts")))
    with hub.hub.store.engine.connect() as connection:
        [reviewed] = reviewed_conflicts(connection, reviewed=True)
    assert (reviewed["reviewed_by"], reviewed["note"]) == (OPERATOR, "two sold, one left: maker brings another")


@needs_chromium
def test_a_viewer_sees_the_conflict_in_the_browser_without_a_review_form(
    browser: WebDriver, hub: HubEvent, till_a: EnrolledTill
) -> None:
    with hub.hub.store.engine.begin() as connection:
        accounts.add_operator(connection, "vera", PASSWORD, accounts.VIEWER, [hub.event_id])
    sync(till_a)
    hub.hub.store.set_stock(hub.event_id, "BER-003", 1)
    sell(till_a, "BER-003", "BER-003")
    sync(till_a)
    open_event(browser, hub, "vera")
    [conflict] = browser.find_elements(By.CSS_SELECTOR, "li.conflict")
    assert "stock below zero" in conflict.text
    assert conflict.find_elements(By.TAG_NAME, "form") == []
    note = browser.find_element(By.ID, "reviews-for-managers").text
    assert note == "A manager of this event reviews these conflicts."


@needs_chromium
def test_the_close_checklist_names_the_till_whose_cash_is_open(
    browser: WebDriver, hub: HubEvent, till_a: EnrolledTill, operator: str
) -> None:
    sync(till_a)
    open_event(browser, hub)
    [line] = browser.find_elements(By.CSS_SELECTOR, "#close li.till-line")
    assert line.get_attribute("data-till") == "A"
    assert "Till A" in line.text and "cash not closed" in line.text


@needs_chromium
def test_a_wrong_password_is_refused_in_the_browser(browser: WebDriver, hub: HubEvent, operator: str) -> None:
    sign_in(browser, hub, password="not-the-password")
    error = WebDriverWait(browser, 10).until(ready.presence_of_element_located((By.ID, "sign-in-error")))
    assert error.text == "Wrong name or password: check both and try again."
    assert browser.get_cookie(SESSION_COOKIE) is None


def form_token(html: str) -> str:
    found = re.search(r'name="csrf_token" value="([^"]+)"', html)
    assert found is not None, "the form carries its CSRF token"
    return found[1]


@contextmanager
def signed_in(hub: HubEvent) -> Iterator[tuple[httpx.Client, httpx.Response]]:
    """A client with the operator's session, and the answer that set it."""
    with httpx.Client(base_url=hub.hub.url) as client:
        token = form_token(client.get("/page/sign-in").text)
        answer = client.post("/page/sign-in", data={"csrf_token": token, "name": OPERATOR, "password": PASSWORD})
        assert answer.status_code == 303 and answer.headers["location"] == "/page/"
        yield client, answer


def test_a_post_without_the_csrf_token_is_refused(hub: HubEvent, till_a: EnrolledTill, operator: str) -> None:
    sync(till_a)
    hub.hub.store.set_stock(hub.event_id, "BER-003", 1)
    sell(till_a, "BER-003", "BER-003")
    sync(till_a)
    [conflict] = hub.hub.store.conflicts()
    review = f"/page/events/{hub.event_id}/conflicts/{conflict['id']}/review"
    with signed_in(hub) as (client, _):
        without = client.post(review, data={"note": "forged"})
        wrong = client.post(review, data={"note": "forged", "csrf_token": "x" * 43})
        sign_out = client.post("/page/sign-out", data={})
        assert [without.status_code, wrong.status_code, sign_out.status_code] == [403, 403, 403]
        assert "did not come from your session" in without.text
        assert client.get("/page/").status_code == 200, "still signed in"
    assert hub.hub.store.conflicts()[0]["id"] == conflict["id"]
    with hub.hub.store.engine.connect() as connection:
        assert reviewed_conflicts(connection, reviewed=True) == []


def test_a_review_the_store_refuses_is_answered_with_its_reason(hub: HubEvent, operator: str) -> None:
    with signed_in(hub) as (client, _):
        token = form_token(client.get("/page/").text)
        unknown = client.post(
            f"/page/events/{hub.event_id}/conflicts/999/review", data={"csrf_token": token, "note": "seen"}
        )
        assert unknown.status_code == 400 and "No conflict 999 among the conflicts of this event" in unknown.text
        too_large = client.post(
            f"/page/events/{hub.event_id}/conflicts/{2**40}/review", data={"csrf_token": token, "note": "seen"}
        )
        assert too_large.status_code == 422


def test_a_sign_in_form_not_from_this_hub_is_refused(hub: HubEvent, operator: str) -> None:
    with httpx.Client(base_url=hub.hub.url) as client:
        answer = client.post("/page/sign-in", data={"csrf_token": "forged", "name": OPERATOR, "password": PASSWORD})
        assert answer.status_code == 403
        assert SESSION_COOKIE not in client.cookies


def test_the_session_cookie_is_http_only_and_same_site_and_sign_out_ends_it(hub: HubEvent, operator: str) -> None:
    with signed_in(hub) as (client, answer):
        [cookie] = [header for header in answer.headers.get_list("set-cookie") if header.startswith(SESSION_COOKIE)]
        assert "httponly" in cookie.lower() and "samesite=lax" in cookie.lower()
        assert "secure" not in cookie.lower(), "plain http on 127.0.0.1: Secure only over https"
        token = form_token(client.get("/page/").text)
        assert client.post("/page/sign-out", data={"csrf_token": token}).status_code == 303
        assert client.get("/page/").status_code == 303
        assert client.get(f"/page/events/{hub.event_id}/figures").status_code == 401


def test_behind_a_tls_proxy_the_session_cookie_is_secure(hub: HubEvent, operator: str) -> None:
    """uvicorn takes the scheme from X-Forwarded-Proto of a proxy on 127.0.0.1, as behind nginx or caddy."""
    proxied = {"X-Forwarded-Proto": "https"}
    with httpx.Client(base_url=hub.hub.url, headers=proxied) as client:
        form = client.get("/page/sign-in")
        # The client speaks http to the proxy's place, so it keeps Secure cookies to itself: sent by hand.
        [sign_in_cookie] = [header.split(";")[0] for header in form.headers.get_list("set-cookie")]
        assert "; secure" in form.headers["set-cookie"].lower()
        answer = client.post(
            "/page/sign-in",
            data={"csrf_token": form_token(form.text), "name": OPERATOR, "password": PASSWORD},
            headers={"Cookie": sign_in_cookie},
        )
    [cookie] = [header for header in answer.headers.get_list("set-cookie") if header.startswith(SESSION_COOKIE)]
    assert "; secure" in cookie.lower()


def test_pages_need_a_session(hub: HubEvent) -> None:
    with httpx.Client(base_url=hub.hub.url) as client:
        for path in ("/page/", f"/page/events/{hub.event_id}"):
            answer = client.get(path)
            assert (answer.status_code, answer.headers["location"]) == (303, "/page/sign-in")
        assert client.get(f"/page/events/{hub.event_id}/figures").status_code == 401


def test_wrong_passwords_in_a_row_lock_the_name_for_a_while(hub: HubEvent, operator: str) -> None:
    with httpx.Client(base_url=hub.hub.url) as client:
        statuses = []
        for password in ["wrong-password"] * accounts.FAILURES_BEFORE_LOCK + [PASSWORD]:
            token = form_token(client.get("/page/sign-in").text)
            answer = client.post("/page/sign-in", data={"csrf_token": token, "name": OPERATOR, "password": password})
            statuses.append(answer.status_code)
        assert statuses == [401] * accounts.FAILURES_BEFORE_LOCK + [429]
        assert "Too many wrong passwords for anna" in answer.text
        assert SESSION_COOKIE not in client.cookies


def test_the_pages_and_their_files_come_from_the_hub_alone(hub: HubEvent, operator: str) -> None:
    with signed_in(hub) as (client, _):
        page = client.get(f"/page/events/{hub.event_id}")
        assert page.headers["content-security-policy"].startswith("default-src 'self'")
        loaded = re.findall(r'(?:src|href)="([^"#]+)"', page.text)
        assert loaded and all(link.startswith("/page/") for link in loaded), loaded
        for static in ("/page/static/page.css", "/page/static/page.js"):
            assert client.get(static).status_code == 200
        assert client.get("/page/events/no-such-event").status_code == 404
    assert not [path for path in httpx.get(f"{hub.hub.url}/openapi.json").json()["paths"] if "/page" in path]


def test_operators_are_added_listed_and_removed_with_the_command(
    hub: HubEvent, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    db = ["--db", str(hub.hub.store.engine.url.render_as_string(hide_password=False))]
    monkeypatch.setattr("sys.stdin", io.StringIO("short\n"))
    assert hub_main([*db, "operator", "add", "ben", "--password-stdin"]) != 0
    assert "at least 10 characters" in capsys.readouterr().err
    monkeypatch.setattr("sys.stdin", io.StringIO("a-long-enough-one\n"))
    assert hub_main([*db, "operator", "add", "ben", "--password-stdin"]) == 0
    assert hub_main([*db, "operator", "list"]) == 0
    assert re.search(r"^ben\tviewer\tall events\tactive\t", capsys.readouterr().out, re.MULTILINE)
    with hub.hub.store.engine.begin() as connection:
        assert accounts.sign_in(connection, "ben", "a-long-enough-one", "127.0.0.1") is not None
    assert hub_main([*db, "operator", "remove", "ben"]) == 0
    assert hub_main([*db, "operator", "remove", "ben"]) != 0
    assert "No operator named ben" in capsys.readouterr().err


def test_the_migrated_page_tables_match_the_schema_module(hub_url: str) -> None:
    engine = open_hub_engine(hub_url)

    def only_operators(obj: object, name: str | None, type_: str, reflected: bool, compare_to: object) -> bool:
        table = getattr(obj, "table", obj)
        return str(getattr(table, "name", name) or "").startswith(("operator", "sign_in_", "till_contacts"))

    with engine.connect() as connection:
        context = MigrationContext.configure(connection, opts={"include_object": only_operators})
        assert compare_metadata(context, metadata) == []
    engine.dispose()
