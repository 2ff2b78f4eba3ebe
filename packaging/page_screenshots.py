"""Screenshots of the hub's event page for README.md, taken in headless chromium (`make screenshots`).

A hub on a fresh SQLite database in a temporary folder serves a demo event; two
real tills enroll, sell and sync, one sells more of an item than the hub had
(a conflict to review), the marketplace has pickup orders waiting and one
cancelled. Then chromium signs in as an operator and takes the event's page
whole at a laptop's width and a phone's: docs/screenshots/event_page-laptop.png
and event_page-phone.png.
"""

from __future__ import annotations

import shutil
import socket
import sys
import tempfile
import threading
import time
import uuid
from pathlib import Path

import uvicorn
from selenium import webdriver
from selenium.webdriver.common.by import By
from selenium.webdriver.support import expected_conditions as ready
from selenium.webdriver.support.wait import WebDriverWait

from app.bootstrap import Till, open_till
from app.domain.staff import Role
from app.domain.tenders import Tender, TenderKind
from app.services import carts
from app.services.cash import open_session
from app.services.demo import DEMO_CATALOG
from app.services.selling import CompleteSale, complete_sale
from app.services.staff import AddStaff, add_staff
from app.services.syncing import enroll_till, sync_once
from sync.hub.api import create_app
from sync.hub.store import HubStore, open_hub_engine
from sync.hub.store import operators as accounts
from sync.protocol import EventInfo, TaxClassInfo

ROOT = Path(__file__).resolve().parent.parent
OUT = ROOT / "docs" / "screenshots"
WIDTHS = {"laptop": (1366, 768), "phone": (390, 844)}
OPERATOR, PASSWORD = "anna", "winter-market-2026"
# What each till sells, one scan list per sale: both sell the hub's only BER-003, a conflict to review.
SALES: dict[str, list[tuple[str, ...]]] = {
    "A": [("ATE-001",), ("BER-001", "BER-002"), ("ATE-003",), ("BER-003",)],
    "B": [("ATE-002",), ("BER-003",)],
}


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


def demo_hub(folder: Path) -> tuple[HubStore, str]:
    store = HubStore(open_hub_engine(f"sqlite:///{folder / 'hub.db'}"))
    event_id = store.create_event(
        EventInfo(
            event_id=str(uuid.uuid4()),
            name="Winter Makers Market",
            place="Kanzlei, Zurich",
            currency="CHF",
            locale="de_CH",
            prices_include_tax=True,
            cash_rounding_step=5,
            tax_classes=[
                TaxClassInfo(code="standard", name="VAT 8.1%", rate="0.081"),
                TaxClassInfo(code="reduced", name="VAT 2.6%", rate="0.026"),
            ],
        )
    )
    store.import_catalog(DEMO_CATALOG.read_bytes())
    for sku, level in {"ATE-001": 12, "ATE-002": 4, "ATE-003": 1, "BER-001": 20, "BER-002": 3, "BER-003": 1}.items():
        store.set_stock(event_id, sku, level)
    _key_id, private_key = store.create_signing_key()
    store.create_pickup(event_id, "W-1041", "Lea Meier", [("BER-001", 2)], private_key)
    store.create_pickup(event_id, "W-1042", "Jonas Keller", [("ATE-001", 1)], private_key)
    store.create_pickup(event_id, "W-1043", "Mia Frei", [("BER-002", 1)], private_key)
    store.cancel_pickup(event_id, "W-1043")
    with store.engine.begin() as connection:
        accounts.add_operator(connection, OPERATOR, PASSWORD, accounts.MANAGER)
    return store, event_id


def selling_till(url: str, store: HubStore, event_id: str, folder: Path, code: str) -> None:
    till: Till = open_till(folder)
    enroll_till(url, store.create_enroll_code(event_id, code), till.uow())
    manager = add_staff(AddStaff("Alex", Role.MANAGER, "1234"), till.uow()).staff_id
    cashier = add_staff(AddStaff("Sam", Role.CASHIER, "1111", added_by=manager), till.uow()).staff_id
    open_session({2000: 5}, cashier, till.uow())
    sync_once(till.uow, till.data_dir / "sync.lock")
    for codes in SALES[code]:
        cart_id = carts.current_cart(cashier, till.uow()).cart.cart_id
        state = None
        for scanned in codes:
            state = carts.scan(cart_id, scanned, cashier, till.uow())
        assert state is not None
        complete_sale(
            CompleteSale(cart_id, cashier, (Tender(TenderKind.CARD, state.priced.total, "TRM-1"),)), till.uow()
        )
    sync_once(till.uow, till.data_dir / "sync.lock")


def browser() -> webdriver.Chrome:
    chromium, driver = shutil.which("chromium"), shutil.which("chromedriver")
    if chromium is None or driver is None:
        sys.exit("page_screenshots: chromium and chromedriver are missing: run packaging/system-deps.sh as root.")
    options = webdriver.ChromeOptions()
    options.binary_location = chromium
    for argument in ("--headless=new", "--no-sandbox", "--disable-dev-shm-usage", "--hide-scrollbars"):
        options.add_argument(argument)
    return webdriver.Chrome(options=options, service=webdriver.ChromeService(executable_path=driver))


def take(url: str) -> None:
    chrome = browser()
    try:
        chrome.get(f"{url}/page/sign-in")
        chrome.find_element(By.ID, "name").send_keys(OPERATOR)
        chrome.find_element(By.ID, "password").send_keys(PASSWORD)
        chrome.find_element(By.ID, "sign-in").click()
        WebDriverWait(chrome, 10).until(ready.presence_of_element_located((By.CSS_SELECTOR, "ul.events a"))).click()
        WebDriverWait(chrome, 10).until(ready.presence_of_element_located((By.ID, "figures")))
        for name, (width, height) in WIDTHS.items():
            viewport = {"width": width, "height": height, "deviceScaleFactor": 1, "mobile": name == "phone"}
            chrome.execute_cdp_cmd("Emulation.setDeviceMetricsOverride", viewport)
            # The whole page in one picture: the viewport grows to the page's height at that width.
            full = int(chrome.execute_script("return document.documentElement.scrollHeight"))
            chrome.execute_cdp_cmd("Emulation.setDeviceMetricsOverride", {**viewport, "height": max(height, full)})
            target = OUT / f"event_page-{name}.png"
            chrome.save_screenshot(str(target))
            print(f"page_screenshots: {target.relative_to(ROOT)}")
    finally:
        chrome.quit()


def main() -> None:
    with tempfile.TemporaryDirectory() as temporary:
        folder = Path(temporary)
        store, event_id = demo_hub(folder)
        port = free_port()
        server = uvicorn.Server(
            uvicorn.Config(create_app(store), host="127.0.0.1", port=port, log_level="warning", lifespan="off")
        )
        thread = threading.Thread(target=server.run, daemon=True)
        thread.start()
        deadline = time.monotonic() + 10
        while not server.started:
            if time.monotonic() > deadline:
                sys.exit("page_screenshots: the hub did not start")
            time.sleep(0.05)
        url = f"http://127.0.0.1:{port}"
        try:
            for code in SALES:
                selling_till(url, store, event_id, folder / f"till-{code}", code)
            take(url)
        finally:
            server.should_exit = True
            thread.join(timeout=10)
            store.engine.dispose()


if __name__ == "__main__":
    main()
