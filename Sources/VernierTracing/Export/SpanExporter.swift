/// Sends finished spans to a backend, such as an OTLP collector.
public protocol SpanExporter: Sendable {
    /// Sends one batch; throws when it was not delivered.
    func export(_ spans: [FinishedSpan]) async throws

    /// Releases connections; later exports fail.
    func shutdown() async
}
