"""intent-to-28312: TMF921 intents to 3GPP TS 28.312 Rel-18 intents."""

CONFIG_KIND = "IntentTo28312Config"
