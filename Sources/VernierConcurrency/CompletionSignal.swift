/// A one-time event that any number of tasks can wait for; waiting after it fired returns at once.
public final class CompletionSignal: Sendable {
    private struct State {
        var hasFired = false
        var waiters: [CheckedContinuation<Void, Never>] = []
    }

    private let state = MutexBox(State())

    /// Creates an event that has not fired.
    public init() {}

    /// Fires the event, resuming every waiter; later calls do nothing.
    public func fire() {
        let waiters = state.withLock { state -> [CheckedContinuation<Void, Never>] in
            guard !state.hasFired else { return [] }
            state.hasFired = true
            defer { state.waiters = [] }
            return state.waiters
        }
        for waiter in waiters { waiter.resume() }
    }

    /// Returns once the event has fired.
    public func wait() async {
        await withCheckedContinuation { continuation in
            let hasFired = state.withLock { state -> Bool in
                if !state.hasFired { state.waiters.append(continuation) }
                return state.hasFired
            }
            if hasFired { continuation.resume() }
        }
    }
}
