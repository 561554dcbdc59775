/// The kinds of instrument the OpenTelemetry metrics API defines.
public enum InstrumentKind: String, Sendable, Hashable, CaseIterable {
    case counter
    case upDownCounter
    case histogram
    case gauge
    case observableCounter
    case observableUpDownCounter
    case observableGauge

    /// Whether values of this kind only ever go up.
    public var isMonotonic: Bool {
        self == .counter || self == .observableCounter || self == .histogram
    }

    /// Whether the kind reports through a callback at collection time.
    public var isObservable: Bool {
        self == .observableCounter || self == .observableUpDownCounter || self == .observableGauge
    }
}
