import Tracing
import Vernier
import VernierConcurrency

/// A span of `VernierTracer`: records attributes, events, links, status and errors until it ends, then
/// hands a `FinishedSpan` to the tracer's processors.
///
/// A span the sampler dropped is not recording: it carries its context for propagation and exemplars
/// (unsampled) and ignores everything else. Every method is safe to call from any thread; calls after
/// `end()` are ignored.
public final class VernierSpan: Tracing.Span, Sendable {
    private struct State {
        var name: String
        var attributes: SpanAttributes = [:]
        var events: [FinishedSpan.Event] = []
        var droppedEvents = 0
        var links: [FinishedSpan.Link] = []
        var droppedLinks = 0
        var status: FinishedSpan.Status = .unset
        var isEnded = false
    }

    /// What a recording span needs to report itself when it ends.
    struct Recording: Sendable {
        let kind: SpanKind
        let startTime: Timestamp
        let parentSpanID: SpanID?
        let hasRemoteParent: Bool
        let processors: [any SpanProcessor]
        let limits: SpanLimits
        let resource: Resource
        let scope: InstrumentationScope
    }

    /// The service context of code running inside the span: the span's W3C context and its exemplar identity.
    public let context: ServiceContext
    /// The span's W3C context.
    public let spanContext: SpanContext
    private let recording: Recording?
    private let state: MutexBox<State>

    init(name: String, context: ServiceContext, spanContext: SpanContext, recording: Recording?) {
        self.context = context
        self.spanContext = spanContext
        self.recording = recording
        state = MutexBox(State(name: name))
    }

    public var isRecording: Bool {
        recording != nil && !state.withLock { $0.isEnded }
    }

    public var operationName: String {
        get { state.withLock { $0.name } }
        set { update { $0.name = newValue } }
    }

    public var attributes: SpanAttributes {
        get { state.withLock { $0.attributes } }
        set { update { $0.attributes = newValue } }
    }

    /// Sets the status. `ok` is final, as OpenTelemetry specifies; setting `error` after `ok` changes nothing.
    public func setStatus(_ status: SpanStatus) {
        update { state in
            guard state.status != .ok else { return }
            switch status.code {
            case .ok: state.status = .ok
            case .error: state.status = .error(message: status.message)
            }
        }
    }

    public func addEvent(_ event: SpanEvent) {
        guard let recording else { return }
        let attributes = event.attributes.vernierAttributes(limit: recording.limits.attributeCount).attributes
        let time = Timestamp(nanosecondsSinceEpoch: event.nanosecondsSinceEpoch)
        update { state in
            guard state.events.count < recording.limits.eventCount else {
                state.droppedEvents += 1
                return
            }
            state.events.append(FinishedSpan.Event(name: event.name, time: time, attributes: attributes))
        }
    }

    /// Records an `exception` event with the error's type and description, as the OpenTelemetry conventions name them.
    public func recordError<Instant: TracerInstant>(_ error: any Error, attributes: SpanAttributes, at instant: @autoclosure () -> Instant) {
        guard recording != nil else { return }
        var eventAttributes = attributes
        eventAttributes["exception.type"] = String(reflecting: type(of: error))
        eventAttributes["exception.message"] = String(describing: error)
        addEvent(SpanEvent(name: "exception", at: instant(), attributes: eventAttributes))
    }

    /// Links to the span whose context is in `link.context`; a link without a span context is ignored.
    public func addLink(_ link: SpanLink) {
        guard let recording, let linked = link.context.spanContext else { return }
        let attributes = link.attributes.vernierAttributes(limit: recording.limits.attributeCount).attributes
        update { state in
            guard state.links.count < recording.limits.linkCount else {
                state.droppedLinks += 1
                return
            }
            state.links.append(FinishedSpan.Link(context: linked, attributes: attributes))
        }
    }

    /// Ends the span and hands it to the processors, if there are any; only the first call counts.
    public func end<Instant: TracerInstant>(at instant: @autoclosure () -> Instant) {
        guard let recording else { return }
        guard let ended = state.withLock({ state -> State? in
            guard !state.isEnded else { return nil }
            state.isEnded = true
            return state
        }), !recording.processors.isEmpty else { return }
        let (attributes, droppedAttributes) = ended.attributes.vernierAttributes(limit: recording.limits.attributeCount)
        let finished = FinishedSpan(
            name: ended.name, context: spanContext, parentSpanID: recording.parentSpanID,
            hasRemoteParent: recording.hasRemoteParent, kind: recording.kind,
            startTime: recording.startTime, endTime: Timestamp(nanosecondsSinceEpoch: instant().nanosecondsSinceEpoch),
            attributes: attributes, events: ended.events, links: ended.links, status: ended.status,
            droppedAttributes: droppedAttributes, droppedEvents: ended.droppedEvents, droppedLinks: ended.droppedLinks,
            resource: recording.resource, scope: recording.scope)
        for processor in recording.processors { processor.onEnd(finished) }
    }

    private func update(_ change: (inout State) -> Void) {
        guard recording != nil else { return }
        state.withLock { state in
            guard !state.isEnded else { return }
            change(&state)
        }
    }
}
