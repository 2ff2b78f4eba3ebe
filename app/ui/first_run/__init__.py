"""The first-run wizard: from an empty store to a till ready to sell.

Demo or real event; enrolled with the marketplace's hub or standalone (the
event's language and country, currency, time zone and tax rates picked from
lists, suggested for the country); the staff and their PINs; the receipt
printer with a test page; the default cash float. Opened again on a set-up
till (``run_first_run_wizard``), it skips what cannot change (a store belongs
to one till) and asks a manager's PIN before the rest. Every step calls the
services on a worker thread, so a slow hub or a dead printer never freezes
the window, and every refusal is shown on the page it came from. One module
per page; every page scrolls, so Next stays on a 1024x600 screen.
"""

from app.ui.first_run.base import Step
from app.ui.first_run.wizard import FirstRunWizard, run_first_run_wizard

__all__ = ["FirstRunWizard", "Step", "run_first_run_wizard"]
