# Two commands matter: `make run` (install + start the local platform) and `make test`
# (install + every quality gate + the whole test suite). Everything else supports them.
PYTHON ?= python3.11
VENV   := .venv
BIN    := $(VENV)/bin
UV     := $(BIN)/uv
STAMP  := $(VENV)/.installed

export SAM_CLI_TELEMETRY = 0
export PYTHONPATH := $(CURDIR)/layers/core/python:$(CURDIR)/infra

.PHONY: install run test lint typecheck template statemachines pytest bench lock build clean

$(STAMP): requirements.lock pyproject.toml
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --disable-pip-version-check uv==0.13.9
	$(UV) pip install --quiet --python $(BIN)/python -r requirements.lock
	$(UV) pip install --quiet --python $(BIN)/python --no-deps -e .
	touch $(STAMP)

install: $(STAMP)

run: install
	$(BIN)/python -m devstack

test: install lint typecheck template statemachines pytest

lint:
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .

typecheck:
	$(BIN)/mypy layers/core/python/egov infra/devstack functions bench

template:
	$(BIN)/cfn-lint infra/template.yaml
	$(BIN)/sam validate --lint --template-file infra/template.yaml --region eu-central-1
	$(BIN)/sam build --template-file infra/template.yaml --build-dir .aws-sam/build >/dev/null

statemachines:
	$(BIN)/python -m devstack.validate_asl

pytest:
	$(BIN)/pytest -n 2 --dist loadgroup

bench: install
	for b in bench/*.py; do $(BIN)/python $$b || exit 1; done

build: install
	$(BIN)/sam build --template-file infra/template.yaml

lock:
	$(UV) pip compile pyproject.toml --extra dev --python-version 3.11 -o requirements.lock
	$(UV) pip compile pyproject.toml --python-version 3.11 \
		--python-platform x86_64-manylinux_2_28 -o layers/core/python/requirements.txt

clean:
	rm -rf $(VENV) .aws-sam .mypy_cache .ruff_cache .pytest_cache
