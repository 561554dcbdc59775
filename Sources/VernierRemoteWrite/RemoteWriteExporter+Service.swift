import ServiceLifecycle

extension RemoteWriteExporter: Service {
    /// Lasts until graceful shutdown or cancellation, then flushes the queue within `flushTimeout` and stops
    /// the senders, as `shutdown()` does.
    public func run() async throws {
        try? await gracefulShutdown()
        await shutdown()
    }
}
