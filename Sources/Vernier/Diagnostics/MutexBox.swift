import Synchronization

/// A `Mutex` in a class, so that several owners can share it and it can live in generic contexts.
final class MutexBox<State: Sendable>: Sendable {
    private let mutex: Mutex<State>

    init(_ state: State) {
        mutex = Mutex(state)
    }

    func withLock<Result>(_ body: (inout State) throws -> Result) rethrows -> Result {
        try mutex.withLock { try body(&$0) }
    }
}
