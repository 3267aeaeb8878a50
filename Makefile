# Two commands do all the set-up: `make run` and `make test`. Both install what is missing first.
PYTHON ?= python3
VENV   := .venv
BIN    := $(VENV)/bin
STAMP  := $(VENV)/.installed
DB     ?= var/karta.sqlite
PORT   ?= 8501

.PHONY: run test lint bench sample-db browser clean

$(STAMP): pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -e . --group dev
	touch $(STAMP)

# The SQLite store of the bundled sample data: imported again when a sample file changes, and when the
# store holds no file at all (one the dashboard created empty, say). A store with files is left as it is.
$(DB): $(STAMP) $(wildcard sample_data/*.*)
	mkdir -p $(dir $(DB))
	$(BIN)/roadmaps import --sample --db $(DB) --quiet

sample-db: $(DB)
	$(BIN)/roadmaps import --sample --db $(DB) --quiet --if-empty

run: sample-db
	KARTA_DB=$(DB) $(BIN)/streamlit run dashboard/app.py --server.port $(PORT) --browser.gatherUsageStats false

# Browser tests drive Debian's Chromium; install it when it is missing and we may.
browser:
	@test -x /usr/bin/chromium || { [ "$$(id -u)" = 0 ] && command -v apt-get >/dev/null \
		&& (apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium >/dev/null) \
		|| echo "Chromium не установлен: браузерные тесты будут пропущены (apt-get install chromium)"; }

test: $(STAMP) browser
	$(BIN)/pytest

lint: $(STAMP)
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .
	$(BIN)/mypy

bench: $(STAMP)
	$(BIN)/python -m benchmarks

clean:
	rm -rf $(VENV) var .pytest_cache .mypy_cache .ruff_cache
