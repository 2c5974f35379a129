"""Logging set-up for `python -m app serve`: plain text or JSON lines, with request ids."""

import asyncio
import json
import logging
import sys
import time
from datetime import UTC, datetime
from typing import Any, Literal, TextIO

import orjson
from starlette.types import Scope

from app.api.http.request_id import REQUEST_ID

LogFormat = Literal["text", "json"]
_STANDARD = set(logging.makeLogRecord({}).__dict__) | {"message", "asctime", "color_message"}


class RequestIdFilter(logging.Filter):
    """Gives every log record the id of the request being answered when it was written
    (`-` outside a request), so that an error's lines can be found beside its access line."""

    def filter(self, record: logging.LogRecord) -> bool:
        if getattr(record, "request_id", None) is None:
            record.request_id = REQUEST_ID.get() or "-"
        return True


class JsonLinesFormatter(logging.Formatter):
    """One JSON object per line: time, level, logger, message and any `extra` fields."""

    def format(self, record: logging.LogRecord) -> str:
        entry: dict[str, Any] = {
            "time": datetime.fromtimestamp(record.created, UTC).isoformat(timespec="milliseconds"),
            "level": record.levelname.lower(),
            "logger": record.name,
            "message": record.getMessage(),
        }
        entry.update({k: v for k, v in record.__dict__.items() if k not in _STANDARD})
        if record.exc_info:
            entry["exception"] = self.formatException(record.exc_info)
        return json.dumps(entry, default=str)


class AccessLog:
    """One line per answered request, in the format of the other log lines, written in batches.

    Going through `logging` for every request (a LogRecord, strftime, a locked write and
    flush) cost as much as answering from the response cache, halving the requests a core
    could serve. Lines are instead formatted directly (the date part once a second) and
    written together at most `interval` seconds later, or at once past `batch` lines, and at
    shut-down. Off until `config()` turns it on (as `python -m app serve` does)."""

    def __init__(self, interval: float = 0.1, batch: int = 512) -> None:
        self.enabled = False
        self.json = False
        self.stream: TextIO = sys.stderr
        self.interval = interval
        self.batch = batch
        self.lines: list[str] = []
        self._second = -1
        self._stamp = ""

    def start(self, log_format: LogFormat, stream: TextIO | None = None) -> None:
        self.flush()
        self.enabled, self.json = True, log_format == "json"
        self.stream = stream or sys.stderr

    def write(
        self, client: str, method: str, target: str, status: int, ms: float, request_id: str
    ) -> None:
        now = time.time()
        message = f'{client} "{method} {target}" {status} {ms:.2f}ms {request_id}'
        if self.json:
            line = orjson.dumps(
                {
                    "time": datetime.fromtimestamp(now, UTC).isoformat(timespec="milliseconds"),
                    "level": "info",
                    "logger": "app.access",
                    "message": message,
                    "request_id": request_id,
                    "client": client,
                    "method": method,
                    "target": target,
                    "status": status,
                    "duration_ms": ms,
                }
            ).decode()
        else:
            second = int(now)
            if second != self._second:
                self._second = second
                self._stamp = time.strftime("%Y-%m-%d %H:%M:%S", time.localtime(second))
            line = f"{self._stamp},{int(now % 1 * 1000):03d} INFO app.access: {message}"
        self.lines.append(line)
        if len(self.lines) >= self.batch:
            self.flush()
        elif len(self.lines) == 1:
            try:
                asyncio.get_running_loop().call_later(self.interval, self.flush)
            except RuntimeError:  # no event loop in this thread: write now
                self.flush()

    def flush(self) -> None:
        if not self.lines:
            return
        lines, self.lines = self.lines, []
        try:
            self.stream.write("\n".join(lines) + "\n")
            self.stream.flush()
        except (OSError, ValueError):  # a closed or broken stream loses log lines, not requests
            pass


access = AccessLog()


def config(log_format: LogFormat, level: str = "INFO") -> dict[str, Any]:
    """A dictConfig for the app's and uvicorn's loggers, and turns the access log on
    (uvicorn's access log is replaced by ours, which carries request ids)."""
    access.start(log_format)
    formatter: dict[str, Any] = (
        {"()": JsonLinesFormatter}
        if log_format == "json"
        else {"format": "%(asctime)s %(levelname)s %(name)s: %(message)s [%(request_id)s]"}
    )
    handler = {
        "class": "logging.StreamHandler",
        "formatter": "default",
        "filters": ["request_id"],
        "stream": "ext://sys.stderr",
    }
    return {
        "version": 1,
        "disable_existing_loggers": False,
        "filters": {"request_id": {"()": RequestIdFilter}},
        "formatters": {"default": formatter},
        "handlers": {"default": handler},
        "loggers": {
            "app": {"handlers": ["default"], "level": level, "propagate": False},
            "uvicorn": {"handlers": ["default"], "level": level, "propagate": False},
            "uvicorn.access": {"handlers": [], "level": "WARNING", "propagate": False},
        },
    }


def log_access(scope: Scope, status: int, request_id: str) -> None:
    if not access.enabled:
        return
    elapsed_ms = round((time.perf_counter() - scope["state"]["started"]) * 1000, 2)
    query = scope.get("query_string", b"").decode("latin-1")
    target = scope["path"] + (f"?{query}" if query else "")
    client = scope.get("client") or ("-", 0)
    access.write(client[0], scope["method"], target, status, elapsed_ms, request_id)
