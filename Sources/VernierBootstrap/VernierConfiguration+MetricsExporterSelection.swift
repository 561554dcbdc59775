extension VernierConfiguration.Metrics {
    /// A metrics exporter `VernierService.bootstrap` can set up, as `OTEL_METRICS_EXPORTER` names it.
    public struct ExporterSelection: Sendable, Hashable, CustomStringConvertible {
        /// The name `OTEL_METRICS_EXPORTER` gives it.
        let name: String

        /// The Prometheus scrape endpoint: `/metrics` where `Metrics.prometheus` says.
        public static let prometheus = ExporterSelection(name: "prometheus")
        /// OTLP/HTTP push, as `Metrics.otlp` says.
        public static let otlp = ExporterSelection(name: "otlp")
        /// Lines on standard output every export interval, for local debugging.
        public static let console = ExporterSelection(name: "console")
        /// Every metrics exporter, in the order messages list them.
        static let all = [prometheus, otlp, console]

        /// The name, as `OTEL_METRICS_EXPORTER` takes it.
        public var description: String { name }
    }
}
