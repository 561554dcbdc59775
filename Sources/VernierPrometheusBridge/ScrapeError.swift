import VernierPrometheus
import VernierTransport

/// Why a scrape of a target failed; the target is down for that scrape.
public enum ScrapeError: Error, Sendable, CustomStringConvertible {
    /// No answer: the connection failed or the scrape timed out.
    case unreachable(TransportError)
    /// The target answered with a status other than 2xx.
    case httpStatus(Int)
    /// The body was longer than `ScrapeConfiguration.maximumBodySize`.
    case bodyTooLarge(limit: Int)
    /// The body is not valid exposition.
    case malformed(ExpositionParseError)

    /// The `error.type` of the scrape self-metric.
    public var errorType: String {
        switch self {
        case .unreachable(let error): return error.kind == .timedOut ? "timeout" : "unreachable"
        case .httpStatus(let status): return String(status)
        case .bodyTooLarge: return "body_too_large"
        case .malformed: return "malformed"
        }
    }

    public var description: String {
        switch self {
        case .unreachable(let error): return error.description
        case .httpStatus(let status): return "answered HTTP \(status)"
        case .bodyTooLarge(let limit): return "body longer than \(limit) bytes, cut off"
        case .malformed(let error): return "malformed exposition: \(error)"
        }
    }
}
