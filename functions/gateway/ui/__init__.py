"""The gateway's read-only status page (`/ui/`): intents, their clusters and their SLO evidence.

- `evidence`: an SLOGate and the MeasurementReports of its package -> the data of its chart;
- `chart`: that data -> an SVG chart (pure: data in, text out);
- `status`: the gateway's read model (a snapshot) -> one page of intents with counts, the JSON view;
- `page`: that page -> HTML with the charts inline, and the headers it is served with;
- `routes`: `GET /ui/` and `GET /ui/status.json`.
"""
