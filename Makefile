# Run `make help` for the targets. The two a newcomer needs: `make run` and `make test`.
SHELL := /bin/bash
VENV ?= .venv
PY := $(VENV)/bin/python
PYBABEL := $(VENV)/bin/pybabel
STAMP := $(VENV)/.installed
PORT ?= 5000
# The municipality's service level document that content/facts.yml quotes: the checked
# version in the repository by default; SOURCE=<file> checks a new one (see README).
SOURCE ?= content/source/serviceniveau-aktivitets-og-samvaerstilbud.txt

.DEFAULT_GOAL := help

help: ## List the targets
	@grep -E '^[a-z-]+:.*## ' $(MAKEFILE_LIST) | awk -F':.*## ' '{printf "  make %-16s %s\n", $$1, $$2}'

# Every package from the lock file, checked against its hashes; then the project itself.
$(STAMP): pyproject.toml requirements/test.txt
	python3 -m venv $(VENV)
	$(PY) -m pip install --quiet --require-hashes -r requirements/test.txt
	$(PY) -m pip install --quiet --no-deps --no-build-isolation -e .
	touch $@

install: $(STAMP) ## Install Python packages into .venv (with test extras) from the lock file

UV_COMPILE = $(VENV)/bin/uv pip compile --quiet --generate-hashes --universal --python-version 3.11 $(UPGRADE)

lock: ## Pin every Python package with hashes (requirements/*.txt) after changing pyproject.toml; UPGRADE=--upgrade for the newest
	test -x $(VENV)/bin/uv || (python3 -m venv $(VENV) && $(PY) -m pip install --quiet 'uv>=0.5,<1')
	$(UV_COMPILE) pyproject.toml requirements/build.in -o requirements/runtime.txt
	$(UV_COMPILE) --extra test pyproject.toml requirements/build.in -o requirements/test.txt

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

serve: build nginx redis db-upgrade ## The production stack on $(PORT): nginx in front of gunicorn, with its own Redis (needs SECRET_KEY and SITE_URL)
	PORT=$(PORT) $(PY) scripts/serve_stack.py

nginx: ## Install Debian's nginx and its brotli_static module, for `make serve` and the stack tests, if missing
	@test -x /usr/sbin/nginx && test -e /usr/lib/nginx/modules/ngx_http_brotli_static_module.so || \
		(apt-get update -q && apt-get install -y -q nginx libnginx-mod-http-brotli-static)

redis: ## Install Debian's redis-server, for `make serve` and the tests of the shared state, if missing
	@command -v redis-server >/dev/null || (apt-get update -q && apt-get install -y -q redis-server)

chromium: ## Install Debian's Chromium (and zbarimg, which reads the QR code back) for the browser tests, if missing
	@command -v chromium >/dev/null && command -v zbarimg >/dev/null || \
		(apt-get update -q && apt-get install -y -q chromium zbar-tools)

graphviz: ## Install Debian's Graphviz (dot), which draws the guide's diagram, if missing
	@command -v dot >/dev/null || (apt-get update -q && apt-get install -y -q graphviz)

diagrams: translations-compile graphviz ## Draw "How the guide works" again from the guide's questions and rules (commit webapp/pages/diagram/)
	$(PY) scripts/guide_diagram.py

check-source: $(STAMP) ## Check every fact's quote against a version of the service level: make check-source SOURCE=<file>
	$(PY) scripts/check_source.py "$(SOURCE)"

# The storage tests start their own throwaway server (tests/test_feedback_storage.py).
postgres: ## Install Debian's PostgreSQL server for the storage tests, if missing
	@command -v pg_ctl >/dev/null || ls /usr/lib/postgresql/*/bin/pg_ctl >/dev/null 2>&1 || \
		(apt-get update -q && apt-get install -y -q postgresql)

test: build chromium nginx postgres redis graphviz check-source ## Run all tests, browser tests included
	$(PY) -m pytest

lint: $(STAMP) ## Check the code with ruff
	$(VENV)/bin/ruff check webapp tests

snapshots: build ## Rewrite the reviewed result and email snapshots (review the diff!)
	UPDATE_SNAPSHOTS=1 $(PY) -m pytest tests/test_snapshots.py -q

wrk: ## Install Debian's wrk for the benchmark, if missing
	@command -v wrk >/dev/null || (apt-get update -q && apt-get install -y -q wrk)

bench: build db-upgrade wrk nginx redis ## Requests per second under gunicorn against a bare Flask floor, printed as a table
	$(PY) scripts/bench.py

bench-web: build chromium ## Page weight and Lighthouse scores, printed as a table
	$(PY) scripts/bench_web.py

.PHONY: graphviz diagrams check-source help install lock nginx redis static-files assets translations-extract translations-update translations-compile build db-upgrade run serve chromium postgres test lint snapshots wrk bench bench-web
