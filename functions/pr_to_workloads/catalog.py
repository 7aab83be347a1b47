"""The built-in NF catalog and performance profiles, and how functionConfig overrides merge into them.

Ports are the standards' well-known ones: F1-C SCTP 38472 (TS 38.472), E1 SCTP 38462
(TS 38.462), NG-C/N2 SCTP 38412 (TS 38.412), GTP-U UDP 2152 (TS 29.281) for N3 and F1-U,
E2 SCTP 36421 (O-RAN E2GAP).  `listens` marks the end that accepts: the CU-CP on F1-C and E1,
both ends of GTP-U; the DU on F1-C, the CU-CP on N2 and every E2 node on E2 initiate.
"""

from __future__ import annotations

import copy
from typing import Any, Mapping

OAI_GNB = "docker.io/oaisoftwarealliance/oai-gnb:2024.w30"
OAI_CUUP = "docker.io/oaisoftwarealliance/oai-nr-cuup:2024.w30"


def _if(name: str, protocol: str, port: int, listens: bool, attachment: bool = True) -> dict[str, Any]:
    return {"name": name, "protocol": protocol, "port": port, "listens": listens, "attachment": attachment}


_COMMON = {
    "capabilities": [],
    "runAsUser": 65532,
    "probe": {"port": 8080, "path": "/healthz", "startupSeconds": 300},
    "configPath": "/etc/oran-nf",
    "dataPath": "/var/lib/oran-nf",
}

CATALOG: dict[str, dict[str, Any]] = {
    "O-CU-CP": {
        **_COMMON,
        "image": OAI_GNB,
        # Control plane: no per-pod identity to keep; static addresses are protected by a no-surge rollout.
        "workloadKind": "Deployment",
        "provider": "cucp.openairinterface.org",
        "split": {"cpu": 1, "memory": 1, "storage": 1},
        "interfaces": [
            _if("f1c", "SCTP", 38472, True),
            _if("e1", "SCTP", 38462, True),
            _if("n2", "SCTP", 38412, False),
            _if("e2", "SCTP", 36421, False, attachment=False),
        ],
    },
    "O-CU-UP": {
        **_COMMON,
        "image": OAI_CUUP,
        # GTP-U endpoints peers tunnel to, one gNB-CU-UP ID per pod: stable identity per ordinal.
        "workloadKind": "StatefulSet",
        "provider": "cuup.openairinterface.org",
        "split": {"cpu": 1, "memory": 1, "storage": 1},
        "interfaces": [
            _if("e1", "SCTP", 38462, False),
            _if("f1u", "UDP", 2152, True),
            _if("n3", "UDP", 2152, True),
            _if("e2", "SCTP", 36421, False, attachment=False),
        ],
    },
    "O-DU": {
        **_COMMON,
        "image": OAI_GNB,
        # One gNB-DU ID, cell and radio binding per pod: stable identity, never two pods for one cell.
        "workloadKind": "StatefulSet",
        "provider": "du.openairinterface.org",
        "split": {"cpu": 2, "memory": 2, "storage": 3},
        # Real-time L1/L2 threads (SYS_NICE) and locked hugepage memory (IPC_LOCK).
        "capabilities": ["IPC_LOCK", "SYS_NICE"],
        "interfaces": [
            _if("f1c", "SCTP", 38472, False),
            _if("f1u", "UDP", 2152, True),
            _if("e2", "SCTP", 36421, False, attachment=False),
        ],
    },
    "O-RU": {
        **_COMMON,
        # Usually a physical radio; a containerised O-RU (emulator) needs an image chosen by the operator.
        "image": "",
        "workloadKind": "StatefulSet",
        "provider": "ru.o-ran.org",
        "split": {"cpu": 1, "memory": 1, "storage": 1},
        "capabilities": ["NET_RAW", "SYS_NICE"],
        "interfaces": [
            # Open Fronthaul M-plane: NETCONF over SSH (O-RAN WG4 M-plane, RFC 6242).
            _if("mplane", "TCP", 830, True),
        ],
    },
}

PROFILES: dict[str, dict[str, Any]] = {
    "standard": {"guaranteedQos": False, "hugepages": {}, "nodeSelector": {}},
    "high-throughput": {"guaranteedQos": False, "hugepages": {}, "nodeSelector": {}},
    "urllc": {"guaranteedQos": True, "hugepages": {"O-DU": {"hugepages-1Gi": "2Gi"}}, "nodeSelector": {}},
}

# The CU pair: one intent NF (`o-ran-cu`) that is two O-RAN NFs.
CU_PAIR = ("O-CU-CP", "O-CU-UP")
CU_PAIR_SUFFIX = {"O-CU-CP": "cp", "O-CU-UP": "up"}


def merged_catalog(overrides: Mapping[str, Any]) -> dict[str, dict[str, Any]]:
    """The built-in catalog with functionConfig entries merged field by field (new types allowed)."""
    catalog = copy.deepcopy(CATALOG)
    for nf_type, override in sorted((overrides or {}).items()):
        entry = catalog.setdefault(nf_type, copy.deepcopy({**_COMMON, "image": "", "workloadKind": "StatefulSet",
                                                          "provider": "", "split": {}, "interfaces": []}))
        for key, value in override.items():
            if value is None:
                continue
            if key in ("split", "probe"):
                entry[key] = {**entry.get(key, {}), **{k: v for k, v in value.items() if v is not None}}
            else:
                entry[key] = copy.deepcopy(value)
    return catalog


def merged_profiles(overrides: Mapping[str, Any]) -> dict[str, dict[str, Any]]:
    profiles = copy.deepcopy(PROFILES)
    for name, override in sorted((overrides or {}).items()):
        profile = profiles.setdefault(name, {"guaranteedQos": False, "hugepages": {}, "nodeSelector": {}})
        profile.update({k: copy.deepcopy(v) for k, v in override.items() if v is not None})
    return profiles
