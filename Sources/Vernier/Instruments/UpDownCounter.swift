/// A sum that goes up and down: requests in flight, items in a queue. Non-finite values are dropped and counted.
public struct UpDownCounter<Value: MeasurementValue>: Sendable {
    @usableFromInline let sum: SumInstrument
    /// The instrument's identity.
    public let descriptor: InstrumentDescriptor

    /// Whether measurements are recorded: false for a provider without readers or an instrument every view
    /// drops. Check it to skip building attributes for measurements no one would see (OpenTelemetry's `Enabled`).
    public var isEnabled: Bool { sum.hasStreams }

    init(sum: SumInstrument, descriptor: InstrumentDescriptor) {
        self.sum = sum
        self.descriptor = descriptor
    }

    /// Adds a positive or negative amount to the series named by `attributes`.
    @inlinable @inline(__always)
    public func add(_ value: Value, attributes: Attributes = .empty) {
        sum.add(value, attributes: attributes)
    }

    /// Resolves the series for `attributes` once, for lookup-free adds.
    public func bind(_ attributes: Attributes = .empty) -> BoundUpDownCounter<Value> {
        BoundUpDownCounter(series: BoundSum(instrument: sum, attributes: attributes))
    }

    /// Stops reporting the series `attributes` name, as a swift-metrics `destroy` or client_golang's `Delete` does;
    /// its next measurement starts it again from zero. Handles bound to it keep working but are no longer reported.
    public func removeSeries(_ attributes: Attributes) {
        sum.removeSeries(attributes)
    }
}

/// One series of an up-down counter, resolved by `UpDownCounter.bind(_:)`.
public struct BoundUpDownCounter<Value: MeasurementValue>: Sendable {
    @usableFromInline let series: BoundSum

    init(series: BoundSum) {
        self.series = series
    }

    /// Adds a positive or negative amount.
    @inlinable @inline(__always)
    public func add(_ value: Value) {
        series.add(value)
    }

    /// Replaces the series' total with `value`: what a bridge needs for swift-metrics' `Meter.set(_:)`, which
    /// is exported as a non-monotonic sum. OpenTelemetry up-down counters only add, so this is not public API.
    @_spi(Bridging)
    public func set(_ value: Value) {
        series.store(value)
    }
}
