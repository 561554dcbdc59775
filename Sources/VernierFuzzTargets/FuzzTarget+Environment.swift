import VernierBootstrap

extension FuzzTarget {
    /// Every variable whose value Vernier reads, with OTLP's for both signals.
    private static let variableNames: [String] = {
        let otlp = ["ENDPOINT", "HEADERS", "PROTOCOL", "COMPRESSION", "TIMEOUT", "CERTIFICATE", "CLIENT_KEY", "CLIENT_CERTIFICATE", "INSECURE"]
        let otlpNames = ["OTEL_EXPORTER_OTLP_", "OTEL_EXPORTER_OTLP_METRICS_", "OTEL_EXPORTER_OTLP_TRACES_"].flatMap { prefix in
            otlp.map { prefix + $0 }
        }
        return otlpNames + [
            "OTEL_SDK_DISABLED", "OTEL_SERVICE_NAME", "OTEL_RESOURCE_ATTRIBUTES", "OTEL_METRICS_EXPORTER", "OTEL_TRACES_EXPORTER",
            "OTEL_METRIC_EXPORT_INTERVAL", "OTEL_METRIC_EXPORT_TIMEOUT", "OTEL_METRICS_EXEMPLAR_FILTER",
            "OTEL_EXPORTER_OTLP_METRICS_TEMPORALITY_PREFERENCE", "OTEL_EXPORTER_OTLP_METRICS_DEFAULT_HISTOGRAM_AGGREGATION",
            "OTEL_EXPORTER_PROMETHEUS_HOST", "OTEL_EXPORTER_PROMETHEUS_PORT", "OTEL_TRACES_SAMPLER", "OTEL_TRACES_SAMPLER_ARG",
            "OTEL_BSP_SCHEDULE_DELAY", "OTEL_BSP_EXPORT_TIMEOUT", "OTEL_BSP_MAX_QUEUE_SIZE", "OTEL_BSP_MAX_EXPORT_BATCH_SIZE",
            "VERNIER_REMOTE_WRITE_URL", "VERNIER_REMOTE_WRITE_INTERVAL", "VERNIER_REMOTE_WRITE_MAX_SHARDS",
            "VERNIER_REMOTE_WRITE_QUEUE_DIR", "VERNIER_RUNTIME_METRICS",
        ]
    }()

    /// The input is values separated by NUL bytes; the first byte of each picks the variable it is the value of.
    static func applyEnvironment(_ bytes: [UInt8]) {
        var environment = ["OTEL_METRICS_EXPORTER": "otlp,prometheus", "OTEL_TRACES_EXPORTER": "otlp"]
        for field in bytes.split(separator: 0) {
            let name = variableNames[Int(field[field.startIndex]) % variableNames.count]
            environment[name] = String(decoding: field.dropFirst(), as: UTF8.self)
        }
        _ = VernierConfiguration().applyingEnvironment(environment, warn: { _ in })
    }
}
