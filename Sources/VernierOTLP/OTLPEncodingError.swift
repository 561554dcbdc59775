/// Why telemetry could not be turned into an OTLP request body.
public enum OTLPEncodingError: Error, Sendable, Equatable {
    /// Memory for the message tree could not be allocated.
    case outOfMemory
}
