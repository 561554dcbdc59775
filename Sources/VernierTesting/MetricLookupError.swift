import Vernier

/// Why a snapshot lookup found nothing, with what the snapshot held instead, so a failing test says what to fix.
public enum MetricLookupError: Error, Equatable, CustomStringConvertible {
    /// No metric has the name; `present` lists the snapshot's metrics, by name, with their kinds.
    case metricNotFound(name: String, present: [PresentMetric])
    /// The metric exists but is of another kind than the lookup reads.
    case wrongKind(name: String, expected: MetricKind, found: MetricKind)
    /// The metric has no series with exactly these attributes; `present` lists the attribute sets it has.
    case seriesNotFound(name: String, kind: MetricKind, attributes: Attributes, present: [Attributes])

    /// A metric a snapshot holds: its name and kind.
    public struct PresentMetric: Sendable, Hashable {
        /// The metric's name.
        public let name: String
        /// The metric's kind.
        public let kind: MetricKind

        /// Creates the description of a metric a snapshot holds.
        public init(name: String, kind: MetricKind) {
            self.name = name
            self.kind = kind
        }
    }

    /// One line naming what was looked for and what was there instead.
    public var description: String {
        switch self {
        case .metricNotFound(let name, let present):
            guard !present.isEmpty else { return "no metric \"\(name)\": the snapshot has no metrics" }
            let listed = present.map { "\($0.name) (\($0.kind))" }.joined(separator: ", ")
            return "no metric \"\(name)\"; the snapshot has: \(listed)"
        case .wrongKind(let name, let expected, let found):
            return "\"\(name)\" is \(Self.withArticle(found)), not \(Self.withArticle(expected))"
        case .seriesNotFound(let name, let kind, let attributes, let present):
            let wanted = Self.format(attributes)
            guard !present.isEmpty else { return "\"\(name)\" (\(kind)) has no series \(wanted): it has no series" }
            return "\"\(name)\" (\(kind)) has no series \(wanted); it has: " + present.map(Self.format).joined(separator: ", ")
        }
    }

    private static func withArticle(_ kind: MetricKind) -> String {
        (kind.rawValue.first.map { "aeiou".contains($0) } == true ? "an " : "a ") + kind.rawValue
    }

    private static func format(_ attributes: Attributes) -> String {
        "{" + attributes.map { "\($0.key)=\(format($0.value))" }.joined(separator: ", ") + "}"
    }

    /// Strings quoted, so `"1"` and `1`, which are different series, read differently.
    private static func format(_ value: AttributeValue) -> String {
        if case .string(let text) = value { return "\"\(text)\"" }
        return value.description
    }
}
