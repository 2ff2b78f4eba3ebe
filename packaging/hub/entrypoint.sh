#!/bin/sh
# Starts popup-hub in the container; popup-hub reads its POPUP_HUB_* settings from the environment
# itself, with the defaults of sync/hub/settings.py, so this script restates none of them:
#   POPUP_HUB_DB              database URL (required): sqlite:////var/lib/popup-hub/hub.db or postgresql+psycopg://...
#   POPUP_HUB_HOST            address to listen on (the image sets 0.0.0.0: see the Dockerfile)
#   POPUP_HUB_PORT            port to listen on (8765, the hub's default)
#   POPUP_HUB_MAX_BODY_BYTES, POPUP_HUB_MAX_BATCH, POPUP_HUB_LOG_LEVEL, POPUP_HUB_LOG_FORMAT: see 'popup-hub serve --help'
#   POPUP_HUB_SIGNING_KEY     path of the marketplace's Ed25519 private key (PEM), read by 'popup-hub pickup create'
# Every popup-hub command gets --db. Anything else runs as given.
set -eu

if [ "${1:-}" != "popup-hub" ]; then
    exec "$@"
fi
shift
: "${POPUP_HUB_DB:?set POPUP_HUB_DB to the hub database URL, e.g. postgresql+psycopg://hub:secret@db/hub}"
exec popup-hub --db "$POPUP_HUB_DB" "$@"
