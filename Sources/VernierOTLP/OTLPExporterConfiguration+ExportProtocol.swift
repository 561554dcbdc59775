extension OTLPExporterConfiguration {
    /// The OTLP/HTTP encoding of request bodies, as `OTEL_EXPORTER_OTLP_PROTOCOL` names it.
    public struct ExportProtocol: Sendable, Hashable, CustomStringConvertible {
        /// The name the OpenTelemetry specification gives it, such as `http/protobuf`.
        package let name: String

        /// Binary protobuf, `application/x-protobuf`: the default, smallest and fastest.
        public static let httpProtobuf = ExportProtocol(name: "http/protobuf")
        /// OTLP JSON, `application/json`.
        public static let httpJSON = ExportProtocol(name: "http/json")
        /// Every protocol the exporters send, in the order messages list them.
        package static let all = [httpProtobuf, httpJSON]

        /// The name, as the environment variable takes it.
        public var description: String { name }
    }
}
