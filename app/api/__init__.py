"""HTTP layer: one router per resource, problem+json errors, HTTP caching."""
