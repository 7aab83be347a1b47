"""pr-to-workloads: ProvisioningRequests to Kubernetes workloads for O-RAN CU/DU/RU."""

CONFIG_KIND = "PrToWorkloadsConfig"
