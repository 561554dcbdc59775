import VernierTracing

extension VernierConfiguration.Traces {
    /// These settings with the variables their properties document applied; the OTLP ones only when an OTLP
    /// exporter is chosen.
    func applying(_ variables: EnvironmentVariables) -> Self {
        var result = self
        if let selections = ExporterList.read("OTEL_TRACES_EXPORTER", from: variables, keeping: exporters) { result.exporters = selections }
        if result.exporters.contains(.otlp) { result.otlp = otlp.applying(variables, signal: .traces) }
        if let sampler = SamplerName.read(from: variables, keeping: sampler) { result.sampler = sampler }
        result.batching = batching.applying(variables)
        return result
    }
}

extension BatchSpanProcessorConfiguration {
    /// This configuration with the `OTEL_BSP_*` variables applied; the batch size is capped at the queue size.
    func applying(_ variables: EnvironmentVariables) -> Self {
        if let timeout = variables.text("OTEL_BSP_EXPORT_TIMEOUT") {
            variables.warn("OTEL_BSP_EXPORT_TIMEOUT=\(EnvironmentVariables.quoted(timeout)) has no effect: each export is bounded by the OTLP timeout"
                + " (OTEL_EXPORTER_OTLP_TRACES_TIMEOUT); ignoring it")
        }
        return BatchSpanProcessorConfiguration(
            maximumQueueSize: variables.integer("OTEL_BSP_MAX_QUEUE_SIZE", in: 1...1_000_000, keeping: maximumQueueSize) ?? maximumQueueSize,
            maximumExportBatchSize: variables.integer("OTEL_BSP_MAX_EXPORT_BATCH_SIZE", in: 1...1_000_000, keeping: maximumExportBatchSize)
                ?? maximumExportBatchSize,
            scheduleDelay: variables.milliseconds("OTEL_BSP_SCHEDULE_DELAY", keeping: scheduleDelay) ?? scheduleDelay)
    }
}
