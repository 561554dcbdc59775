/// Receives the values an observable instrument's callback reports at collection time.
public final class Observer<Value: MeasurementValue> {
    fileprivate(set) var observations: [(attributes: Attributes, value: Value)] = []

    init() {}

    /// Reports the current value of one series.
    public func observe(_ value: Value, attributes: Attributes = .empty) {
        observations.append((attributes, value))
    }
}

/// The callbacks registered on one observable instrument, run at every collection.
final class ObservableCallbacks<Value: MeasurementValue>: Sendable {
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

    /// Runs every callback and returns what they observed.
    func observe() -> [(attributes: Attributes, value: Value)] {
        let current = callbacks.withLock { Array($0.values) }
        let observer = Observer<Value>()
        for callback in current { callback(observer) }
        return observer.observations
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
