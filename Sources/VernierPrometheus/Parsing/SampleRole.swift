/// What a sample contributes to its series, decided by the suffix its name adds to the family name.
enum SampleRole {
    /// The single value: counter total, gauge, unknown, info, stateset state, or a summary quantile.
    case value
    /// A histogram bucket (`_bucket`).
    case bucket
    /// A histogram or summary count (`_count`, `_gcount`).
    case count
    /// A histogram or summary sum (`_sum`, `_gsum`).
    case sum
    /// The creation time (`_created`).
    case created

    /// The role of a sample whose name continues a family name with `bytes[start..<end]`, or nil if that
    /// suffix does not belong to the family type. Text 0.0.4 counters also take the bare family name.
    static func forSuffix(
        _ bytes: UnsafeBufferPointer<UInt8>,
        from start: Int,
        to end: Int,
        type: ScrapedMetricType,
        format: ExpositionTextFormat
    ) -> SampleRole? {
        func suffix(is expected: StaticString) -> Bool {
            guard end - start == expected.utf8CodeUnitCount else { return false }
            return expected.withUTF8Buffer { UnsafeBufferPointer(rebasing: bytes[start..<end]).elementsEqual($0) }
        }
        let isBare = start == end
        switch type {
        case .counter:
            if suffix(is: "_total") || (isBare && format == .prometheusText) { return .value }
            return suffix(is: "_created") ? .created : nil
        case .gauge, .unknown, .stateSet:
            return isBare ? .value : nil
        case .info:
            return suffix(is: "_info") ? .value : nil
        case .histogram:
            if suffix(is: "_bucket") { return .bucket }
            if suffix(is: "_count") { return .count }
            if suffix(is: "_sum") { return .sum }
            return suffix(is: "_created") ? .created : nil
        case .gaugeHistogram:
            if suffix(is: "_bucket") { return .bucket }
            if suffix(is: "_gcount") { return .count }
            return suffix(is: "_gsum") ? .sum : nil
        case .summary:
            if isBare { return .value }
            if suffix(is: "_count") { return .count }
            if suffix(is: "_sum") { return .sum }
            return suffix(is: "_created") ? .created : nil
        }
    }

    /// Every sample name an OpenMetrics family of this type may use, for detecting clashes between families.
    static func sampleNames(ofFamily name: String, type: ScrapedMetricType) -> [String] {
        switch type {
        case .counter: [name + "_total", name + "_created"]
        case .gauge, .unknown, .stateSet: [name]
        case .info: [name + "_info"]
        case .histogram: [name + "_bucket", name + "_count", name + "_sum", name + "_created"]
        case .gaugeHistogram: [name + "_bucket", name + "_gcount", name + "_gsum"]
        case .summary: [name, name + "_count", name + "_sum", name + "_created"]
        }
    }
}
