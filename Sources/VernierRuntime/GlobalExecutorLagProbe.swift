import NIOCore

/// Measures the lag of Swift concurrency's global executor: a task sleeps until a deadline `resolution`
/// ahead, again and again, and records how long after the deadline it resumed.
struct GlobalExecutorLagProbe: LagProbe {
    let recorder: LagRecorder
    let resolution: TimeAmount

    func run() async {
        while !Task.isCancelled {
            let deadline = NIODeadline.now() + resolution
            recorder.expect(deadline)
            let remaining = deadline - NIODeadline.now()
            do {
                try await Task.sleep(nanoseconds: UInt64(max(0, remaining.nanoseconds)))
            } catch {
                return
            }
            recorder.measured(at: .now())
        }
    }
}
