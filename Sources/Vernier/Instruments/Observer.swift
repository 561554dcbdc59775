/// Receives the values an observable instrument's callback reports at collection time.
public final class Observer<Value: MeasurementValue> {
    let observations: Observations

    init(into observations: Observations) {
        self.observations = observations
    }

    /// Reports the current value of one series.
    public func observe(_ value: Value, attributes: Attributes = .empty) {
        guard value.isFiniteMeasurement else {
            observations.rejected.append("\(value)")
            return
        }
        observations.values.append((attributes, value.accumulatorBits))
    }
}

/// What the callbacks of one observable instrument reported at one collection, as raw 64-bit numbers of the
/// instrument's `NumberKind`, so that aggregating them needs no generic code.
final class Observations {
    var values: [(attributes: Attributes, bits: UInt64)] = []
    /// The non-finite values reported, as text for the drop report.
    var rejected: [String] = []
}

/// Runs an observable instrument's callbacks; the one generic piece of collecting observable instruments.
protocol ObservationSource: Sendable {
    /// Runs every callback and returns what they reported.
    func observe() -> Observations
}

/// The callbacks registered on one observable instrument, run at every collection.
final class ObservableCallbacks<Value: MeasurementValue>: ObservationSource, Sendable {
    typealias Callback = @Sendable (Observer<Value>) -> Void

    private let callbacks = MutexBox<[UInt64: Callback]>([:])
    private let nextID = MutexBox<UInt64>(0)

    func add(_ callback: @escaping Callback) -> UInt64 {
        let id = nextID.withLock { id -> UInt64 in
            id += 1
            return id
        }
        callbacks.withLock { $0[id] = callback }
        return id
    }

    func remove(_ id: UInt64) {
        callbacks.withLock { $0[id] = nil }
    }

    func observe() -> Observations {
        let current = callbacks.withLock { Array($0.values) }
        let observations = Observations()
        let observer = Observer<Value>(into: observations)
        for callback in current { callback(observer) }
        return observations
    }
}

/// A handle on a callback registered with an observable instrument.
public struct ObservableRegistration: Sendable {
    private let removal: @Sendable () -> Void

    init(removal: @escaping @Sendable () -> Void) {
        self.removal = removal
    }

    /// Stops calling the callback; its series disappear from later collections.
    public func unregister() {
        removal()
    }
}
