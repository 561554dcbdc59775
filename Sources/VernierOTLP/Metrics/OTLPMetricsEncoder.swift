import Vernier

/// Turns a snapshot into the body of an OTLP/HTTP metrics export, in one of the OTLP encodings.
public protocol OTLPMetricsEncoder: Sendable {
    /// The `Content-Type` of the bodies: `application/x-protobuf` or `application/json`.
    var contentType: String { get }

    /// The `ExportMetricsServiceRequest` holding `snapshot`.
    func encode(_ snapshot: MetricsSnapshot) throws(OTLPEncodingError) -> [UInt8]
}
