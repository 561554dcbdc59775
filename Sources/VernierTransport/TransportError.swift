import Vernier

/// Why a transport could not deliver a request, after the retries its policy allowed.
public struct TransportError: Error, Sendable, Equatable, CustomStringConvertible {
    /// What went wrong on the last attempt.
    public enum Kind: Sendable, Equatable {
        /// The server answered with a status that is not 2xx: not retryable, or retried until the policy gave up.
        case httpStatus(Int)
        /// No connection or no complete response: refused, reset, DNS or TLS failure.
        case connectionFailed
        /// The deadline passed before a response arrived.
        case timedOut
        /// The calling task was cancelled.
        case cancelled
        /// The transport was shut down.
        case shutDown
        /// The request or configuration is unusable: a header with a line break, a malformed URL, no libcurl handle.
        case invalidRequest
    }

    /// What went wrong.
    public var kind: Kind
    /// How many attempts were made; 0 when none could start.
    public var attempts: Int
    /// The last response, when the server answered.
    public var response: HTTPResponse?
    /// A human-readable explanation, never containing header values.
    public var message: String

    /// Creates an error.
    public init(kind: Kind, attempts: Int, response: HTTPResponse? = nil, message: String) {
        self.kind = kind
        self.attempts = attempts
        self.response = response
        self.message = message
    }

    /// The `error.type` of exporters' self-metrics: the status code when the server answered, otherwise what went
    /// wrong (`timeout`, `connection_failed`, `shutdown`, …).
    package var errorType: String {
        switch kind {
        case .httpStatus(let status): String(status)
        case .connectionFailed: "connection_failed"
        case .timedOut: "timeout"
        case .cancelled: "cancelled"
        case .shutDown: "shutdown"
        case .invalidRequest: "invalid_request"
        }
    }

    /// The message, masked and escaped as log lines are (see `Diagnostics.sanitized`), with the attempts.
    public var description: String {
        "\(Diagnostics.sanitized(message)) (\(attempts) attempt\(attempts == 1 ? "" : "s"))"
    }
}
