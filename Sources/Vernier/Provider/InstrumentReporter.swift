/// Counts and logs what an instrument had to drop or redirect, through the provider's self-metrics.
@usableFromInline
final class InstrumentReporter: Sendable {
    /// Why a measurement was dropped, as the `error.type` attribute of `vernier.sdk.measurement.dropped`.
    @usableFromInline
    enum DropReason: String, Sendable {
        case nonFinite = "non_finite"
        case negativeIncrement = "negative_increment"
    }

    let instrumentName: String
    private let selfMetrics: SelfMetricsSlot

    init(instrumentName: String, selfMetrics: SelfMetricsSlot) {
        self.instrumentName = instrumentName
        self.selfMetrics = selfMetrics
    }

    /// Counts a dropped measurement and logs it, at most once a minute per instrument and reason.
    @usableFromInline
    func recordDrop(_ reason: DropReason, value: @autoclosure () -> String) {
        selfMetrics.value?.droppedMeasurements.add(1, attributes: ["error.type": .string(reason.rawValue), "instrument": .string(instrumentName)])
        Diagnostics.report(
            .warning, "dropped a measurement of '\(instrumentName)': \(value()) is \(reason == .nonFinite ? "not finite" : "a negative counter increment")",
            key: "drop/\(instrumentName)/\(reason.rawValue)")
    }

    /// Counts and logs a dropped measurement value; out of line, so that the recording paths that inline into
    /// callers stay small.
    @inlinable @inline(never)
    func recordDrop<Value: MeasurementValue>(_ reason: DropReason, of value: Value) {
        recordDrop(reason, value: "\(value)")
    }

    /// Counts a collection that went without the instrument's callbacks, because they ran past `timeout` or were
    /// still running from an earlier collection, and logs it once a minute per instrument.
    func recordCallbackTimeout(_ timeout: Duration, stillRunning: Bool) {
        selfMetrics.value?.callbackTimeouts.add(1, attributes: ["instrument": .string(instrumentName)])
        let what = stillRunning ? "were still running from an earlier collection" : "ran past the \(timeout) callback timeout"
        Diagnostics.report(
            .warning, "the callbacks of '\(instrumentName)' \(what); this collection goes without its values",
            key: "callback-timeout/\(instrumentName)")
    }

    /// Counts a lookup that landed in the overflow series and logs it once a minute per instrument.
    func recordOverflow() {
        selfMetrics.value?.cardinalityOverflows.add(1, attributes: ["instrument": .string(instrumentName)])
        Diagnostics.report(
            .warning, "instrument '\(instrumentName)' reached its cardinality limit; new attribute sets go to the otel.metric.overflow series",
            key: "overflow/\(instrumentName)")
    }
}

/// The provider's self-metrics, filled in once the provider has created them.
final class SelfMetricsSlot: Sendable {
    private let reference = OnceReference<SelfMetrics>()

    var value: SelfMetrics? { reference.loadIfSet() }

    func set(_ metrics: SelfMetrics) {
        reference.set(metrics)
    }
}

/// The core's own metrics about measurements it could not keep as given.
final class SelfMetrics: Sendable {
    /// `vernier.sdk.measurement.dropped`: measurements refused, by `error.type` and instrument.
    let droppedMeasurements: Counter<Int>
    /// `vernier.sdk.cardinality.overflows`: lookups sent to an overflow series, by instrument.
    let cardinalityOverflows: Counter<Int>
    /// `vernier.sdk.callback.timeouts`: collections without an observable instrument's values, by instrument.
    let callbackTimeouts: Counter<Int>

    init(meter: Meter) throws {
        droppedMeasurements = try meter.counter(
            "vernier.sdk.measurement.dropped", unit: "{measurement}",
            description: "Measurements dropped because they were not finite or were negative counter increments.")
        cardinalityOverflows = try meter.counter(
            "vernier.sdk.cardinality.overflows", unit: "{lookup}",
            description: "Series lookups sent to an overflow series because the cardinality limit was reached.")
        callbackTimeouts = try meter.counter(
            "vernier.sdk.callback.timeouts", unit: "{collection}",
            description: "Collections that went without an observable instrument's values because its callbacks ran past the callback timeout.")
    }
}
