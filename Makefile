# Two commands set everything up on a fresh machine:
#   make serve   build the site and serve it with live reload on http://127.0.0.1:8000
#   make test    install the test tools (and a Chromium if none is found), run ruff, then every test
# Also: make build (the checks, a strict build into site/ with the offline copy's zip, the post-build
# steps), make offline (the zip only), make bench (speed, weight and search figures), make engines
# (the site built with MkDocs and Zensical, compared with ProperDocs), make snapshot (after a change
# meant to alter pages), make lock. Without make: see README, "Without make".
# make test PYTEST_ARGS='-m "not review_due"' leaves out the review-date check (CI runs it as its own job).

VENV := .venv
OFFLINE_ZIP := acupuncture-chronic-pain-offline.zip
PYTEST_ARGS :=
PYTHON := $(VENV)/bin/python
# The engine that builds the published site: ProperDocs, the maintained fork of MkDocs 1.x.
# MkDocs itself is the second engine (tests, make engines). Any engine that reads mkdocs.yml
# will do (make build ENGINE=mkdocs): the checks and post-build steps run around it.
ENGINE := properdocs
BUILD = $(VENV)/bin/$(ENGINE) build --strict --config-file mkdocs.yml
PIP := $(VENV)/bin/pip --disable-pip-version-check --quiet
# The project's own package (acp/), after the locked requirements, which hold its build
# backend: pip refuses a folder in --require-hashes mode, and without build isolation it
# fetches nothing unhashed to build it.
INSTALL_PROJECT = $(PIP) install --no-deps --no-build-isolation --editable .
export NO_MKDOCS_2_WARNING := 1

.PHONY: serve build test bench offline engines snapshot lock clean

$(PYTHON):
	python3 -m venv $(VENV)

$(VENV)/.build-installed: requirements.txt pyproject.toml | $(PYTHON)
	$(PIP) install --require-hashes -r requirements.txt
	$(INSTALL_PROJECT)
	touch $@

# One pip run for both files, which covers the build's requirements too.
$(VENV)/.test-installed: requirements.txt requirements-test.txt pyproject.toml | $(PYTHON)
	$(PIP) install --require-hashes -r requirements.txt -r requirements-test.txt
	$(INSTALL_PROJECT)
	touch $(VENV)/.build-installed $@

tests/node_modules/.installed: tests/package.json tests/package-lock.json
	npm ci --prefix tests --no-audit --no-fund --loglevel=error
	touch $@

serve: $(VENV)/.build-installed
	$(VENV)/bin/$(ENGINE) serve --config-file mkdocs.yml --dev-addr 127.0.0.1:8000

# The site as deployed: the checks, the strict build, the post-build steps, and the offline
# copy's zip, which every build's about page links to at the published address.
build: offline
	$(PYTHON) -m acp.check
	$(BUILD) --site-dir site
	$(PYTHON) -m acp.postbuild site
	cp $(OFFLINE_ZIP) site/

# The offline copy: Material's offline plugin, opened from file://, offered as a zip.
offline: $(VENV)/.build-installed
	$(PYTHON) -m acp.check
	OFFLINE=true $(BUILD) --site-dir site-offline
	$(PYTHON) -m acp.postbuild site-offline
	cd site-offline && $(abspath $(PYTHON)) -m zipfile -c ../$(OFFLINE_ZIP) .

test: $(VENV)/.test-installed tests/node_modules/.installed
	$(PYTHON) -m ruff check .
	$(PYTHON) -m toolbox.browser --install
	$(PYTHON) -m pytest $(PYTEST_ARGS)

bench: $(VENV)/.test-installed tests/node_modules/.installed bench/node_modules/.installed
	$(PYTHON) -m toolbox.browser --install
	$(PYTHON) -m bench

bench/node_modules/.installed: bench/package.json bench/package-lock.json
	npm ci --prefix bench --no-audit --no-fund --loglevel=error
	touch $@

$(VENV)/.engines-installed: $(VENV)/.test-installed requirements-engines.txt
	$(PIP) install --require-hashes -r requirements.txt -r requirements-test.txt -r requirements-engines.txt
	touch $@

# The site built with ProperDocs and MkDocs (every page identical) and Zensical (the same content on every page).
engines: $(VENV)/.engines-installed
	$(PYTHON) -m toolbox.engines mkdocs
	$(PYTHON) -m toolbox.engines zensical

# After a change meant to alter pages: rewrite tests/snapshots/articles/ (read the diff before committing).
snapshot: $(VENV)/.build-installed
	$(VENV)/bin/mkdocs build --strict --site-dir site
	$(PYTHON) -m toolbox.article_html site

lock:
	$(PIP) install pip-tools==7.6.2
	$(VENV)/bin/pip-compile --quiet --generate-hashes --strip-extras --allow-unsafe --no-emit-index-url --no-emit-find-links -o requirements.txt requirements.in
	$(VENV)/bin/pip-compile --quiet --generate-hashes --strip-extras --allow-unsafe --no-emit-index-url --no-emit-find-links -o requirements-test.txt requirements-test.in
	$(VENV)/bin/pip-compile --quiet --generate-hashes --strip-extras --allow-unsafe --no-emit-index-url --no-emit-find-links -o requirements-engines.txt requirements-engines.in

clean:
	rm -rf site site-offline $(OFFLINE_ZIP) .pytest_cache
