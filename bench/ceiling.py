"""The serving ceiling: a bare ASGI app under uvicorn answering with pre-built bytes.

python bench/ceiling.py BODY_FILE PORT
"""

import sys
from pathlib import Path
from typing import Any

import uvicorn

BODY = Path(sys.argv[1]).read_bytes()
HEADERS = [(b"content-type", b"application/json"), (b"content-length", str(len(BODY)).encode())]


async def app(scope: dict[str, Any], receive: Any, send: Any) -> None:
    if scope["type"] != "http":
        return
    await send({"type": "http.response.start", "status": 200, "headers": HEADERS})
    await send({"type": "http.response.body", "body": BODY})


if __name__ == "__main__":
    uvicorn.run(app, host="127.0.0.1", port=int(sys.argv[2]), log_level="warning", access_log=False)
