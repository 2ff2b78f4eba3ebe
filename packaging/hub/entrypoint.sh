#!/bin/sh
# Starts popup-hub from the POPUP_HUB_* environment, so one image serves any database and port:
#   POPUP_HUB_DB           database URL (required): sqlite:////var/lib/popup-hub/hub.db or postgresql+psycopg://...
#   POPUP_HUB_HOST         address to listen on (default 0.0.0.0)
#   POPUP_HUB_PORT         port to listen on (default 8080)
#   POPUP_HUB_SIGNING_KEY  path of the marketplace's Ed25519 private key (PEM), read by 'popup-hub pickup create'
# 'popup-hub serve' gets --host and --port; every popup-hub command gets --db. Anything else runs as given.
set -eu

if [ "${1:-}" != "popup-hub" ]; then
    exec "$@"
fi
shift
: "${POPUP_HUB_DB:?set POPUP_HUB_DB to the hub database URL, e.g. postgresql+psycopg://hub:secret@db/hub}"
if [ "${1:-}" = "serve" ]; then
    shift
    set -- serve --host "${POPUP_HUB_HOST:-0.0.0.0}" --port "${POPUP_HUB_PORT:-8080}" "$@"
fi
exec popup-hub --db "$POPUP_HUB_DB" "$@"
