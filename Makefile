# The two commands a newcomer needs: `make site` builds, `make test` runs every test.
# Both create .venv and install what they need on first use.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin

.PHONY: site test test-compat check serve clean bench bench-30k lock screenshots

# Install exactly what the lock pins (requirements/dev.txt, every package hashed), then
# Briefing itself without resolving anything more, so a fresh clone gets what CI tested.
$(BIN)/briefing: pyproject.toml requirements/dev.txt
	$(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet --require-hashes --no-deps -r requirements/dev.txt
	$(BIN)/pip install --quiet --no-deps --no-build-isolation -e .
	touch $@

site: $(BIN)/briefing
	$(BIN)/briefing build

serve: $(BIN)/briefing
	$(BIN)/briefing serve

check: $(BIN)/briefing
	$(BIN)/ruff check generator tests tools bench hooks
	$(BIN)/ruff format --check generator tests tools bench hooks
	$(BIN)/mypy

# The browser tests need Debian's chromium; install it when it is missing and we may.
/usr/bin/chromium:
	@if [ "$$(id -u)" = 0 ]; then apt-get update -qq && apt-get install -y -qq chromium >/dev/null; \
	else echo "Browser tests need Debian's chromium: sudo apt-get install chromium" >&2; exit 1; fi

# Lighthouse CI (tests/test_lighthouse.py): exactly what package-lock.json pins, with no install scripts, so nothing
# downloads a browser (the tests run it in Debian's chromium).
node_modules/.package-lock.json: package.json package-lock.json
	@command -v npm >/dev/null || { echo "Lighthouse CI needs Node.js 20 or later with npm (https://nodejs.org/)" >&2; exit 1; }
	PUPPETEER_SKIP_DOWNLOAD=1 npm ci --ignore-scripts --no-audit --no-fund
	touch $@

# Two workers (pytest-xdist), a test file each at a time: the session's shared builds are made once per worker.
test: $(BIN)/briefing /usr/bin/chromium node_modules/.package-lock.json check
	$(BIN)/pytest -n 2 --dist loadfile
	$(MAKE) --no-print-directory test-compat

# Full-page PNGs of each page kind at 1280 and 390 px, light and dark, into screenshots/
# (git-ignored), for a reviewer to look over in a minute.
screenshots: site /usr/bin/chromium
	$(BIN)/python tools/screenshots.py --site site --out screenshots

# The YAML reader's guards again on the oldest PyYAML they are tested against (the lock has the
# newest): its wheel goes into a folder of its own, put ahead of the venv on PYTHONPATH.
COMPAT := .venv-compat/pyyaml
$(COMPAT)/yaml/__init__.py: requirements/pyyaml-compat.txt
	$(BIN)/pip install --quiet --require-hashes --no-deps --target $(COMPAT) -r requirements/pyyaml-compat.txt
	touch $@

test-compat: $(BIN)/briefing $(COMPAT)/yaml/__init__.py
	BRIEFING_EXPECT_PYYAML=6.0.3 PYTHONPATH=$(COMPAT) $(BIN)/pytest -q -p no:cacheprovider tests/test_hostile_files.py tests/test_yaml_versions.py

# Rewrite the lock from pyproject.toml (keeping pinned versions the ranges still allow);
# `make lock UPGRADE=1` moves every package to its newest allowed release.
UV_VERSION := 0.13.9
LOCK := $(BIN)/uv pip compile --quiet --universal --generate-hashes --python-version 3.11 --custom-compile-command "make lock" $(if $(UPGRADE),--upgrade)
lock: $(BIN)/briefing
	$(BIN)/pip install --quiet uv==$(UV_VERSION)
	$(LOCK) pyproject.toml requirements/build.in --extra test --extra bench -o requirements/dev.txt
	$(LOCK) pyproject.toml requirements/build.in -o requirements/site.txt
	$(LOCK) requirements/pyyaml-compat.in -o requirements/pyyaml-compat.txt

# Benchmark on synthetic corpora (minutes, not a test); writes the table into BENCHMARKS.md.
# Profile one step with: $(BIN)/pyinstrument -m generator generate --root /tmp/briefing-bench/claims-10000
BENCH_SIZES ?= 1000,10000,100000
bench: $(BIN)/briefing
	$(BIN)/python bench/run.py --sizes $(BENCH_SIZES)

# MkDocs at 30,000 claims, once (most of an hour on two cores): prints its row, leaves BENCHMARKS.md alone.
bench-30k: $(BIN)/briefing
	$(BIN)/python bench/run.py --sizes 30000 --build-max 30000 --serve "" --no-write --results bench/results-30k.json

clean:
	rm -rf site site-offline .briefing-staging .briefing-cache .venv-compat screenshots
