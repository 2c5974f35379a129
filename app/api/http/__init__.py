"""What every request and response passes through, one concern per module: limits (what is
refused before routing), conditional requests and compression, the front cache, request ids,
security headers, the access log; middleware.py puts them together."""
