# syntax=docker/dockerfile:1
#
# One image per function, each a target of this file named after the function's module
# (functions/ts28312_to_pr -> ts28312-to-pr: a stage name cannot start with a digit):
#
#   scripts/build-images                     # all four (make image): wheels, then every target
#   docker build --target intent-to-28312 -t ghcr.io/oran-intent/intent-to-28312:v0.1.0 .
#
# The build context needs the wheels scripts/build-images prepares under build/image/;
# nothing is downloaded during the build (it runs with --network none).
#
# PYTHON_BASE is used by both stages, so the virtual environment made in the first runs
# unchanged in the second. It must provide Debian 12's Python 3.11 at /usr/bin/python3.
# The default is distroless: no shell, no package manager, user 65532 built in. Offline,
# scripts/build-images makes an equivalent one from Debian's packages and passes it here.
ARG PYTHON_BASE=gcr.io/distroless/python3-debian12:nonroot

FROM ${PYTHON_BASE} AS build
# Every RUN is in exec form: the base has no shell, so steps cannot be chained with &&.
# This stage is not shipped; it installs into /opt/fn as root, the images run as 65532.
# hadolint ignore=DL3002
USER 0:0
ENV PIP_DISABLE_PIP_VERSION_CHECK=1 \
    PIP_NO_CACHE_DIR=1 \
    PIP_NO_INPUT=1 \
    PIP_ROOT_USER_ACTION=ignore
# pip runs from its wheel and is not installed in the environment.
COPY build/image/tools/pip.whl /src/pip.whl
RUN ["/usr/bin/python3", "-m", "venv", "--without-pip", "/opt/fn"]
# Third-party distributions first (they change less often than the project), each checked
# against the hashes in the lock.
COPY requirements/image.txt /src/requirements.txt
COPY build/image/wheels/deps/ /src/deps/
RUN ["/opt/fn/bin/python", "/src/pip.whl/pip", "install", "--no-index", "--find-links=/src/deps", "--require-hashes", "--no-deps", "--no-compile", "--requirement=/src/requirements.txt"]
COPY build/image/wheels/project/ /src/project/
RUN ["/opt/fn/bin/python", "/src/pip.whl/pip", "install", "--no-index", "--find-links=/src/project", "--no-deps", "--no-compile", "oran-intent-krm"]
# hadolint ignore=DL3059
RUN ["/opt/fn/bin/python", "/src/pip.whl/pip", "check"]
# Bytecode now, valid without comparing timestamps: the image never writes it.
# hadolint ignore=DL3059
RUN ["/opt/fn/bin/python", "-m", "compileall", "-q", "--invalidation-mode=unchecked-hash", "/opt/fn/lib"]

FROM ${PYTHON_BASE} AS function
ARG VERSION=0.1.0
COPY --from=build /opt/fn /opt/fn
# No bytecode writes (read-only root filesystem), UTF-8 I/O whatever the locale, no user
# site-packages.
ENV PYTHONDONTWRITEBYTECODE=1 \
    PYTHONUTF8=1 \
    PYTHONNOUSERSITE=1
LABEL org.opencontainers.image.source="https://github.com/oran-intent/oran-intent-krm" \
      org.opencontainers.image.licenses="Apache-2.0" \
      org.opencontainers.image.version="${VERSION}" \
      org.opencontainers.image.vendor="oran-intent"
USER 65532:65532

FROM function AS intent-to-28312
LABEL org.opencontainers.image.title="intent-to-28312" \
      org.opencontainers.image.description="kpt function: TMF921 Intent to 3GPP TS 28.312 Intent"
ENTRYPOINT ["/opt/fn/bin/intent-to-28312"]

FROM function AS ts28312-to-pr
LABEL org.opencontainers.image.title="28312-to-pr" \
      org.opencontainers.image.description="kpt function: TS 28.312 Intent to O2 IMS ProvisioningRequests, SLOGate and MeasurementJob"
ENTRYPOINT ["/opt/fn/bin/28312-to-pr"]

FROM function AS pr-to-workloads
LABEL org.opencontainers.image.title="pr-to-workloads" \
      org.opencontainers.image.description="kpt function: O2 IMS ProvisioningRequest to Kubernetes workloads for CU, DU and RU"
ENTRYPOINT ["/opt/fn/bin/pr-to-workloads"]

FROM function AS slo-gate-validator
LABEL org.opencontainers.image.title="slo-gate-validator" \
      org.opencontainers.image.description="kpt function: SLOGate and measurements to a Passed, Failed or Inconclusive verdict"
ENTRYPOINT ["/opt/fn/bin/slo-gate-validator"]
