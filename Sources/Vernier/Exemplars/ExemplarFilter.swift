/// Which measurements may become exemplars, as `OTEL_METRICS_EXEMPLAR_FILTER` names the choices.
public enum ExemplarFilter: String, Sendable, Hashable {
    /// Every measurement is offered.
    case alwaysOn = "always_on"
    /// No measurement is offered; recording never looks at the active span.
    case alwaysOff = "always_off"
    /// Only measurements made inside a sampled span are offered. The OpenTelemetry default.
    case traceBased = "trace_based"

    /// The filter named by `OTEL_METRICS_EXEMPLAR_FILTER`, or `traceBased` with a warning when the value is unknown.
    public static func fromEnvironment(_ environment: [String: String] = ProcessEnvironment.current) -> ExemplarFilter {
        guard let raw = environment["OTEL_METRICS_EXEMPLAR_FILTER"], !raw.isEmpty else { return .traceBased }
        guard let filter = ExemplarFilter(rawValue: raw.lowercased()) else {
            Diagnostics.warn("OTEL_METRICS_EXEMPLAR_FILTER='\(raw)' is not always_on, always_off or trace_based; using trace_based")
            return .traceBased
        }
        return filter
    }
}

/// The exemplar settings a provider hands its instruments: the filter and where the active span comes from.
@usableFromInline
struct ExemplarSampling: Sendable {
    @usableFromInline let filter: ExemplarFilter
    let source: any ExemplarSpanSource

    /// The exemplar to offer for a measurement, or nil when the filter rejects it.
    @usableFromInline
    func candidate(_ value: NumberValue, attributes: Attributes, keptKeys: Set<String>?) -> Exemplar? {
        let span = source.currentSpan()
        if filter == .traceBased, span?.isSampled != true { return nil }
        let filtered = keptKeys.map { attributes.removing($0) } ?? .empty
        return Exemplar(filteredAttributes: filtered, time: .now, value: value, traceID: span?.traceID, spanID: span?.spanID)
    }
}
