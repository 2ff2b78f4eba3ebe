"""``python -m app``: open the till's window (``--demo`` loads the demo event into an empty store)."""

import sys

from app.cli import main

if __name__ == "__main__":
    sys.exit(main(["gui", *sys.argv[1:]] if not sys.argv[1:2] or sys.argv[1].startswith("-") else sys.argv[1:]))
