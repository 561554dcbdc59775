import Synchronization
import Vernier

/// Runs at most one collection at a time: scrapes that arrive while one runs wait for its snapshot instead
/// of starting their own, and each waiter can give up after its own timeout without stopping the others.
final class SharedCollection: Sendable {
    private struct State {
        var waiters: [UInt64: CheckedContinuation<MetricsSnapshot?, Never>] = [:]
        var isRunning = false
        var nextWaiterID: UInt64 = 0
    }

    private let collect: @Sendable () -> MetricsSnapshot
    private let state = Mutex(State())

    init(collect: @escaping @Sendable () -> MetricsSnapshot) {
        self.collect = collect
    }

    /// The snapshot of the collection in progress, or of a new one; nil when `timeout` passes first.
    func snapshot(timeout: Duration?) async -> MetricsSnapshot? {
        let waiterID = state.withLock { state in
            state.nextWaiterID += 1
            return state.nextWaiterID
        }
        let timer = timeout.map { timeout in
            Task { [weak self] in
                try await Task.sleep(for: timeout)
                self?.expire(waiterID)
            }
        }
        defer { timer?.cancel() }
        return await withCheckedContinuation { continuation in
            let startsCollection = state.withLock { state in
                state.waiters[waiterID] = continuation
                guard !state.isRunning else { return false }
                state.isRunning = true
                return true
            }
            if startsCollection {
                Task.detached { self.runCollection() }
            }
        }
    }

    private func runCollection() {
        let snapshot = collect()
        let waiters = state.withLock { state in
            let waiters = state.waiters
            state.waiters = [:]
            state.isRunning = false
            return waiters
        }
        for continuation in waiters.values {
            continuation.resume(returning: snapshot)
        }
    }

    private func expire(_ waiterID: UInt64) {
        let continuation = state.withLock { $0.waiters.removeValue(forKey: waiterID) }
        continuation?.resume(returning: nil)
    }
}
