import VernierTransport

/// Why a push to the Pushgateway, or the removal of a group, failed.
public enum PushgatewayError: Error, Sendable, CustomStringConvertible {
    /// The job or a label of the grouping key cannot name a group; nothing is sent.
    case invalidGroupingKey(String)
    /// The Pushgateway could not be reached, timed out or answered with an error status, after the retries the
    /// status allows; a 400 means the Pushgateway refused the pushed metrics.
    case transport(TransportError)
    /// The exporter was shut down.
    case shutDown

    public var description: String {
        switch self {
        case .invalidGroupingKey(let reason): "invalid Pushgateway grouping key: \(reason)"
        case .transport(let error): "push to the Pushgateway failed: \(error)"
        case .shutDown: "the Pushgateway exporter is shut down"
        }
    }

    /// The `error.type` of the exporter's self-metrics.
    var errorType: String {
        switch self {
        case .invalidGroupingKey: "invalid_grouping_key"
        case .transport(let error): error.errorType
        case .shutDown: "shutdown"
        }
    }
}
