"""measurement-collector: MeasurementJobs queried on Prometheus, written as MeasurementReports."""
