# Two commands on a fresh machine:
#   make serve   serve the API on the embedded default database (http://127.0.0.1:8000)
#   make test    lint, type-check and run the whole test suite (SQLite, then PostgreSQL)
PYTHON ?= python3
VENV ?= .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed

.PHONY: serve test test-fast test-postgres lint check openapi schema clean system-deps

$(STAMP): pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet --upgrade pip
	$(BIN)/pip install --quiet -e '.[dev]'
	touch $(STAMP)

serve: $(STAMP)
	$(BIN)/python -m app serve --host $${HOST:-127.0.0.1} --port $${PORT:-8000}

lint: $(STAMP)
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .
	$(BIN)/mypy

system-deps:
	bash scripts/system-deps.sh

# The whole suite on the embedded SQLite, then again on a real PostgreSQL (where the
# load-once / serve-many tests run; they skip on SQLite).
test: lint system-deps
	$(BIN)/coverage run -m pytest
	$(BIN)/coverage report --skip-covered --fail-under=90
	$(MAKE) test-postgres

# The in-process tests (HTTP through the app, loader, model, curated pages): a quick loop.
test-fast: $(STAMP)
	$(BIN)/pytest -q tests/test_facts.py tests/test_curated_pages.py tests/test_model.py \
		tests/test_loader.py tests/test_fixture_schema.py tests/test_api_lists.py \
		tests/test_api_beyond.py tests/test_api_errors.py tests/test_http.py \
		tests/test_openapi_contract.py tests/test_search_index.py

test-postgres: $(STAMP) system-deps
	url=$$(bash scripts/postgres.sh start) && \
	DATABASE_URL=$$url $(BIN)/pytest --ignore=tests/test_reliability.py --ignore=tests/test_compose.py; \
	status=$$?; bash scripts/postgres.sh stop; exit $$status

check: $(STAMP)
	$(BIN)/python -m app check data/

openapi: $(STAMP)
	$(BIN)/python -m app openapi --output openapi/openapi.json

# The fixture format's JSON Schema, for editors (each data file names it on its first line).
schema: $(STAMP)
	$(BIN)/python -m app.fixture_schema --output schema/fixture.schema.json

clean:
	rm -rf $(VENV) .mypy_cache .ruff_cache .pytest_cache .coverage
