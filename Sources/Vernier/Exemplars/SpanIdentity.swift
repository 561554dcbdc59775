import ServiceContextModule
import Synchronization

/// The ids of the span active when a measurement is recorded: what an exemplar keeps of a trace.
public struct SpanIdentity: Sendable, Hashable {
    /// The trace the span belongs to.
    public var traceID: TraceID
    /// The span itself.
    public var spanID: SpanID
    /// Whether the trace is sampled, which the `traceBased` exemplar filter requires.
    public var isSampled: Bool

    /// Creates a span identity.
    public init(traceID: TraceID, spanID: SpanID, isSampled: Bool) {
        self.traceID = traceID
        self.spanID = spanID
        self.isSampled = isSampled
    }
}

/// The `ServiceContext` key under which `ServiceContext.spanIdentity` is stored.
enum SpanIdentityKey: ServiceContextKey {
    typealias Value = SpanIdentity
    static var nameOverride: String? { "vernier.span-identity" }
}

extension ServiceContext {
    /// The identity of the span this context belongs to, as exemplars and log lines read it.
    ///
    /// Vernier's tracer sets it on every span's context; any other tracer can set it too. Until some context in the
    /// process has been given one, recording with the default `traceBased` filter does not even look at the
    /// task's context: that lookup costs more than the measurement itself.
    public var spanIdentity: SpanIdentity? {
        get { self[SpanIdentityKey.self] }
        set {
            if newValue != nil { SpanPublication.markPublished() }
            self[SpanIdentityKey.self] = newValue
        }
    }
}

/// Whether any `ServiceContext` in this process has been given a span identity.
@usableFromInline
enum SpanPublication {
    /// The process's one flag. Exemplar gates keep a reference to it, so checking it on a recording path is two
    /// loads rather than a call through the global's lazy initialiser.
    @usableFromInline static let flag = SpanPublicationFlag()

    @inlinable
    static var hasPublished: Bool { flag.isSet }

    static func markPublished() {
        if !flag.isSet { flag.value.store(true, ordering: .relaxed) }
    }
}

/// The flag behind `SpanPublication`, in memory of its own; exemplar gates that never change hold fixed ones.
@usableFromInline
final class SpanPublicationFlag: Sendable {
    @usableFromInline let value: Atomic<Bool>

    init(_ isSet: Bool = false) {
        value = Atomic(isSet)
    }

    @inlinable
    var isSet: Bool { value.load(ordering: .relaxed) }
}

/// Supplies the active span's identity when a measurement is recorded, so any tracer can feed exemplars.
public protocol ExemplarSpanSource: Sendable {
    /// The span active on the calling task or thread, if any.
    func currentSpan() -> SpanIdentity?
}

/// Reads the active span from `ServiceContext.current`, by default its `spanIdentity`.
///
/// A tracer that stores its own span context type can pass a closure that turns it into a `SpanIdentity`.
public struct ServiceContextSpanSource: ExemplarSpanSource {
    private let extract: (@Sendable (ServiceContext) -> SpanIdentity?)?

    /// Reads `ServiceContext.spanIdentity`, skipping the lookup while no context in the process has one.
    public init() {
        extract = nil
    }

    /// Reads the span identity with a tracer-specific function.
    public init(extract: @escaping @Sendable (ServiceContext) -> SpanIdentity?) {
        self.extract = extract
    }

    /// True when the span comes from `ServiceContext.spanIdentity`, whose publication the core can see.
    var readsSpanIdentity: Bool { extract == nil }

    public func currentSpan() -> SpanIdentity? {
        guard let extract else {
            guard SpanPublication.hasPublished, let context = ServiceContext.current else { return nil }
            return SpanIdentityCache.identity(in: context)
        }
        return ServiceContext.current.flatMap(extract)
    }
}
