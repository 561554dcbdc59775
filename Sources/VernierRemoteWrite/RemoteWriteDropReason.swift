/// Why samples were given up for good: the `reason` attribute of `vernier.exporter.samples.dropped`.
public enum RemoteWriteDropReason: String, Sendable, CaseIterable {
    /// The store answered with a 4xx status other than 429, which must not be retried.
    case rejected
    /// The queue was full, so its oldest samples made room for new ones.
    case queueFull = "queue_full"
    /// The exporter was shut down before they could be delivered.
    case shutdown
    /// An on-disk batch was torn or corrupt after a crash.
    case corrupt
    /// A batch could not be written to the queue directory.
    case queueWrite = "queue_write"
    /// The request could not be encoded.
    case encoding
    /// Exponential histograms, which remote-write 1.0 cannot carry.
    case unsupported
    /// Delta sums and histograms, which Prometheus cannot store; the exporter asks for cumulative ones.
    case deltaTemporality = "delta_temporality"
    /// Metrics whose Prometheus names are taken by another metric of a different type.
    case nameConflict = "name_conflict"
    /// Histogram points whose bucket counts do not match their boundaries.
    case malformed

    /// A sentence for log lines.
    var explanation: String {
        switch self {
        case .rejected: return "the store rejected the request"
        case .queueFull: return "the queue is full"
        case .shutdown: return "the exporter was shut down"
        case .corrupt: return "the queued batch is torn or corrupt"
        case .queueWrite: return "the batch could not be written to the queue directory"
        case .encoding: return "the request could not be encoded"
        case .unsupported: return "remote-write 1.0 cannot carry exponential histograms"
        case .deltaTemporality: return "delta temporality cannot be stored by Prometheus"
        case .nameConflict: return "its Prometheus name is taken by a metric of another type"
        case .malformed: return "its bucket counts do not match its boundaries"
        }
    }
}
