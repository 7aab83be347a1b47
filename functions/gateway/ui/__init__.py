"""The gateway's read-only status page (`/ui/`): intents, their clusters and their SLO evidence.

- `evidence`: an SLOGate and the MeasurementReports of its package -> the data of its chart;
- `chart`: that data -> an SVG chart (pure: data in, text out);
"""
