import Vernier

/// Renders a `MetricsSnapshot` in the Prometheus text format 0.0.4 or OpenMetrics 1.0.0.
///
/// Output is deterministic: `target_info` first, then families sorted by name, series sorted by labels.
/// Counters and histograms must be cumulative; delta metrics and exponential histograms are left out and
/// reported in `Rendering.drops`, as are metrics whose names collide with a family of another type.
public struct PrometheusExposition: Sendable {
    /// The name translation in use.
    public var naming: PrometheusNaming

    /// Creates a renderer with a name translation.
    public init(naming: PrometheusNaming = PrometheusNaming()) {
        self.naming = naming
    }

    /// One rendered exposition.
    public struct Rendering: Sendable {
        /// The UTF-8 body.
        public var body: [UInt8]
        /// The metrics left out, with the reason.
        public var drops: [ExpositionDrop]
    }

    /// Renders a snapshot in a format.
    public func render(_ snapshot: MetricsSnapshot, format: ExpositionFormat) -> Rendering {
        let catalog = ExpositionCatalog(snapshot: snapshot, naming: naming)
        var writer = FormatWriter(format: format, naming: naming, catalog: catalog)
        writer.writeTargetInfo()
        for family in catalog.families {
            writer.write(family)
        }
        if format == .openMetrics {
            writer.out.append("# EOF\n")
        }
        return Rendering(body: writer.out.bytes, drops: catalog.drops)
    }
}

/// Writes the catalog's families in one format; the two formats differ only where this type switches.
private struct FormatWriter {
    let format: ExpositionFormat
    let naming: PrometheusNaming
    let catalog: ExpositionCatalog
    let out: ExpositionBuffer
    /// The boundaries of the last histogram point written and their `le` spellings, `+Inf` last; series of
    /// one histogram almost always share boundaries, so each is formatted once.
    private var leBoundaries: [Double] = []
    private var leTexts: [[UInt8]] = [Array("+Inf".utf8)]

    init(format: ExpositionFormat, naming: PrometheusNaming, catalog: ExpositionCatalog) {
        self.format = format
        self.naming = naming
        self.catalog = catalog
        // Each series repeats its labels on every sample line; a first guess of one line per series (two for
        // OpenMetrics counters) is close for counters and gauges, and the buffer doubles for histograms.
        let linesPerSeries = format == .openMetrics ? 2 : 1
        self.out = ExpositionBuffer(capacity: (catalog.labelBytes.count + catalog.seriesCount * 48) * linesPerSeries + catalog.families.count * 128)
    }

    private var isOpenMetrics: Bool { format == .openMetrics }

    mutating func writeTargetInfo() {
        guard let labels = catalog.targetInfoLabels else { return }
        let help = "Target metadata"
        if isOpenMetrics {
            writeMetadata(name: "target", typeWord: "info", unitWord: nil, help: help)
        } else {
            writeMetadata(name: PrometheusNaming.targetInfoName, typeWord: "gauge", unitWord: nil, help: help)
        }
        writeSampleStart(PrometheusNaming.targetInfoName, labels: labels)
        out.append(" 1\n")
    }

    mutating func write(_ family: ExpositionCatalog.Family) {
        let base = family.baseName
        switch family.type {
        case .counter:
            let sampleName = isOpenMetrics ? base + "_total" : naming.counterSampleName(base: base)
            let createdName = base + "_created"
            writeMetadata(name: isOpenMetrics ? base : sampleName, typeWord: "counter", unitWord: family.unitWord, help: family.help)
            for series in family.series {
                writeSampleStart(sampleName, labels: series.labels)
                writeValue(catalog.value(of: series))
                if isOpenMetrics, let exemplar = ExemplarSelection.latest(catalog.exemplars(of: series)) {
                    writeExemplar(exemplar)
                }
                out.append(UInt8(ascii: "\n"))
                writeCreated(createdName, labels: series.labels, start: catalog.startTime(of: series))
            }
        case .gauge:
            writeMetadata(name: base, typeWord: "gauge", unitWord: family.unitWord, help: family.help)
            for series in family.series {
                writeSampleStart(base, labels: series.labels)
                writeValue(catalog.value(of: series))
                out.append(UInt8(ascii: "\n"))
            }
        case .histogram:
            writeMetadata(name: base, typeWord: "histogram", unitWord: family.unitWord, help: family.help)
            let names = HistogramSampleNames(base: base)
            for series in family.series {
                write(catalog.histogramPoint(of: series), names: names, labels: series.labels)
            }
        }
    }

    private mutating func write(_ point: HistogramPoint, names: HistogramSampleNames, labels: Range<Int>) {
        let exemplars = isOpenMetrics ? ExemplarSelection.perBucket(point) : []
        if point.boundaries != leBoundaries {
            leBoundaries = point.boundaries
            leTexts = (point.boundaries + [.infinity]).map { boundary in
                let text = ExpositionBuffer(capacity: 24)
                text.append(double: boundary)
                return text.bytes
            }
        }
        var cumulative: UInt64 = 0
        for (index, count) in point.bucketCounts.enumerated() {
            cumulative &+= count
            writeSampleStart(names.bucket, labels: labels, le: leTexts[index])
            out.append(UInt8(ascii: " "))
            out.append(unsigned: cumulative)
            if index < exemplars.count, let exemplar = exemplars[index] {
                writeExemplar(exemplar)
            }
            out.append(UInt8(ascii: "\n"))
        }
        if point.sum >= 0, (point.min ?? 0) >= 0 {
            writeSampleStart(names.sum, labels: labels)
            out.append(UInt8(ascii: " "))
            out.append(double: point.sum)
            out.append(UInt8(ascii: "\n"))
        }
        writeSampleStart(names.count, labels: labels)
        out.append(UInt8(ascii: " "))
        out.append(unsigned: cumulative)
        out.append(UInt8(ascii: "\n"))
        writeCreated(names.created, labels: labels, start: point.startTime)
    }

    /// TYPE, then UNIT (OpenMetrics, when the name ends with the unit), then HELP when there is text.
    private mutating func writeMetadata(name: String, typeWord: String, unitWord: String?, help: String) {
        out.append("# TYPE ")
        out.append(name)
        out.append(UInt8(ascii: " "))
        out.append(typeWord)
        out.append(UInt8(ascii: "\n"))
        if isOpenMetrics, let unitWord, name.hasSuffix("_" + unitWord) {
            out.append("# UNIT ")
            out.append(name)
            out.append(UInt8(ascii: " "))
            out.append(unitWord)
            out.append(UInt8(ascii: "\n"))
        }
        if !help.isEmpty {
            out.append("# HELP ")
            out.append(name)
            out.append(UInt8(ascii: " "))
            out.appendEscapedHelp(help, escapesQuotes: isOpenMetrics)
            out.append(UInt8(ascii: "\n"))
        }
    }

    /// Writes `name{labels}` or `name{labels,le="..."}`, leaving out empty braces.
    private mutating func writeSampleStart(_ name: String, labels: Range<Int>, le: [UInt8]? = nil) {
        out.append(name)
        guard !labels.isEmpty || le != nil else { return }
        out.append(UInt8(ascii: "{"))
        out.append(labels, of: catalog.labelBytes)
        if let le {
            out.append(labels.isEmpty ? "le=\"" : ",le=\"")
            out.append(le)
            out.append(UInt8(ascii: "\""))
        }
        out.append(UInt8(ascii: "}"))
    }

    private mutating func writeValue(_ value: NumberValue) {
        out.append(UInt8(ascii: " "))
        switch value {
        case .int(let integer): out.append(integer: integer)
        case .double(let double): out.append(double: double)
        }
    }

    /// OpenMetrics `_created`: when the series started accumulating.
    private mutating func writeCreated(_ name: String, labels: Range<Int>, start: Timestamp) {
        guard isOpenMetrics, start.nanosecondsSinceEpoch > 0 else { return }
        writeSampleStart(name, labels: labels)
        out.append(UInt8(ascii: " "))
        out.append(seconds: start.nanosecondsSinceEpoch)
        out.append(UInt8(ascii: "\n"))
    }

    /// ` # {trace_id="...",span_id="...",...} value timestamp`.
    private mutating func writeExemplar(_ exemplar: Exemplar) {
        out.append(" # {")
        var first = true
        for (name, value) in ExemplarSelection.labels(of: exemplar, naming: naming) {
            if !first { out.append(UInt8(ascii: ",")) }
            first = false
            out.append(name)
            out.append("=\"")
            out.appendEscapedLabelValue(value)
            out.append(UInt8(ascii: "\""))
        }
        out.append(UInt8(ascii: "}"))
        writeValue(exemplar.value)
        out.append(UInt8(ascii: " "))
        out.append(seconds: exemplar.time.nanosecondsSinceEpoch)
    }
}

/// The sample names of a histogram family, built once per family rather than once per series.
private struct HistogramSampleNames {
    let bucket: String
    let sum: String
    let count: String
    let created: String

    init(base: String) {
        bucket = base + "_bucket"
        sum = base + "_sum"
        count = base + "_count"
        created = base + "_created"
    }
}
