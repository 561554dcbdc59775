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
    /// The exporters `text` names, in order and without repeats; `none` (alone) selects nothing.
    ///
    /// Unknown names are skipped, as the OpenTelemetry specification asks, with one line through `warn` that
    /// names them and the exporters used instead. When `text` names no known exporter at all, `current`, the
    /// code's list, is kept.
    static func parse<Kind: RawRepresentable<String> & CaseIterable>(
        _ text: String, variable: String, keeping current: [Kind], warn: (String) -> Void
    ) -> [Kind] {
        var kinds: [Kind] = []
        var unknown: [String] = []
        var namesNone = false
        for item in text.split(separator: ",") {
            let name = item.trimmingSpaces.lowercased()
            if name.isEmpty { continue }
            if name == "none" {
                namesNone = true
            } else if let parsed = Kind(rawValue: name) {
                if !kinds.contains(where: { $0.rawValue == parsed.rawValue }) { kinds.append(parsed) }
            } else {
                unknown.append(name)
            }
        }
        let known = (Kind.allCases.map(\.rawValue) + ["none"]).joined(separator: ", ")
        let given = "\(variable)=\(EnvironmentVariables.quoted(text))"
        guard !kinds.isEmpty || namesNone else {
            warn("\(given) names no known exporter (\(known)); keeping \(names(current))")
            return current
        }
        if !unknown.isEmpty {
            let skipped = unknown.map { "'\(Diagnostics.sanitized($0))'" }.joined(separator: ", ")
            let verb = unknown.count == 1 ? "is no known exporter" : "are no known exporters"
            warn("\(given): \(skipped) \(verb) (\(known)) and \(unknown.count == 1 ? "is" : "are") skipped; using \(names(kinds))")
        }
        return kinds
    }

    private static func names<Kind: RawRepresentable<String>>(_ kinds: [Kind]) -> String {
        kinds.isEmpty ? "none" : kinds.map(\.rawValue).joined(separator: ", ")
    }
}
