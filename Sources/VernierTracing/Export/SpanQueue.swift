import VernierConcurrency

/// The bounded queue of a `BatchSpanProcessor`: spans waiting for export, closed for good at shutdown.
final class SpanQueue: Sendable {
    /// What became of a span offered to the queue.
    enum Offer {
        /// Queued; the queue now holds `length` spans.
        case queued(length: Int)
        /// Not queued: the queue is at capacity.
        case full
        /// Not queued: the queue is closed.
        case closed
    }

    private struct State {
        var spans: [FinishedSpan] = []
        var isClosed = false
    }

    /// The most spans the queue holds.
    let capacity: Int
    private let state = MutexBox(State())

    init(capacity: Int) {
        self.capacity = capacity
    }

    func offer(_ span: FinishedSpan) -> Offer {
        state.withLock { state in
            if state.isClosed { return .closed }
            guard state.spans.count < capacity else { return .full }
            state.spans.append(span)
            return .queued(length: state.spans.count)
        }
    }

    /// Removes and returns the oldest spans, at most `limit`, and how many are left.
    func take(upTo limit: Int) -> (spans: [FinishedSpan], remaining: Int) {
        state.withLock { state in
            let taken = Array(state.spans.prefix(limit))
            state.spans.removeFirst(taken.count)
            return (taken, state.spans.count)
        }
    }

    var count: Int { state.withLock { $0.spans.count } }

    var isClosed: Bool { state.withLock { $0.isClosed } }

    /// Closes the queue; true for the call that closed it, false when it already was.
    func close() -> Bool {
        state.withLock { state in
            defer { state.isClosed = true }
            return !state.isClosed
        }
    }
}
