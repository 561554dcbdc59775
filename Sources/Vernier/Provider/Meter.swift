import VernierConcurrency

/// Creates instruments for one instrumentation scope, such as a library or a component of a service.
///
/// Creating an instrument validates its name and unit and throws `VernierError` when they are invalid or
/// conflict with an instrument of the same name; asking again for the same name, kind, value type and unit
/// returns the same instrument. Instrument handles are cheap values: create them once and keep them.
public final class Meter: Sendable {
    private struct RegisteredInstrument {
        let descriptor: InstrumentDescriptor
        let instrument: any Sendable
    }

    private struct Registry {
        var instruments: [String: RegisteredInstrument] = [:]
        var streams: [any MetricStream] = []
    }

    /// The scope this meter's metrics are grouped under.
    public let scope: InstrumentationScope
    private let provider: ProviderCore
    private let registry = MutexBox(Registry())

    init(scope: InstrumentationScope, provider: ProviderCore) {
        self.scope = scope
        self.provider = provider
    }

    // MARK: Synchronous instruments

    /// Creates an integer counter.
    public func counter(_ name: String, unit: String = "", description: String = "") throws -> Counter<Int> {
        try counter(name, unit: unit, description: description, valueType: Int.self)
    }

    /// Creates a counter of `valueType`, `Int` or `Double`.
    public func counter<Value: MeasurementValue>(
        _ name: String, unit: String = "", description: String = "", valueType: Value.Type
    ) throws -> Counter<Value> {
        let descriptor = InstrumentDescriptor(name: name, kind: .counter, unit: unit, description: description, valueType: "\(Value.self)")
        return try register(descriptor) { configurations, reporter in
            let sum = makeSum(Value.self, descriptor: descriptor, configurations: configurations, reporter: reporter)
            return (Counter(sum: sum, descriptor: descriptor), sum.streams)
        }
    }

    /// Creates an integer up-down counter.
    public func upDownCounter(_ name: String, unit: String = "", description: String = "") throws -> UpDownCounter<Int> {
        try upDownCounter(name, unit: unit, description: description, valueType: Int.self)
    }

    /// Creates an up-down counter of `valueType`, `Int` or `Double`.
    public func upDownCounter<Value: MeasurementValue>(
        _ name: String, unit: String = "", description: String = "", valueType: Value.Type
    ) throws -> UpDownCounter<Value> {
        let descriptor = InstrumentDescriptor(name: name, kind: .upDownCounter, unit: unit, description: description, valueType: "\(Value.self)")
        return try register(descriptor) { configurations, reporter in
            let sum = makeSum(Value.self, descriptor: descriptor, configurations: configurations, reporter: reporter)
            return (UpDownCounter(sum: sum, descriptor: descriptor), sum.streams)
        }
    }

    /// Creates a double histogram; `boundaries` advises explicit bucket bounds, the OpenTelemetry defaults otherwise.
    public func histogram(_ name: String, unit: String = "", description: String = "", boundaries: [Double]? = nil) throws -> Histogram<Double> {
        try histogram(name, unit: unit, description: description, boundaries: boundaries, valueType: Double.self)
    }

    /// Creates a histogram of `valueType`, `Int` or `Double`.
    public func histogram<Value: MeasurementValue>(
        _ name: String, unit: String = "", description: String = "", boundaries: [Double]? = nil, valueType: Value.Type
    ) throws -> Histogram<Value> {
        let descriptor = InstrumentDescriptor(name: name, kind: .histogram, unit: unit, description: description, valueType: "\(Value.self)")
        if let boundaries { try BucketBoundaries.validate(boundaries, instrument: name) }
        return try register(descriptor, advisedBoundaries: boundaries) { configurations, reporter in
            let streams: [any HistogramStream] = configurations.map { configuration in
                switch configuration.aggregation {
                case .exponentialHistogram(let maxSize, let maxScale):
                    return ExponentialHistogramStream(configuration: configuration, maxSize: maxSize, maxScale: maxScale)
                case .explicitHistogram(let bounds):
                    return ExplicitHistogramStream(configuration: configuration, boundaries: bounds)
                case .sum, .lastValue:
                    preconditionFailure("histogram streams resolve to a histogram aggregation")
                }
            }
            let instrument = HistogramInstrument(streams: streams, reporter: reporter, exemplars: provider.exemplars)
            return (Histogram(instrument: instrument, descriptor: descriptor), streams)
        }
    }

    /// Creates a double gauge.
    public func gauge(_ name: String, unit: String = "", description: String = "") throws -> Gauge<Double> {
        try gauge(name, unit: unit, description: description, valueType: Double.self)
    }

    /// Creates a gauge of `valueType`, `Int` or `Double`.
    public func gauge<Value: MeasurementValue>(
        _ name: String, unit: String = "", description: String = "", valueType: Value.Type
    ) throws -> Gauge<Value> {
        let descriptor = InstrumentDescriptor(name: name, kind: .gauge, unit: unit, description: description, valueType: "\(Value.self)")
        return try register(descriptor) { configurations, reporter in
            let streams = configurations.map { GaugeStream(configuration: $0, kind: .of(Value.self)) }
            let instrument = GaugeInstrument(streams: streams, reporter: reporter, exemplars: provider.exemplars)
            return (Gauge(instrument: instrument, descriptor: descriptor), streams)
        }
    }

    // MARK: Observable instruments

    /// Registers a callback reporting monotonic totals at each collection, such as CPU seconds used.
    @discardableResult
    public func observableCounter<Value: MeasurementValue>(
        _ name: String, unit: String = "", description: String = "", valueType: Value.Type = Value.self,
        callback: @escaping @Sendable (Observer<Value>) -> Void
    ) throws -> ObservableRegistration {
        try observable(.observableCounter, name, unit: unit, description: description, callback: callback)
    }

    /// Registers a callback reporting totals that can go down at each collection, such as open connections.
    @discardableResult
    public func observableUpDownCounter<Value: MeasurementValue>(
        _ name: String, unit: String = "", description: String = "", valueType: Value.Type = Value.self,
        callback: @escaping @Sendable (Observer<Value>) -> Void
    ) throws -> ObservableRegistration {
        try observable(.observableUpDownCounter, name, unit: unit, description: description, callback: callback)
    }

    /// Registers a callback reporting current values at each collection, such as memory in use.
    @discardableResult
    public func observableGauge<Value: MeasurementValue>(
        _ name: String, unit: String = "", description: String = "", valueType: Value.Type = Value.self,
        callback: @escaping @Sendable (Observer<Value>) -> Void
    ) throws -> ObservableRegistration {
        try observable(.observableGauge, name, unit: unit, description: description, callback: callback)
    }

    private func observable<Value: MeasurementValue>(
        _ kind: InstrumentKind, _ name: String, unit: String, description: String,
        callback: @escaping @Sendable (Observer<Value>) -> Void
    ) throws -> ObservableRegistration {
        let descriptor = InstrumentDescriptor(name: name, kind: kind, unit: unit, description: description, valueType: "\(Value.self)")
        let callbacks: ObservableCallbacks<Value> = try register(descriptor) { configurations, reporter in
            let callbacks = ObservableCallbacks<Value>(reporter: reporter)
            return (callbacks, configurations.map { ObservableStream(configuration: $0, source: callbacks, kind: .of(Value.self)) })
        }
        let id = callbacks.add(callback)
        return ObservableRegistration { callbacks.remove(id) }
    }

    // MARK: Registration and collection

    private func makeSum<Value: MeasurementValue>(
        _: Value.Type, descriptor: InstrumentDescriptor, configurations: [StreamConfiguration], reporter: InstrumentReporter
    ) -> SumInstrument {
        SumInstrument(
            streams: configurations.map { SumStream(configuration: $0, kind: .of(Value.self)) },
            isMonotonic: descriptor.kind.isMonotonic, reporter: reporter, exemplars: provider.exemplars)
    }

    private func register<Instrument: Sendable>(
        _ descriptor: InstrumentDescriptor, advisedBoundaries: [Double]? = nil,
        make: ([StreamConfiguration], InstrumentReporter) -> (Instrument, [any MetricStream])
    ) throws -> Instrument {
        try descriptor.validate()
        return try registry.withLock { registry in
            let key = descriptor.name.lowercased()
            if let existing = registry.instruments[key] {
                guard existing.descriptor.kind == descriptor.kind, existing.descriptor.unit == descriptor.unit,
                      existing.descriptor.valueType == descriptor.valueType,
                      let instrument = existing.instrument as? Instrument
                else {
                    throw VernierError.conflictingInstrument(
                        name: descriptor.name, existing: existing.descriptor.summary, requested: descriptor.summary)
                }
                if existing.descriptor.description != descriptor.description {
                    Diagnostics.warn("instrument '\(descriptor.name)' registered again with another description; keeping the first")
                }
                return instrument
            }
            let reporter = InstrumentReporter(instrumentName: descriptor.name, selfMetrics: provider.selfMetrics)
            let configurations = provider.streamConfigurations(
                for: descriptor, scope: scope, advisedBoundaries: advisedBoundaries, reporter: reporter)
            let (instrument, streams) = make(configurations, reporter)
            registry.instruments[key] = RegisteredInstrument(descriptor: descriptor, instrument: instrument)
            registry.streams.append(contentsOf: streams)
            return instrument
        }
    }

    /// The sources of this meter's observable instruments that have streams, each once.
    func observationSources() -> [any ObservationSource] {
        var seen = Set<ObjectIdentifier>()
        return registry.withLock { $0.streams }.compactMap(\.observationSource).filter { seen.insert(ObjectIdentifier($0)).inserted }
    }

    /// The metrics of this meter for one reader, sorted by name; nil when there are none.
    func collect(_ context: CollectionContext) -> ScopeMetrics? {
        let streams = registry.withLock { $0.streams }
        let metrics = streams.compactMap { $0.collectMetric(context) }.sorted { $0.name < $1.name }
        return metrics.isEmpty ? nil : ScopeMetrics(scope: scope, metrics: metrics)
    }
}
