"""Where the data lives: the tables (models/) with every index and the full-text index, the
engines, the embedded database's snapshot files, PostgreSQL's data versions, and the hashes
that name them. Imports only app.domain."""
