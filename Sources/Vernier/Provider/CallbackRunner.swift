import Dispatch
#if canImport(Glibc)
import Glibc
#endif
import VernierConcurrency

/// Runs the observable instruments' callbacks of one collection on a worker thread, so that a callback that blocks
/// or takes too long holds the collection up for at most `timeout`, never forever.
///
/// The callbacks run one instrument after another, as they would inline; the collecting thread waits for each
/// instrument at most `timeout`, woken once when all are done. The hand-over costs two thread wake-ups per
/// collection (tens of microseconds on a virtual machine). When one instrument runs past the timeout, the
/// collection goes on without it: the timeout is counted and logged, its thread is left to finish the callback
/// and then end, and the instruments after it run on a new thread. Until the late callback returns, later
/// collections skip its instrument (counted again), so one instrument's callbacks never run twice at once and a
/// stuck callback never takes more than one thread. Other instruments' callbacks may then run while it is still
/// going.
final class CallbackRunner: Sendable {
    /// How long one instrument's callbacks may take in a collection.
    let timeout: Duration
    /// The thread callbacks run on, replaced when one of its callbacks runs late; started with the first collection.
    private let worker = MutexBox<CallbackThread?>(nil)
    /// The sources whose callbacks are running, by identity.
    private let running = MutexBox<Set<ObjectIdentifier>>([])

    init(timeout: Duration) {
        self.timeout = timeout
    }

    deinit {
        worker.withLock { $0?.retire() }
    }

    /// What each source's callbacks reported, by source identity; a source that ran past the timeout, or was
    /// still running from an earlier collection, has no entry.
    func observe(_ sources: [any ObservationSource]) -> [ObjectIdentifier: Observations] {
        var pending = sources.filter { source in
            guard running.withLock({ $0.contains(ObjectIdentifier(source)) }) else { return true }
            source.reporter.recordCallbackTimeout(timeout, stillRunning: true)
            return false
        }
        var results: [ObjectIdentifier: Observations] = [:]
        while !pending.isEmpty {
            let batch = Batch(sources: pending)
            let thread = worker.withLock { worker in
                if worker == nil { worker = CallbackThread() }
                return worker
            }
            if let thread {
                thread.submit { [running] in batch.run(claiming: running) }
            } else {
                batch.run(claiming: running)
            }
            let late = waitForLateSource(in: batch)
            results.merge(batch.abandon(), uniquingKeysWith: { first, _ in first })
            guard let late else { break }
            batch.sources[late].reporter.recordCallbackTimeout(timeout, stillRunning: false)
            worker.withLock { worker in
                worker?.retire()
                worker = nil
            }
            pending = Array(batch.sources[(late + 1)...])
        }
        return results
    }

    /// Waits until the batch is done, and returns nil; or until one source has run for `timeout`, and returns its
    /// index. The worker wakes the collecting thread once, when it is done.
    private func waitForLateSource(in batch: Batch) -> Int? {
        let clock = ContinuousClock()
        while true {
            let (index, started) = batch.progress
            let deadline = started + timeout
            let remaining = max(.zero, clock.now.duration(to: deadline))
            if batch.done.wait(timeout: .now() + .nanoseconds(Int(remaining / .nanoseconds(1)))) == .success { return nil }
            if batch.progress == (index, started), clock.now >= deadline { return index }
        }
    }
}

/// The sources one worker runs in turn, and what they reported so far.
private final class Batch: Sendable {
    let sources: [any ObservationSource]
    /// Signalled once, when every source has reported or been skipped.
    let done = DispatchSemaphore(value: 0)
    private let state: MutexBox<State>

    private struct State {
        var results: [ObjectIdentifier: Observations] = [:]
        /// The source running, or about to; when it started.
        var current = 0
        var started: ContinuousClock.Instant
        var isAbandoned = false
    }

    init(sources: [any ObservationSource]) {
        self.sources = sources
        state = MutexBox(State(started: .now))
    }

    /// The index of the source running and when it started.
    var progress: (index: Int, started: ContinuousClock.Instant) {
        state.withLock { ($0.current, $0.started) }
    }

    /// Runs each source whose identity it can claim in `running`, until the batch is abandoned.
    func run(claiming running: MutexBox<Set<ObjectIdentifier>>) {
        for (index, source) in sources.enumerated() {
            let id = ObjectIdentifier(source)
            let isAbandoned = state.withLock { state in
                state.current = index
                state.started = .now
                return state.isAbandoned
            }
            guard !isAbandoned else { return }
            guard running.withLock({ $0.insert(id).inserted }) else { continue }
            let observations = source.observe()
            running.withLock { _ = $0.remove(id) }
            state.withLock { $0.results[id] = observations }
        }
        done.signal()
    }

    /// Stops the worker before its next source and returns what it reported so far.
    func abandon() -> [ObjectIdentifier: Observations] {
        state.withLock { state in
            state.isAbandoned = true
            return state.results
        }
    }
}

/// A thread that runs the batch handed to it until retired: it then ends after the batch it is running, however
/// long that takes. Collections are serialised, so it holds at most one batch at a time.
private final class CallbackThread: Sendable {
    private let work = MutexBox<(next: (@Sendable () -> Void)?, isRetired: Bool)>((nil, false))
    private let wakeup = DispatchSemaphore(value: 0)

    /// Starts the thread; nil, with a warning, when the system cannot start one, and callbacks then run on the
    /// collecting thread.
    init?() {
        var thread = pthread_t()
        let context = Unmanaged.passRetained(self).toOpaque()
        guard pthread_create(&thread, nil, { context in
            Unmanaged<CallbackThread>.fromOpaque(context!).takeRetainedValue().serve()
            return nil
        }, context) == 0 else {
            Unmanaged<CallbackThread>.fromOpaque(context).release()
            Diagnostics.warn("cannot start the observable-callback thread; callbacks run on the collecting thread")
            return nil
        }
        pthread_detach(thread)
    }

    /// Runs `batch`; the one handed over before it has returned.
    func submit(_ batch: @escaping @Sendable () -> Void) {
        work.withLock { $0.next = batch }
        wakeup.signal()
    }

    /// Ends the thread once the batch it is running returns.
    func retire() {
        work.withLock { $0.isRetired = true }
        wakeup.signal()
    }

    private func serve() {
        while true {
            wakeup.wait()
            let (next, isRetired) = work.withLock { work in
                defer { work.next = nil }
                return (work.next, work.isRetired)
            }
            if isRetired { return }
            next?()
        }
    }
}
