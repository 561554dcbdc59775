extension OTLPExporterConfiguration {
    /// How request bodies are compressed, as `OTEL_EXPORTER_OTLP_COMPRESSION` names it.
    public struct Compression: Sendable, Hashable, CustomStringConvertible {
        /// The name the OpenTelemetry specification gives it, such as `gzip`.
        package let name: String

        /// Bodies are sent as encoded.
        public static let none = Compression(name: "none")
        /// Bodies are gzip-compressed, with `Content-Encoding: gzip`.
        public static let gzip = Compression(name: "gzip")
        /// Every compression the exporters support, in the order messages list them.
        package static let all = [none, gzip]

        /// The name, as the environment variable takes it.
        public var description: String { name }
    }
}
