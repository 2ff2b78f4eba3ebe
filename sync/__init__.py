"""Sync with the marketplace: the wire protocol, the till's HTTP client and the reference hub.

Stand-alone: nothing here imports the app. The till's services drive the
client with records read from the store's outbox.
"""
