import VernierConcurrency

/// What each delta reader saw of each series at its previous collection, so the next one can report the change.
final class DeltaTracker<Reading: Sendable>: Sendable {
    private struct Previous {
        var readings: [Attributes: Reading] = [:]
        var time: Timestamp?
    }

    private let state = MutexBox<[Int: Previous]>([:])

    /// Stores this collection's readings and returns the previous ones and their time.
    func exchange(reader: Int, readings: [Attributes: Reading], time: Timestamp) -> (readings: [Attributes: Reading], time: Timestamp?) {
        state.withLock { state in
            let previous = state[reader] ?? Previous()
            state[reader] = Previous(readings: readings, time: time)
            return (previous.readings, previous.time)
        }
    }
}
