import VernierOTLP
import VernierTracing

extension VernierConfiguration {
    /// How spans are sampled and where they go. Spans are created, for exemplars and log correlation, whether or
    /// not any exporter sends them.
    public struct Traces: Sendable {
        /// The exporters that send sampled spans.
        ///
        /// `OTEL_TRACES_EXPORTER` (`otlp`, `none`); default none: spans stay in the process.
        public var exporters: [ExporterSelection]
        /// Where and how the `otlp` exporter sends; `OTLPExporterConfiguration` names its variables
        /// (`OTEL_EXPORTER_OTLP_*` and `OTEL_EXPORTER_OTLP_TRACES_*`); default `http://localhost:4318/v1/traces` in
        /// `http/protobuf`.
        public var otlp: OTLPExporterConfiguration
        /// Which spans are recorded and sampled.
        ///
        /// `OTEL_TRACES_SAMPLER` (`always_on`, `always_off`, `traceidratio`, `parentbased_always_on`,
        /// `parentbased_always_off`, `parentbased_traceidratio`) with `OTEL_TRACES_SAMPLER_ARG` (the ratio, 1.0 when
        /// unset); default `parentbased_always_on`.
        public var sampler: any Sampler
        /// How sampled spans are queued and batched for the exporters.
        ///
        /// `OTEL_BSP_MAX_QUEUE_SIZE`, `OTEL_BSP_MAX_EXPORT_BATCH_SIZE`, `OTEL_BSP_SCHEDULE_DELAY` (milliseconds);
        /// default 2048 spans, batches of 512, every 5 s. Each export is bounded by `otlp.timeout`.
        public var batching: BatchSpanProcessorConfiguration

        /// Creates a traces configuration; every argument has the default its property documents.
        public init(
            exporters: [ExporterSelection] = [],
            otlp: OTLPExporterConfiguration = OTLPExporterConfiguration(),
            sampler: any Sampler = ParentBasedSampler(root: AlwaysOnSampler()),
            batching: BatchSpanProcessorConfiguration = BatchSpanProcessorConfiguration()
        ) {
            self.exporters = exporters
            self.otlp = otlp
            self.sampler = sampler
            self.batching = batching
        }
    }
}
