"""The hub's logs as one JSON object per line, for ``popup-hub serve``.

journald, ``docker logs`` and log shippers (Loki, CloudWatch, Elastic) read
one object per line without parsing patterns, and an HTTP request keeps its
fields (method, path, status, client) instead of a formatted sentence.
"""

from __future__ import annotations

import json
import logging
from datetime import UTC, datetime
from typing import Any

HEALTH_PATH = "/v1/health"
_ACCESS_FIELDS = ("client", "method", "path", "http_version", "status")


class JsonFormatter(logging.Formatter):
    def format(self, record: logging.LogRecord) -> str:
        entry: dict[str, Any] = {
            "time": datetime.fromtimestamp(record.created, UTC).isoformat(timespec="milliseconds"),
            "level": record.levelname.lower(),
            "logger": record.name,
            "message": record.getMessage(),
        }
        # uvicorn's access log hands its fields over as the message's arguments.
        if record.name == "uvicorn.access" and isinstance(record.args, tuple) and len(record.args) == 5:
            entry.update(zip(_ACCESS_FIELDS, record.args, strict=True))
        if record.exc_info:
            entry["error"] = self.formatException(record.exc_info)
        return json.dumps(entry, ensure_ascii=False, default=str)


class QuietHealthChecks(logging.Filter):
    """Drop the access lines of successful health checks: Docker and load balancers probe every few seconds."""

    def filter(self, record: logging.LogRecord) -> bool:
        args = record.args
        return not (isinstance(args, tuple) and len(args) == 5 and args[2] == HEALTH_PATH and args[4] == 200)


def log_config(level: str = "INFO") -> dict[str, Any]:
    """A ``logging.config.dictConfig`` dictionary for uvicorn's ``log_config``: every logger as JSON on stderr."""
    handler = {"class": "logging.StreamHandler", "formatter": "json", "stream": "ext://sys.stderr"}
    return {
        "version": 1,
        "disable_existing_loggers": False,
        "formatters": {"json": {"()": JsonFormatter}},
        "filters": {"quiet_health_checks": {"()": QuietHealthChecks}},
        "handlers": {
            "stderr": handler,
            "access": {**handler, "filters": ["quiet_health_checks"]},
        },
        "loggers": {
            "uvicorn": {"handlers": ["stderr"], "level": level, "propagate": False},
            "uvicorn.access": {"handlers": ["access"], "level": level, "propagate": False},
        },
        "root": {"handlers": ["stderr"], "level": level},
    }
