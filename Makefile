# Run `make help` for the targets. The two a newcomer needs: `make run` and `make test`.
SHELL := /bin/bash
VENV ?= .venv
PY := $(VENV)/bin/python
PYBABEL := $(VENV)/bin/pybabel
STAMP := $(VENV)/.installed
PORT ?= 5000

.DEFAULT_GOAL := help

help: ## List the targets
	@grep -E '^[a-z-]+:.*## ' $(MAKEFILE_LIST) | awk -F':.*## ' '{printf "  make %-16s %s\n", $$1, $$2}'

$(STAMP): pyproject.toml
	python3 -m venv $(VENV)
	$(PY) -m pip install --quiet --upgrade pip
	$(PY) -m pip install --quiet -e '.[test]'
	touch $@

install: $(STAMP) ## Install Python packages into .venv (with test extras)

node_modules/.package-lock.json: package.json package-lock.json
	npm ci --no-audit --no-fund --ignore-scripts
	touch $@

static-files: node_modules/.package-lock.json ## Build the stylesheet; copy script, fonts and icons into static/build
	rm -rf static/build && mkdir -p static/build/fonts static/build/img static/build/js
	npx sass --quiet --no-source-map --style=compressed --load-path=node_modules static/scss/main.scss static/build/main.css
	cp static/js/site.js static/build/js/
	cp node_modules/dkfds/dist/fonts/IBMPlexSans/split/woff2/IBMPlexSans-{Regular,SemiBold}-Latin1.woff2 static/build/fonts/
	cp node_modules/dkfds/dist/img/svg-icons/{check-white,chevron-down,chevron-up,minus-white}.svg static/build/img/
	# Icons beside the easy-read headings (see webapp/markdown_ext.py).
	cp node_modules/dkfds/dist/img/svg-icons/{smartphone,email,payments,calendar-month,home,time,groups,person,checklist,warning,chat,document}.svg static/build/img/

assets: static-files $(STAMP) ## static/build with gzip and Brotli copies made once, for WhiteNoise to serve
	$(PY) -m whitenoise.compress --quiet static/build

translations-extract: $(STAMP) ## Extract UI strings into translations/messages.pot
	$(PYBABEL) -q extract -F babel.cfg -k _l -o translations/messages.pot --no-location --sort-output --omit-header .

translations-update: translations-extract ## Merge new strings into the Danish catalogue (no fuzzy guesses)
	$(PYBABEL) -q update -N --ignore-obsolete -i translations/messages.pot -d translations

translations-compile: $(STAMP) ## Compile the catalogues (.mo) that Flask-Babel reads
	$(PYBABEL) -q compile -d translations --statistics

build: install assets translations-compile ## Everything the site needs to run

db-upgrade: build ## Build or update the feedback database (SQLite in instance/, or DATABASE_URL)
	$(VENV)/bin/flask --app webapp db upgrade

run: build db-upgrade ## Serve the site on http://127.0.0.1:$(PORT)
	$(VENV)/bin/flask --app webapp run --port $(PORT)

serve: build db-upgrade ## Serve with gunicorn and the production config (needs SECRET_KEY and SITE_URL)
	PORT=$(PORT) $(VENV)/bin/gunicorn -c gunicorn.conf.py

chromium: ## Install Debian's Chromium (and zbarimg, which reads the QR code back) for the browser tests, if missing
	@command -v chromium >/dev/null && command -v zbarimg >/dev/null || \
		(apt-get update -q && apt-get install -y -q chromium zbar-tools)

# The storage tests start their own throwaway server (tests/test_feedback_storage.py).
postgres: ## Install Debian's PostgreSQL server for the storage tests, if missing
	@command -v pg_ctl >/dev/null || ls /usr/lib/postgresql/*/bin/pg_ctl >/dev/null 2>&1 || \
		(apt-get update -q && apt-get install -y -q postgresql)

test: build chromium postgres ## Run all tests, browser tests included
	$(PY) -m pytest

lint: $(STAMP) ## Check the code with ruff
	$(VENV)/bin/ruff check webapp tests

snapshots: build ## Rewrite the reviewed result and email snapshots (review the diff!)
	UPDATE_SNAPSHOTS=1 $(PY) -m pytest tests/test_snapshots.py -q

wrk: ## Install Debian's wrk for the benchmark, if missing
	@command -v wrk >/dev/null || (apt-get update -q && apt-get install -y -q wrk)

bench: build wrk ## Requests per second under gunicorn against a bare Flask floor, printed as a table
	$(PY) scripts/bench.py

bench-web: build chromium ## Page weight and Lighthouse scores, printed as a table
	$(PY) scripts/bench_web.py

.PHONY: help install static-files assets translations-extract translations-update translations-compile build db-upgrade run serve chromium postgres test lint snapshots wrk bench bench-web
