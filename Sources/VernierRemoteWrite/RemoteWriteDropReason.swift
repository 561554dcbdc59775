import VernierPrometheus

/// Why samples and points were given up for good: the `error.type` of `vernier.sdk.exporter.sample.exported` and
/// `otel.sdk.exporter.metric_data_point.exported`.
public enum RemoteWriteDropReason: Hashable, Sendable, CaseIterable {
    /// The store answered with a 4xx status other than 429, which must not be retried.
    case rejected
    /// The queue was full, so its oldest samples made room for new ones.
    case queueFull
    /// The exporter was shut down before they could be delivered.
    case shutdown
    /// An on-disk batch was torn or corrupt after a crash.
    case corrupt
    /// A batch could not be written to the queue directory.
    case queueWrite
    /// The request could not be encoded.
    case encoding
    /// Points that Prometheus cannot be given, for the same reasons a scrape leaves them out.
    case unrepresentable(PrometheusDrop.Reason)

    /// Every reason a push can meet: the delivery failures and the model's reasons that apply to a snapshot
    /// translated for remote write, which encodes in its own arena (so never runs out of memory the way the
    /// protobuf exposition can).
    public static var allCases: [RemoteWriteDropReason] {
        [.rejected, .queueFull, .shutdown, .corrupt, .queueWrite, .encoding]
            + [.deltaTemporality, .nameConflict, .malformedHistogram, .unsupportedScale, .exponentialHistogram].map(Self.unrepresentable)
    }

    /// The attribute value, such as `queue_full` or `delta_temporality`.
    public var rawValue: String {
        switch self {
        case .rejected: return "rejected"
        case .queueFull: return "queue_full"
        case .shutdown: return "shutdown"
        case .corrupt: return "corrupt"
        case .queueWrite: return "queue_write"
        case .encoding: return "encoding"
        case .unrepresentable(let reason): return reason.rawValue
        }
    }

    /// A sentence for log lines.
    var explanation: String {
        switch self {
        case .rejected: return "the store rejected the request"
        case .queueFull: return "the queue is full"
        case .shutdown: return "the exporter was shut down"
        case .corrupt: return "the queued batch is torn or corrupt"
        case .queueWrite: return "the batch could not be written to the queue directory"
        case .encoding: return "the request could not be encoded"
        case .unrepresentable(let reason): return "Prometheus cannot be given them (\(reason.rawValue))"
        }
    }
}
