# The two commands: `make run` (dashboard on the demo data) and `make test` (whole suite).
# Both set up everything they need on a fresh machine.
PYTHON ?= python3
VENV   ?= .venv
PY     := $(VENV)/bin/python
STAMP  := $(VENV)/.installed

.PHONY: run test lint bench clean-venv browser demo screenshot

# The project itself is installed editable (its dependencies are those of requirements.txt,
# installed just before), so that $(VENV)/bin/reldash runs `python -m extraction`.
$(STAMP): requirements.txt requirements-dev.txt pyproject.toml
	test -x $(PY) || $(PYTHON) -m venv $(VENV)
	$(PY) -m pip install -q --upgrade pip
	$(PY) -m pip install -q -r requirements-dev.txt
	$(PY) -m pip install -q --no-deps -e .
	touch $(STAMP)

# Debian's chromium for the one real-browser test (Playwright cannot download browsers here).
browser:
	@command -v chromium >/dev/null 2>&1 || { \
	  if [ "$$(id -u)" = 0 ]; then apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium fonts-dejavu-core >/dev/null; \
	  else echo "chromium missing: run 'sudo apt-get install chromium' (the browser test will be skipped)"; fi; }

# The dashboard listens on loopback only (this machine). `make run HOST=0.0.0.0` opens it to the
# network; then Add articles and Remove are off unless RELDASH_WRITE_PASSWORD is set.
HOST ?= 127.0.0.1
PORT ?= 8501

run: $(STAMP)
	$(PY) -m streamlit run app.py --server.headless true --server.address $(HOST) --server.port $(PORT)

test: $(STAMP) browser
	$(PY) -m ruff check .
	$(PY) -m pytest

# Refresh the README's screenshot (docs/screenshot.png) from the browser test; `make test` leaves it alone.
screenshot: $(STAMP) browser
	RELDASH_SCREENSHOT=docs/screenshot.png $(PY) -m pytest -q tests/test_browser.py -k dashboard_in_a_real_browser

demo: $(STAMP)
	$(PY) -m extraction build data/articles --out data/demo/relations.csv

bench: $(STAMP)
	$(PY) benchmarks/bench_extraction.py
	$(PY) benchmarks/bench_dashboard.py --rows 2000000
	$(PY) benchmarks/bench_distributed.py
	$(PY) benchmarks/bench_hostile.py
	$(PY) benchmarks/bench_browser.py

clean-venv:
	rm -rf $(VENV)
