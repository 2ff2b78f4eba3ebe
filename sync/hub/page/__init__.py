"""The live event page in the browser, served by the hub under /page/ (docs/event_page.md).

Server-rendered Jinja2 templates, one CSS and one JavaScript file served from
/page/static/, nothing loaded from anywhere else (the Content-Security-Policy
says so to the browser). The pages stay out of the OpenAPI document: they are
for people, the API under /v1/ is for programs.
"""

from __future__ import annotations

from sync.hub.page.routes import include_event_page

__all__ = ["include_event_page"]
