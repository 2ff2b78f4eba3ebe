"""Printed documents (receipts, slips, reports) and their outputs: ESC/POS thermal printers and PDF.

Stand-alone: nothing here imports the app. The app builds a ``Document`` and
hands it to a ``ReceiptPrinter``.
"""
