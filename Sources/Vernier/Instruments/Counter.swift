/// A monotonic sum: requests served, bytes sent, errors seen. Negative or non-finite increments are dropped and counted.
public struct Counter<Value: MeasurementValue>: Sendable {
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

    /// Adds a non-negative amount to the series named by `attributes`, looking the series up on each call.
    @inlinable @inline(__always)
    public func add(_ value: Value, attributes: Attributes = .empty) {
        sum.add(value, attributes: attributes)
    }

    /// Resolves the series for `attributes` once; the returned handle adds without lookup, lock or allocation.
    public func bind(_ attributes: Attributes = .empty) -> BoundCounter<Value> {
        BoundCounter(series: BoundSum(instrument: sum, attributes: attributes))
    }

    /// Stops reporting the series `attributes` name, as a swift-metrics `destroy` or client_golang's `Delete` does;
    /// its next measurement starts it again from zero. Handles bound to it keep working but are no longer reported.
    public func removeSeries(_ attributes: Attributes) {
        sum.removeSeries(attributes)
    }
}

/// One series of a counter, resolved by `Counter.bind(_:)`.
public struct BoundCounter<Value: MeasurementValue>: Sendable {
    @usableFromInline let series: BoundSum

    init(series: BoundSum) {
        self.series = series
    }

    /// Adds a non-negative amount.
    @inlinable @inline(__always)
    public func add(_ value: Value) {
        series.add(value)
    }

    /// Sets the series back to zero, starting its cumulative points anew: what a bridge needs for swift-metrics'
    /// `Counter.reset()`. OpenTelemetry counters have no reset, so this is not part of the public API.
    @_spi(Bridging)
    public func reset() {
        series.store(Value.zero)
    }
}
