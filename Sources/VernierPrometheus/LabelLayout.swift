import Vernier

/// The labels of the points that have one list of attribute keys: their names, sorted, and where each value
/// comes from, the point's attributes or its `LabelContext`. Every writer labels series through it.
///
/// Attribute keys become label names (`PrometheusNaming.labelName(_:)`); attributes whose names collide have
/// their values joined with `;` in the order of their keys, and so do an attribute and a scope label of the
/// same name; a label whose value would be empty is left out, as Prometheus reads it as no label, and a
/// context default takes its place. The result depends only on the keys and on which values are empty, so it
/// is worked out once and reused for every following point it `fits`, which in a metric is nearly every point.
package final class LabelLayout: Sendable {
    /// Where the value of one label comes from.
    package enum Source: Sendable {
        /// The value of the attribute at this position among the point's attributes.
        case attribute(Int)
        /// The values of these attributes, then the scope value if any, joined with `;`.
        case joined([Int], scopeValue: String?)
        /// A context value, the same for every point.
        case fixed(String)
    }

    private let keys: [String]
    private let emptyValues: [Bool]
    /// Where each label's value comes from, in the order of `names`.
    @usableFromInline package let sources: [Source]
    /// The label names, sorted.
    package let names: [String]
    /// Where `__name__` goes among the labels.
    package let metricNameIndex: Int
    /// Where `le` goes among the labels.
    package let bucketBoundIndex: Int
    /// Whether the label at `bucketBoundIndex` is an attribute named `le`, which a bucket's bound replaces on
    /// `_bucket` series; the histogram's other series keep it.
    package let hasBucketBoundLabel: Bool

    /// The layout for points with the keys and empty values of `attributes`, in `context`.
    package init(attributes: Attributes, context: LabelContext, naming: PrometheusNaming) {
        keys = attributes.elements.map(\.key)
        emptyValues = attributes.elements.map { PrometheusLabel.isEmpty($0.value) }
        // Attributes by translated name, in key order among equal names, as groups to be joined.
        let translated = attributes.elements.enumerated()
            .map { (name: naming.labelName($0.element.key), index: $0.offset) }
            .sorted { $0.name != $1.name ? Self.precedes($0.name, $1.name) : $0.index < $1.index }
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
        let emptyValues = self.emptyValues
        func add(_ name: String, indices: [Int], entry: LabelContext.Entry?) {
            let isEmpty = indices.isEmpty || (indices.count == 1 && emptyValues[indices[0]])
            guard name != PrometheusLabel.metricName,
                  let source = Self.source(indices: indices, isEmpty: isEmpty, entry: entry) else { return }
            names.append(name)
            sources.append(source)
        }
        var groupIndex = 0
        for entry in context.entries {
            while groupIndex < groups.count, Self.precedes(groups[groupIndex].name, entry.name) {
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
        metricNameIndex = names.partitioningIndex { Self.precedes(PrometheusLabel.metricName, $0) }
        bucketBoundIndex = names.partitioningIndex { !Self.precedes($0, PrometheusLabel.bucketBound) }
        hasBucketBoundLabel = bucketBoundIndex < names.count && names[bucketBoundIndex] == PrometheusLabel.bucketBound
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

    /// Whether points with `attributes` get their labels this way: the same keys, and empty values in the
    /// same places.
    package func fits(_ attributes: Attributes) -> Bool {
        let elements = attributes.elements
        guard elements.count == keys.count else { return false }
        for index in elements.indices {
            guard elements[index].key == keys[index], PrometheusLabel.isEmpty(elements[index].value) == emptyValues[index] else { return false }
        }
        return true
    }

    /// The value of the label at `position` for a point whose attribute at index `i` reads `attributeText(i)`
    /// as label text.
    @inlinable
    package func value(at position: Int, attributeText: (Int) -> String) -> String {
        switch sources[position] {
        case .attribute(let index):
            return attributeText(index)
        case .joined(let indices, let scopeValue):
            var parts = indices.map(attributeText)
            if let scopeValue { parts.append(scopeValue) }
            return parts.joined(separator: PrometheusLabel.valueSeparator)
        case .fixed(let value):
            return value
        }
    }

    /// The value of the label at `position` when it is the same for every point, as context values are.
    package func fixedValue(at position: Int) -> String? {
        guard case .fixed(let value) = sources[position] else { return nil }
        return value
    }

    /// Byte order, which for the ASCII label names is the order Prometheus sorts them in.
    /// Where a label `name` goes among `names`, and whether a label of that name is already there.
    package func position(of name: String) -> (index: Int, isPresent: Bool) {
        if name == PrometheusLabel.bucketBound { return (bucketBoundIndex, hasBucketBoundLabel) }
        let index = names.partitioningIndex { !Self.precedes($0, name) }
        return (index, index < names.count && names[index] == name)
    }

    package static func precedes(_ lhs: String, _ rhs: String) -> Bool {
        lhs.utf8.lexicographicallyPrecedes(rhs.utf8)
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
