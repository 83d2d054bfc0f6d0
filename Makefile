# Two commands matter: `make run` (install + start the local platform) and `make test`
# (install + every quality gate + the whole test suite). Everything else supports them.

# The Lambda runtime is python3.13 (infra/template.yaml); the local environments use the same
# minor version. Found on PATH or, where pyenv carries it without selecting it, in pyenv's tree.
PYTHON_MINOR := 3.13
PYTHON ?= $(firstword $(foreach p,python$(PYTHON_MINOR) \
	$(wildcard $(shell pyenv root 2>/dev/null)/versions/$(PYTHON_MINOR)*/bin/python$(PYTHON_MINOR)) \
	$(wildcard /usr/local/bin/python$(PYTHON_MINOR) /usr/bin/python$(PYTHON_MINOR)),\
	$(shell $(p) -c 'import sys; print(sys.executable) if sys.version_info[:2] == (3, 13) else None' 2>/dev/null)))

VENV   := .venv
BIN    := $(VENV)/bin
TOOLS  := .venv-tools/bin
UV     := $(BIN)/uv
UV_VERSION := 0.13.9
STAMP  := $(VENV)/.installed
TOOLS_STAMP := .venv-tools/.installed

export SAM_CLI_TELEMETRY = 0
export PYTHONPATH := $(CURDIR)/layers/core/python:$(CURDIR)/infra

.PHONY: install tools run test lint typecheck template statemachines pytest bench lock build clean python

python:
	@test -n "$(PYTHON)" || { \
	  echo "Python $(PYTHON_MINOR) is needed (the Lambda runtime is python$(PYTHON_MINOR)) and was not found."; \
	  echo "Install it, e.g. 'pyenv install $(PYTHON_MINOR)', 'apt install python$(PYTHON_MINOR)-venv',"; \
	  echo "or name it: make PYTHON=/path/to/python$(PYTHON_MINOR) ..."; exit 1; }

$(STAMP): requirements.lock pyproject.toml | python
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --disable-pip-version-check uv==$(UV_VERSION)
	$(UV) pip sync --quiet --compile-bytecode --python $(BIN)/python requirements.lock
	$(UV) pip install --quiet --python $(BIN)/python --no-deps -e .
	touch $(STAMP)

$(TOOLS_STAMP): requirements-tools.lock | python
	test -x $(TOOLS)/python || $(PYTHON) -m venv .venv-tools
	$(TOOLS)/python -m pip install --quiet --disable-pip-version-check uv==$(UV_VERSION)
	$(TOOLS)/uv pip sync --quiet --compile-bytecode --python $(TOOLS)/python requirements-tools.lock
	touch $(TOOLS_STAMP)

install: $(STAMP)

tools: $(TOOLS_STAMP)

# The data is kept across a stop and start (.devstack/state); `make run FRESH=1` starts empty.
run: install
	$(BIN)/python -m devstack $(if $(FRESH),--fresh)

test: install tools lint typecheck template statemachines pytest

lint:
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .

typecheck:
	$(BIN)/mypy layers/core/python/egov infra/devstack functions bench

# sam build runs infra/lambda/Makefile, which installs the layer with uv and compiles with the
# runtime's interpreter (python3.13, looked up on PATH, not in the venv).
SAM_BUILD = PATH=$(dir $(PYTHON)):$$PATH UV=$(abspath $(UV)) $(TOOLS)/sam build \
	--template-file infra/template.yaml --build-dir .aws-sam/build

template: install tools
	$(TOOLS)/cfn-lint infra/template.yaml
	$(TOOLS)/sam validate --lint --template-file infra/template.yaml --region eu-central-1
	$(SAM_BUILD) >/dev/null
	$(BIN)/python -m devstack.check_build

statemachines:
	$(BIN)/python -m devstack.validate_asl

# xdist's loadgroup keeps the tests that share the e2e stack on one worker. The suite starts
# many interpreters (the local stack and its workers, fresh imports of handlers): with
# PYTHONDONTWRITEBYTECODE set, as on CI machines, each would compile our sources again, so they
# are compiled once here (the installed packages were compiled at install).
pytest:
	$(BIN)/python -m compileall -q -j 0 layers/core/python infra functions bench tests >/dev/null
	$(BIN)/pytest -n 2 --dist loadgroup --durations=30

# bench/cold_start.py measures what the build ships.
bench: install build
	for b in bench/*.py; do $(BIN)/python $$b || exit 1; done

build: install tools
	$(SAM_BUILD)

# The layer's pins are compiled first and constrain the test environment, so the tests run
# against exactly the versions the Lambda layer ships.
lock: install
	$(UV) pip compile pyproject.toml --upgrade --python-version $(PYTHON_MINOR) \
		--python-platform x86_64-manylinux_2_28 -o layers/core/python/requirements.txt
	$(UV) pip compile pyproject.toml --upgrade --extra dev --python-version $(PYTHON_MINOR) \
		--constraint layers/core/python/requirements.txt -o requirements.lock
	$(UV) pip compile infra/tools.in --upgrade --python-version $(PYTHON_MINOR) -o requirements-tools.lock

clean:
	rm -rf $(VENV) .venv-tools .aws-sam .mypy_cache .ruff_cache .pytest_cache
