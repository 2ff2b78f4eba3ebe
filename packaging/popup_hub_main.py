"""The bundle's ``popup-hub``: a hub on the event laptop, for when the internet is down but the local network works."""

import sys

from sync.hub.cli import main

sys.exit(main())
