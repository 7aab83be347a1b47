"""The Pod Security Standards level a pod spec meets (the checks that apply to what this function writes).

The namespace enforces the strictest level that still admits every NF pod it will run; audit and
warn stay at `restricted` so every relaxation is visible.
"""

from __future__ import annotations

from typing import Any, Iterable, Mapping

LEVELS = ("restricted", "baseline", "privileged")
BASELINE_CAPABILITIES = frozenset({
    "AUDIT_WRITE", "CHOWN", "DAC_OVERRIDE", "FOWNER", "FSETID", "KILL", "MKNOD", "NET_BIND_SERVICE",
    "SETFCAP", "SETGID", "SETPCAP", "SETUID", "SYS_CHROOT",
})
RESTRICTED_VOLUMES = frozenset({"configMap", "csi", "downwardAPI", "emptyDir", "ephemeral", "persistentVolumeClaim",
                                "projected", "secret"})


def baseline_violations(pod: Mapping[str, Any]) -> list[str]:
    found = []
    for flag in ("hostNetwork", "hostPID", "hostIPC"):
        if pod.get(flag):
            found.append(f"{flag} is set")
    for volume in pod.get("volumes") or []:
        if "hostPath" in volume:
            found.append(f"volume {volume.get('name')} is a hostPath")
    if _seccomp(pod.get("securityContext")) == "Unconfined":
        found.append("pod seccomp profile is Unconfined")
    for container in _containers(pod):
        context = container.get("securityContext") or {}
        if context.get("privileged"):
            found.append(f"container {container.get('name')} is privileged")
        extra = set((context.get("capabilities") or {}).get("add") or []) - BASELINE_CAPABILITIES
        if extra:
            found.append(f"container {container.get('name')} adds {', '.join(sorted(extra))}")
        if any(port.get("hostPort") for port in container.get("ports") or []):
            found.append(f"container {container.get('name')} uses a hostPort")
        if _seccomp(context) == "Unconfined":
            found.append(f"container {container.get('name')} seccomp profile is Unconfined")
    return found


def restricted_violations(pod: Mapping[str, Any]) -> list[str]:
    found = baseline_violations(pod)
    pod_context = pod.get("securityContext") or {}
    for volume in pod.get("volumes") or []:
        kinds = set(volume) - {"name"}
        if not kinds <= RESTRICTED_VOLUMES:
            found.append(f"volume {volume.get('name')} is of type {', '.join(sorted(kinds))}")
    for container in _containers(pod):
        context = container.get("securityContext") or {}
        name = container.get("name")
        if context.get("allowPrivilegeEscalation") is not False:
            found.append(f"container {name} does not set allowPrivilegeEscalation: false")
        non_root = context.get("runAsNonRoot", pod_context.get("runAsNonRoot"))
        if non_root is not True:
            found.append(f"container {name} does not set runAsNonRoot: true")
        if context.get("runAsUser", pod_context.get("runAsUser")) == 0:
            found.append(f"container {name} runs as UID 0")
        if (_seccomp(context) or _seccomp(pod_context)) not in ("RuntimeDefault", "Localhost"):
            found.append(f"container {name} has no RuntimeDefault or Localhost seccomp profile")
        capabilities = context.get("capabilities") or {}
        if "ALL" not in (capabilities.get("drop") or []):
            found.append(f"container {name} does not drop ALL capabilities")
        extra = set(capabilities.get("add") or []) - {"NET_BIND_SERVICE"}
        if extra:
            found.append(f"container {name} adds {', '.join(sorted(extra))}")
    return found


def level(pod: Mapping[str, Any]) -> str:
    if not restricted_violations(pod):
        return "restricted"
    if not baseline_violations(pod):
        return "baseline"
    return "privileged"


def strictest_admitting(pods: Iterable[Mapping[str, Any]]) -> str:
    """The strictest level that admits every pod."""
    levels = [level(pod) for pod in pods] or ["restricted"]
    return max(levels, key=LEVELS.index)


def namespace_labels(enforce: str, version: str) -> dict[str, str]:
    prefix = "pod-security.kubernetes.io"
    return {
        f"{prefix}/audit": "restricted",
        f"{prefix}/audit-version": version,
        f"{prefix}/enforce": enforce,
        f"{prefix}/enforce-version": version,
        f"{prefix}/warn": "restricted",
        f"{prefix}/warn-version": version,
    }


def _containers(pod: Mapping[str, Any]) -> list[Mapping[str, Any]]:
    return list(pod.get("initContainers") or []) + list(pod.get("containers") or [])


def _seccomp(context: Mapping[str, Any] | None) -> str | None:
    return ((context or {}).get("seccompProfile") or {}).get("type")
