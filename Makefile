# make lab   — set up .venv on first use, then open the notebooks in JupyterLab
# make test  — set up .venv on first use, then lint and run the whole suite
# make demo  — the backprop explorer alone (notebooks/explorer.ipynb) as a Voila dashboard
# make bench — performance comparisons, written to benchmarks/results/ (BENCH_ARGS="--before REV --quick ...")
# make notebooks — re-execute every walkthrough notebook in place (refresh its outputs)
# make hub   — JupyterHub for a class on this machine (jupyterhub/jupyterhub_config.py)
# make course — the nbgrader course (COURSE=build/course) from course/source/, and the
#               student notebooks in notebooks/exercises/ that nbgrader generates from it
# make otter — the same exercises as otter-grader assignments (for Gradescope) in OTTER=build/otter
# make site  — the course website (walkthroughs, recap, exercises) in SITE=build/site/_build/html

PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
# One stamp per installed extra and pyproject.toml version: `make lab` installs the "lab" extra
# (what a student needs), `make test` and the instructor targets the "test" extra (lab + all).
CKSUM := $(shell cksum < pyproject.toml | cut -d' ' -f1)
STAMP := $(VENV)/.installed-test-$(CKSUM)
LAB_STAMP := $(VENV)/.installed-lab-$(CKSUM)
PORT ?= 8888
# One token per make run, expanded once: the printed URL and the server must use the same one.
ifndef TOKEN
TOKEN := $(shell $(PYTHON) -c "import secrets; print(secrets.token_hex(16))")
endif
COURSE ?= build/course
OTTER ?= build/otter
SITE_OUT ?= build/site
ROOT_FLAG := $(shell [ "$$(id -u)" = 0 ] && echo --allow-root)
HUB_PORT ?= 8000
HUB_CONFIG ?= jupyterhub/jupyterhub_config.py
HUB_STATE ?= jupyterhub/state
PROXY := $(VENV)/proxy/node_modules/.bin/configurable-http-proxy
NBVAL := --nbval --nbval-current-env --nbval-sanitize-with tests/nbval_sanitize.cfg \
	--nbval-cell-timeout=600

.PHONY: setup lab test lint demo hub proxy bench notebooks course otter site clean

# An editable install leaves out pyproject's data-files (setuptools does not install them in
# that mode), so the Voila template and its settings are copied into .venv by hand.
$(VENV)/.installed-%-$(CKSUM): pyproject.toml
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install -q --upgrade pip
	$(BIN)/python -m pip install -q -e '.[$*]'
	cp -R share etc $(VENV)/
	rm -f $(VENV)/.installed-$*-* && touch $@
	@if [ "$*" = test ]; then rm -f $(VENV)/.installed-lab-* && touch $(LAB_STAMP); fi

setup: $(STAMP)

# Both servers: loopback only, the token on every route, and no silent move to another port
# (the printed URL would then lead nowhere). Their own log lines go to stderr.
lab: $(LAB_STAMP)
	@echo "JupyterLab: http://127.0.0.1:$(PORT)/lab/tree/00_start_here.ipynb?token=$(TOKEN)"
	@$(BIN)/jupyter lab --ip=127.0.0.1 --port=$(PORT) --ServerApp.port_retries=0 \
		--IdentityProvider.token=$(TOKEN) --ServerApp.root_dir=notebooks $(ROOT_FLAG) \
		--LabApp.default_url=/lab/tree/00_start_here.ipynb

lint: setup
	$(BIN)/ruff check .

# The hub test needs configurable-http-proxy (npm); without npm it is skipped (failed with CI=true).
test: lint
	@if command -v npm >/dev/null; then $(MAKE) --no-print-directory proxy; fi
	$(BIN)/python -m pytest tests notebooks --ignore=notebooks/exercises $(NBVAL)

# Standalone Voila ignores --IdentityProvider.token: --Voila.token is the one it enforces.
# demo/voila.py culls idle kernels and caps how many run at once.
demo: $(LAB_STAMP)
	@echo "Explorer: http://127.0.0.1:$(PORT)/?token=$(TOKEN)"
	@$(BIN)/voila notebooks/explorer.ipynb --no-browser --Voila.ip=127.0.0.1 --port=$(PORT) \
		--Voila.port_retries=0 --Voila.token=$(TOKEN) --Voila.config_file_paths=demo

# configurable-http-proxy, JupyterHub's proxy, is a Node.js program: npm installs it into .venv.
$(PROXY):
	npm install --prefix $(VENV)/proxy --no-audit --no-fund --loglevel=error configurable-http-proxy@5

proxy: $(PROXY)

hub: setup $(PROXY)
	mkdir -p -m 0700 $(HUB_STATE)  # the hub database and cookie secret: root only
	@echo "JupyterHub on http://127.0.0.1:$(HUB_PORT)/hub/login"
	cd $(HUB_STATE) && $(abspath $(BIN))/jupyterhub -f $(abspath $(HUB_CONFIG)) --JupyterHub.bind_url=http://127.0.0.1:$(HUB_PORT)

bench: setup
	$(BIN)/python -m pip install -q -e '.[bench]'
	$(BIN)/python -m benchmarks $(BENCH_ARGS)

notebooks: setup
	$(BIN)/python scripts/refresh_notebooks.py notebooks/*.ipynb

course: setup
	$(BIN)/python -m course.build_nbgrader --course $(COURSE)

otter: setup
	$(BIN)/python -m course.build_otter --out $(OTTER)

# Jupyter Book 1 from the committed notebooks (nothing is executed); docs/website.md.
site: setup
	$(BIN)/python -m pip install -q -e '.[site]'
	$(BIN)/jupyter-book build . --config site/_config.yml --toc site/_toc.yml \
		--path-output $(SITE_OUT) --warningiserror --keep-going
	@echo "Course website: $(SITE_OUT)/_build/html/index.html"

clean:
	rm -rf $(VENV) .pytest_cache .ruff_cache
