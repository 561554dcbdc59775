import Logging
import Vernier

extension Logger.MetadataProvider {
    /// Adds `trace_id`, `span_id` and `trace_flags` (`01` sampled, `00` not) of the active span to every log
    /// record, so a log line can be found from a trace or an exemplar, and the other way round.
    ///
    /// The active span comes from `source`: by default the core's `spanIdentity` of `ServiceContext.current`,
    /// which Vernier's tracer sets for code running inside a span. Outside a span nothing is added.
    ///
    /// ```swift
    /// LoggingSystem.bootstrap({ label, provider in StreamLogHandler.standardOutput(label: label, metadataProvider: provider) },
    ///                         metadataProvider: .vernierTrace())
    /// ```
    public static func vernierTrace(source: any ExemplarSpanSource = ServiceContextSpanSource()) -> Logger.MetadataProvider {
        Logger.MetadataProvider {
            guard let span = source.currentSpan() else { return [:] }
            return [
                "trace_id": .string(span.traceID.hex),
                "span_id": .string(span.spanID.hex),
                "trace_flags": .string(span.isSampled ? "01" : "00"),
            ]
        }
    }
}
