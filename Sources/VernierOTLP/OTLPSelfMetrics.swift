import Vernier

/// The exporter's own instruments (`vernier.exporter.*`, attribute `exporter` = `otlp`), so that dashboards
/// can show what was sent, lost and retried.
struct OTLPSelfMetrics: Sendable {
    /// Why points were given up for good, the `reason` attribute of `vernier.exporter.points.dropped`.
    enum DropReason: String, CaseIterable {
        /// The collector answered with a status that must not be retried, such as 400.
        case rejected
        /// The collector accepted the request but rejected some points in its `partial_success`.
        case partialSuccess = "partial_success"
        /// The snapshot could not be encoded.
        case encoding
        /// The exporter was shut down.
        case shutdown
    }

    private static let exporterAttributes: Attributes = ["exporter": "otlp"]

    private let exported: BoundCounter<Int>
    private let failed: BoundCounter<Int>
    private let dropped: [DropReason: BoundCounter<Int>]
    private let retries: BoundCounter<Int>
    private let duration: BoundHistogram<Double>

    /// Creates the instruments on `meter`, each series at zero (a dropped series per reason), so that dashboards
    /// show 0 rather than no data until something goes wrong.
    init(meter: Meter) throws {
        exported = try meter.counter("vernier.exporter.points.exported", unit: "{point}",
                                     description: "Data points the collector accepted.").bind(Self.exporterAttributes)
        failed = try meter.counter("vernier.exporter.points.failed", unit: "{point}",
                                   description: "Data points of exports that failed after every retry; cumulative values are sent again next time.").bind(Self.exporterAttributes)
        let droppedCounter = try meter.counter("vernier.exporter.points.dropped", unit: "{point}",
                                               description: "Data points given up for good, by reason.")
        dropped = Dictionary(uniqueKeysWithValues: DropReason.allCases.map { reason in
            (reason, droppedCounter.bind(Self.exporterAttributes.merging(["reason": .string(reason.rawValue)])))
        })
        retries = try meter.counter("vernier.exporter.retries", unit: "{request}",
                                    description: "Requests sent again after a retryable failure.").bind(Self.exporterAttributes)
        duration = try meter.histogram("vernier.exporter.export.duration", unit: "s",
                                       description: "Time taken by each export, retries included.",
                                       boundaries: HistogramBoundaries.durationSeconds).bind(Self.exporterAttributes)
    }

    /// Records one export's attempts and time, whatever its outcome.
    func recordExport(attempts: Int, seconds: Double) {
        retries.add(max(0, attempts - 1))
        duration.record(seconds)
    }

    func recordExported(points: Int) {
        exported.add(points)
    }

    func recordFailed(points: Int) {
        failed.add(points)
    }

    func recordDropped(points: Int, reason: DropReason) {
        dropped[reason]?.add(points)
    }
}
