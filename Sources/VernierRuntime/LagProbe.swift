/// Measures how late one loop runs work scheduled at a fixed resolution, until its task is cancelled.
protocol LagProbe: Sendable {
    /// Where the probe's measurements go.
    var recorder: LagRecorder { get }

    /// Measures until the calling task is cancelled or the loop can no longer be probed.
    func run() async
}
