import Tracing
import Vernier

/// An ended, recorded span: the immutable value span processors and exporters receive.
public struct FinishedSpan: Sendable {
    /// An event that happened during the span, such as a recorded error.
    public struct Event: Sendable, Equatable {
        /// The event name; `exception` for recorded errors.
        public var name: String
        /// When it happened.
        public var time: Timestamp
        /// What describes it.
        public var attributes: Attributes
    }

    /// A link to another span, such as one of the messages a batch job consumed.
    public struct Link: Sendable, Equatable {
        /// The linked span.
        public var context: SpanContext
        /// What describes the link.
        public var attributes: Attributes
    }

    /// The span's outcome.
    public enum Status: Sendable, Equatable {
        /// Nobody said.
        case unset
        /// The operation succeeded, as the application decided.
        case ok
        /// The operation failed, with an optional description.
        case error(message: String?)
    }

    /// The operation name.
    public var name: String
    /// The span's own context.
    public var context: SpanContext
    /// The parent span, local or remote; nil for a root span.
    public var parentSpanID: SpanID?
    /// Whether the parent came from another process.
    public var hasRemoteParent: Bool
    /// The span kind: server, client, producer, consumer or internal.
    public var kind: SpanKind
    /// When the span started.
    public var startTime: Timestamp
    /// When the span ended.
    public var endTime: Timestamp
    /// What describes the operation.
    public var attributes: Attributes
    /// What happened during the operation, oldest first.
    public var events: [Event]
    /// Related spans.
    public var links: [Link]
    /// The outcome.
    public var status: Status
    /// Attributes, events and links not kept because a span limit was reached.
    public var droppedAttributes: Int, droppedEvents: Int, droppedLinks: Int
    /// The service that produced the span, the same resource as its metrics.
    public var resource: Resource
    /// The library that produced the span.
    public var scope: InstrumentationScope
}
