"""Each NF runs as the workload kind its catalog entry names, hardened, probed, spread and placed."""

from .helpers import EDGE_NFS, config, container, pr, run

NS = "deploy-edge-ran-edge-cluster-us-west-1"


def test_cu_cp_is_a_deployment_and_cu_up_and_du_are_statefulsets():
    result = run(pr())
    assert result.get("Deployment", "cu-cp")["spec"]["strategy"] == {
        "rollingUpdate": {"maxSurge": 0, "maxUnavailable": 1}, "type": "RollingUpdate"}
    for name in ("cu-up", "du"):
        sts = result.get("StatefulSet", name)
        assert sts["spec"]["serviceName"] == name
        headless = result.get("Service", name)
        assert headless["spec"]["clusterIP"] == "None"


def test_the_catalog_can_change_the_workload_kind_and_image():
    overrides = {"O-CU-CP": {"workloadKind": "StatefulSet", "image": "registry.local/cucp:1"}}
    result = run(pr(), function_config=config(catalog=overrides))
    assert container(result.get("StatefulSet", "cu-cp"))["image"] == "registry.local/cucp:1"
    assert container(result.get("StatefulSet", "du"))["image"].startswith("docker.io/oaisoftwarealliance/")


def test_everything_lands_in_the_prs_namespace_with_pod_security_labels():
    result = run(pr())
    namespace = result.get("Namespace", NS)
    labels = namespace["metadata"]["labels"]
    assert labels["pod-security.kubernetes.io/enforce"] == "privileged"  # the DU adds IPC_LOCK and SYS_NICE
    assert labels["pod-security.kubernetes.io/audit"] == labels["pod-security.kubernetes.io/warn"] == "restricted"
    namespaced = [i for i in result.generated() if i["kind"] != "Namespace"]
    assert {i["metadata"]["namespace"] for i in namespaced} == {NS}


def test_a_cu_only_namespace_enforces_restricted():
    nfs = [dict(EDGE_NFS[0], resources={"cpu": "4", "memory": "8Gi", "storage": "25Gi"}),
           dict(EDGE_NFS[1], resources={"cpu": "4", "memory": "8Gi", "storage": "25Gi"})]
    result = run(pr(networkFunctions=nfs))
    labels = result.get("Namespace", NS)["metadata"]["labels"]
    assert labels["pod-security.kubernetes.io/enforce"] == "restricted"


def test_containers_are_hardened():
    for workload in run(pr()).kinds("StatefulSet") + run(pr()).kinds("Deployment"):
        pod = workload["spec"]["template"]["spec"]
        context = container(workload)["securityContext"]
        assert context["allowPrivilegeEscalation"] is False
        assert context["readOnlyRootFilesystem"] is True
        assert context["runAsNonRoot"] is True
        assert context["capabilities"]["drop"] == ["ALL"]
        assert pod["securityContext"]["seccompProfile"] == {"type": "RuntimeDefault"}
        assert pod["automountServiceAccountToken"] is False
        assert pod["serviceAccountName"] == workload["metadata"]["name"]


def test_only_the_catalogs_capabilities_are_added():
    result = run(pr())
    assert container(result.get("StatefulSet", "du"))["securityContext"]["capabilities"]["add"] == ["IPC_LOCK", "SYS_NICE"]
    assert "add" not in container(result.get("Deployment", "cu-cp"))["securityContext"]["capabilities"]


def test_probes_use_the_health_port():
    du = container(run(pr()).get("StatefulSet", "du"))
    for probe in ("startupProbe", "livenessProbe", "readinessProbe"):
        assert du[probe]["httpGet"] == {"path": "/healthz", "port": "health"}
    assert du["startupProbe"]["failureThreshold"] * du["startupProbe"]["periodSeconds"] >= 300
    assert {"containerPort": 8080, "name": "health", "protocol": "TCP"} in du["ports"]


def test_replicas_of_one_nf_never_share_a_node():
    sts = run(pr()).get("StatefulSet", "du")
    anti = sts["spec"]["template"]["spec"]["affinity"]["podAntiAffinity"]["requiredDuringSchedulingIgnoredDuringExecution"]
    assert anti == [{"labelSelector": {"matchLabels": sts["spec"]["selector"]["matchLabels"]},
                     "topologyKey": "kubernetes.io/hostname"}]


def test_pods_are_placed_on_the_prs_site_labels():
    sts = run(pr()).get("StatefulSet", "du")
    terms = sts["spec"]["template"]["spec"]["affinity"]["nodeAffinity"]["requiredDuringSchedulingIgnoredDuringExecution"]
    assert terms["nodeSelectorTerms"][0]["matchExpressions"] == [
        {"key": "nephio.org/site-type", "operator": "In", "values": ["edge"]},
        {"key": "topology.kubernetes.io/region", "operator": "In", "values": ["us-west-1"]},
    ]
    assert sts["metadata"]["labels"]["nephio.org/cluster-name"] == "edge-cluster-us-west-1"


def test_a_pr_without_site_labels_needs_no_node_affinity():
    sts = run(pr(labels=None)).get("StatefulSet", "du")
    assert "nodeAffinity" not in sts["spec"]["template"]["spec"]["affinity"]


def test_profile_node_selectors_apply_to_their_class():
    profiles = {"urllc": {"nodeSelector": {"node-role.kubernetes.io/rt": ""}}}
    nfs = [dict(EDGE_NFS[2], performanceClass="urllc"), *EDGE_NFS[:2]]
    result = run(pr(networkFunctions=nfs), function_config=config(performanceProfiles=profiles))
    assert result.get("StatefulSet", "du")["spec"]["template"]["spec"]["nodeSelector"] == {"node-role.kubernetes.io/rt": ""}
    assert "nodeSelector" not in result.get("Deployment", "cu-cp")["spec"]["template"]["spec"]


def test_ephemeral_storage_is_requested_and_bounds_the_data_volume():
    du = run(pr()).get("StatefulSet", "du")
    assert container(du)["resources"]["limits"]["ephemeral-storage"] == "30Gi"
    assert {"emptyDir": {"sizeLimit": "30Gi"}, "name": "data"} in du["spec"]["template"]["spec"]["volumes"]


def test_persistent_storage_uses_claims_of_the_same_size():
    result = run(pr(), function_config=config(storageMode="persistent", storageClassName="local-ssd"))
    du = result.get("StatefulSet", "du")
    claim = du["spec"]["volumeClaimTemplates"][0]
    assert claim["spec"]["resources"]["requests"]["storage"] == "30Gi"
    assert claim["spec"]["storageClassName"] == "local-ssd"
    assert "ephemeral-storage" not in container(du)["resources"]["requests"]
    pvc = result.get("PersistentVolumeClaim", "cu-cp-data")
    assert pvc["spec"]["resources"]["requests"]["storage"] == "10Gi"
    volumes = result.get("Deployment", "cu-cp")["spec"]["template"]["spec"]["volumes"]
    assert {"name": "data", "persistentVolumeClaim": {"claimName": "cu-cp-data"}} in volumes


def test_each_nf_has_a_service_account_without_rbac():
    result = run(pr())
    for name in ("cu-cp", "cu-up", "du"):
        assert result.get("ServiceAccount", name)["automountServiceAccountToken"] is False
    assert not [i for i in result.generated() if i["kind"] in ("Role", "RoleBinding", "ClusterRole", "ClusterRoleBinding")]


def test_disruption_budgets_protect_single_replicas_and_drain_many_one_by_one():
    nfs = [dict(EDGE_NFS[2], replicas=2, resources={"cpu": "2", "memory": "4Gi", "storage": "15Gi"}), *EDGE_NFS[:2]]
    result = run(pr(networkFunctions=nfs))
    assert result.get("PodDisruptionBudget", "du")["spec"]["maxUnavailable"] == 1
    single = result.get("PodDisruptionBudget", "cu-cp")["spec"]
    assert single["minAvailable"] == 1 and single["unhealthyPodEvictionPolicy"] == "AlwaysAllow"


def test_the_config_map_tells_each_nf_its_peers_and_rolls_pods_when_it_changes():
    import json

    result = run(pr())
    du_config = json.loads(result.get("ConfigMap", "du-config")["data"]["nf.json"])
    f1c = next(i for i in du_config["interfaces"] if i["name"] == "f1c")
    assert f1c["role"] == "client"
    assert f1c["peers"] == [{"addresses": ["192.168.100.3"], "nf": "cu-cp", "nfType": "O-CU-CP",
                             "service": f"cu-cp-f1c.{NS}.svc"}]
    e2 = next(i for i in du_config["interfaces"] if i["name"] == "e2")
    assert e2["peers"] == [], "E2 nodes are not each other's peers"
    before = result.get("StatefulSet", "du")["spec"]["template"]["metadata"]["annotations"]
    moved = run(pr(networkConfig={"vlan": 100, "subnet": "192.168.100.0/24", "gateway": "192.168.100.1",
                                  "masterInterface": "eth2"}))
    after = moved.get("StatefulSet", "du")["spec"]["template"]["metadata"]["annotations"]
    key = "workloads.oran-intent.io/config-digest"
    assert before[key] != after[key]


def test_config_maps_are_mounted_read_only():
    du = container(run(pr()).get("StatefulSet", "du"))
    assert {"mountPath": "/etc/oran-nf", "name": "config", "readOnly": True} in du["volumeMounts"]
    assert {"name": "NF_CONFIG", "value": "/etc/oran-nf/nf.json"} in du["env"]
