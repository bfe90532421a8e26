# Two commands a user needs: `make run` and `make test`. Both set up .venv on first use.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed
SAMPLE ?= sample_maps/sales_enablement.json
# `make app` builds in a virtual environment of its own, so PyInstaller never slows `make test`.
APP_VENV := .venv-app
APP_STAMP := $(APP_VENV)/.installed

.PHONY: run test lint bench app check-app clean

$(STAMP): pyproject.toml
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -e '.[dev]'
	touch $(STAMP)

run: $(STAMP)
	$(BIN)/ecomap-gui $(SAMPLE)

test: $(STAMP)
	$(BIN)/ruff check app ui tests benchmarks
	$(BIN)/python -m pytest -q

lint: $(STAMP)
	$(BIN)/ruff check app ui tests benchmarks

bench: $(STAMP)
	QT_QPA_PLATFORM=offscreen $(BIN)/python -m benchmarks

# dist/Ecomap: the app as users get it, running without Python (README, "Installing Ecomap").
# Editable install: the app is built from the source here, with the project's metadata copied
# in so the command line finds its exporters by entry point as an installed ecomap does.
$(APP_STAMP): pyproject.toml
	test -x $(APP_VENV)/bin/python || $(PYTHON) -m venv $(APP_VENV)
	$(APP_VENV)/bin/python -m pip install --quiet --upgrade pip
	$(APP_VENV)/bin/python -m pip install --quiet -e '.[app]'
	touch $(APP_STAMP)

app: $(APP_STAMP)
	$(APP_VENV)/bin/pyinstaller --noconfirm --clean --log-level WARN \
		--distpath dist --workpath build/pyinstaller packaging/ecomap.spec
	@du -sh dist/Ecomap

# The built app run with no Python anywhere and an empty environment (packaging/check_app.sh).
check-app:
	packaging/check_app.sh dist/Ecomap

clean:
	rm -rf $(VENV) $(APP_VENV) build dist *.egg-info .pytest_cache
