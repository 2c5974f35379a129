"""The next page's `Link` is written as Starlette's URL would write it."""

import pytest
from starlette.requests import Request

from app.api.negotiation import next_link

QUERIES = [
    b"",
    b"limit=50",
    b"cursor=old&limit=5",
    b"limit=5&cursor=a&cursor=b&q=x",
    b"q=caf%C3%A9+lounge&limit=2",
    b"q=a%2Bb%26c%3Dd&sort=-name",
    b"fields=id,name&include=",
    b"flag&limit=3",
    b"q=%E5%90%89%E6%9E%97",
    b"a=1&a=2&b=%20",
]
PATHS = ["/v1/delegates", "/v1/places/city-1/events", "/v1/a b", "/v1/caf\u00e9", "/v1/x?y#z\\w"]


@pytest.mark.parametrize("query", QUERIES)
@pytest.mark.parametrize("path", PATHS)
def test_next_link_is_the_url_with_the_cursor(path: str, query: bytes) -> None:
    scope = {
        "type": "http",
        "method": "GET",
        "scheme": "http",
        "path": path,
        "raw_path": path.encode(),
        "query_string": query,
        "root_path": "",
        "headers": [(b"host", b"example.org")],
        "server": ("127.0.0.1", 80),
    }
    request = Request(scope)
    url = request.url.include_query_params(cursor="WyJuYW1lIl0")
    assert next_link(request, "WyJuYW1lIl0") == f'<{url.path}?{url.query}>; rel="next"'
