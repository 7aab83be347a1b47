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

.PHONY: help install demo test test-sdk test-e2e-wfd test-o2ims-controller test-slo-gate golden generate check-generated check-rendered render bench bench-scale set-registry collect fuzz image sbom test-images clean

help:
	@echo "make demo      render $(PKG) end to end (sets up $(VENV) first)"
	@echo "make test      run every test (sets up $(VENV) first)"
	@echo "make golden    regenerate every example's .expected/ with the real kpt"
	@echo "make generate  regenerate schemas and reference tables from the models"
	@echo "make render PKG=dir   render a package in place, exec functions, no container engine"
	@echo "make bench     measure start-up and pipeline cost (make bench-scale: up to 1000 intents)"
	@echo "make image     build the four function images (podman or docker; IMAGE_BASE=upstream for distroless)"
	@echo "make sbom      the images plus a CycloneDX SBOM each under $(SBOM_DIR)/"
	@echo "make collect PKG=dir PROM=url   write MeasurementReports for PKG's gates from Prometheus"
	@echo "make fuzz      coverage-guided fuzzing of every function (FUZZ_TIME=60 seconds each)"
	@echo "make check-rendered   fail if rendering a committed package would change it (the GitOps gate)"

$(BIN)/python:
	@$(PYTHON) -c 'import sys; sys.exit(sys.version_info < (3, 11) and "Python 3.11 or newer is needed")'
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip

$(VENV)/.installed: pyproject.toml | $(BIN)/python
	$(BIN)/python -m pip install -qq -e '.[test]'
	@touch $@

install: $(VENV)/.installed
	@command -v kpt >/dev/null || { echo "kpt is not on PATH: see README.md, Prerequisites"; exit 1; }

demo: install
	$(BIN)/python scripts/demo $(PKG)

test: install
	$(BIN)/python -m pytest

test-sdk: install
	$(BIN)/python -m pytest tests/sdk

golden: install
	GOLDEN_UPDATE=1 $(BIN)/python -m pytest tests/test_golden.py -q || true
	$(BIN)/python -m pytest tests/test_golden.py -q

generate: install
	$(BIN)/python scripts/generate
	$(BIN)/python scripts/generate-crds

check-generated: install
	$(BIN)/python scripts/generate --check
	$(BIN)/python scripts/generate-crds --check

# The GitOps gate: rendering what is committed must change nothing.
check-rendered: install
	$(BIN)/python scripts/check-rendered

# The seed's workflow test targets, as subsets of the suite.
test-e2e-wfd: install
	$(BIN)/python -m pytest tests/e2e tests/packages

test-o2ims-controller: install
	$(BIN)/python -m pytest tests/deploy tests/ts28312_to_pr tests/pr_to_workloads

test-slo-gate: install
	$(BIN)/python -m pytest tests/slo_gate_validator tests/packages/test_porch_ready.py

render: install
	$(BIN)/python scripts/render $(PKG)

bench: install
	$(BIN)/python bench/run.py

# At 1000 intents the last stage reads about 50 MB, over the functions' default input limit (32 MiB).
bench-scale: install
	KRM_FN_MAX_INPUT_BYTES=536870912 $(BIN)/python bench/run.py --repeat 3 --scale 1,10,100,1000

set-registry:
	$(BIN)/python scripts/set-registry $(REGISTRY)

# Measurements for PKG's SLOGates from a Prometheus; `make render PKG=...` then judges them.
PROM ?= http://127.0.0.1:9090
END ?= $(shell date -u +%Y-%m-%dT%H:%M:00Z)

collect: install
	$(BIN)/measurement-collector $(PKG) --prometheus $(PROM) --end $(END)

# Coverage-guided fuzzing with atheris, FUZZ_TIME seconds per function (fuzz/README.md).
FUZZ_TIME ?= 60
FUZZ_TARGETS := intent_to_28312 ts28312_to_pr pr_to_workloads slo_gate_validator

fuzz: install
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

image: install
	$(BIN)/python scripts/build-images --registry $(REGISTRY) --base $(IMAGE_BASE)

sbom: install
	$(BIN)/python scripts/build-images --registry $(REGISTRY) --base $(IMAGE_BASE) --sbom $(SBOM_DIR)

test-images: install
	$(BIN)/python -m pytest tests/images

clean:
	rm -rf $(VENV) .demo .pytest_cache build *.egg-info
