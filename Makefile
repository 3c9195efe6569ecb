# The two commands a newcomer needs: `make site` builds, `make test` runs every test.
# Both create .venv and install what they need on first use.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin

.PHONY: site test check serve clean bench

$(BIN)/briefing: pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet --upgrade pip
	$(BIN)/pip install --quiet -e '.[test]'
	touch $@

site: $(BIN)/briefing
	$(BIN)/briefing build

serve: $(BIN)/briefing
	$(BIN)/briefing serve

check: $(BIN)/briefing
	$(BIN)/ruff check generator tests
	$(BIN)/mypy

# The browser tests need Debian's chromium; install it when it is missing and we may.
/usr/bin/chromium:
	@if [ "$$(id -u)" = 0 ]; then apt-get update -qq && apt-get install -y -qq chromium >/dev/null; \
	else echo "Browser tests need Debian's chromium: sudo apt-get install chromium" >&2; exit 1; fi

test: $(BIN)/briefing /usr/bin/chromium check
	$(BIN)/pytest

# Benchmark on synthetic corpora (minutes, not a test); writes the table into BENCHMARKS.md.
# Profile one step with: $(BIN)/pyinstrument -m generator generate --root /tmp/briefing-bench/claims-10000
BENCH_SIZES ?= 1000,10000,100000
bench: $(BIN)/briefing
	$(BIN)/pip install --quiet -e '.[bench]'
	$(BIN)/python bench/run.py --sizes $(BENCH_SIZES)

clean:
	rm -rf site site-offline .briefing-staging
