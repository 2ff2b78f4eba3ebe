"""Opening the hub's database: migrated when behind, and left to itself, Alembic not even imported, when at the
newest revision (sync/revisions.py, sync/hub/store/engine.py)."""

from __future__ import annotations

import subprocess
import sys

from alembic import command
from alembic.config import Config
from alembic.script import ScriptDirectory

from sync.hub.store import open_hub_engine
from sync.hub.store.engine import MIGRATIONS, stored_revision
from sync.revisions import newest_revision
from tests.sync.hub_processes import ROOT

OPEN_AND_REPORT = (
    "import sys\n"
    "from sync.hub.store import open_hub_engine\n"
    "open_hub_engine(sys.argv[1]).dispose()\n"
    "print('alembic' in sys.modules)\n"
)


def _alembic_config() -> Config:
    config = Config()
    config.set_main_option("script_location", str(MIGRATIONS))
    return config


def _opened_in_a_process(url: str) -> bool:
    """Whether a new process that opens the hub's database at ``url`` imported Alembic to do it."""
    done = subprocess.run(
        [sys.executable, "-c", OPEN_AND_REPORT, url], capture_output=True, text=True, cwd=ROOT, timeout=120
    )
    assert done.returncode == 0, done.stderr
    return done.stdout.strip() == "True"


def test_the_migration_files_names_say_what_alembic_says() -> None:
    assert newest_revision(MIGRATIONS / "versions") == ScriptDirectory.from_config(_alembic_config()).get_current_head()


def test_a_hub_database_at_the_newest_revision_opens_without_alembic(hub_url: str) -> None:
    open_hub_engine(hub_url).dispose()
    assert _opened_in_a_process(hub_url) is False


def test_a_hub_database_behind_is_migrated_to_the_newest_revision(hub_url: str) -> None:
    engine = open_hub_engine(hub_url)
    config = _alembic_config()
    with engine.begin() as connection:
        config.attributes["connection"] = connection
        command.downgrade(config, "0027")
    assert stored_revision(engine) == "0027"
    engine.dispose()
    assert _opened_in_a_process(hub_url) is True
    engine = open_hub_engine(hub_url)
    assert stored_revision(engine) == newest_revision(MIGRATIONS / "versions")
    engine.dispose()
