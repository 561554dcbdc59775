import NIOHTTP1
import ServiceContextModule

/// A request part passed on by `HTTPServerInstrumentationHandler`, with the service context of the request's
/// server span.
///
/// Run the request's work inside `ServiceContext.withValue(context)` so that its logs carry the trace id and
/// the histograms it records get exemplars linking to the span.
public struct TracedHTTPRequestPart: Sendable {
    /// The request part as the HTTP decoder produced it.
    public let part: HTTPServerRequestPart
    /// The service context of the request's server span.
    public let context: ServiceContext

    /// Pairs a request part with its context.
    public init(part: HTTPServerRequestPart, context: ServiceContext) {
        self.part = part
        self.context = context
    }
}
