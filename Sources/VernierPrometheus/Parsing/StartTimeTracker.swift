import Vernier

/// The start times of cumulative series read from Prometheus exposition that carry no `_created`: the first
/// time a series was seen, and the time it was seen to reset (its value went down), as the OpenTelemetry
/// Collector's Prometheus receiver adjusts them.
///
/// One tracker per source; `ExpositionMapping.map` forgets the series a read did not have, so a tracker holds
/// only the series of the latest read.
public struct StartTimeTracker: Sendable {
    private struct Entry {
        var start: Timestamp
        var lastValue: Double
        var read: UInt64
    }

    private var entries: [String: Entry] = [:]
    private var read: UInt64 = 0

    /// Creates an empty tracker.
    public init() {}

    /// The start of the series `labels` of family `family`, whose value is now `value`: `created` when given.
    mutating func start(of family: String, _ labels: [ScrapedLabel], created: Double?, value: Double, at time: Timestamp) -> Timestamp {
        if let created, created.isFinite, created > 0 {
            return Timestamp(milliseconds: Int64(min(created * 1000, 9e15)))
        }
        var key = family
        for label in labels.sorted(by: { $0.name < $1.name }) {
            key += "\u{0}" + label.name + "\u{1}" + label.value
        }
        var entry = entries[key] ?? Entry(start: time, lastValue: value, read: read)
        if value < entry.lastValue { entry.start = time }
        entry.lastValue = value
        entry.read = read
        entries[key] = entry
        return entry.start
    }

    /// Ends one read: forgets the series it did not see.
    mutating func endRead() {
        let current = read
        entries = entries.filter { $0.value.read == current }
        read &+= 1
    }
}
