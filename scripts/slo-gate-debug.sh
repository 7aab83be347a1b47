#!/usr/bin/env bash
# Manual SLO evaluation of one gate: every target's observed value against its threshold, the
# samples, periods and window used, the revision the evidence is of, and why a gate is not
# Passed. A thin wrapper over `slo-gate-validator explain`, which reads the package and
# changes nothing.
set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
PROG="$(basename "$0")"

GATE=""
PACKAGE=""
EXPLAIN_ARGS=()

usage() {
    cat <<EOF
Usage: ${PROG} --gate NAME [--verbose] [-o table|json|yaml] [PKG]

Explains the verdict of the SLOGate NAME on the MeasurementReports of its package,
target by target (slo-gate-validator explain PKG --gate NAME).

  --gate NAME   the SLOGate (metadata.name), e.g. deploy-edge-ran-edge-cluster-us-west-1
  --verbose     also list every evaluation period's value and sample count
  -o FORMAT     table (default), json or yaml
  PKG           the kpt package holding the gate. Default: the current directory when it is
                a kpt package; otherwise the package under ./packages (or .) that holds
                a SLOGate named NAME
  --help        show this help

The gate's status in a cluster: kubectl describe slogate NAME -n NAMESPACE.
EOF
}

die() {
    printf '%s: %s\n' "${PROG}" "$1" >&2
    exit "${2:-1}"
}

parse_args() {
    while [ "$#" -gt 0 ]; do
        case "$1" in
            --gate)
                [ "$#" -ge 2 ] || die "--gate needs a value" 2
                GATE="$2"
                shift 2
                ;;
            --gate=*)
                GATE="${1#--gate=}"
                shift
                ;;
            --verbose | -v)
                EXPLAIN_ARGS+=(--verbose)
                shift
                ;;
            -o | --output)
                [ "$#" -ge 2 ] || die "$1 needs a value" 2
                EXPLAIN_ARGS+=(--output "$2")
                shift 2
                ;;
            -h | --help)
                usage
                exit 0
                ;;
            -*)
                usage >&2
                die "unknown option: $1" 2
                ;;
            *)
                [ -z "${PACKAGE}" ] || die "one package only (got ${PACKAGE} and $1)" 2
                PACKAGE="$1"
                shift
                ;;
        esac
    done
    [ -n "${GATE}" ] || { usage >&2; die "--gate NAME is required" 2; }
    # metadata.name is a DNS subdomain: this also keeps the name safe inside the search pattern.
    [[ "${GATE}" =~ ^[a-z0-9]([-a-z0-9.]*[a-z0-9])?$ ]] || die "--gate ${GATE}: not a Kubernetes object name" 2
}

# The console script of this checkout's venv when the venv is not activated.
validator() {
    if command -v slo-gate-validator >/dev/null; then
        command -v slo-gate-validator
    elif [ -x "${ROOT}/.venv/bin/slo-gate-validator" ]; then
        printf '%s\n' "${ROOT}/.venv/bin/slo-gate-validator"
    else
        die "slo-gate-validator is not installed: run \`make install\` in ${ROOT} (or pip install the project)"
    fi
}

# The nearest directory at or above $1 that holds a Kptfile.
package_of() {
    local dir
    dir="$(cd "$(dirname "$1")" && pwd)"
    while [ "${dir}" != "/" ] && [ ! -f "${dir}/Kptfile" ]; do
        dir="$(dirname "${dir}")"
    done
    [ -f "${dir}/Kptfile" ] && printf '%s\n' "${dir}"
}

# Packages under $1 (hidden folders skipped) with a SLOGate named ${GATE}.
packages_with_gate() {
    local file
    find "$1" -mindepth 1 -name '.*' -prune -o -type f \( -name '*.yaml' -o -name '*.yml' \) -print0 |
        { xargs -0 -r grep -lE '^kind:[[:space:]]*SLOGate[[:space:]]*$' 2>/dev/null || true; } |
        while IFS= read -r file; do
            if grep -qE "^[[:space:]]+name:[[:space:]]*[\"']?${GATE//./\\.}[\"']?[[:space:]]*$" "${file}"; then
                package_of "${file}" || true
            fi
        done | sort -u
}

find_package() {
    if [ -f Kptfile ] && [ "$(pwd)" != "${ROOT}" ]; then
        pwd
        return
    fi
    local where="."
    [ -d packages ] && where="packages"
    local found
    found="$(packages_with_gate "${where}")"
    if [ -z "${found}" ]; then
        die "no SLOGate named ${GATE} in a package under ${where}/: give the package, ${PROG} --gate ${GATE} PKG"
    fi
    if [ "$(printf '%s\n' "${found}" | wc -l)" -gt 1 ]; then
        printf '%s: several packages have a SLOGate named %s; give one:\n' "${PROG}" "${GATE}" >&2
        printf '  %s\n' "${found}" >&2
        exit 1
    fi
    printf '%s\n' "${found}"
}

main() {
    parse_args "$@"
    local command package
    command="$(validator)"
    if [ -n "${PACKAGE}" ]; then
        [ -d "${PACKAGE}" ] || die "${PACKAGE} is not a directory"
        package="${PACKAGE}"
    else
        package="$(find_package)"
    fi
    exec "${command}" explain "${package}" --gate "${GATE}" "${EXPLAIN_ARGS[@]}"
}

main "$@"
