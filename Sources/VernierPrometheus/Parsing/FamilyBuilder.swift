/// Collects the metadata and series of one metric family while its lines are read.
struct FamilyBuilder {
    typealias Failure = ExpositionParseError

    let name: String
    /// The offset of the family's first line, where clashes with other families are reported.
    let startOffset: Int
    private(set) var type = ScrapedMetricType.unknown
    private let nameBytes: [UInt8]
    private var help = ""
    private var unit = ""
    private var hasType = false
    private var hasHelp = false
    private var hasUnit = false
    private var series: [SeriesBuilder] = []
    private var seriesIndexByKey: [SeriesKey: Int] = [:]

    init(name: String, nameBytes: [UInt8], startOffset: Int) {
        self.name = name
        self.nameBytes = nameBytes
        self.startOffset = startOffset
    }

    func hasName(_ bytes: UnsafeBufferPointer<UInt8>, from start: Int, to end: Int) -> Bool {
        UnsafeBufferPointer(rebasing: bytes[start..<end]).elementsEqual(nameBytes)
    }

    /// The role of a sample named `bytes[start..<end]` in this family, or nil if the name does not belong to it.
    func role(
        ofSampleNamed bytes: UnsafeBufferPointer<UInt8>,
        from start: Int,
        to end: Int,
        format: ExpositionTextFormat
    ) -> SampleRole? {
        let familyLength = nameBytes.count
        if end - start >= familyLength, hasName(bytes, from: start, to: start + familyLength) {
            return SampleRole.forSuffix(bytes, from: start + familyLength, to: end, type: type, format: format)
        }
        return createdRoleOfTextTotal(bytes, from: start, to: end, format: format)
    }

    /// In text 0.0.4 a counter is often named `x_total` while its creation time is exposed as `x_created`.
    private func createdRoleOfTextTotal(
        _ bytes: UnsafeBufferPointer<UInt8>,
        from start: Int,
        to end: Int,
        format: ExpositionTextFormat
    ) -> SampleRole? {
        let totalSuffix = "_total".utf8
        let createdSuffix = "_created".utf8
        guard format == .prometheusText, type == .counter, nameBytes.count > totalSuffix.count,
              nameBytes.suffix(totalSuffix.count).elementsEqual(totalSuffix) else { return nil }
        let stem = nameBytes.dropLast(totalSuffix.count)
        let sampleName = UnsafeBufferPointer(rebasing: bytes[start..<end])
        guard sampleName.count == stem.count + createdSuffix.count,
              sampleName.starts(with: stem),
              sampleName.dropFirst(stem.count).elementsEqual(createdSuffix) else { return nil }
        return .created
    }

    // MARK: - Metadata

    /// Applies a HELP, TYPE or UNIT line naming this family.
    mutating func apply(
        _ line: MetadataLine,
        in bytes: UnsafeBufferPointer<UInt8>,
        format: ExpositionTextFormat,
        scratch: inout [UInt8]
    ) throws(Failure) {
        func failure(_ reason: String, at offset: Int) -> Failure {
            ExpositionParseError(reason, at: offset, in: bytes)
        }
        guard series.isEmpty else {
            throw failure("# \(line.kind.keyword) for metric family '\(name)' after its samples", at: line.lineStart)
        }
        let text = UnsafeBufferPointer(rebasing: bytes[line.textStart..<line.textEnd])
        switch line.kind {
        case .type:
            guard !hasType else { throw failure("duplicate # TYPE for metric family '\(name)'", at: line.lineStart) }
            guard let declared = ScrapedMetricType(
                typeWord: bytes, from: line.textStart, to: line.textEnd, format: format
            ) else {
                throw failure("unknown metric type '\(String(decoding: text, as: UTF8.self))'", at: line.textStart)
            }
            if !unit.isEmpty, declared == .info || declared == .stateSet {
                throw failure("\(declared.rawValue) metric family '\(name)' must not have a unit", at: line.textStart)
            }
            type = declared
            hasType = true
        case .help:
            guard !hasHelp else { throw failure("duplicate # HELP for metric family '\(name)'", at: line.lineStart) }
            help = EscapedText.decode(
                bytes, from: line.textStart, to: line.textEnd,
                unescapingQuotes: format == .openMetrics, scratch: &scratch
            )
            hasHelp = true
        case .unit:
            guard !hasUnit else { throw failure("duplicate # UNIT for metric family '\(name)'", at: line.lineStart) }
            let declared = String(decoding: text, as: UTF8.self)
            if !declared.isEmpty {
                guard name.hasSuffix("_" + declared) else {
                    throw failure("unit '\(declared)' is not a suffix of metric family name '\(name)'", at: line.textStart)
                }
                if type == .info || type == .stateSet {
                    throw failure("\(type.rawValue) metric family '\(name)' must not have a unit", at: line.textStart)
                }
            }
            unit = declared
            hasUnit = true
        }
    }

    // MARK: - Samples

    /// Adds a sample whose name gave it `role` in this family.
    mutating func record(
        _ sample: SampleLine,
        as role: SampleRole,
        in bytes: UnsafeBufferPointer<UInt8>,
        format: ExpositionTextFormat,
        scratch: inout [UInt8]
    ) throws(Failure) {
        if let repeated = RawLabel.indexOfRepeatedName(in: sample.labels, bytes: bytes) {
            let label = sample.labels[repeated]
            throw ExpositionParseError(
                "duplicate label name '\(label.name(in: bytes))'", at: label.nameStart, in: bytes
            )
        }
        if format == .openMetrics, type == .stateSet,
           !sample.labels.contains(where: { hasName(bytes, from: $0.nameStart, to: $0.nameEnd) }) {
            throw ExpositionParseError(
                "stateset sample without a label named '\(name)'", at: sample.start, in: bytes
            )
        }
        let bound = try boundLabel(of: sample, as: role, in: bytes, format: format)
        let index = try seriesIndex(for: sample, skipping: bound.index, in: bytes, format: format, scratch: &scratch)
        try series[index].record(
            sample, as: role, bound: bound.value, boundOffset: bound.offset,
            type: type, format: format, in: bytes
        )
        if sample.hasExemplar {
            try recordExemplar(of: sample, as: role, inSeriesAt: index, in: bytes, scratch: &scratch)
        }
    }

    /// Finds the `le` label of a bucket or the `quantile` label of a summary quantile and parses its value,
    /// and rejects those labels on the other samples of histograms and summaries.
    private func boundLabel(
        of sample: SampleLine,
        as role: SampleRole,
        in bytes: UnsafeBufferPointer<UInt8>,
        format: ExpositionTextFormat
    ) throws(Failure) -> (index: Int?, value: Double, offset: Int) {
        let boundName: StaticString
        let isBoundSample: Bool
        switch type {
        case .histogram, .gaugeHistogram:
            boundName = "le"
            isBoundSample = role == .bucket
        case .summary:
            boundName = "quantile"
            isBoundSample = role == .value
        default:
            return (nil, 0, 0)
        }
        let found = sample.labels.firstIndex { $0.hasName(boundName, in: bytes) }
        guard isBoundSample else {
            if let found {
                throw ExpositionParseError(
                    "unexpected label '\(boundName)' on \(sample.writtenSeries(in: bytes))",
                    at: sample.labels[found].nameStart, in: bytes
                )
            }
            return (nil, 0, 0)
        }
        guard let found else {
            let reason = type == .summary
                ? "summary quantile sample without quantile label"
                : "histogram bucket without le label"
            throw ExpositionParseError(reason, at: sample.start, in: bytes)
        }
        let label = sample.labels[found]
        guard let value = ExpositionNumber.parseFloat(bytes, from: label.valueStart, to: label.valueEnd),
              !value.isNaN else {
            throw ExpositionParseError(
                "\(boundName) value is not a number: '\(String(decoding: UnsafeBufferPointer(rebasing: bytes[label.valueStart..<label.valueEnd]), as: UTF8.self))'",
                at: label.valueStart, in: bytes
            )
        }
        if format == .openMetrics, type == .summary, value < 0 || value > 1 {
            throw ExpositionParseError("quantile must be between 0 and 1", at: label.valueStart, in: bytes)
        }
        return (found, value, label.valueStart)
    }

    /// The index of the sample's series, adding a series on its first sample.
    private mutating func seriesIndex(
        for sample: SampleLine,
        skipping skipped: Int?,
        in bytes: UnsafeBufferPointer<UInt8>,
        format: ExpositionTextFormat,
        scratch: inout [UInt8]
    ) throws(Failure) -> Int {
        if let last = series.indices.last, series[last].hasLabels(writtenAs: sample.labels, skipping: skipped, in: bytes) {
            return last
        }
        var labels: [ScrapedLabel] = []
        labels.reserveCapacity(sample.labels.count)
        for index in sample.labels.indices where index != skipped {
            labels.append(sample.labels[index].scrapedLabel(in: bytes, scratch: &scratch))
        }
        let key = SeriesKey(labels: labels)
        if let existing = seriesIndexByKey[key] {
            if format == .openMetrics, existing != series.count - 1 {
                throw ExpositionParseError(
                    "series \(series[existing].describe(familyName: name)) is interleaved with another series",
                    at: sample.start, in: bytes
                )
            }
            return existing
        }
        seriesIndexByKey[key] = series.count
        series.append(SeriesBuilder(labels: labels, firstOffset: sample.start))
        return series.count - 1
    }

    private mutating func recordExemplar(
        of sample: SampleLine,
        as role: SampleRole,
        inSeriesAt index: Int,
        in bytes: UnsafeBufferPointer<UInt8>,
        scratch: inout [UInt8]
    ) throws(Failure) {
        let isAllowed = switch type {
        case .counter: role == .value
        case .histogram, .gaugeHistogram: role == .bucket
        default: false
        }
        guard isAllowed else {
            throw ExpositionParseError(
                "exemplars are only allowed on counter _total and histogram _bucket samples",
                at: sample.exemplarOffset, in: bytes
            )
        }
        if let repeated = RawLabel.indexOfRepeatedName(in: sample.exemplarLabels, bytes: bytes) {
            let label = sample.exemplarLabels[repeated]
            throw ExpositionParseError(
                "duplicate label name '\(label.name(in: bytes))'", at: label.nameStart, in: bytes
            )
        }
        var labels: [ScrapedLabel] = []
        var characterCount = 0
        for raw in sample.exemplarLabels {
            let label = raw.scrapedLabel(in: bytes, scratch: &scratch)
            characterCount += label.name.unicodeScalars.count + label.value.unicodeScalars.count
            labels.append(label)
        }
        guard characterCount <= 128 else {
            throw ExpositionParseError(
                "exemplar labels exceed 128 UTF-8 characters", at: sample.exemplarOffset, in: bytes
            )
        }
        series[index].append(ScrapedExemplar(
            labels: labels, value: sample.exemplarValue, timestampSeconds: sample.exemplarTimestampSeconds
        ))
    }

    // MARK: - Finishing

    /// The finished family, after the checks that need whole series.
    func finish(in bytes: UnsafeBufferPointer<UInt8>, format: ExpositionTextFormat) throws(Failure) -> ScrapedFamily {
        var finished: [ScrapedSeries] = []
        finished.reserveCapacity(series.count)
        for builder in series {
            finished.append(try builder.finish(type: type, familyName: name, format: format, in: bytes))
        }
        return ScrapedFamily(name: name, type: type, help: help, unit: unit, series: finished)
    }
}
