"""KRM functions for intent-driven O-RAN provisioning."""

__version__ = "0.1.0"
