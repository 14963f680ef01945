# Two commands do everything: `make run` (demo site) and `make test` (whole suite).
SHELL := /bin/bash
PYTHON_BOOT ?= python3.11
VENV := .venv
PY := $(VENV)/bin/python
PORT ?= 8000

.PHONY: run serve test install install-test lint check-migrations messages opensearch bench bench-search clean-var

$(VENV)/bin/python:
	@command -v $(PYTHON_BOOT) >/dev/null || { echo "Python 3.11 is required ($(PYTHON_BOOT) not found)"; exit 1; }
	$(PYTHON_BOOT) -m venv $(VENV)
	$(PY) -m pip install --quiet --upgrade pip

$(VENV)/.installed-app: pyproject.toml constraints.txt | $(VENV)/bin/python
	$(PY) -m pip install --quiet -c constraints.txt .
	@touch $@

$(VENV)/.installed-test: pyproject.toml constraints.txt | $(VENV)/bin/python
	$(PY) -m pip install --quiet -c constraints.txt ".[test]"
	@touch $@ $(VENV)/.installed-app

node_modules/.package-lock.json: package.json package-lock.json
	@if command -v npm >/dev/null; then npm ci --no-audit --no-fund --silent; \
	else echo "npm not found: browser accessibility tests will be skipped"; fi

install: $(VENV)/.installed-app

install-test: $(VENV)/.installed-test node_modules/.package-lock.json

# One public address: links in emails, feeds and the sitemap follow the port (SITE_URL), and the
# Wagtail site record follows SITE_URL at migrate. The worker is quiet (warnings and failures);
# the login is printed once the site answers, so it stays the last thing on screen.
run: export SITE_URL ?= http://127.0.0.1:$(PORT)
run: install
	$(PY) manage.py migrate --no-input -v0
	$(PY) manage.py load_demo_content
	@$(PY) manage.py run_worker & worker=$$!; \
	trap 'kill $$worker 2>/dev/null' EXIT INT TERM; \
	{ $(PY) tools/wait_until_served.py http://127.0.0.1:$(PORT)/robots.txt && \
	  printf '\n  Collectif:  %s/\n  Admin:      %s/admin/   login: admin / %s\n\n' \
		"$$SITE_URL" "$$SITE_URL" "$${DEMO_ADMIN_PASSWORD:-collectif-demo}"; } & \
	$(PY) manage.py runserver 127.0.0.1:$(PORT)

# Production-like local serving (gunicorn, production settings, WhiteNoise): what `make bench`
# measures. WORKERS=4 make serve for more processes.
serve: install
	$(PY) -m config.serve --port $(PORT)

lint: install-test
	$(VENV)/bin/ruff check .
	$(VENV)/bin/ruff format --check .

check-migrations: install-test
	$(PY) manage.py check
	$(PY) manage.py makemigrations --check --dry-run

messages: install-test
	$(PY) manage.py makemessages --locale fr --locale en --ignore ".venv/*" --ignore "node_modules/*" --ignore "tools/*" --no-obsolete
	$(PY) manage.py compilemessages --ignore ".venv/*"

# The suite runs on SQLite, then again on PostgreSQL when one answers (TEST_POSTGRES_URL);
# REQUIRE_POSTGRES=1 (set by .ci/run) turns "PostgreSQL unreachable" into a failure.
# pytest-xdist spreads each run over the cores (TEST_WORKERS, default: one per core); each worker
# has its own database, and the OpenSearch tests share one worker (one JVM). The PostgreSQL pass
# leaves out the tests that never reach a database (marked without_database by tests/conftest.py):
# they answered in the SQLite pass. The live tests run in a session of their own, on the
# databases the first session migrated (--reuse-db): migrating takes longer than most tests.
# All sessions share one directory of site templates: the demo site that browser tests copy is
# built once per `make test`.
# One worker more than cores: browser tests spend much of their time waiting on chromium and
# gunicorn, and a spare worker fills that wait.
TEST_WORKERS ?= $(shell echo $$(( $$(nproc) + 1 )))
PYTEST := $(VENV)/bin/pytest --ds=config.settings.test -p no:cacheprovider -n $(TEST_WORKERS) --dist loadgroup --durations=15
test: lint check-migrations install-test
	@export TEST_DATABASE_DIR="$$(mktemp -d -t collectif-test-db-XXXXXX)"; \
	export COLLECTIF_SITE_TEMPLATES="$$(mktemp -d -t collectif-templates-XXXXXX)"; \
	trap 'rm -rf "$$TEST_DATABASE_DIR" "$$COLLECTIF_SITE_TEMPLATES"' EXIT; \
	$(PYTEST) --reuse-db --create-db -m "not live" && \
	$(PYTEST) --reuse-db -m live && \
	if reason=$$($(PY) -m tests.services postgres); then \
		echo "== the suite again on PostgreSQL =="; \
		url="$$($(PY) -m tests.services postgres-url)"; \
		DATABASE_URL="$$url" $(PYTEST) --reuse-db --create-db -m "not browser and not live and not without_database" && \
		DATABASE_URL="$$url" $(PYTEST) --reuse-db -m "live and not browser"; \
	else \
		echo "SKIPPED the PostgreSQL run: $$reason"; \
		if [ -n "$$REQUIRE_POSTGRES" ]; then exit 1; fi; \
	fi

opensearch:
	tools/opensearch/run.sh

# One table with every figure of issue 15 (bench/all.py); the detailed benches stay runnable alone.
bench: install-test
	$(PY) bench/all.py

bench-search: install-test
	$(PY) bench/search.py

clean-var:
	rm -rf var/
