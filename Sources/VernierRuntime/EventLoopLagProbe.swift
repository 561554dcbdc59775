import NIOCore
import Synchronization
import VernierConcurrency

/// Measures the lag of one SwiftNIO event loop: a callback scheduled `resolution` ahead, and again from each
/// run, records how long after its deadline it ran. Each run reads the clock once, and paces the global
/// executor's probe, if any, so that it needs no timer of its own.
///
/// A loop shut down while probed is retired: its lag is left out from then on and the reason logged once. A loop
/// already shut down when probing starts never runs the probe, and the recorder leaves it out and says so.
final class EventLoopLagProbe: LagProbe, NIOScheduledCallbackHandler {
    let recorder: LagRecorder
    private let loop: any EventLoop
    private let resolution: TimeAmount
    private let pacedProbes: [GlobalExecutorLagProbe]
    private let isStopped = Atomic<Bool>(false)
    private let scheduled = MutexBox<NIOScheduledCallback?>(nil)

    /// A probe of `loop` that also paces `pacedProbes` from its runs.
    init(loop: any EventLoop, resolution: TimeAmount, recorder: LagRecorder, pacing pacedProbes: [GlobalExecutorLagProbe]) {
        self.loop = loop
        self.resolution = resolution
        self.recorder = recorder
        self.pacedProbes = pacedProbes
    }

    func run() async {
        let deadline = NIODeadline.now() + resolution
        recorder.expect(deadline)
        schedule(at: deadline)
        // The sleep ends by throwing as soon as the task is cancelled.
        while !Task.isCancelled, !isStopped.load(ordering: .relaxed) {
            try? await Task.sleep(for: .seconds(60))
        }
        isStopped.store(true, ordering: .relaxed)
        scheduled.withLock { $0 }?.cancel()
    }

    func handleScheduledCallback(eventLoop: some EventLoop) {
        let now = NIODeadline.now()
        for probe in pacedProbes { probe.pacedRun(at: now) }
        let deadline = now + resolution
        recorder.measured(at: now, nextDeadline: deadline)
        schedule(at: deadline)
    }

    func didCancelScheduledCallback(eventLoop: some EventLoop) {
        // Cancelled without `run()` having stopped: the loop shut down with the callback pending.
        if !isStopped.load(ordering: .relaxed) {
            retire(because: "it was shut down")
        }
    }

    private func schedule(at deadline: NIODeadline) {
        guard !isStopped.load(ordering: .relaxed) else { return }
        do {
            let callback = try loop.scheduleCallback(at: deadline, handler: self)
            scheduled.withLock { $0 = callback }
        } catch {
            retire(because: "scheduling on it failed (\(error)); it is probably shut down")
        }
    }

    private func retire(because reason: String) {
        guard !isStopped.exchange(true, ordering: .relaxed) else { return }
        for probe in pacedProbes { probe.pacerStopped() }
        recorder.retire(because: reason)
    }
}
