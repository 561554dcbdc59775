extension VernierConfiguration.Traces {
    /// A span exporter `VernierService.bootstrap` can set up, as `OTEL_TRACES_EXPORTER` names it.
    public struct ExporterSelection: Sendable, Hashable, CustomStringConvertible {
        /// The name `OTEL_TRACES_EXPORTER` gives it.
        let name: String

        /// OTLP/HTTP push to `/v1/traces`, as `Traces.otlp` says.
        public static let otlp = ExporterSelection(name: "otlp")
        /// Every span exporter, in the order messages list them.
        static let all = [otlp]

        /// The name, as `OTEL_TRACES_EXPORTER` takes it.
        public var description: String { name }
    }
}
