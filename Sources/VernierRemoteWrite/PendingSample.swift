import VernierPrometheus

/// What Prometheus knows a metric family by: its type, help and unit, sent as `MetricMetadata`.
///
/// One instance is shared by every sample of a family, so a queued sample carries one reference for it.
final class FamilyMetadata: Hashable, Sendable {
    /// The `MetricMetadata.MetricType` numbers of remote-write 1.0.
    enum Kind: UInt32, Sendable {
        case counter = 1
        case gauge = 2
        case histogram = 3
        case summary = 5
    }

    let name: String
    let kind: Kind
    let help: String
    let unit: String

    /// The metadata of the family `name`.
    init(name: String, kind: Kind, help: String, unit: String) {
        self.name = name
        self.kind = kind
        self.help = help
        self.unit = unit
    }

    /// The metadata of a model family: its name as the text format shows it, and its Prometheus type.
    convenience init(_ family: PrometheusFamily) {
        let kind: Kind
        switch family.kind.type {
        case .counter: kind = .counter
        case .gauge: kind = .gauge
        case .histogram: kind = .histogram
        case .summary: kind = .summary
        }
        self.init(name: family.name, kind: kind, help: family.help, unit: family.unitWord ?? "")
    }

    static func == (lhs: FamilyMetadata, rhs: FamilyMetadata) -> Bool {
        (lhs.name, lhs.kind, lhs.help, lhs.unit) == (rhs.name, rhs.kind, rhs.help, rhs.unit)
    }

    func hash(into hasher: inout Hasher) {
        hasher.combine(name)
        hasher.combine(kind)
        hasher.combine(help)
        hasher.combine(unit)
    }
}

/// An exemplar as remote-write carries it: labels, value and time in milliseconds.
struct ExemplarSample: Hashable, Sendable {
    let labels: [PrometheusLabel]
    let value: Double
    let timestamp: Int64
}

/// One sample of one series waiting in a shard's queue: the series' labels, the value and its time in
/// milliseconds, the exemplars to send with it and its family's metadata.
struct PendingSample: Sendable {
    /// A float sample's value, or a native histogram.
    enum Value: Sendable {
        case number(Double)
        case histogram(NativeHistogramSample)
    }

    let labels: SeriesLabelSet
    let value: Value
    let timestamp: Int64
    let exemplars: [ExemplarSample]
    let family: FamilyMetadata

    /// A hash of the labels that is the same in every process, so that a series keeps its shard, and its
    /// on-disk batches their order, across restarts (FNV-1a over names and values).
    var stableSeriesHash: UInt64 {
        var hash: UInt64 = 0xcbf2_9ce4_8422_2325
        for label in labels {
            for byte in label.name.utf8 { hash = (hash ^ UInt64(byte)) &* 0x100_0000_01b3 }
            hash = (hash ^ 0xFF) &* 0x100_0000_01b3
            for byte in label.value.utf8 { hash = (hash ^ UInt64(byte)) &* 0x100_0000_01b3 }
            hash = (hash ^ 0xFE) &* 0x100_0000_01b3
        }
        return hash
    }
}
