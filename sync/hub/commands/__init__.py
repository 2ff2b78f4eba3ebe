"""``popup-hub`` commands beyond the core ones in sync/hub/cli.py, one module per concern.

Each module listed in ``MODULES`` has ``add_commands(commands)``, which adds
its subcommands to the parser and gives each a ``run(store, args)`` default;
``popup-hub`` calls that ``run`` with the opened HubStore.
"""

from __future__ import annotations

import argparse
from importlib import import_module
from typing import Protocol

MODULES: tuple[str, ...] = (
    "stock",
    "vouchers",
    "drops",
    "event_close",
    "reports",
    "event_settings",
    "price_rules",
    "apikeys",
    "webhooks",
    "operators",
    "relay",
    "group_buys",
    "demand",
    "makers",
    "scorecard",
)


class CommandModule(Protocol):
    def add_commands(self, commands: argparse._SubParsersAction[argparse.ArgumentParser]) -> None: ...


def add_all(commands: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    for name in MODULES:
        module: CommandModule = import_module(f"sync.hub.commands.{name}")
        module.add_commands(commands)
