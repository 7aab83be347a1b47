#!/usr/bin/env bash
# Install the cluster artifacts of the O2 IMS integration on the management cluster: the
# project's CRDs (deploy/crds), the controller's namespace, RBAC (deploy/rbac) and network
# policies (deploy/networkpolicy), and the namespace the intents live in; then wait until
# every CRD is Established and check the CRDs other projects own (deploy/external-crds).
set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
DEPLOY="${ROOT}/deploy"
DEFAULT_NAMESPACE="o2ims"
DEFAULT_INTENT_NAMESPACE="intent-system"
FIELD_MANAGER="oran-intent-install"
# Never applied (a TMF921 Intent is a package's local-config input), and its plural `intents`
# would make `kubectl get intents` depend on the discovery order; see docs/porch-gitops.md.
NOT_INSTALLED="tmf921.intent.tmforum.org_intents.yaml"
REQUEST_TIMEOUT="15s"

# CRDs other projects install, per cluster: name, required or optional, who provides it.
MANAGEMENT_CRDS="provisioningrequests.o2ims.provisioning.oran.org required Nephio's O2 IMS operator (catalog package nephio/optional/o2ims)
repositories.config.porch.kpt.dev optional Porch, for the PackageVariantSet fan-out
packagevariantsets.config.porch.kpt.dev optional Porch, for the PackageVariantSet fan-out
workloadclusters.infra.nephio.org optional Nephio, for the PackageVariantSet fan-out"
WORKLOAD_CRDS="network-attachment-definitions.k8s.cni.cncf.io required Multus (k8snetworkplumbingwg/multus-cni)
nfdeployments.workload.nephio.org optional Nephio's NF operators, for pr-to-workloads output nfdeployment or both"

NAMESPACE="${DEFAULT_NAMESPACE}"
INTENT_NAMESPACE="${DEFAULT_INTENT_NAMESPACE}"
CLUSTER="management"
DRY_RUN=false
VERBOSE=false
TIMEOUT=300

usage() {
    cat <<EOF
Usage: $(basename "$0") [--namespace NAME] [--intent-namespace NAME] [--timeout SECONDS]
       [--cluster management|workload] [--dry-run] [--verbose] [--help]

On the management cluster (the default): installs the CRDs of the kinds the packages
apply there, the O2 IMS controller's ServiceAccount, ClusterRole, Role and bindings,
its NetworkPolicies and the intents' namespace, with kubectl (server-side apply); waits
for the CRDs to be Established; then checks the CRDs other projects install (Nephio's
ProvisioningRequest; Porch's for the PackageVariantSet fan-out).
On a workload cluster: installs nothing and checks Multus' NetworkAttachmentDefinition
CRD (and Nephio's NFDeployment).

  --namespace NAME         namespace of the controller (default: ${DEFAULT_NAMESPACE})
  --intent-namespace NAME  namespace of the intents, SLOGates and MeasurementJobs
                           (default: ${DEFAULT_INTENT_NAMESPACE})
  --cluster KIND           management (default) or workload
  --timeout SECONDS        how long to wait for the CRDs to be Established (default: 300)
  --dry-run                print the manifests that would be applied, on stdout, and stop;
                           needs neither kubectl nor a cluster
  --verbose                say what is done, on stderr
  --help                   show this help

kubectl uses the current context (or KUBECONFIG). Exit codes: 0 done; 1 no reachable
cluster, CRDs not Established in time, or a required CRD of another project missing;
2 usage error or no kubectl.
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
            --intent-namespace)
                needs_value "$@"
                INTENT_NAMESPACE="$2"
                shift 2
                ;;
            --intent-namespace=*)
                INTENT_NAMESPACE="${1#*=}"
                shift
                ;;
            --cluster)
                needs_value "$@"
                CLUSTER="$2"
                shift 2
                ;;
            --cluster=*)
                CLUSTER="${1#*=}"
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
    valid_namespace --namespace "${NAMESPACE}"
    valid_namespace --intent-namespace "${INTENT_NAMESPACE}"
    case "${CLUSTER}" in
        management | workload) ;;
        *) die "--cluster ${CLUSTER}: expected management or workload" ;;
    esac
    case "${TIMEOUT}" in
        '' | *[!0-9]*) die "--timeout ${TIMEOUT}: expected a whole number of seconds" ;;
    esac
    [ "${TIMEOUT}" -gt 0 ] || die "--timeout must be at least 1 second"
}

valid_namespace() {
    # A DNS-1123 label, as Kubernetes requires of a namespace name.
    if ! printf '%s' "$2" | grep -Eq '^[a-z0-9]([-a-z0-9]{0,61}[a-z0-9])?$'; then
        die "$1 $2: not a valid namespace name (lowercase letters, digits and '-', at most 63)"
    fi
}

crd_files() {
    find "${DEPLOY}/crds" -maxdepth 1 -name '*.yaml' ! -name "${NOT_INSTALLED}" | LC_ALL=C sort
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
  name: $1
  labels:
    app.kubernetes.io/part-of: oran-intent
    pod-security.kubernetes.io/enforce: restricted
    pod-security.kubernetes.io/enforce-version: latest
EOF
}

# Every manifest, in the order applied: the namespaces, the CRDs, then RBAC and network
# policies with their namespace (and the binding subjects') set to NAMESPACE.  The intents'
# namespace belongs to the cluster, not to a package: a package that declared it would, when
# its sync prunes, delete every other package's intents with it.
manifests() {
    namespace_manifest "${NAMESPACE}"
    if [ "${INTENT_NAMESPACE}" != "${NAMESPACE}" ]; then
        printf -- '---\n'
        namespace_manifest "${INTENT_NAMESPACE}"
    fi
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

# One line instead of kubectl's own (an OpenAPI download error, a stack of retries).
require_cluster() {
    if kubectl get --raw /version --request-timeout="${REQUEST_TIMEOUT}" >/dev/null 2>&1; then
        return 0
    fi
    local context
    context="$(kubectl config current-context 2>/dev/null || true)"
    printf '%s: no reachable Kubernetes cluster (kubectl context: %s); check KUBECONFIG and kubectl cluster-info\n' \
        "$(basename "$0")" "${context:-none set}" >&2
    exit 1
}

external_crds() {
    if [ "${CLUSTER}" = management ]; then
        printf '%s\n' "${MANAGEMENT_CRDS}"
    else
        printf '%s\n' "${WORKLOAD_CRDS}"
    fi
}

# Report each CRD another project installs: present, or missing with who provides it.
# Fails if a required one is missing.
check_external_crds() {
    local missing=0 name need who
    while read -r name need who; do
        if kubectl get crd "${name}" -o name --request-timeout="${REQUEST_TIMEOUT}" >/dev/null 2>&1; then
            log "found crd/${name}"
        elif [ "${need}" = required ]; then
            printf '%s: missing crd/%s, required on the %s cluster: install %s\n' "$(basename "$0")" "${name}" "${CLUSTER}" "${who}" >&2
            missing=1
        else
            printf '%s: note: crd/%s is not installed (%s)\n' "$(basename "$0")" "${name}" "${who}" >&2
        fi
    done < <(external_crds)
    return "${missing}"
}

main() {
    parse_args "$@"
    [ -d "${DEPLOY}/crds" ] || die "${DEPLOY}/crds not found"
    if [ "${CLUSTER}" = workload ]; then
        if [ "${DRY_RUN}" = true ]; then
            log "dry run: nothing is installed on a workload cluster"
            return 0
        fi
        command -v kubectl >/dev/null 2>&1 || die "kubectl not found on PATH"
        require_cluster
        check_external_crds || exit 1
        log "done: the workload cluster has the CRDs the packages' workloads need"
        return 0
    fi
    log "namespaces: ${NAMESPACE}, ${INTENT_NAMESPACE}; CRDs: $(crd_files | wc -l | tr -d ' '); RBAC and policy files: $(namespaced_files | wc -l | tr -d ' ')"
    if [ "${DRY_RUN}" = true ]; then
        log "dry run: printing the manifests; nothing is applied"
        manifests
        return 0
    fi
    command -v kubectl >/dev/null 2>&1 || die "kubectl not found on PATH (use --dry-run to only print the manifests)"
    require_cluster
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
    log "done: CRDs Established, RBAC and network policies applied in ${NAMESPACE}, intents' namespace ${INTENT_NAMESPACE}"
    if ! check_external_crds; then
        printf '%s: installed; the packages cannot be synced to this cluster until the missing CRDs are\n' "$(basename "$0")" >&2
        exit 1
    fi
}

main "$@"
