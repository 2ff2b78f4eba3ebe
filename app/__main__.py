"""``python -m app``: open the till's window (``--demo`` loads the demo event into an empty store)."""

import sys

from app.cli import main

# Options of the program itself, not of its window: they go to the command line as they are.
PROGRAM_OPTIONS = ("--version", "--self-test", "-h", "--help")

if __name__ == "__main__":
    args = sys.argv[1:]
    opens_window = not args or (args[0].startswith("-") and args[0] not in PROGRAM_OPTIONS)
    sys.exit(main(["gui", *args] if opens_window else args))
