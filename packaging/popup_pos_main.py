"""The bundle's ``popup-pos``: the same command line as the installed one (no command opens the window)."""

import sys

from app.cli import main

sys.exit(main())
