"""slo-gate-validator: SLO gates that decide, explain themselves, roll back and report intent fulfilment."""
