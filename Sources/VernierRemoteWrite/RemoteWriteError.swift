/// Why a `RemoteWriteExporter` call did not do what was asked.
public enum RemoteWriteError: Error, Sendable, Equatable, CustomStringConvertible {
    /// The exporter was shut down; the samples were counted as dropped.
    case shutDown
    /// A flush ended with samples still queued; they stay queued and are sent later.
    case flushTimedOut(Duration)

    /// A sentence for log lines.
    public var description: String {
        switch self {
        case .shutDown: return "the remote-write exporter was shut down"
        case .flushTimedOut(let timeout): return "the remote-write queue was not empty after \(timeout)"
        }
    }
}
