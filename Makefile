# Pop-up POS: the two commands in README.md, and the developer's tools.
PYTHON ?= python3
VENV ?= .venv
PY := $(VENV)/bin/python
INSTALLED := $(VENV)/.installed
PACKAGER := $(VENV)/.installed-package
DATA_DIR ?= $(CURDIR)/data/demo

.PHONY: run test bench bench-scale lint screenshots translations system-deps lock clean package package-check

$(PY):
	$(PYTHON) -m venv $(VENV)
	$(PY) -m pip install -q --upgrade pip

# Reinstall whenever the dependencies or the lock change.
$(INSTALLED): pyproject.toml requirements.lock | $(PY)
	$(PY) -m pip install -q -c requirements.lock -e '.[test]'
	touch $@

$(PACKAGER): pyproject.toml requirements.lock | $(PY)
	$(PY) -m pip install -q -c requirements.lock -e '.[package]'
	touch $@

## make run: open the app on the demo event (an embedded SQLite store in ./data/demo)
run: $(INSTALLED)
	$(PY) -m app --demo --data-dir "$(DATA_DIR)"

system-deps:
	./packaging/system-deps.sh

## make test: install everything the tests need, run the whole suite with Qt offscreen, lint, and check the bundle.
## The suite runs on every core (TEST_WORKERS=0 runs it in one process); a file's tests stay on one worker,
## which keeps their module fixtures (one hub, one market) shared as they are written.
TEST_WORKERS ?= auto
test: system-deps $(INSTALLED)
	QT_QPA_PLATFORM=offscreen $(PY) -m pytest -n $(TEST_WORKERS) --dist loadfile --durations=25
	$(MAKE) --no-print-directory lint
	$(MAKE) --no-print-directory package-check

## make bench: the benchmarks (medians, spreads, ratios to their floors), not part of make test
bench: system-deps $(INSTALLED)
	QT_QPA_PLATFORM=offscreen $(PY) -m pytest tests/bench -q -s -m "not scale"

## make bench-scale: the same figures at 100k and 1M rows (long: tens of minutes; CI does not run it)
bench-scale: system-deps $(INSTALLED)
	QT_QPA_PLATFORM=offscreen $(PY) -m pytest tests/bench -q -s -m scale

## make screenshots: README pictures in docs/screenshots, the window filling a real screen size under Xvfb
## (xvfb-run comes with system-deps); packaging/screenshots.py takes the pictures planned for each size
## then packaging/page_screenshots.py the hub's event page at a laptop's and a phone's width
SCREEN_SIZES := 1366x768 1024x600 1920x1080
screenshots: system-deps $(INSTALLED)
	for size in $(SCREEN_SIZES); do \
		xvfb-run -a -s "-screen 0 $${size}x24" $(PY) packaging/screenshots.py || exit 1; \
	done
	$(PY) packaging/page_screenshots.py  # the hub's event page, in headless chromium

## make translations: refresh resources/i18n/*.ts from the screens' texts and compile them; the same for the
## texts made outside the screens (errors, labels, printed documents): resources/i18n/python (babel.cfg)
translations: $(INSTALLED)
	for ts in resources/i18n/*.ts; do \
		$(VENV)/bin/pyside6-lupdate $$(find app/ui -name '*.py' | sort) -ts $$ts && \
		$(VENV)/bin/pyside6-lrelease $$ts -qm $${ts%.ts}.qm; \
	done
	$(VENV)/bin/pybabel extract -F babel.cfg --project popup-pos --sort-output --no-location \
		-o resources/i18n/python/popup_pos.pot .
	$(VENV)/bin/pybabel update --no-fuzzy-matching --ignore-obsolete \
		-i resources/i18n/python/popup_pos.pot -d resources/i18n/python -D popup_pos
	$(VENV)/bin/pybabel compile --statistics -d resources/i18n/python -D popup_pos

## make package: the one-folder bundle dist/popup-pos/ (popup-pos and popup-hub), from packaging/popup-pos.spec.
# system-deps first: PyInstaller copies the Qt plugins' system libraries (xcb...) from this machine.
package: system-deps $(PACKAGER)
	$(VENV)/bin/pyinstaller --noconfirm --clean --log-level WARN --distpath dist --workpath build/pyinstaller \
		packaging/popup-pos.spec

## make package-check: build the bundle, then run it headless: its version, its self-test, the hub's help
package-check: package
	QT_QPA_PLATFORM=offscreen dist/popup-pos/popup-pos --version
	QT_QPA_PLATFORM=offscreen dist/popup-pos/popup-pos --self-test
	dist/popup-pos/popup-hub --help >/dev/null

lint: $(INSTALLED)
	$(VENV)/bin/ruff check .
	$(VENV)/bin/ruff format --check .
	$(VENV)/bin/mypy
	$(VENV)/bin/lint-imports

## make lock: refresh requirements.lock from a fresh resolve
lock: $(PY)
	$(PY) -m pip install -q -e '.[test,package]'
	$(PY) -m pip freeze --exclude-editable | grep -v '^popup-pos' > requirements.lock

clean:
	rm -rf $(VENV) .pytest_cache .mypy_cache .ruff_cache .hypothesis .benchmarks build dist
