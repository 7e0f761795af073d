# Zukunftswerkstatt Live: `make run` serves the app, `make test` runs the whole suite.
PYTHON ?= python3
VENV ?= .venv
BIN := $(VENV)/bin
export FLASK_APP := participation:create_app

.PHONY: run test test-fast bench ref-server eval-similarity install install-test assets translations translations-extract translations-update chromium services clean security-checks bandit pip-audit

$(BIN)/python:
	$(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet --upgrade pip

$(VENV)/.installed: pyproject.toml | $(BIN)/python
	$(BIN)/pip install --quiet -e '.[similarity,gevent]'
	touch $@

$(VENV)/.installed-test: pyproject.toml $(VENV)/.installed
	$(BIN)/pip install --quiet -e '.[test,similarity,gevent]'
	touch $@

install: $(VENV)/.installed assets translations
install-test: $(VENV)/.installed-test assets translations chromium ref-server

# The Socket.IO browser client and axe-core come from the npm registry and are served by
# the app itself, never from a CDN.
node_modules/.package-lock.json: package.json
	npm install --no-audit --no-fund --loglevel=error
	touch $@

# The benchmark's reference: a bare Node socket.io 4 server (tests/load/ref_server/).
REF_SERVER := tests/load/ref_server
$(REF_SERVER)/node_modules/.package-lock.json: $(REF_SERVER)/package.json
	npm install --prefix $(REF_SERVER) --no-audit --no-fund --loglevel=error
	touch $@

ref-server: $(REF_SERVER)/node_modules/.package-lock.json

assets: node_modules/.package-lock.json
	mkdir -p static/vendor
	cp node_modules/socket.io-client/dist/socket.io.min.js static/vendor/socket.io.min.js
	cp node_modules/axe-core/axe.min.js static/vendor/axe.min.js

# Catalogues: .po files are committed, .mo files are built here (and by the app at start
# when one is missing or older than its .po). After adding strings: `make translations-update`,
# translate the new entries in every .po, then `make translations`.
TRANSLATIONS := participation/translations
BABEL_KEYWORDS := -k _l -k lazy_gettext -k lazy_ngettext:1,2
# Without --ignore-dirs Babel skips every folder starting with "_" (templates/_macros).
BABEL_EXTRACT := extract --ignore-dirs=".* node_modules __pycache__ test-artifacts" $(BABEL_KEYWORDS)

translations: | $(BIN)/python
	$(BIN)/pybabel -q compile -d $(TRANSLATIONS) -D "messages leichte_sprache"

translations-extract: | $(BIN)/python
	$(BIN)/pybabel -q $(BABEL_EXTRACT) -F babel.cfg --no-wrap --sort-by-file \
	  --project="Zukunftswerkstatt Live" -o $(TRANSLATIONS)/messages.pot .
	$(BIN)/pybabel -q $(BABEL_EXTRACT) -F babel-leichte-sprache.cfg --no-wrap \
	  --sort-by-file --project="Zukunftswerkstatt Live" -o $(TRANSLATIONS)/leichte_sprache.pot .

translations-update: translations-extract
	$(BIN)/pybabel -q update --no-wrap --no-fuzzy-matching -i $(TRANSLATIONS)/messages.pot -d $(TRANSLATIONS)
	$(BIN)/pybabel -q update --no-wrap --no-fuzzy-matching -D leichte_sprache -l de \
	  -i $(TRANSLATIONS)/leichte_sprache.pot -d $(TRANSLATIONS)

# Debian's Chromium for the browser tests (Playwright drives it; it never downloads one).
chromium:
	@command -v chromium >/dev/null 2>&1 || { \
	  if [ "$$(id -u)" = 0 ]; then apt-get update -qq && apt-get install -y -qq chromium fonts-noto-core fonts-dejavu-core >/dev/null; \
	  else sudo apt-get update -qq && sudo apt-get install -y -qq chromium fonts-noto-core fonts-dejavu-core >/dev/null; fi; }

run: install
	$(BIN)/flask db upgrade
	$(BIN)/flask seed-demo
	@echo "Serving on http://0.0.0.0:$${PORT:-5000}  (phones in the same network use this machine's address)"
	$(BIN)/python wsgi.py

# `make test` (CI): everything, in one process: the import contracts of .importlinter
# (docs/architecture.md), unit, HTTP, Socket.IO, live servers, browsers, slow fuzzing and
# durability runs, then the static security checks.
test: install-test security-checks
	$(BIN)/lint-imports
	$(BIN)/pytest $(PYTEST_ARGS)

# `make test-fast`: the lane to run while working: the import contracts, then unit, HTTP and Socket.IO test-client tests,
# no browser (e2e) and nothing marked slow, on FAST_WORKERS processes (pytest-xdist, whole
# modules per process; FAST_WORKERS=0 runs in this process).
FAST_WORKERS ?= 2
test-fast: $(VENV)/.installed-test assets translations
	$(BIN)/lint-imports
	$(BIN)/pytest -p no:cacheprovider -q -m "not slow and not e2e" -n $(FAST_WORKERS) \
	  --dist loadfile tests/unit tests/http tests/socket $(PYTEST_ARGS)

# Static security checks, part of `make test`: bandit must find nothing of medium or high
# severity; pip-audit must find no known vulnerability that has a fixed release
# (PIP_AUDIT_STRICT=1 also fails when the advisory data cannot be reached).
security-checks: bandit pip-audit

bandit: install-test
	$(BIN)/bandit --quiet --recursive --severity-level medium participation wsgi.py

pip-audit: install-test
	$(BIN)/python scripts/pip_audit_gate.py

# `make bench`: the app (eventlet, gevent) against the bare Node reference in the same run;
# BENCH_ARGS="--compare --no-hold" for the comparison table alone, "--full" for issue 7's runs.
bench: install-test ref-server
	$(BIN)/python -m tests.load.bench $(BENCH_ARGS)

# Duplicate detection quality on tests/data/duplicate_pairs.csv and lookup latency with
# 2,000 ideas (docs/insights.md).
eval-similarity: install-test
	$(BIN)/python -m tests.load.eval_similarity $(EVAL_ARGS)

clean:
	rm -rf $(VENV) node_modules $(REF_SERVER)/node_modules static/vendor .pytest_cache
