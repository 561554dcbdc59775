import NIOCore
import VernierConcurrency

/// Measures the lag of Swift concurrency's global executor: its task is made due every `resolution` and records
/// how long after that it ran.
///
/// Where event loops are probed too, their probes pace this one: the first of their runs at least `resolution`
/// after this probe's previous deadline makes its task due by resuming it, which puts it on the global executor at
/// once. A tick then costs one wake-up of an executor thread, where a sleep costs a timer thread's wake-up as well.
/// While no pacing probe has run for two resolutions (none probed, all shut down, blocked or not started yet), the
/// task sleeps until each deadline instead. A task already waiting when every pacing loop blocks waits until one
/// runs again, so the executor's lag goes unmeasured while all those loops are blocked.
final class GlobalExecutorLagProbe: LagProbe {
    let recorder: LagRecorder
    private let resolution: TimeAmount
    private let state = MutexBox(State())

    private struct State {
        /// When a pacing event-loop probe last ran.
        var lastPacerRun = NIODeadline.distantPast
        /// The earliest moment a paced run may make the task due again.
        var nextDeadline = NIODeadline.uptimeNanoseconds(0)
        var isCancelled = false
        /// The probe's task, suspended until the pacing loop's next run.
        var waiting: UnsafeContinuation<Bool, Never>?
    }

    init(recorder: LagRecorder, resolution: TimeAmount) {
        self.recorder = recorder
        self.resolution = resolution
    }

    /// Called by a pacing event-loop probe as it runs at `now`: makes this probe's task due now if its previous
    /// deadline is at least `resolution` ago and it is not still busy with it.
    func pacedRun(at now: NIODeadline) {
        let waiting = state.withLock { state -> UnsafeContinuation<Bool, Never>? in
            state.lastPacerRun = now
            guard now >= state.nextDeadline, let waiting = state.waiting.take() else { return nil }
            state.nextDeadline = now + resolution
            return waiting
        }
        guard let waiting else { return }
        recorder.expect(now)
        waiting.resume(returning: true)
    }

    /// Called by a pacing event-loop probe whose loop can no longer be probed: the task sleeps through this tick
    /// rather than wait for pacing that may never come.
    func pacerStopped() {
        state.withLock { $0.waiting.take() }?.resume(returning: false)
    }

    func run() async {
        while !Task.isCancelled {
            if await !waitForPacedRun() {
                guard await sleepUntilNextDeadline() else { return }
            }
            recorder.measured(at: .now())
        }
    }

    /// Waits until a pacing loop makes the task due; false at once when none ran lately or the task is cancelled.
    private func waitForPacedRun() async -> Bool {
        let now = NIODeadline.now()
        return await withTaskCancellationHandler {
            await withUnsafeContinuation { continuation in
                let waits = state.withLock { state in
                    guard now - state.lastPacerRun <= resolution * 2, !state.isCancelled else { return false }
                    state.waiting = continuation
                    return true
                }
                if !waits { continuation.resume(returning: false) }
            }
        } onCancel: {
            let waiting = state.withLock { state in
                state.isCancelled = true
                return state.waiting.take()
            }
            waiting?.resume(returning: false)
        }
    }

    /// Sleeps until a deadline `resolution` ahead; false when the task was cancelled.
    private func sleepUntilNextDeadline() async -> Bool {
        recorder.expect(.now() + resolution)
        do {
            try await Task.sleep(nanoseconds: UInt64(max(0, resolution.nanoseconds)))
            return true
        } catch {
            return false
        }
    }
}
