import VernierTransport

/// Why an OTLP export failed. Descriptions name the endpoint and the collector's answer, never header values.
public enum OTLPExportError: Error, Sendable, Equatable, CustomStringConvertible {
    /// The exporter was shut down before the export.
    case shutDown
    /// The snapshot could not be encoded.
    case encoding(OTLPEncodingError)
    /// The collector could not be reached or did not accept the request, after the retries allowed.
    case transport(TransportError)

    public var description: String {
        switch self {
        case .shutDown:
            return "the OTLP exporter is shut down"
        case .encoding(let error):
            return "the snapshot could not be encoded: \(error)"
        case .transport(let error):
            guard let response = error.response, !response.body.isEmpty else { return "OTLP export failed: \(error)" }
            return "OTLP export failed: \(error): \(response.bodyText.prefix(512))"
        }
    }
}
