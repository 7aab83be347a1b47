#!/usr/bin/env bash
# Install the cluster artifacts of the O2 IMS integration: the project's CRDs
# (deploy/crds), the controller's namespace, RBAC (deploy/rbac) and network policies
# (deploy/networkpolicy); then wait until every CRD is Established.
set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
DEPLOY="${ROOT}/deploy"
DEFAULT_NAMESPACE="o2ims"
FIELD_MANAGER="oran-intent-install"

NAMESPACE="${DEFAULT_NAMESPACE}"
DRY_RUN=false
VERBOSE=false
TIMEOUT=300

usage() {
    cat <<EOF
Usage: $(basename "$0") [--namespace NAME] [--timeout SECONDS] [--dry-run] [--verbose] [--help]

Installs the CRDs of every kind the pipeline emits, the O2 IMS controller's
ServiceAccount, ClusterRole, Role and bindings, and its NetworkPolicies, with
kubectl (server-side apply); then waits for the CRDs to be Established.

  --namespace NAME   namespace of the controller (default: ${DEFAULT_NAMESPACE})
  --timeout SECONDS  how long to wait for the CRDs to be Established (default: 300)
  --dry-run          print the manifests that would be applied, on stdout, and stop;
                     needs neither kubectl nor a cluster
  --verbose          say what is done, on stderr
  --help             show this help

kubectl uses the current context (or KUBECONFIG).
EOF
}

log() {
    if [ "${VERBOSE}" = true ]; then
        printf '%s\n' "$*" >&2
    fi
}

die() {
    printf '%s: %s\n' "$(basename "$0")" "$*" >&2
    exit 2
}

needs_value() {
    if [ "$#" -lt 2 ] || [ "${2#-}" != "$2" ]; then
        die "$1 needs a value"
    fi
}

parse_args() {
    while [ "$#" -gt 0 ]; do
        case "$1" in
            --namespace)
                needs_value "$@"
                NAMESPACE="$2"
                shift 2
                ;;
            --namespace=*)
                NAMESPACE="${1#*=}"
                shift
                ;;
            --timeout)
                needs_value "$@"
                TIMEOUT="$2"
                shift 2
                ;;
            --timeout=*)
                TIMEOUT="${1#*=}"
                shift
                ;;
            --dry-run)
                DRY_RUN=true
                shift
                ;;
            --verbose | -v)
                VERBOSE=true
                shift
                ;;
            --help | -h)
                usage
                exit 0
                ;;
            *)
                usage >&2
                die "unknown argument: $1"
                ;;
        esac
    done
    # A DNS-1123 label, as Kubernetes requires of a namespace name.
    if ! printf '%s' "${NAMESPACE}" | grep -Eq '^[a-z0-9]([-a-z0-9]{0,61}[a-z0-9])?$'; then
        die "--namespace ${NAMESPACE}: not a valid namespace name (lowercase letters, digits and '-', at most 63)"
    fi
    case "${TIMEOUT}" in
        '' | *[!0-9]*) die "--timeout ${TIMEOUT}: expected a whole number of seconds" ;;
    esac
    [ "${TIMEOUT}" -gt 0 ] || die "--timeout must be at least 1 second"
}

crd_files() {
    find "${DEPLOY}/crds" -maxdepth 1 -name '*.yaml' | LC_ALL=C sort
}

namespaced_files() {
    local dir
    for dir in rbac networkpolicy; do
        find "${DEPLOY}/${dir}" -maxdepth 1 -name '*.yaml' | LC_ALL=C sort
    done
}

namespace_manifest() {
    cat <<EOF
apiVersion: v1
kind: Namespace
metadata:
  name: ${NAMESPACE}
  labels:
    app.kubernetes.io/part-of: oran-intent
    pod-security.kubernetes.io/enforce: restricted
    pod-security.kubernetes.io/enforce-version: latest
EOF
}

# Every manifest, in the order applied: the namespace, the CRDs, then RBAC and network
# policies with their namespace (and the binding subjects') set to NAMESPACE.
manifests() {
    namespace_manifest
    local file
    while IFS= read -r file; do
        printf -- '---\n'
        cat "${file}"
    done < <(crd_files)
    while IFS= read -r file; do
        printf -- '---\n'
        sed -E "s/^([[:space:]]*namespace:)[[:space:]]+${DEFAULT_NAMESPACE}[[:space:]]*$/\\1 ${NAMESPACE}/" "${file}"
    done < <(namespaced_files)
}

crd_names() {
    local file
    while IFS= read -r file; do
        # The CRD's metadata.name: the first `name:` under the top-level metadata.
        awk '/^metadata:/ {m=1; next} m && /^[^ ]/ {m=0} m && /^  name:/ {print $2; exit}' "${file}"
    done < <(crd_files)
}

main() {
    parse_args "$@"
    [ -d "${DEPLOY}/crds" ] || die "${DEPLOY}/crds not found"
    log "namespace: ${NAMESPACE}; CRDs: $(crd_files | wc -l | tr -d ' '); RBAC and policy files: $(namespaced_files | wc -l | tr -d ' ')"
    if [ "${DRY_RUN}" = true ]; then
        log "dry run: printing the manifests; nothing is applied"
        manifests
        return 0
    fi
    command -v kubectl >/dev/null 2>&1 || die "kubectl not found on PATH (use --dry-run to only print the manifests)"
    log "kubectl apply --server-side --field-manager=${FIELD_MANAGER} -f -"
    manifests | kubectl apply --server-side --field-manager="${FIELD_MANAGER}" -f -
    local names
    names="$(crd_names | sed 's|^|crd/|' | tr '\n' ' ')"
    log "kubectl wait --for=condition=Established --timeout=${TIMEOUT}s ${names}"
    # shellcheck disable=SC2086 # one argument per CRD
    if ! kubectl wait --for=condition=Established --timeout="${TIMEOUT}s" ${names}; then
        printf '%s: the CRDs were not all Established within %ss (try --timeout)\n' "$(basename "$0")" "${TIMEOUT}" >&2
        exit 1
    fi
    log "done: CRDs Established, RBAC and network policies applied in ${NAMESPACE}"
}

main "$@"
