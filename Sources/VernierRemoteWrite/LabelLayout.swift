import Vernier
import VernierPrometheus

/// The names of the shared labels of a point and where their values come from: its attribute values or its
/// `LabelContext`.
///
/// Working it out means translating attribute keys to label names, sorting them, joining collisions and
/// merging them with the context; the result depends only on the keys and on which values are empty, so it
/// is worked out once and shared by every following point with the same keys, which in a metric is nearly
/// every point. Encoders use that sharing too: a label whose value is fixed is the same for every series of
/// the layout.
final class LabelLayout: Sendable {
    /// Where the value of one label comes from.
    private enum Source: Sendable {
        /// The value of the attribute at this position among the point's attributes.
        case attribute(Int)
        /// The values of these attributes, then the scope value if any, joined with `;`.
        case joined([Int], scopeValue: String?)
        /// A context value, the same for every point.
        case fixed(String)
    }

    private let keys: [String]
    private let emptyValues: [Bool]
    private let sources: [Source]
    /// The label names, sorted.
    let names: [String]
    /// Where `__name__` goes among the labels.
    let metricNameIndex: Int
    /// Where `le` goes among the labels.
    let bucketBoundIndex: Int
    /// Whether the label at `bucketBoundIndex` is an attribute named `le`, which a bucket's bound replaces.
    let hasBucketBoundLabel: Bool

    /// The layout for points with `attributes` whose values, as label text, are `values`.
    init(attributes: Attributes, values: [String], context: LabelContext, naming: PrometheusNaming) {
        keys = attributes.map(\.key)
        emptyValues = values.map(\.isEmpty)
        // Attributes by translated name, in key order among equal names, as groups to be joined.
        let translated = attributes.enumerated()
            .map { (name: naming.labelName($0.element.key), index: $0.offset) }
            .sorted { ($0.name, $0.index) < ($1.name, $1.index) }
        var groups: [(name: String, indices: [Int])] = []
        for attribute in translated {
            if groups.last?.name == attribute.name {
                groups[groups.count - 1].indices.append(attribute.index)
            } else {
                groups.append((attribute.name, [attribute.index]))
            }
        }
        var names: [String] = []
        var sources: [Source] = []
        func add(_ name: String, indices: [Int], entry: LabelContext.Entry?) {
            let isEmpty = indices.isEmpty || (indices.count == 1 && values[indices[0]].isEmpty)
            guard name != SeriesLabels.metricName,
                  let source = Self.source(indices: indices, isEmpty: isEmpty, entry: entry) else { return }
            names.append(name)
            sources.append(source)
        }
        var groupIndex = 0
        for entry in context.entries {
            while groupIndex < groups.count, groups[groupIndex].name < entry.name {
                add(groups[groupIndex].name, indices: groups[groupIndex].indices, entry: nil)
                groupIndex += 1
            }
            if groupIndex < groups.count, groups[groupIndex].name == entry.name {
                add(entry.name, indices: groups[groupIndex].indices, entry: entry)
                groupIndex += 1
            } else {
                add(entry.name, indices: [], entry: entry)
            }
        }
        for group in groups[groupIndex...] {
            add(group.name, indices: group.indices, entry: nil)
        }
        self.names = names
        self.sources = sources
        metricNameIndex = names.partitioningIndex { SeriesLabels.metricName < $0 }
        bucketBoundIndex = names.partitioningIndex { SeriesLabels.bucketBoundName <= $0 }
        hasBucketBoundLabel = bucketBoundIndex < names.count && names[bucketBoundIndex] == SeriesLabels.bucketBoundName
    }

    /// Where a label's value comes from, given the attributes of its name (`isEmpty` when they are none or
    /// one with an empty value) and the context entry of its name; nil when the label is left out.
    private static func source(indices: [Int], isEmpty: Bool, entry: LabelContext.Entry?) -> Source? {
        if let scopeValue = entry?.scopeValue {
            if !indices.isEmpty { return .joined(indices, scopeValue: scopeValue) }
            if !scopeValue.isEmpty { return .fixed(scopeValue) }
        } else if !isEmpty {
            return indices.count == 1 ? .attribute(indices[0]) : .joined(indices, scopeValue: nil)
        }
        return entry?.defaultValue.map(Source.fixed)
    }

    /// Whether points with `attributes`, whose values as label text start at `offset` in `texts`, get their
    /// labels this way.
    func fits(_ attributes: Attributes, texts: [String], offset: Int) -> Bool {
        let elements = attributes.elements
        guard elements.count == keys.count else { return false }
        for index in elements.indices {
            guard elements[index].key == keys[index], texts[offset + index].isEmpty == emptyValues[index] else { return false }
        }
        return true
    }

    /// The value of the label at `position` for a point whose attribute values, as label text, start at
    /// `offset` in `values`.
    func value(at position: Int, attributeValues values: [String], offset: Int) -> String {
        switch sources[position] {
        case .attribute(let index):
            return values[offset + index]
        case .joined(let indices, let scopeValue):
            var parts = indices.map { values[offset + $0] }
            if let scopeValue { parts.append(scopeValue) }
            return parts.joined(separator: ";")
        case .fixed(let value):
            return value
        }
    }

    /// The value of the label at `position` when it is the same for every point, as context values are.
    func fixedValue(at position: Int) -> String? {
        guard case .fixed(let value) = sources[position] else { return nil }
        return value
    }
}

extension Array {
    /// The first index whose element satisfies `isAfter`, which must be false for a prefix and true after.
    fileprivate func partitioningIndex(where isAfter: (Element) -> Bool) -> Int {
        var low = 0
        var high = count
        while low < high {
            let middle = (low + high) / 2
            if isAfter(self[middle]) { high = middle } else { low = middle + 1 }
        }
        return low
    }
}
