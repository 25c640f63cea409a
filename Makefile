# Every target does its own set-up on a fresh machine: a venv under .venv, an editable install,
# and (for the tests) the Debian packages the suite drives: Chromium, CJK fonts, docker-compose,
# LibreOffice Writer and poppler (the briefing .docx -> PDF -> PNG test).
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed
HOST ?= 127.0.0.1
PORT ?= 8000
DEB_PACKAGES := chromium fonts-noto-cjk docker-compose libreoffice-writer-nogui libreoffice-calc-nogui poppler-utils
SUDO := $(shell [ "$$(id -u)" = 0 ] || echo sudo)
export INNOGRAPH_DATA_DIR ?= $(CURDIR)/.data

.PHONY: install system-deps build serve test test-deep neo4j-up neo4j-down bench-api bench-readers eval-ask eval-extract bench-extract check-determinism bench-viz test-faults bench bench-full bench-zone bench-zone-answers bench-ask-lookup bench-neo4j bench-bounded clean

$(STAMP): pyproject.toml
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet --upgrade pip setuptools wheel
	$(BIN)/pip install --quiet -e '.[dev]'
	touch $(STAMP)

install: $(STAMP)

system-deps:
	@missing=$$(for p in $(DEB_PACKAGES); do dpkg -s $$p >/dev/null 2>&1 || echo $$p; done); \
	if [ -n "$$missing" ]; then \
	  echo "installing Debian packages:" $$missing; \
	  $(SUDO) apt-get update -qq && \
	  DEBIAN_FRONTEND=noninteractive $(SUDO) apt-get install -y -qq --no-install-recommends $$missing; \
	fi

build: $(STAMP)
	$(BIN)/innograph build

serve: $(STAMP)
	$(BIN)/innograph serve --host $(HOST) --port $(PORT)

test: $(STAMP) system-deps
	tools/test.sh

# The long fault tests: 60 s of load, the full schemathesis run, the Neo4j kill/restart tests at size.
test-faults: $(STAMP) system-deps
	INNOGRAPH_LOAD_SECONDS=60 INNOGRAPH_SCHEMA_FULL=1 INNOGRAPH_FAULTS_FULL=1 \
	  tools/test.sh tests/faults tests/api/test_api_schema.py -p no:cacheprovider

# The property tests of the zone index and the conformance suite with more random examples than `make test`
# gives them, and every ask question asked of Neo4j (`make test` keeps the whole suite under 15 minutes on 2 cores).
test-deep: $(STAMP) system-deps
	ZONE_EXAMPLES=24 GRAPH_EXAMPLES=90 DEEP=1 tools/test.sh tests/graph/test_neo4j_zone_index.py \
	  tests/core/test_zone_index.py tests/graph/test_neo4j_zone_check.py tests/graph/test_neo4j_publisher_last.py \
	  tests/graph/test_conformance.py tests/ask/test_ask_neo4j.py -p no:cacheprovider

neo4j-up: $(STAMP)
	$(BIN)/python tools/neo4j/neo4jctl.py up --dir $(CURDIR)/.neo4j --env-file .env.neo4j

neo4j-down:
	$(BIN)/python tools/neo4j/neo4jctl.py down --dir $(CURDIR)/.neo4j

bench: $(STAMP)
	$(BIN)/python benchmarks/bench_scale.py

# Issue 16 at 10k/100k/1M on both backends: the memory store (scale, zone index + networkx baseline, one write),
# then a Neo4j of its own (zone index + networkx baseline; its 1M bulk load alone took 22 min on 2 cores).
# One row: SIZES=10000 (any of the three benchmarks also takes --sizes by hand).
FULL_SIZES := 10000,100000,1000000
ANSWER_SIZES := 10000,300000,1000000
ANSWER_NEO4J := 10000,100000
bench-full: $(STAMP)
	$(BIN)/python benchmarks/bench_scale.py $(if $(SIZES),--sizes $(SIZES),--full)
	$(BIN)/python benchmarks/bench_zone.py $(if $(SIZES),--sizes $(SIZES),--full)
	$(BIN)/python benchmarks/bench_write.py $(if $(SIZES),--sizes $(SIZES),--full)
	$(BIN)/python benchmarks/bench_zone_neo4j.py --sizes $(or $(SIZES),$(FULL_SIZES)) --heap 3g --pagecache 2g
	$(BIN)/python benchmarks/bench_zone_answers.py --memory $(or $(SIZES),$(ANSWER_SIZES)) --neo4j $(or $(SIZES),$(ANSWER_NEO4J))
	$(BIN)/python benchmarks/bench_ask_lookup.py --memory $(or $(SIZES),10000,300000) --neo4j $(or $(SIZES),$(ANSWER_NEO4J))

bench-zone: $(STAMP)
	$(BIN)/python benchmarks/bench_zone.py
	$(BIN)/python benchmarks/bench_zone_http.py

# ask's zone answers (own supporters, two zones compared) by page, beside networkx (session 17; sizes in enterprises)
bench-zone-answers: $(STAMP)
	$(BIN)/python benchmarks/bench_zone_answers.py

# ask's name lookup: a cold first question by key table, beside the whole gazetteer (session 18)
bench-ask-lookup: $(STAMP)
	$(BIN)/python benchmarks/bench_ask_lookup.py

bench-neo4j: $(STAMP)
	$(BIN)/python benchmarks/bench_neo4j.py

# Search, neighbours and paths bounded by the page (issue 16): memory 10k/100k and Neo4j 10k/100k.
bench-bounded: $(STAMP)
	$(BIN)/python benchmarks/bench_bounded.py --neo4j 10000,100000

bench-api: $(STAMP)
	$(BIN)/python benchmarks/bench_api.py $(if $(CSV),--csv $(CSV))

# Reads during a 2 MB upload into a 300k-node graph (issue 19); the built graph is kept in .bench-readers/.
bench-readers: $(STAMP)
	$(BIN)/python benchmarks/bench_upload_readers.py --data .bench-readers $(if $(FORMAT),--format $(FORMAT))

eval-ask: $(STAMP)
	$(BIN)/python benchmarks/eval_ask.py

# make eval-extract SPLIT=dev|dev2|test|holdout scores one corpus split only (no curated evaluation)
eval-extract: $(STAMP)
	$(BIN)/python benchmarks/eval_extract.py $(if $(SPLIT),--split $(SPLIT))

bench-extract: $(STAMP)
	$(BIN)/python benchmarks/bench_extract.py

# the extraction of every corpus text and bench shape is the same under PYTHONHASHSEED=0,1,2,3 (exit 1 if not)
check-determinism: $(STAMP)
	$(BIN)/python benchmarks/check_determinism.py

bench-viz: $(STAMP) system-deps
	$(BIN)/python benchmarks/bench_viz.py

clean:
	rm -rf $(VENV) .data .pytest_cache .hypothesis test-artifacts
