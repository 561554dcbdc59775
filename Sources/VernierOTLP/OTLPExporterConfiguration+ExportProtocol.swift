extension OTLPExporterConfiguration {
    /// How exports travel, as `OTEL_EXPORTER_OTLP_PROTOCOL` names it: OTLP/HTTP with either encoding, or gRPC.
    public struct ExportProtocol: Sendable, Hashable, CustomStringConvertible {
        /// The name the OpenTelemetry specification gives it, such as `http/protobuf`.
        package let name: String

        /// Binary protobuf, `application/x-protobuf`: the default, smallest and fastest.
        public static let httpProtobuf = ExportProtocol(name: "http/protobuf")
        /// OTLP JSON, `application/json`.
        public static let httpJSON = ExportProtocol(name: "http/json")
        /// gRPC over HTTP/2: protobuf messages to the signal's service on the collector's port 4317, one connection
        /// kept for every export.
        public static let grpc = ExportProtocol(name: "grpc")
        /// Every protocol the exporters send, in the order messages list them.
        package static let all = [httpProtobuf, httpJSON, grpc]

        /// The name, as the environment variable takes it.
        public var description: String { name }
    }
}
