"""delegation-registry: a read-only REST API over curated records of official delegation visits."""

__version__ = "0.1.0"
