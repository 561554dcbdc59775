import Vernier

/// A metrics exporter `VernierService.bootstrap` can set up, as `OTEL_METRICS_EXPORTER` names it.
public enum MetricsExporterKind: String, Sendable, Hashable, CaseIterable {
    /// The Prometheus scrape endpoint, `/metrics` on `OTEL_EXPORTER_PROMETHEUS_HOST`:`OTEL_EXPORTER_PROMETHEUS_PORT`.
    case prometheus
    /// OTLP/HTTP push, configured by the `OTEL_EXPORTER_OTLP_*` variables.
    case otlp
    /// Lines on standard output every export interval, for local debugging.
    case console
}

/// A span exporter `VernierService.bootstrap` can set up, as `OTEL_TRACES_EXPORTER` names it.
public enum TracesExporterKind: String, Sendable, Hashable, CaseIterable {
    /// OTLP/HTTP push to `/v1/traces`, configured by the `OTEL_EXPORTER_OTLP_*` variables.
    case otlp
}

/// Reads the comma-separated exporter lists of `OTEL_METRICS_EXPORTER` and `OTEL_TRACES_EXPORTER`.
enum ExporterList {
    /// The exporters `text` names, in order and without repeats; `none` (alone) selects nothing. Unknown names
    /// are reported through `warn` and skipped, as the OpenTelemetry specification asks.
    static func parse<Kind: RawRepresentable<String>>(
        _ text: String, variable: String, as kind: Kind.Type, warn: (String) -> Void
    ) -> [Kind] {
        var kinds: [Kind] = []
        for item in text.split(separator: ",") {
            let name = item.trimmingSpaces.lowercased()
            if name.isEmpty || name == "none" { continue }
            guard let parsed = Kind(rawValue: name) else {
                warn("\(variable) names an unknown exporter '\(name)'; it is skipped")
                continue
            }
            if !kinds.contains(where: { $0.rawValue == parsed.rawValue }) { kinds.append(parsed) }
        }
        return kinds
    }
}
