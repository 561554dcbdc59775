/// Turns one signal's telemetry into OTLP/HTTP request bodies in one encoding, and reads the collector's answers
/// in the same encoding. Each signal has a protobuf and a JSON encoder; a new signal adds its pair.
public protocol OTLPEncoder<Telemetry>: Sendable {
    /// What one export carries, such as a `MetricsSnapshot` or an array of spans.
    associatedtype Telemetry

    /// The `Content-Type` of the bodies: `application/x-protobuf` or `application/json`.
    var contentType: String { get }

    /// The export request holding `telemetry`.
    func encode(_ telemetry: Telemetry) throws(OTLPEncodingError) -> [UInt8]

    /// The export request holding `telemetry` after `headroom` zero bytes, where gRPC writes its message header;
    /// an encoder that builds its output in one buffer leaves the room there, so the request is never copied.
    func encode(_ telemetry: Telemetry, headroom: Int) throws(OTLPEncodingError) -> [UInt8]

    /// What the collector rejected, from the body of a 2xx answer; nil when it accepted everything or the
    /// body cannot be read (a success needs no body).
    func partialSuccess(in body: [UInt8]) -> PartialSuccess?
}

extension OTLPEncoder {
    /// The request from `encode(_:)`, copied after the headroom.
    public func encode(_ telemetry: Telemetry, headroom: Int) throws(OTLPEncodingError) -> [UInt8] {
        [UInt8](repeating: 0, count: headroom) + (try encode(telemetry))
    }
}
