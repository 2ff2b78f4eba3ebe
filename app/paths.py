"""Where the till keeps its store: the user data folder, or ``--data-dir``."""

from __future__ import annotations

import os
from pathlib import Path

from platformdirs import user_data_dir

DATA_DIR_ENV = "POPUP_POS_DATA_DIR"


def data_dir(override: str | os.PathLike[str] | None = None) -> Path:
    if override:
        return Path(override).expanduser().resolve()
    if os.environ.get(DATA_DIR_ENV):
        return Path(os.environ[DATA_DIR_ENV]).expanduser().resolve()
    return Path(user_data_dir("popup-pos", "Pop-up POS"))
