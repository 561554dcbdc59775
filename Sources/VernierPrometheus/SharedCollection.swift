import Dispatch
import Vernier
import VernierConcurrency

/// Runs at most one collection at a time: scrapes that arrive while one runs wait for its snapshot instead
/// of starting their own, and each waiter can give up after its own timeout without stopping the others.
///
/// Collections and timeouts run on Dispatch rather than the Swift concurrency pool: a collection calls
/// observable callbacks that may block, and must not starve the tasks that serve other requests. Both use queues
/// of their own, which get a thread even when every thread of the global queues is blocked, so a timeout fires
/// on time however busy the process is.
final class SharedCollection: Sendable {
    private struct State {
        var waiters: [UInt64: CheckedContinuation<MetricsSnapshot?, Never>] = [:]
        var isRunning = false
        var nextWaiterID: UInt64 = 0
    }

    /// Where every handler's scrape deadlines fire.
    private static let deadlines = DispatchQueue(label: "vernier.scrape.deadlines")

    private let collect: @Sendable () -> MetricsSnapshot
    private let state = MutexBox(State())
    private let collections = DispatchQueue(label: "vernier.scrape.collection")

    init(collect: @escaping @Sendable () -> MetricsSnapshot) {
        self.collect = collect
    }

    /// The snapshot of the collection in progress, or of a new one; nil when `timeout` passes first.
    func snapshot(timeout: Duration?) async -> MetricsSnapshot? {
        let waiterID = state.withLock { state in
            state.nextWaiterID += 1
            return state.nextWaiterID
        }
        if let timeout {
            let (seconds, attoseconds) = timeout.components
            let deadline = DispatchTime.now() + .nanoseconds(Int(seconds) * 1_000_000_000 + Int(attoseconds / 1_000_000_000))
            Self.deadlines.asyncAfter(deadline: deadline) { [weak self] in
                self?.expire(waiterID)
            }
        }
        return await withCheckedContinuation { continuation in
            let startsCollection = state.withLock { state in
                state.waiters[waiterID] = continuation
                guard !state.isRunning else { return false }
                state.isRunning = true
                return true
            }
            if startsCollection {
                collections.async { self.runCollection() }
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
