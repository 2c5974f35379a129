# Two commands on a fresh machine:
#   make serve   serve the API on the embedded default database (http://127.0.0.1:8000)
#   make test    lint, type-check and run the whole test suite (SQLite, then PostgreSQL)
PYTHON ?= python3
VENV ?= .venv
BIN := $(VENV)/bin
# uv installs exactly what uv.lock pins; it lives in a folder of its own (.tools), so that
# syncing the project's environment never removes it.
UV_VERSION := 0.13.8
UV := .tools/bin/uv
SYNC := UV_PROJECT_ENVIRONMENT=$(VENV) $(UV) sync --frozen --python $(PYTHON) --quiet
RUNTIME := $(VENV)/.runtime
STAMP := $(VENV)/.installed

.PHONY: serve test test-fast test-postgres lint check openapi schema lock clean system-deps bench web-vendor

$(UV):
	$(PYTHON) -m venv .tools
	.tools/bin/pip install --quiet uv==$(UV_VERSION)

# The API alone (what `make serve` needs): no test tools.
$(RUNTIME): pyproject.toml uv.lock | $(UV)
	$(SYNC) --no-default-groups --inexact
	touch $(RUNTIME)

# The API with the dev, browser and fuzz groups (what the tests need).
$(STAMP): pyproject.toml uv.lock | $(UV)
	$(SYNC)
	touch $(RUNTIME) $(STAMP)

# After changing dependencies: the lock, and the runtime requirements the Docker image installs.
lock: $(UV)
	$(UV) lock
	$(UV) export --frozen --no-default-groups --no-emit-project --no-hashes \
		--format requirements-txt --quiet -o requirements.txt

serve: $(RUNTIME)
	$(BIN)/python -m app serve --host $${HOST:-127.0.0.1} --port $${PORT:-8000}

lint: $(STAMP)
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .
	$(BIN)/mypy

system-deps:
	bash scripts/system-deps.sh

# The whole suite on the embedded SQLite, then again on a real PostgreSQL (where the
# load-once / serve-many tests run; they skip on SQLite).
# Coverage counts both passes: the PostgreSQL-only code (pgstore) runs in the second.
test: lint system-deps
	rm -f .coverage .coverage.*
	$(BIN)/coverage run --parallel-mode -m pytest
	$(MAKE) test-postgres COVERAGE="$(BIN)/coverage run --parallel-mode -m"
	$(BIN)/coverage combine --quiet
	$(BIN)/coverage report --skip-covered --fail-under=90

# The in-process tests (HTTP through the app, loader, model, curated pages): a quick loop.
test-fast: $(STAMP)
	$(BIN)/pytest -q -m "not system"

test-postgres: $(STAMP) system-deps
	url=$$(bash scripts/postgres.sh start) && \
	DATABASE_URL=$$url $(or $(COVERAGE),$(BIN)/python -m) pytest -m "not nodb" \
		--ignore=tests/test_reliability.py; \
	status=$$?; bash scripts/postgres.sh stop; exit $$status

# The benchmark (README, Performance): the locked tools plus Datasette, then bench/run.py.
bench: $(STAMP) system-deps
	$(SYNC) --group bench
	$(BIN)/python bench/run.py $(BENCH_ARGS)

check: $(STAMP)
	$(BIN)/python -m app check data/

openapi: $(STAMP)
	$(BIN)/python -m app openapi --output openapi/openapi.json

# The fixture format's JSON Schema, for editors (each data file names it on its first line).
schema: $(STAMP)
	$(BIN)/python -m app.ingest.fixture_schema --output schema/fixture.schema.json

# The browser page's charting libraries (d3, Observable Plot) into app/web/vendor/, from npm at
# the versions web-vendor/package-lock.json pins; the vendored files are committed.
web-vendor:
	bash scripts/web-vendor.sh

clean:
	rm -rf $(VENV) .tools .mypy_cache .ruff_cache .pytest_cache .coverage
