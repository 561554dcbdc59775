/// Receives every recorded span when it ends, to batch, export or inspect it.
public protocol SpanProcessor: Sendable {
    /// Called once per recorded span, on the thread that ended it; must not block.
    func onEnd(_ span: FinishedSpan)

    /// Exports everything received so far, and returns when that is done or has failed.
    func forceFlush() async

    /// Exports everything received so far and stops; spans ending later are dropped.
    func shutdown() async
}
