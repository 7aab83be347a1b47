"""28312-to-pr: TS 28.312 Intents to O2 IMS ProvisioningRequests and their assurance plan."""

CONFIG_KIND = "ProvisioningPlanConfig"
