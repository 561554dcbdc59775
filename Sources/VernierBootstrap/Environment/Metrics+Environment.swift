import Vernier
import VernierRemoteWrite

extension VernierConfiguration.Metrics {
    /// These settings with the variables their properties document applied; the OTLP ones only when an OTLP
    /// exporter is chosen. `serviceName` is the Pushgateway job a URL from the environment pushes.
    func applying(_ variables: EnvironmentVariables, serviceName: String) -> Self {
        var result = self
        if let selections = ExporterList.read("OTEL_METRICS_EXPORTER", from: variables, keeping: exporters) { result.exporters = selections }
        if let host = variables.text("OTEL_EXPORTER_PROMETHEUS_HOST") { result.prometheus.host = host }
        if let port = variables.integer("OTEL_EXPORTER_PROMETHEUS_PORT", in: 0...65535, keeping: prometheus.port) { result.prometheus.port = port }
        if result.exporters.contains(.otlp) {
            result.otlp = otlp.applying(variables, signal: .metrics)
            if let preference = variables.option("OTEL_EXPORTER_OTLP_METRICS_TEMPORALITY_PREFERENCE", keeping: temporalityPreference) {
                result.temporalityPreference = preference
            }
        }
        if let interval = variables.milliseconds("OTEL_METRIC_EXPORT_INTERVAL", keeping: exportInterval) { result.exportInterval = interval }
        if let timeout = variables.milliseconds("OTEL_METRIC_EXPORT_TIMEOUT", keeping: exportTimeout) { result.exportTimeout = timeout }
        if let filter = variables.option("OTEL_METRICS_EXEMPLAR_FILTER", keeping: exemplarFilter) { result.exemplarFilter = filter }
        if let aggregation = variables.option("OTEL_EXPORTER_OTLP_METRICS_DEFAULT_HISTOGRAM_AGGREGATION", keeping: defaultHistogramAggregation) {
            result.defaultHistogramAggregation = aggregation
        }
        result.remoteWrite = remoteWriteApplying(variables)
        if let seconds = variables.integer("VERNIER_REMOTE_WRITE_INTERVAL", in: 1...86_400, keeping: remoteWriteInterval) {
            result.remoteWriteInterval = .seconds(seconds)
        }
        let keeping = pushgateway.map { "keeping \(URLCredentials.masked($0.url))" } ?? "the Pushgateway stays off"
        if let url = variables.httpURL("VERNIER_PUSHGATEWAY_URL", instead: keeping) {
            if result.pushgateway == nil { result.pushgateway = PushgatewayConfiguration(url: url, job: serviceName) } else { result.pushgateway?.url = url }
        }
        return result
    }

    /// `remoteWrite` with the `VERNIER_REMOTE_WRITE_*` variables applied: a valid URL turns it on or replaces the
    /// code's; the queue and shard variables apply only when it is on.
    private func remoteWriteApplying(_ variables: EnvironmentVariables) -> RemoteWriteConfiguration? {
        let instead = remoteWrite.map { "keeping \(URLCredentials.masked($0.url))" } ?? "remote write stays off"
        var result = remoteWrite
        if let url = variables.httpURL("VERNIER_REMOTE_WRITE_URL", instead: instead) {
            if result == nil { result = RemoteWriteConfiguration(url: url) } else { result?.url = url }
        }
        guard var configured = result else {
            for name in ["VERNIER_REMOTE_WRITE_QUEUE_DIR", "VERNIER_REMOTE_WRITE_MAX_SHARDS"] {
                guard let value = variables.text(name) else { continue }
                variables.warn("\(name)=\(EnvironmentVariables.quoted(value)) has no effect: remote write is off (no usable VERNIER_REMOTE_WRITE_URL); ignoring it")
            }
            return nil
        }
        if let directory = variables.text("VERNIER_REMOTE_WRITE_QUEUE_DIR") { configured.queueDirectory = directory }
        guard let shards = variables.integer("VERNIER_REMOTE_WRITE_MAX_SHARDS", in: 1...1000, keeping: configured.maximumShardCount) else {
            return configured
        }
        if shards < configured.minimumShardCount {
            variables.warn("VERNIER_REMOTE_WRITE_MAX_SHARDS='\(shards)' is below the code's minimum of \(configured.minimumShardCount) shards; using \(configured.minimumShardCount)")
        }
        configured.maximumShardCount = max(shards, configured.minimumShardCount)
        return configured
    }
}
