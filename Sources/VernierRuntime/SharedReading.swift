import VernierConcurrency

/// One reading of a source, such as `/proc/self/stat` or `getrusage`, shared by the observable instruments that
/// report from it, so that a collection reads each source once however many instruments it feeds.
///
/// A collection runs each instrument's callback once. So an instrument asking again for a reading it has already
/// used shows that a new collection began, and it takes a fresh reading, which the other instruments then use
/// once each. A reading older than `maximumAge` is never handed out, so an instrument that skipped collections
/// cannot report an old value.
final class SharedReading<Value: Sendable>: Sendable {
    /// Which instrument asks: each of a reading's users has its own.
    struct User: Sendable {
        fileprivate let index: Int
    }

    private struct State {
        var latest: Result<Value, any Error>?
        var takenAt = ContinuousClock.now
        /// Counts the readings taken; `latest` is reading number `generation`.
        var generation: UInt64 = 0
        /// For each user, the generation of the last reading it had.
        var usedGenerations: [UInt64] = []
    }

    private let read: @Sendable () throws -> Value
    private let maximumAge: Duration
    private let state = MutexBox(State())

    /// A shared reading of what `read` returns or throws.
    init(maximumAge: Duration = .milliseconds(100), read: @escaping @Sendable () throws -> Value) {
        self.read = read
        self.maximumAge = maximumAge
    }

    /// A new user, for one instrument's callback.
    func addUser() -> User {
        state.withLock { state in
            state.usedGenerations.append(0)
            return User(index: state.usedGenerations.count - 1)
        }
    }

    /// The reading of the current collection for `user`, read now if `user` already had the latest one.
    func value(for user: User) throws -> Value {
        try state.withLock { state in
            let now = ContinuousClock.now
            let reading: Result<Value, any Error>
            if let latest = state.latest, state.usedGenerations[user.index] != state.generation,
               now - state.takenAt <= maximumAge {
                reading = latest
            } else {
                reading = Result { try read() }
                state.latest = reading
                state.takenAt = now
                state.generation += 1
            }
            state.usedGenerations[user.index] = state.generation
            return try reading.get()
        }
    }
}
