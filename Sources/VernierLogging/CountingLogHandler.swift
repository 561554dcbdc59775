import Logging
import Vernier

/// A `LogHandler` that counts the records it is given, by level, in a Vernier counter, and passes each on to
/// the handler it wraps.
///
/// The counter is `log.records` (unit `{record}`) with the attribute `log.level`, so a dashboard can alert
/// on a rise in errors without parsing logs. Only records at or above the wrapped handler's level reach
/// `log(event:)`, so that is what is counted. Counting costs one atomic add on a pre-bound series.
///
/// ```swift
/// let records = try LogRecordCounter(meter: provider.meter("app"))
/// LoggingSystem.bootstrap { label in CountingLogHandler(wrapping: StreamLogHandler.standardError(label: label), counter: records) }
/// ```
public struct CountingLogHandler: LogHandler {
    /// The handler records are passed to.
    public var wrapped: any LogHandler
    private let counter: LogRecordCounter

    /// Wraps `handler`, counting into `counter`.
    public init(wrapping handler: any LogHandler, counter: LogRecordCounter) {
        wrapped = handler
        self.counter = counter
    }

    public func log(event: LogEvent) {
        counter.count(event.level)
        wrapped.log(event: event)
    }

    public var metadataProvider: Logger.MetadataProvider? {
        get { wrapped.metadataProvider }
        set { wrapped.metadataProvider = newValue }
    }

    public subscript(metadataKey key: String) -> Logger.Metadata.Value? {
        get { wrapped[metadataKey: key] }
        set { wrapped[metadataKey: key] = newValue }
    }

    public var metadata: Logger.Metadata {
        get { wrapped.metadata }
        set { wrapped.metadata = newValue }
    }

    public var logLevel: Logger.Level {
        get { wrapped.logLevel }
        set { wrapped.logLevel = newValue }
    }
}
