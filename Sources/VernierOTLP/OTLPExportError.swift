import Vernier
import VernierTransport

/// Why an OTLP export failed. Descriptions name the endpoint and the collector's answer, passed through
/// `Diagnostics.sanitized`: URL credentials and registered secrets masked, the answer escaped and cut to
/// `LogEscaping.peerTextLimit` characters, so printing the error is as safe as logging it.
public enum OTLPExportError: Error, Sendable, Equatable, CustomStringConvertible {
    /// The exporter was shut down before the export.
    case shutDown
    /// The telemetry could not be encoded.
    case encoding(OTLPEncodingError)
    /// The collector could not be reached or did not accept the request, after the retries allowed.
    case transport(TransportError)

    public var description: String {
        switch self {
        case .shutDown:
            return "the OTLP exporter is shut down"
        case .encoding(let error):
            return "the telemetry could not be encoded: \(error)"
        case .transport(let error):
            let failure = Diagnostics.sanitized("OTLP export failed: \(error)", limit: Diagnostics.lineLimit)
            guard let response = error.response, !response.body.isEmpty else { return failure }
            return failure + ": " + Diagnostics.sanitized(response.bodyText)
        }
    }

    /// The `error.type` of the self-metrics: the collector's status code when it answered, otherwise what went
    /// wrong (`timeout`, `connection_failed`, `shutdown`, …).
    var errorType: String {
        switch self {
        case .shutDown: return "shutdown"
        case .encoding: return "encoding"
        case .transport(let error): return error.errorType
        }
    }

    /// The status of the collector's last answer, when there was one.
    var statusCode: Int? {
        guard case .transport(let error) = self else { return nil }
        return error.response?.status
    }
}
