import NIOCore
import Synchronization

/// Measures the lag of one SwiftNIO event loop: a callback scheduled `resolution` ahead, and again from each
/// run, records how long after its deadline it ran.
///
/// A loop shut down while probed is retired: its lag is left out from then on and the reason logged once. A loop
/// already shut down when probing starts never runs the probe, and the recorder leaves it out and says so.
final class EventLoopLagProbe: LagProbe, NIOScheduledCallbackHandler {
    let recorder: LagRecorder
    private let loop: any EventLoop
    private let resolution: TimeAmount
    private let isStopped = Atomic<Bool>(false)
    private let scheduled = Mutex<NIOScheduledCallback?>(nil)

    init(loop: any EventLoop, resolution: TimeAmount, recorder: LagRecorder) {
        self.loop = loop
        self.resolution = resolution
        self.recorder = recorder
    }

    func run() async {
        scheduleNext()
        // The sleep ends by throwing as soon as the task is cancelled.
        while !Task.isCancelled, !isStopped.load(ordering: .relaxed) {
            try? await Task.sleep(for: .seconds(60))
        }
        isStopped.store(true, ordering: .relaxed)
        scheduled.withLock { $0 }?.cancel()
    }

    func handleScheduledCallback(eventLoop: some EventLoop) {
        recorder.measured(at: .now())
        scheduleNext()
    }

    func didCancelScheduledCallback(eventLoop: some EventLoop) {
        // Cancelled without `run()` having stopped: the loop shut down with the callback pending.
        if !isStopped.load(ordering: .relaxed) {
            retire(because: "it was shut down")
        }
    }

    private func scheduleNext() {
        guard !isStopped.load(ordering: .relaxed) else { return }
        let deadline = NIODeadline.now() + resolution
        recorder.expect(deadline)
        do {
            let callback = try loop.scheduleCallback(at: deadline, handler: self)
            scheduled.withLock { $0 = callback }
        } catch {
            retire(because: "scheduling on it failed (\(error)); it is probably shut down")
        }
    }

    private func retire(because reason: String) {
        isStopped.store(true, ordering: .relaxed)
        recorder.retire(because: reason)
    }
}
