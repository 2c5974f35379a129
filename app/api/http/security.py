"""Security headers on every answer: no sniffing, no referrer, and a content security policy
for what the path serves (the API, the browser page at /, the documentation)."""

from app.api.http.headers import Headers

DOCS_PREFIXES = ("/docs", "/redoc", "/static-offline-docs")
CSP_API = "default-src 'none'; frame-ancestors 'none'"
WEB_PATHS = ("/", "/index.html", "/app.js", "/style.css")
# Observable Plot (app/web/vendor/plot.umd.min.js) puts one fixed <style> into every chart it
# draws (for its default class name, plot-d6a7b5): the page allows that text by its hash and no
# other inline style. tests/test_web_vendor.py recomputes the hash from the vendored file.
PLOT_STYLE_HASH = "sha256-jSYQUrW7J0b3jPqhZP9C2Xh1PyJKHKXd4s0fpGGKrww="
CSP_WEB = (
    f"default-src 'self'; script-src 'self'; style-src 'self' '{PLOT_STYLE_HASH}'; "
    "img-src 'self' data:; connect-src 'self'; base-uri 'none'; form-action 'self'; "
    "frame-ancestors 'none'"
)
CSP_DOCS = (
    "default-src 'self'; script-src 'self' 'unsafe-inline'; style-src 'self' 'unsafe-inline'; "
    "img-src 'self' data:; worker-src 'self' blob:; connect-src 'self'; frame-ancestors 'none'"
)


def security_headers(path: str) -> Headers:
    """The security headers of every answer to `path`: its content security policy by what
    it serves (the API, the browser page, the documentation)."""
    if path in WEB_PATHS:
        csp = CSP_WEB
    elif path.startswith(DOCS_PREFIXES):
        csp = CSP_DOCS
    else:
        csp = CSP_API
    return [
        (b"x-content-type-options", b"nosniff"),
        (b"referrer-policy", b"no-referrer"),
        (b"content-security-policy", csp.encode()),
        (b"cross-origin-resource-policy", b"cross-origin"),
    ]
