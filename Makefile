# The two commands of the README: `make demo` and `make test`. Both set everything up first.
VENV := .venv
PY := $(VENV)/bin/python
STAMP := $(VENV)/.installed-$(shell cat pyproject.toml constraints.txt | cksum | cut -d' ' -f1)

.PHONY: setup demo test lint bench clean pg-stop

$(STAMP): pyproject.toml constraints.txt
	python3 -m venv $(VENV)
	$(PY) -m pip install --quiet --disable-pip-version-check -c constraints.txt -e '.[dev]'
	rm -f $(VENV)/.installed-*
	touch $(STAMP)

setup: $(STAMP)

demo: setup
	$(VENV)/bin/storylens demo

lint: setup
	$(VENV)/bin/ruff check src tests bench
	$(VENV)/bin/ruff format --check src tests bench
	$(VENV)/bin/mypy

# The PostgreSQL tests run on a throwaway local server (started once, then reused), or on
# the one $$STORYLENS_TEST_PG names.
test: lint
	@dsn="$${STORYLENS_TEST_PG:-}"; \
	if [ -z "$$dsn" ]; then dsn=$$(tools/pg-test-server.sh) || exit 1; fi; \
	echo "PostgreSQL tests on $$dsn"; \
	STORYLENS_TEST_PG="$$dsn" $(VENV)/bin/pytest -q

pg-stop:
	tools/pg-test-server.sh stop

bench: setup
	$(PY) bench/ingest.py --quick
	$(PY) bench/cleaning.py
	$(PY) bench/extraction.py
	$(PY) bench/events.py
	$(PY) bench/claims.py

clean: pg-stop
	rm -rf $(VENV) out .pg-test
