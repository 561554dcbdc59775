import VernierConcurrency

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
///
/// Filled by the one thread running the callbacks, then handed to the collecting thread through a lock.
final class Observations: @unchecked Sendable {
    var values: [(attributes: Attributes, bits: UInt64)] = []
    /// The non-finite values reported, as text for the drop report.
    var rejected: [String] = []
}

/// Runs an observable instrument's callbacks; the one generic piece of collecting observable instruments.
protocol ObservationSource: AnyObject, Sendable {
    /// Counts and logs for the instrument, such as a callback that ran past the collection's timeout.
    var reporter: InstrumentReporter { get }
    /// Runs every callback and returns what they reported.
    func observe() -> Observations
}

/// The callbacks registered on one observable instrument, run at every collection.
final class ObservableCallbacks<Value: MeasurementValue>: ObservationSource, Sendable {
    typealias Callback = @Sendable (Observer<Value>) -> Void

    /// The registered callbacks in registration order, with the ids that unregister them. An array, so that a
    /// collection takes its copy by reference and calls the callbacks in a stable order.
    private let registered = MutexBox<(callbacks: [(id: UInt64, callback: Callback)], lastID: UInt64)>(([], 0))
    let reporter: InstrumentReporter

    init(reporter: InstrumentReporter) {
        self.reporter = reporter
    }

    func add(_ callback: @escaping Callback) -> UInt64 {
        registered.withLock { registered in
            registered.lastID += 1
            registered.callbacks.append((registered.lastID, callback))
            return registered.lastID
        }
    }

    func remove(_ id: UInt64) {
        registered.withLock { $0.callbacks.removeAll { $0.id == id } }
    }

    func observe() -> Observations {
        let current = registered.withLock { $0.callbacks }
        let observations = Observations()
        let observer = Observer<Value>(into: observations)
        for (_, callback) in current { callback(observer) }
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
