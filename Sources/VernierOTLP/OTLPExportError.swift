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
    /// The collector answered over gRPC with a status other than OK, after the retries the status allows:
    /// its name (such as `INVALID_ARGUMENT`), code and message.
    case grpcStatus(name: String, code: Int, message: String, attempts: Int)

    public var description: String {
        switch self {
        case .shutDown:
            return "the OTLP exporter is shut down"
        case .encoding(let error):
            return "the telemetry could not be encoded: \(error)"
        case .grpcStatus(let name, let code, let message, let attempts):
            return Diagnostics.sanitized(
                "OTLP export failed: the collector answered gRPC status \(name) (\(code)): \(message) (\(attempts) attempt\(attempts == 1 ? "" : "s"))",
                limit: Diagnostics.lineLimit)
        case .transport(let error):
            let failure = Diagnostics.sanitized("OTLP export failed: \(error)", limit: Diagnostics.lineLimit)
            guard let response = error.response, !response.body.isEmpty else { return failure }
            return failure + ": " + Diagnostics.sanitized(response.bodyText)
        }
    }

    /// The `error.type` of the self-metrics: the collector's status code (or gRPC status name) when it answered,
    /// otherwise what went wrong (`timeout`, `connection_failed`, `shutdown`, …).
    var errorType: String {
        switch self {
        case .shutDown: return "shutdown"
        case .encoding: return "encoding"
        case .transport(let error): return error.errorType
        case .grpcStatus(let name, _, _, _): return name
        }
    }

    /// The collector's last answer, when there was one: `http.response.status_code` or `rpc.grpc.status_code`.
    var status: Attribute? {
        switch self {
        case .transport(let error): return error.response.map { .httpStatus($0.status) }
        case .grpcStatus(_, let code, _, _): return Attribute(key: "rpc.grpc.status_code", value: .int(Int64(code)))
        case .shutDown, .encoding: return nil
        }
    }
}
