# Two commands for a fresh Debian/Ubuntu machine with Python 3.11+:
#   make run    create .venv, install, start the dashboard on the bundled data
#   make test   the same setup plus test tools, Debian chromium and PostgreSQL, then lint and the whole suite
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
SUDO := $(shell [ "$$(id -u)" = 0 ] || echo sudo)
PORT ?= 8501

.PHONY: run test test-engines soak lint chromium postgres java validate clean

$(BIN)/python:
	$(PYTHON) -m venv $(VENV) || { $(SUDO) apt-get update && $(SUDO) apt-get install -y python3-venv && $(PYTHON) -m venv $(VENV); }
	$(BIN)/python -m pip install --quiet --upgrade pip

$(VENV)/.runtime: requirements.txt | $(BIN)/python
	$(BIN)/pip install --quiet -r requirements.txt
	touch $@

$(VENV)/.dev: requirements.txt requirements-dev.txt | $(BIN)/python
	$(BIN)/pip install --quiet -r requirements-dev.txt
	touch $(VENV)/.runtime $@

run: $(VENV)/.runtime
	$(BIN)/streamlit run dashboard.py --server.port $(PORT)

chromium:
	@command -v chromium >/dev/null 2>&1 || { $(SUDO) apt-get update && $(SUDO) apt-get install -y chromium fonts-dejavu-core; }

# The store tests start a throwaway server of their own from Debian's binaries (as the postgres user when root).
postgres:
	@ls /usr/lib/postgresql/*/bin/initdb >/dev/null 2>&1 || { $(SUDO) apt-get update && $(SUDO) apt-get install -y postgresql; }

# PySpark local mode needs a Java runtime: Debian's headless JRE 17.
java:
	@command -v java >/dev/null 2>&1 || { $(SUDO) apt-get update && $(SUDO) apt-get install -y openjdk-17-jre-headless; }

$(VENV)/.spark: requirements-spark.txt $(VENV)/.dev
	$(BIN)/pip install --quiet -r requirements-spark.txt
	touch $@

lint: $(VENV)/.dev
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .

validate: $(VENV)/.runtime
	$(BIN)/python -m liaison validate

# Everything but the browser journeys in two processes (pytest-xdist, a test file each at a time);
# the journeys one at a time: deck.gl counts a click only if it is released within 250 ms, and two
# journeys at once on two cores lost clicks.
test: $(VENV)/.dev chromium postgres lint validate
	LIAISON_REQUIRE_POSTGRES=1 $(BIN)/python -m pytest -n 2 --dist loadfile -m "not spark and not browser and not endurance"
	LIAISON_REQUIRE_POSTGRES=1 $(BIN)/python -m pytest -m "browser and not spark"

# The slower checks, apart from `make test` and run by CI after it: the engine's query suite on
# PySpark in local mode (a JVM), and the writers killed at every step of a save (minutes each).
test-engines: $(VENV)/.spark java postgres
	LIAISON_REQUIRE_SPARK=1 $(BIN)/python -m pytest -m spark tests/test_engine_queries.py
	LIAISON_REQUIRE_POSTGRES=1 $(BIN)/python -m pytest -n 2 -m endurance

# The browser journeys RUNS times in a row with both cores kept busy: proof they wait on state, not time.
RUNS ?= 10
soak: $(VENV)/.dev chromium
	bash scripts/soak_browser.sh $(RUNS)

clean:
	rm -rf $(VENV) .pytest_cache .ruff_cache
