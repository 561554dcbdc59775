/// Which measurements may become exemplars, as `OTEL_METRICS_EXEMPLAR_FILTER` names the choices.
public struct ExemplarFilter: Sendable, Hashable, CustomStringConvertible {
    /// The name the OpenTelemetry specification gives it, such as `trace_based`.
    package let name: String

    /// Every measurement is offered.
    public static let alwaysOn = ExemplarFilter(name: "always_on")
    /// No measurement is offered; recording never looks at the active span.
    public static let alwaysOff = ExemplarFilter(name: "always_off")
    /// Only measurements made inside a sampled span are offered. The OpenTelemetry default.
    public static let traceBased = ExemplarFilter(name: "trace_based")
    /// Every filter, in the order messages list them.
    package static let all = [traceBased, alwaysOn, alwaysOff]

    /// The name, as the environment variable takes it.
    public var description: String { name }
}

/// The exemplar settings a provider hands its instruments: the filter and where the active span comes from.
@usableFromInline
struct ExemplarSampling: Sendable {
    let filter: ExemplarFilter
    let source: any ExemplarSpanSource
    /// True for `traceBased` with the default span source: no measurement can be accepted before some context in
    /// the process carries a span identity.
    let waitsForPublishedSpans: Bool
    /// True for `traceBased`: only measurements inside a sampled span are accepted.
    private let requiresSampledSpan: Bool

    init(filter: ExemplarFilter, source: any ExemplarSpanSource) {
        self.filter = filter
        self.source = source
        requiresSampledSpan = filter == .traceBased
        waitsForPublishedSpans = requiresSampledSpan && (source as? ServiceContextSpanSource)?.readsSpanIdentity == true
    }

    /// The gate an instrument with `hasStreams` checks before any exemplar work.
    func gate(hasStreams: Bool) -> ExemplarGate {
        ExemplarGate(samples: hasStreams && filter != .alwaysOff, waitsForPublishedSpans: waitsForPublishedSpans)
    }

    /// The span and time to give a measurement's exemplars, or nil when the filter rejects the measurement.
    func sample() -> ExemplarSample? {
        let span = source.currentSpan()
        if requiresSampledSpan, span?.isSampled != true { return nil }
        return ExemplarSample(span: span, time: .now)
    }
}

/// What recording checks, inline and without reference counting, before doing any work for exemplars: one flag,
/// read with two loads.
@usableFromInline
struct ExemplarGate: Sendable {
    /// The flag that decides, held without reference counting, since every one lives as long as the process: a
    /// closed one when the instrument has no stream or the filter is `alwaysOff`, the process's span publication
    /// flag when the filter waits for published spans, an open one otherwise.
    @usableFromInline unowned(unsafe) let flag: SpanPublicationFlag

    init(samples: Bool, waitsForPublishedSpans: Bool) {
        flag = !samples ? Self.closed : waitsForPublishedSpans ? SpanPublication.flag : Self.open
    }

    private static let open = SpanPublicationFlag(true)
    private static let closed = SpanPublicationFlag(false)

    /// False when no measurement recorded now could become an exemplar: the filter is `alwaysOff`, or it waits
    /// for span identities and none was ever published.
    @inlinable
    var isOpen: Bool { flag.isSet }
}

/// A measurement accepted by the exemplar filter: what every stream's exemplar of it shares.
struct ExemplarSample {
    let span: SpanIdentity?
    let time: Timestamp

    /// The exemplar for one stream, keeping the attributes that stream's view filtered out.
    func exemplar(_ value: NumberValue, attributes: Attributes, keptKeys: Set<String>?) -> Exemplar {
        Exemplar(
            filteredAttributes: keptKeys.map { attributes.removing($0) } ?? .empty,
            time: time, value: value, traceID: span?.traceID, spanID: span?.spanID)
    }
}
