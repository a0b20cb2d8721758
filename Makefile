# Build, preview and test the documentation site.
#
#   make html                 strict build into _build/html (creates .venv first)
#   make html SPHINXOPTS=     the same build, warnings not fatal
#   make livehtml [PORT=8000] live-reloading preview on http://127.0.0.1:PORT
#   make latexpdf, make epub  the site as a PDF (needs TeX) or an EPUB; also dirhtml, singlehtml,
#                             latex, text, man, gettext
#   make test                 the test suite
#   make clean                remove the build output
#
# JEKYLL_SITE=path builds that Jekyll site's posts and authors in place of posts/.

PYTHON      ?= python3
VENV        ?= .venv
SPHINXOPTS  ?= -W --keep-going -n
JOBS        ?= auto
BUILDDIR    ?= _build
HOST        ?= 127.0.0.1
PORT        ?= 8000
JEKYLL_SITE ?=
SITE_BASEURL ?=
export JEKYLL_SITE SITE_BASEURL

BIN         := $(VENV)/bin
SPHINXBUILD := $(BIN)/sphinx-build
STAMP       := $(VENV)/.installed

.PHONY: help venv html livehtml test clean

help:
	@sed -n '2,11p' Makefile | sed 's/^# \{0,1\}//'

venv: $(STAMP)

# Re-installs whenever requirements.txt changes.
$(STAMP): requirements.txt
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -r requirements.txt
	touch $(STAMP)

# -M keeps the doctrees and the build's own state in $(BUILDDIR)/doctrees:
# $(BUILDDIR)/html holds only what a web server should serve.
html: $(STAMP)
	$(SPHINXBUILD) -M html . $(BUILDDIR) -j $(JOBS) $(SPHINXOPTS)

# One process keeps the site's Sphinx application between edits (jekyll_myst/preview).
livehtml: $(STAMP)
	$(BIN)/python -m jekyll_myst.preview -b html -d $(BUILDDIR)/doctrees -j $(JOBS) $(SPHINXOPTS) \
		--host $(HOST) --port $(PORT) $(if $(JEKYLL_SITE),--watch $(JEKYLL_SITE)) \
		--ignore '$(BUILDDIR)' --ignore '$(VENV)' . $(BUILDDIR)/html

# The other Sphinx builders, each into $(BUILDDIR)/<builder>: the PDF (latexpdf,
# which needs TeX: see docs/guides/building-and-hosting.md) and the EPUB hold
# the docs and every post.
BUILDERS := dirhtml singlehtml epub latex latexpdf text man gettext
.PHONY: $(BUILDERS)
$(BUILDERS): $(STAMP)
	$(SPHINXBUILD) -M $@ . $(BUILDDIR) -j $(JOBS) $(SPHINXOPTS)

test: $(STAMP)
	$(BIN)/python -m pytest $(PYTEST_ARGS)

clean:
	rm -rf $(BUILDDIR)

# make bench [N="100 1000"] [RUNS=3] [BENCH_ARGS=...]: build figures, this project
# against plain Sphinx + MyST on generated Jekyll sites (python bench/run.py --help).
.PHONY: bench
bench: $(STAMP)
	$(BIN)/python bench/run.py $(if $(N),--n $(N)) $(if $(RUNS),--runs $(RUNS)) $(BENCH_ARGS)
