# The two commands a newcomer needs: `make run` and `make test`.
# Each creates .venv itself (with Debian's Qt libraries installed first when
# they are missing and we are root).  Use another interpreter with
#   make test PYTHON=python3.12 VENV=.venv312
PYTHON ?= python3
VENV ?= .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed

.PHONY: run test lint typecheck bench clean screenshots fuzz

$(STAMP): pyproject.toml .ci/system-deps
	@echo "First start: installing into $(VENV) (about 2 minutes; pip's progress follows)..."
	bash .ci/system-deps $(PYTHON)
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --progress-bar off --upgrade pip
	$(BIN)/python -m pip install --progress-bar off -e '.[dev]'
	touch $(STAMP)
	@echo "Installed. Next time this step is skipped."

run: $(STAMP)
	$(BIN)/workbench

# Two workers (this is a two-core machine): the suite's time alone stays well under
# four minutes; every bound in it is a count or CPU time, so a busy machine only slows it.
test: $(STAMP) lint typecheck
	QT_QPA_PLATFORM=offscreen $(BIN)/python -m pytest -n 2

lint: $(STAMP)
	$(BIN)/ruff check .
	$(BIN)/lint-imports

typecheck: $(STAMP)
	$(BIN)/mypy

# The full mutation round of every importer (the tests run a short one).
fuzz: $(STAMP)
	$(BIN)/python -m tests.fuzzing --count 10000

bench: $(STAMP)
	QT_QPA_PLATFORM=offscreen $(BIN)/python -m benchmarks

clean:
	rm -rf $(VENV) .mypy_cache .ruff_cache .pytest_cache *.egg-info

screenshots: $(STAMP)
	QT_QPA_PLATFORM=offscreen $(BIN)/python -m ui.screenshots screenshots
	$(BIN)/python -m exports.preview screenshots
