import VernierOTLP

/// Finds `OTEL_EXPORTER_OTLP_*` variables that cannot take effect because no OTLP exporter reads them.
enum OTLPVariables {
    /// Warns once about the signal-specific OTLP variables of each signal without an OTLP exporter, and once about
    /// the general ones when neither signal has one, saying how to choose an OTLP exporter.
    /// `OTEL_EXPORTER_OTLP_METRICS_DEFAULT_HISTOGRAM_AGGREGATION` is left alone: it applies to every exporter.
    static func warnWhenUnused(
        _ variables: EnvironmentVariables,
        metricsExporters: [VernierConfiguration.Metrics.ExporterSelection],
        tracesExporters: [VernierConfiguration.Traces.ExporterSelection]
    ) {
        let metricsOTLP = metricsExporters.contains(.otlp)
        let tracesOTLP = tracesExporters.contains(.otlp)
        let set = variables.names(startingWith: "OTEL_EXPORTER_OTLP_")
            .filter { $0 != "OTEL_EXPORTER_OTLP_METRICS_DEFAULT_HISTOGRAM_AGGREGATION" }
        let metrics = set.filter { $0.hasPrefix("OTEL_EXPORTER_OTLP_METRICS_") }
        let traces = set.filter { $0.hasPrefix("OTEL_EXPORTER_OTLP_TRACES_") }
        let shared = set.filter { !metrics.contains($0) && !traces.contains($0) && !$0.hasPrefix("OTEL_EXPORTER_OTLP_LOGS_") }
        if !metricsOTLP, !metrics.isEmpty {
            variables.warn("\(listed(metrics)) no effect: no OTLP metrics exporter is chosen (metrics exporters: \(ExporterList.names(metricsExporters)));"
                + " add otlp to OTEL_METRICS_EXPORTER to push metrics over OTLP")
        }
        if !tracesOTLP, !traces.isEmpty {
            variables.warn("\(listed(traces)) no effect: no OTLP span exporter is chosen (span exporters: \(ExporterList.names(tracesExporters)));"
                + " set OTEL_TRACES_EXPORTER=otlp to send spans over OTLP")
        }
        if !metricsOTLP, !tracesOTLP, !shared.isEmpty {
            variables.warn("\(listed(shared)) no effect: no OTLP exporter is chosen;"
                + " add otlp to OTEL_METRICS_EXPORTER or set OTEL_TRACES_EXPORTER=otlp to push over OTLP")
        }
    }

    /// `names` and the verb that follows them: `A has` or `A, B have`.
    private static func listed(_ names: [String]) -> String {
        names.joined(separator: ", ") + (names.count == 1 ? " has" : " have")
    }
}
