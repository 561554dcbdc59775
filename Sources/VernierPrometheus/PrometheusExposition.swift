import Vernier

/// Renders a `MetricsSnapshot` in the Prometheus text format 0.0.4, OpenMetrics 1.0.0 or the Prometheus
/// protobuf format.
///
/// Output is deterministic: `target_info` first, then families sorted by name, series sorted by labels.
/// Families, names and labels are those of the snapshot's `PrometheusModel`, the same as remote write
/// pushes; what the model leaves out (delta metrics, names taken by a family of another type) is reported in
/// `Rendering.drops`. Exponential histograms appear only in the protobuf format, as native histograms (after
/// the other families); the text formats drop them.
///
/// A renderer remembers how it laid out its latest snapshot and reuses that layout while the set of series
/// stays the same, so keep one renderer for repeated scrapes; copies share what they remember.
public struct PrometheusExposition: Sendable {
    /// Where log lines about left-out metrics say they come from.
    static let logSource = "prometheus exposition"

    /// The name translation in use.
    public var naming: PrometheusNaming
    private let catalogCache = ExpositionCatalogCache()
    private let memory = ReusedExpositionMemory()

    /// Creates a renderer with a name translation.
    public init(naming: PrometheusNaming = PrometheusNaming()) {
        self.naming = naming
    }

    /// One rendered exposition.
    public struct Rendering: Sendable {
        /// The body: UTF-8 text, or delimited protobuf messages.
        public var body: [UInt8]
        /// The points left out, with the reason.
        public var drops: [PrometheusDrop]
    }

    /// Renders a snapshot in a format.
    public func render(_ snapshot: MetricsSnapshot, format: ExpositionFormat) -> Rendering {
        let snapshot = snapshot.exposable
        let catalog = catalogCache.catalog(for: snapshot, naming: naming)
        catalog.reportDrops(for: format)
        let values = ExpositionValues(snapshot)
        if format == .protobuf {
            let writer = ProtobufExpositionWriter(naming: naming, catalog: catalog, values: values)
            writer.writeAll()
            writer.drops.forEach { $0.report(from: Self.logSource) }
            return Rendering(body: writer.body, drops: catalog.drops(for: format) + writer.drops)
        }
        let body = memory.body(estimatedLength: FormatWriter.estimatedLength(of: catalog, format: format)) { out in
            let writer = FormatWriter(format: format, naming: naming, catalog: catalog, values: values, out: out)
            writer.writeTargetInfo()
            for family in catalog.families {
                writer.write(family)
            }
            if format == .openMetrics {
                out.append("# EOF\n")
            }
        }
        return Rendering(body: body, drops: catalog.drops(for: format))
    }
}

/// Writes the catalog's families in one text format; the two differ only where this type switches.
private struct FormatWriter {
    let format: ExpositionFormat
    let naming: PrometheusNaming
    let catalog: ExpositionCatalog
    let values: ExpositionValues
    let out: ExpositionBuffer

    /// A first guess at the length of an exposition: each series repeats its sample start (about its labels and
    /// a name) with a value on every line, and one line per series (two for OpenMetrics counters) is close for
    /// counters and gauges; the buffer grows for histograms.
    static func estimatedLength(of catalog: ExpositionCatalog, format: ExpositionFormat) -> Int {
        let linesPerSeries = format == .openMetrics ? 2 : 1
        return (catalog.labelBytes.count + catalog.seriesCount * 16) * linesPerSeries + catalog.families.count * 128
    }

    private var isOpenMetrics: Bool { format == .openMetrics }

    func writeTargetInfo() {
        guard let labels = catalog.targetInfoLabels else { return }
        let help = "Target metadata"
        if isOpenMetrics {
            writeMetadata(name: "target", typeWord: "info", unitWord: nil, help: help)
        } else {
            writeMetadata(name: PrometheusNaming.targetInfoName, typeWord: "gauge", unitWord: nil, help: help)
        }
        writeSampleStart(Array(PrometheusNaming.targetInfoName.utf8), labels: labels)
        out.append(" 1\n")
    }

    func write(_ family: ExpositionCatalog.Family) {
        let definition = family.definition
        let base = definition.baseName
        switch definition.kind {
        case .counter:
            let sampleName = isOpenMetrics ? definition.openMetricsTotalName : definition.name
            let sampleNameBytes = Array(sampleName.utf8)
            // The catalog's sample starts have the text format's name; OpenMetrics always adds `_total`, so its name
            // differs when type suffixes are off.
            let usesCatalogStarts = sampleName == definition.name
            let createdName = Array(definition.createdName.utf8)
            writeMetadata(name: isOpenMetrics ? base : definition.name, typeWord: "counter", unitWord: definition.unitWord, help: definition.help)
            for series in family.series {
                if usesCatalogStarts {
                    out.append(series.sampleStart, of: catalog.labelBytes)
                } else {
                    writeSampleStart(sampleNameBytes, labels: series.labels)
                }
                writeValue(values.value(of: series))
                if isOpenMetrics, let exemplar = ExemplarSelection.latest(values.exemplars(of: series)) {
                    writeExemplar(exemplar)
                }
                out.append(UInt8(ascii: "\n"))
                if isOpenMetrics {
                    writeCreated(createdName, labels: series.labels, start: values.startTime(of: series))
                }
            }
        case .gauge:
            writeMetadata(name: base, typeWord: "gauge", unitWord: definition.unitWord, help: definition.help)
            for series in family.series {
                out.append(series.sampleStart, of: catalog.labelBytes)
                writeValue(values.value(of: series))
                out.append(UInt8(ascii: "\n"))
            }
        case .histogram:
            writeMetadata(name: base, typeWord: "histogram", unitWord: definition.unitWord, help: definition.help)
            let names = HistogramSampleNames(definition)
            let bucketBoundLabels = BucketBoundLabels()
            for series in family.series {
                values.withHistogramPoint(of: series) {
                    write($0, names: names, series: series, bucketBoundLabels: bucketBoundLabels)
                }
            }
        case .summary:
            writeMetadata(name: base, typeWord: "summary", unitWord: definition.unitWord, help: definition.help)
            let names = HistogramSampleNames(definition)
            for series in family.series {
                write(values.summaryPoint(of: series), names: names, labels: series.labels)
            }
        case .nativeHistogram:
            // The text formats cannot carry native histograms; the catalog keeps them apart for the protobuf format.
            return
        }
    }

    private func write(_ point: SummaryPoint, names: HistogramSampleNames, labels: Range<Int32>) {
        for quantile in point.quantiles {
            out.append(names.base)
            out.append(UInt8(ascii: "{"))
            if !labels.isEmpty {
                out.append(labels, of: catalog.labelBytes)
                out.append(UInt8(ascii: ","))
            }
            out.append("quantile=\"")
            out.append(double: quantile.quantile)
            out.append("\"} ")
            out.append(double: quantile.value)
            out.append(UInt8(ascii: "\n"))
        }
        writeSampleStart(names.sum, labels: labels)
        out.append(UInt8(ascii: " "))
        out.append(double: point.sum)
        out.append(UInt8(ascii: "\n"))
        writeSampleStart(names.count, labels: labels)
        out.append(UInt8(ascii: " "))
        out.append(unsigned: point.count)
        out.append(UInt8(ascii: "\n"))
        writeCreated(names.created, labels: labels, start: point.startTime)
    }

    private func write(
        _ point: HistogramPoint, names: HistogramSampleNames, series: ExpositionCatalog.Series, bucketBoundLabels: BucketBoundLabels
    ) {
        let labels = series.labels
        let exemplars = isOpenMetrics ? ExemplarSelection.perBucket(point) : []
        var cumulative: UInt64 = 0
        bucketBoundLabels.withLabels(for: point.boundaries) { leBytes, leRanges in
            for (index, count) in point.bucketCounts.enumerated() {
                cumulative &+= count
                writeSampleStart(names.bucket, labels: series.sampleStart, le: UnsafeBufferPointer(rebasing: leBytes[leRanges[index]]))
                out.append(UInt8(ascii: " "))
                out.append(unsigned: cumulative)
                if index < exemplars.count, let exemplar = exemplars[index] {
                    writeExemplar(exemplar)
                }
                out.append(UInt8(ascii: "\n"))
            }
        }
        if PrometheusModel.hasSum(point) {
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
    private func writeMetadata(name: String, typeWord: String, unitWord: String?, help: String) {
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

    /// Writes `name{labels}` or `name{labels,le="..."}`, leaving out empty braces; `le` is a bucket's rendered
    /// `,le="..."}` (see `BucketBoundLabels`).
    private func writeSampleStart(_ name: [UInt8], labels: Range<Int32>, le: UnsafeBufferPointer<UInt8>? = nil) {
        out.append(name)
        if let le {
            out.append(UInt8(ascii: "{"))
            out.append(labels, of: catalog.labelBytes)
            out.append(labels.isEmpty ? UnsafeBufferPointer(rebasing: le.dropFirst()) : le)
        } else if !labels.isEmpty {
            out.append(UInt8(ascii: "{"))
            out.append(labels, of: catalog.labelBytes)
            out.append(UInt8(ascii: "}"))
        }
    }

    private func writeValue(_ value: NumberValue) {
        out.append(UInt8(ascii: " "))
        switch value {
        case .int(let integer): out.append(integer: integer)
        case .double(let double): out.append(double: double)
        }
    }

    /// OpenMetrics `_created`: when the series started accumulating.
    private func writeCreated(_ name: [UInt8], labels: Range<Int32>, start: Timestamp) {
        guard isOpenMetrics, start.nanosecondsSinceEpoch > 0 else { return }
        writeSampleStart(name, labels: labels)
        out.append(UInt8(ascii: " "))
        out.append(seconds: start.nanosecondsSinceEpoch)
        out.append(UInt8(ascii: "\n"))
    }

    /// ` # {trace_id="...",span_id="...",...} value timestamp`.
    private func writeExemplar(_ exemplar: Exemplar) {
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

/// The sample names of a histogram or summary family, built once per family rather than once per series.
private struct HistogramSampleNames {
    let base: [UInt8]
    let bucket: [UInt8]
    let sum: [UInt8]
    let count: [UInt8]
    let created: [UInt8]

    init(_ family: PrometheusFamily) {
        base = Array(family.baseName.utf8)
        bucket = Array(family.bucketName.utf8)
        sum = Array(family.sumName.utf8)
        count = Array(family.countName.utf8)
        created = Array(family.createdName.utf8)
    }
}
