"""Print the hub's OpenAPI document (kept in the repo as sync/hub/openapi.json): python -m sync.hub.openapi"""

import json

from sqlalchemy import create_engine

from sync.hub.api import create_app
from sync.hub.store import HubStore

if __name__ == "__main__":
    print(json.dumps(create_app(HubStore(create_engine("sqlite://"))).openapi(), indent=2, sort_keys=True))
