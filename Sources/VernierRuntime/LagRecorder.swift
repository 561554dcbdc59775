import NIOCore
import Vernier
import VernierConcurrency

/// Collects one probe's lag measurements: each into the lag histogram as it comes, and into the window that
/// the sampler summarizes every interval.
///
/// Times are `NIODeadline` values, the monotonic clock SwiftNIO schedules with, for probes of any kind.
final class LagRecorder: Sendable {
    /// The attributes of the probed loop's series: its `event_loop.name`.
    let attributes: Attributes
    private let loopName: String
    private let histogram: BoundHistogram<Double>?
    private let problems: ProblemLog
    private let state = MutexBox(State())

    private struct State {
        var samples: [Double] = []
        /// When the probe's next measurement is due; nil while none is scheduled.
        var pendingDeadline: NIODeadline?
        /// Whether a measurement ever ran: until then the loop may never have run at all, for example because
        /// it was shut down before probing began, so a pending measurement proves nothing.
        var hasMeasured = false
        /// Set once the loop can no longer be probed; the recorder then reports nothing.
        var isRetired = false
    }

    init(loopName: String, histogram: Histogram<Double>?, problems: ProblemLog) {
        self.loopName = loopName
        attributes = Attributes([(RuntimeMetricNaming.loopAttribute, .string(loopName))])
        self.histogram = histogram?.bind(attributes)
        self.problems = problems
    }

    /// Notes that the probe's next measurement is due at `deadline`.
    func expect(_ deadline: NIODeadline) {
        state.withLock { $0.pendingDeadline = deadline }
    }

    /// Records the lag of the pending measurement, which ran at `now`, and notes that the next one is due at
    /// `nextDeadline`, if the probe scheduled one.
    func measured(at now: NIODeadline, nextDeadline: NIODeadline? = nil) {
        let lag: Double? = state.withLock { state in
            defer { state.pendingDeadline = nextDeadline }
            guard let deadline = state.pendingDeadline, !state.isRetired else { return nil }
            state.hasMeasured = true
            let lag = Self.seconds(from: deadline, to: now)
            state.samples.append(lag)
            return lag
        }
        if let lag { histogram?.record(lag) }
    }

    /// Stops reporting, because the loop cannot be probed any more, and logs why once.
    func retire(because reason: String) {
        state.withLock { state in
            state.isRetired = true
            state.samples = []
        }
        problems.reportOnce(key: "lag " + loopName, "event-loop lag of \(loopName) left out: \(reason)")
    }

    /// Ends the window at `now` and summarizes it; a measurement still pending past its deadline counts as a
    /// sample of the lag so far, so that a loop blocked for the whole interval still shows. Nil when the window
    /// is empty or the recorder is retired; a loop that never ran a measurement is logged once.
    func closeWindow(at now: NIODeadline) -> LagStatistics? {
        var neverMeasured = false
        var samples: [Double] = state.withLock { state in
            guard !state.isRetired else { return [] }
            var samples: [Double] = []
            swap(&samples, &state.samples)
            state.samples.reserveCapacity(samples.count)
            if let deadline = state.pendingDeadline, deadline < now {
                if state.hasMeasured {
                    samples.append(Self.seconds(from: deadline, to: now))
                } else {
                    neverMeasured = true
                }
            }
            return samples
        }
        if neverMeasured {
            problems.reportOnce(
                key: "lag " + loopName,
                "event-loop lag of \(loopName) left out until its first probe runs: the loop is blocked or was shut down")
        }
        return LagStatistics(sorting: &samples)
    }

    private static func seconds(from deadline: NIODeadline, to now: NIODeadline) -> Double {
        now > deadline ? Double((now - deadline).nanoseconds) / 1e9 : 0
    }
}
