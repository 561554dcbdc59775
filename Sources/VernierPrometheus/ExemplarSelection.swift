import Vernier

/// Which exemplar a scrape shows, and with which labels, as OpenMetrics allows one per sample.
enum ExemplarSelection {
    /// The OpenMetrics limit on the characters of an exemplar's label names and values together.
    static let labelCharacterLimit = 128

    /// The most recent exemplar, for a counter's `_total` sample.
    static func latest(_ exemplars: [Exemplar]) -> Exemplar? {
        exemplars.max { $0.time < $1.time }
    }

    /// For each bucket of a histogram point (the last one unbounded), the largest exemplar whose value falls
    /// inside the bucket, or nil; empty when the point has no exemplars.
    static func perBucket(_ point: HistogramPoint) -> [Exemplar?] {
        guard !point.exemplars.isEmpty else { return [] }
        var chosen = [Exemplar?](repeating: nil, count: point.bucketCounts.count)
        for exemplar in point.exemplars {
            let value = exemplar.value.doubleValue
            guard !value.isNaN else { continue }
            let bucket = point.boundaries.firstIndex { value <= $0 } ?? point.boundaries.count
            if let current = chosen[bucket], current.value.doubleValue >= value { continue }
            chosen[bucket] = exemplar
        }
        return chosen
    }

    /// `trace_id` and `span_id`, then the filtered attributes for as long as the label set stays within
    /// 128 characters.
    static func labels(of exemplar: Exemplar, naming: PrometheusNaming) -> [(String, String)] {
        var labels: [(String, String)] = []
        var characters = 0
        if let traceID = exemplar.traceID {
            labels.append(("trace_id", traceID.hex))
            characters += 8 + 32
        }
        if let spanID = exemplar.spanID {
            labels.append(("span_id", spanID.hex))
            characters += 7 + 16
        }
        for attribute in exemplar.filteredAttributes {
            let name = naming.labelName(attribute.key)
            let value = attribute.value.description
            let size = name.unicodeScalars.count + value.unicodeScalars.count
            guard characters + size <= labelCharacterLimit else { continue }
            labels.append((name, value))
            characters += size
        }
        return labels
    }
}
