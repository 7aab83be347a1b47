# Two commands on a fresh machine with Python 3.11+ and kpt on PATH:
#   make demo   set up, then render the sample package end to end and summarise it
#   make test   set up, then run every test
PYTHON ?= python3
VENV ?= .venv
BIN := $(VENV)/bin
PKG ?= packages/intent-to-krm
# The one place the function images' registry is set (see `make set-registry`).
REGISTRY ?= ghcr.io/oran-intent
export PATH := $(abspath $(BIN)):$(PATH)

.PHONY: help install bytecode demo test test-sdk test-e2e-wfd test-o2ims-controller test-slo-gate test-intent-gateway golden generate check-generated \
  picture check-rendered check-deployable render add-site gateway bench bench-scale bench-gateway set-registry collect fuzz image sbom test-images clean

# `make help` lists every target with the text after its `##` (a test keeps the two in step).
help: ## this list
	@awk 'BEGIN {FS = ":[^#]*## "} /^[a-zA-Z0-9_-]+:[^=]*## / {printf "  make %-22s %s\n", $$1, $$2}' $(MAKEFILE_LIST)
	@echo "Variables: PKG=$(PKG) (the package), REGISTRY=$(REGISTRY), PROM=$(PROM), FUZZ_TIME=$(FUZZ_TIME), GATEWAY_LISTEN=$(GATEWAY_LISTEN)"

$(BIN)/python:
	@$(PYTHON) -c 'import sys; sys.exit(sys.version_info < (3, 11) and "Python 3.11 or newer is needed")'
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip

$(VENV)/.installed: pyproject.toml | $(BIN)/python
	$(BIN)/python -m pip install -qq -e '.[test]'
	@touch $@
	@echo "Installed into $(VENV). The functions and tools are console scripts in $(BIN);"
	@echo "put them on PATH in this shell with:  . $(BIN)/activate"

install: $(VENV)/.installed bytecode ## create .venv and install the project and its test tools (console scripts in .venv/bin)
	@command -v kpt >/dev/null || { echo "kpt is not on PATH: see README.md, Prerequisites"; exit 1; }

# Bytecode of every module of the source folder, so that no start compiles the project (with
# PYTHONDONTWRITEBYTECODE set, or a read-only checkout, every run would).  Checked against each
# source's timestamp, as an editable checkout needs: an edited module is compiled in memory until
# the next `make install`.  The images compile theirs unchecked (Dockerfile).
bytecode: | $(BIN)/python ## compile the project's modules (make install does), so no start compiles them
	@$(BIN)/python -m compileall -q -j 0 functions

demo: install ## render PKG end to end on a copy under .demo/ and show what it produced
	$(BIN)/python scripts/demo $(PKG)

test: install ## run every test
	$(BIN)/python -m pytest

test-sdk: install ## the SDK's tests
	$(BIN)/python -m pytest tests/sdk

# The examples' .expected/ first: the status page's golden charts are drawn from those renders.
GOLDEN_TESTS := tests/test_golden.py tests/gateway/ui/test_chart_golden.py

golden: install ## regenerate every example's .expected/ (real kpt) and the status page's golden SVG charts
	GOLDEN_UPDATE=1 $(BIN)/python -m pytest $(GOLDEN_TESTS) -q || true
	$(BIN)/python -m pytest $(GOLDEN_TESTS) -q

generate: install ## regenerate config schemas, CRDs, reference tables and pictures
	$(BIN)/python scripts/generate
	$(BIN)/python scripts/generate-crds
	$(BIN)/python scripts/picture

check-generated: install ## fail if the generated schemas, CRDs or pictures are out of date
	$(BIN)/python scripts/generate --check
	$(BIN)/python scripts/generate-crds --check
	$(BIN)/python scripts/picture --check

# Pictures are drawn from their sources in docs/images/*.toml (scripts/picture).
picture: ## regenerate docs/images/*.svg (the README's pipeline) from their .toml sources
	$(PYTHON) scripts/picture

# The GitOps gate: rendering what is committed must change nothing.
check-rendered: install ## fail if rendering a committed package would change it (the GitOps gate)
	$(BIN)/python scripts/check-rendered

# The deployment gate: each destination of every committed package syncs from one folder.
check-deployable: install ## fail if a committed package's resources would not each reach their own cluster, or lack a CRD
	$(BIN)/python scripts/check-deployable

# The guide's workflow test targets, as subsets of the suite.
test-e2e-wfd: install ## the guide's end-to-end workflow tests (packages, e2e)
	$(BIN)/python -m pytest tests/e2e tests/packages

test-o2ims-controller: install ## CRDs, RBAC, install script, ProvisioningRequests and workloads
	$(BIN)/python -m pytest tests/deploy tests/ts28312_to_pr tests/pr_to_workloads

test-slo-gate: install ## the SLO gate's tests
	$(BIN)/python -m pytest tests/slo_gate_validator tests/packages/test_porch_ready.py

test-intent-gateway: install ## the TMF921 gateway's tests: a real server, git and kpt
	$(BIN)/python -m pytest tests/gateway

render: install ## render PKG in place with exec functions, no container engine
	$(BIN)/python scripts/render $(PKG)

# A new site for PKG: its WorkloadCluster and SiteNetworkPlan, checked by rendering PKG.
add-site: install ## SITE=us-east-1 VLAN=120 SUBNET=10.120.0.0/24 [SITE_GATEWAY= CLUSTER= PKG=]: add a site, then render
	@test -n "$(SITE)" && test -n "$(VLAN)" && test -n "$(SUBNET)" || \
	  { echo "usage: make add-site SITE=us-east-1 VLAN=120 SUBNET=10.120.0.0/24 [SITE_GATEWAY=ip] [CLUSTER=name] [PKG=dir]"; exit 2; }
	$(BIN)/oran-add-site $(PKG) --site $(SITE) --vlan $(VLAN) --subnet $(SUBNET) \
	  $(if $(SITE_GATEWAY),--gateway $(SITE_GATEWAY)) $(if $(CLUSTER),--cluster $(CLUSTER)) --render

# The TMF921 gateway in the foreground (functions/gateway/README.md); Ctrl-C stops it.
GATEWAY_LISTEN ?= 127.0.0.1:8080
GATEWAY_REPO ?= .gateway/repo

gateway: install ## serve the TMF921 Intent Management API on GATEWAY_LISTEN over the repository GATEWAY_REPO
	$(BIN)/intent-gateway --listen $(GATEWAY_LISTEN) --repo $(GATEWAY_REPO)

bench: install ## measure start-up and pipeline cost beside baselines (JSON under bench/results/)
	$(BIN)/python bench/run.py

# At 1000 intents the last stage reads about 50 MB, over the functions' default input limit (32 MiB).
bench-scale: install ## the pipeline at 1, 10, 100 and 1000 intents
	KRM_FN_MAX_INPUT_BYTES=536870912 $(BIN)/python bench/run.py --repeat 3 --scale 1,10,100,1000

bench-gateway: install ## the gateway's latency and throughput beside bare renders, its RSS at 1000 intents
	$(BIN)/python bench/gateway.py

set-registry: ## point every Kptfile's function images at REGISTRY
	$(BIN)/python scripts/set-registry $(REGISTRY)

# Measurements for PKG's SLOGates from a Prometheus; `make render PKG=...` then judges them.
PROM ?= http://127.0.0.1:9090
END ?= $(shell date -u +%Y-%m-%dT%H:%M:00Z)

collect: install ## write MeasurementReports for PKG's gates from the Prometheus at PROM
	$(BIN)/measurement-collector $(PKG) --prometheus $(PROM) --end $(END)

# Coverage-guided fuzzing with atheris, FUZZ_TIME seconds per function (fuzz/README.md).
FUZZ_TIME ?= 60
FUZZ_TARGETS := intent_to_28312 ts28312_to_pr pr_to_workloads slo_gate_validator

fuzz: install ## coverage-guided fuzzing of every function, FUZZ_TIME seconds each
	$(BIN)/python -m pip install --quiet atheris
	$(BIN)/python fuzz/seed_corpus.py build/fuzz
	@for target in $(FUZZ_TARGETS); do \
	  echo "fuzz: $$target for $(FUZZ_TIME)s"; \
	  $(BIN)/python fuzz/fuzz_$$target.py build/fuzz/$$target -dict=fuzz/yaml.dict \
	    -timeout=20 -rss_limit_mb=2048 -max_total_time=$(FUZZ_TIME) \
	    -artifact_prefix=build/fuzz/crash-$$target- || exit 1; \
	done

# Function images: podman, or docker when podman is not installed (scripts/build-images --help).
IMAGE_BASE ?= local
SBOM_DIR ?= build/sbom

image: install ## build the four function images (podman or docker; IMAGE_BASE=upstream for distroless)
	$(BIN)/python scripts/build-images --registry $(REGISTRY) --base $(IMAGE_BASE)

sbom: install ## the images plus a CycloneDX SBOM each under SBOM_DIR
	$(BIN)/python scripts/build-images --registry $(REGISTRY) --base $(IMAGE_BASE) --sbom $(SBOM_DIR)

test-images: install ## the image tests (podman)
	$(BIN)/python -m pytest tests/images

clean: ## remove .venv, .demo, build output and caches
	rm -rf $(VENV) .demo .pytest_cache build *.egg-info
