# Two commands matter: `make run` (a bare machine, embedded defaults) and `make test`.
VENV ?= .venv
PYTHON ?= python3
PY := $(VENV)/bin/python
# `make run` is for a developer's machine: debug on, a throw-away key unless one is given.
RUN_ENV := DEBUG=$${DEBUG:-true}
# Tests run as production does (DEBUG off), which refuses a weak key: a new random one per run
# unless one is given.
TEST_ENV := SECRET_KEY="$${SECRET_KEY:-$$($(PYTHON) -c 'import secrets; print(secrets.token_urlsafe(50))')}"

.PHONY: install run test lint format migrations-check demodata serve worker beat

$(VENV)/.installed: requirements.txt
	$(PYTHON) -m venv $(VENV)
	$(PY) -m pip install --quiet --upgrade pip
	$(PY) -m pip install --quiet -r requirements.txt
	touch $@

install: $(VENV)/.installed

run: install
	$(RUN_ENV) $(PY) manage.py migrate --noinput
	$(RUN_ENV) $(PY) manage.py demodata
	$(RUN_ENV) $(PY) manage.py runserver 127.0.0.1:8000

test: install
	$(TEST_ENV) $(PY) -m pytest $(PYTEST_ARGS)

lint: install
	$(PY) -m ruff check .
	$(PY) -m ruff format --check .
	$(VENV)/bin/lint-imports

format: install
	$(PY) -m ruff check --fix .
	$(PY) -m ruff format .

migrations-check: install
	$(TEST_ENV) $(PY) manage.py makemigrations --check --dry-run

demodata: install
	$(RUN_ENV) $(PY) manage.py demodata

# Production (README, »Drift«): gunicorn, a Celery worker and the one beat, each in the
# foreground; deploy/start holds the commands, which the systemd units in deploy/systemd call too.
serve: install
	VENV=$(VENV) deploy/start web

worker: install
	VENV=$(VENV) deploy/start worker

beat: install
	VENV=$(VENV) deploy/start beat
