import VernierTransport

/// Decides how many shards the exporter needs, after Prometheus's queue manager: enough connections to
/// send the samples coming in plus a share of the backlog, given the time one sample takes to send.
///
/// Rates are smoothed (an exponentially weighted moving average, weight 0.2 per interval); the count only
/// changes when the need moves more than 30 % away from it (or the count is outside the bounds), and not
/// while requests fail, since more connections do not help a store that is down or refusing.
struct ShardScaling {
    private static let smoothing = 0.2
    private static let tolerance = 0.3
    /// The share of the backlog to send per interval on top of what comes in.
    private static let backlogShare = 0.1

    let minimum: Int
    let maximum: Int
    let interval: Duration

    private var incoming = SmoothedRate(weight: smoothing)
    private var secondsPerSample = SmoothedRate(weight: smoothing)

    init(minimum: Int, maximum: Int, interval: Duration) {
        self.minimum = minimum
        self.maximum = maximum
        self.interval = interval
    }

    /// The shard count to use after an interval that measured `window`, with `backlog` samples queued and
    /// `current` shards running.
    mutating func shardCount(after window: DeliveryStatistics.Window, backlog: Int, current: Int) -> Int {
        let seconds = interval.seconds
        let incomingRate = incoming.update(with: Double(window.samplesIn) / seconds)
        if window.timedSamples > 0 {
            _ = secondsPerSample.update(with: window.timedSeconds / Double(window.timedSamples))
        }
        guard window.failedAttempts == 0 else { return current }
        guard let timePerSample = secondsPerSample.value else {
            return backlog == 0 && window.samplesIn == 0 ? clamped(minimum) : current
        }
        let needed = timePerSample * (incomingRate + Self.backlogShare / seconds * Double(backlog))
        let lowest = Double(current) * (1 - Self.tolerance)
        let highest = Double(current) * (1 + Self.tolerance)
        guard needed < lowest || needed > highest else { return clamped(current) }
        return clamped(Int(needed.rounded(.up)))
    }

    private func clamped(_ count: Int) -> Int {
        min(maximum, max(minimum, count))
    }
}

/// A measurement smoothed across intervals by an exponentially weighted moving average; the first
/// measurement is taken as it is.
private struct SmoothedRate {
    let weight: Double
    private(set) var value: Double?

    init(weight: Double) {
        self.weight = weight
    }

    /// Folds `measurement` in and returns the smoothed value.
    mutating func update(with measurement: Double) -> Double {
        let next = value.map { $0 + weight * (measurement - $0) } ?? measurement
        value = next
        return next
    }
}
