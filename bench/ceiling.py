"""The serving ceilings, answering every request with the same pre-built bytes under uvicorn:

- `asgi`: a bare ASGI application, what uvicorn itself can serve;
- `fastapi`: a FastAPI application with one synchronous route (`def`, run in the thread pool
  as this API's database routes are, so that the event loop never waits for them), no
  middleware: what any FastAPI route costs before it does any work.

python bench/ceiling.py BODY_FILE PORT [asgi|fastapi]
"""

import sys
from pathlib import Path
from typing import Any

import uvicorn
from fastapi import FastAPI, Response

BODY = Path(sys.argv[1]).read_bytes()
HEADERS = [(b"content-type", b"application/json"), (b"content-length", str(len(BODY)).encode())]


async def app(scope: dict[str, Any], receive: Any, send: Any) -> None:
    if scope["type"] != "http":
        return
    await send({"type": "http.response.start", "status": 200, "headers": HEADERS})
    await send({"type": "http.response.body", "body": BODY})


routed = FastAPI(openapi_url=None, docs_url=None, redoc_url=None)


@routed.get("/{path:path}")
def answer(path: str) -> Response:
    return Response(BODY, media_type="application/json")


if __name__ == "__main__":
    kind = sys.argv[3] if len(sys.argv) > 3 else "asgi"
    uvicorn.run(
        routed if kind == "fastapi" else app,
        host="127.0.0.1",
        port=int(sys.argv[2]),
        log_level="warning",
        access_log=False,
    )
