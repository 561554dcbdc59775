import VernierConcurrency

/// What the exporter took in and what its shards delivered since the shard count was last reconsidered:
/// the measurements `ShardScaling` decides from.
///
/// The time a sample takes to send is measured on requests the store accepted at their first attempt only,
/// so that an outage's retries and backoff do not read as a slow store.
final class DeliveryStatistics: Sendable {
    /// The counts of one interval.
    struct Window: Equatable {
        /// Samples queued by exports.
        var samplesIn = 0
        /// Samples the store accepted.
        var samplesOut = 0
        /// Samples of the requests accepted at their first attempt, and the seconds those requests took.
        var timedSamples = 0
        var timedSeconds = 0.0
        /// Request attempts that failed.
        var failedAttempts = 0
    }

    private let window = MutexBox(Window())

    /// Counts samples queued by an export.
    func recordQueued(samples: Int) {
        window.withLock { $0.samplesIn += samples }
    }

    /// Counts a request the store accepted; `firstAttemptSeconds` is its duration when no attempt failed.
    func recordDelivered(samples: Int, firstAttemptSeconds: Double?) {
        window.withLock { window in
            window.samplesOut += samples
            if let seconds = firstAttemptSeconds {
                window.timedSamples += samples
                window.timedSeconds += seconds
            }
        }
    }

    /// Counts failed request attempts.
    func recordFailed(attempts: Int) {
        guard attempts > 0 else { return }
        window.withLock { $0.failedAttempts += attempts }
    }

    /// The counts since the last call, starting a new window.
    func takeWindow() -> Window {
        window.withLock { window in
            defer { window = Window() }
            return window
        }
    }
}
