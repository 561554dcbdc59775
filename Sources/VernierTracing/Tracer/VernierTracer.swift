import Tracing
import Vernier

/// A swift-distributed-tracing `Tracer` with W3C trace context, OpenTelemetry samplers and span processors.
///
/// ```swift
/// let processor = BatchSpanProcessor(exporter: OTLPSpanExporter(configuration: OTLPExporterConfiguration(endpoint: "http://collector:4318")))
/// let tracer = VernierTracer(resource: meterProvider.resource, processors: [processor])
/// InstrumentationSystem.bootstrap(tracer)
/// ```
///
/// A span's `ServiceContext` holds its `SpanContext` and, as the core's `spanIdentity`, its identity,
/// so histograms recorded inside `withSpan` get exemplars pointing at the span with no further setup.
/// `extract` and `inject` read and write `traceparent` and `tracestate`; a malformed `traceparent` is
/// ignored and the next span starts a new trace.
public final class VernierTracer: Tracer {
    public typealias Span = VernierSpan

    /// The resource spans are exported with; pass the `MeterProvider`'s so traces and metrics match.
    public let resource: Resource
    /// Decides which spans are recorded and sampled.
    public let sampler: any Sampler
    /// The scope spans are reported under.
    public let scope: InstrumentationScope
    private let processors: [any SpanProcessor]
    private let limits: SpanLimits
    private let ids = SpanIDGenerator()

    /// Creates a tracer.
    /// - Parameters:
    ///   - resource: What produces the spans; use the metrics provider's resource.
    ///   - sampler: The sampler; by default `parentbased_always_on`.
    ///   - processors: Who receives ended spans, such as a `BatchSpanProcessor`. Without any, spans carry their
    ///     context but record nothing (`isRecording` is false).
    ///   - limits: How many attributes, events and links one span keeps.
    ///   - scope: The instrumentation scope of the spans.
    public init(
        resource: Resource = Resource(),
        sampler: any Sampler = ParentBasedSampler(root: AlwaysOnSampler()),
        processors: [any SpanProcessor] = [],
        limits: SpanLimits = SpanLimits(),
        scope: InstrumentationScope = InstrumentationScope(name: "vernier", version: Resource.sdkVersion)
    ) {
        self.resource = resource
        self.sampler = sampler
        self.processors = processors
        self.limits = limits
        self.scope = scope
    }

    public func startSpan<Instant: TracerInstant>(
        _ operationName: String,
        context: @autoclosure () -> ServiceContext,
        ofKind kind: SpanKind,
        at instant: @autoclosure () -> Instant,
        function: String,
        file fileID: String,
        line: UInt
    ) -> VernierSpan {
        var spanServiceContext = context()
        let parent = spanServiceContext.spanContext
        let traceID = parent?.traceID ?? ids.traceID()
        let decision = sampler.shouldSample(parent: parent, traceID: traceID, name: operationName, kind: kind)
        let spanContext = SpanContext(
            traceID: traceID, spanID: ids.spanID(),
            traceFlags: decision == .recordAndSample ? .sampled : [],
            traceState: parent?.traceState ?? TraceState(), isRemote: false)
        spanServiceContext.spanContext = spanContext
        // Without processors nobody reads what a span records: it still carries its context, for propagation,
        // exemplars and log correlation, but records nothing, so instrumentation skips building its attributes.
        let recording = decision == .drop || processors.isEmpty ? nil : VernierSpan.Recording(
            kind: kind, startTime: Timestamp(nanosecondsSinceEpoch: instant().nanosecondsSinceEpoch),
            parentSpanID: parent?.spanID, hasRemoteParent: parent?.isRemote ?? false,
            processors: processors, limits: limits, resource: resource, scope: scope)
        return VernierSpan(name: operationName, context: spanServiceContext, spanContext: spanContext, recording: recording)
    }

    /// Asks every processor to export what it holds; returns when they are done.
    public func flush() async {
        for processor in processors { await processor.forceFlush() }
    }

    /// Starts flushing every processor without waiting, as `Tracer.forceFlush()` is synchronous.
    public func forceFlush() {
        let processors = self.processors
        Task { for processor in processors { await processor.forceFlush() } }
    }

    /// Flushes and shuts down every processor; spans ending later are dropped.
    public func shutdown() async {
        for processor in processors { await processor.shutdown() }
    }

    /// Reads `traceparent` and `tracestate` from `carrier` into `context` as the remote parent.
    public func extract<Carrier, Extract>(_ carrier: Carrier, into context: inout ServiceContext, using extractor: Extract)
    where Extract: Extractor, Carrier == Extract.Carrier {
        guard let remote = W3CTraceContext.extract(
            traceparent: extractor.extract(key: W3CTraceContext.traceparentHeader, from: carrier),
            tracestate: extractor.extract(key: W3CTraceContext.tracestateHeader, from: carrier))
        else { return }
        context.spanContext = remote
    }

    /// Writes the context's span as `traceparent`, and its trace state as `tracestate` when there is one.
    public func inject<Carrier, Inject>(_ context: ServiceContext, into carrier: inout Carrier, using injector: Inject)
    where Inject: Injector, Carrier == Inject.Carrier {
        guard let spanContext = context.spanContext else { return }
        injector.inject(W3CTraceContext.traceparent(spanContext), forKey: W3CTraceContext.traceparentHeader, into: &carrier)
        if !spanContext.traceState.isEmpty {
            injector.inject(spanContext.traceState.header, forKey: W3CTraceContext.tracestateHeader, into: &carrier)
        }
    }
}
