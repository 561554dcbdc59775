import Dispatch
import Foundation
import Synchronization

/// Runs one body on several threads released together, and times them from release until the last one ends.
enum ThreadGang {
    private final class StartLine: Sendable {
        let ready = Atomic<Int>(0)
        let released = Atomic<Bool>(false)
    }

    static func time(threads: Int, _ body: @escaping @Sendable () -> Void) -> Duration {
        let clock = ContinuousClock()
        guard threads > 1 else {
            let start = clock.now
            body()
            return start.duration(to: clock.now)
        }
        let line = StartLine()
        let finished = DispatchGroup()
        for _ in 1..<threads {
            finished.enter()
            Thread {
                line.ready.add(1, ordering: .releasing)
                while !line.released.load(ordering: .acquiring) { sched_yield() }
                body()
                finished.leave()
            }.start()
        }
        while line.ready.load(ordering: .acquiring) < threads - 1 { sched_yield() }
        let start = clock.now
        line.released.store(true, ordering: .releasing)
        body()
        finished.wait()
        return start.duration(to: clock.now)
    }
}

extension Duration {
    var nanoseconds: Double {
        Double(components.seconds) * 1e9 + Double(components.attoseconds) / 1e9
    }
}
