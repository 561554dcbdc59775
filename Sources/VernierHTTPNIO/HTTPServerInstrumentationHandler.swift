import NIOCore
import NIOHTTP1
import ServiceContextModule
import Tracing
import VernierHTTP

/// Instruments an HTTP/1.1 server pipeline: the OpenTelemetry HTTP server metrics and a server span per request.
///
/// Place it after `configureHTTPServerPipeline()` and before the application's handler, which receives
/// `TracedHTTPRequestPart`s. For each request it continues the trace named by `traceparent` (a malformed one
/// starts a new trace), names the span `METHOD route` from the route templates, records
/// `http.server.request.duration` and `http.server.active_requests`, captures the opted-in headers, and
/// writes `traceparent` into the response so the caller can find the trace. Pipelined requests are matched to
/// their responses in order, each with its own span, duration and status. A connection closed before the
/// response ends the request with `error.type` `_OTHER`.
public final class HTTPServerInstrumentationHandler: ChannelDuplexHandler, RemovableChannelHandler {
    public typealias InboundIn = HTTPServerRequestPart
    public typealias InboundOut = TracedHTTPRequestPart
    public typealias OutboundIn = HTTPServerResponsePart
    public typealias OutboundOut = HTTPServerResponsePart

    /// What the handler shares across connections: instruments, routes, header capture and the tracer.
    public struct Configuration: Sendable {
        /// The metrics to record.
        public var metrics: HTTPServerMetrics
        /// The route templates requests are matched against.
        public var routes: HTTPRouteTemplates
        /// The headers captured as span attributes.
        public var headerCapture: HTTPHeaderCapture
        /// Where server spans come from.
        public var tracer: any Tracer
        /// The `url.scheme` of the server.
        public var scheme: String

        /// Creates a configuration.
        public init(metrics: HTTPServerMetrics, routes: HTTPRouteTemplates, headerCapture: HTTPHeaderCapture = .none,
                    tracer: any Tracer, scheme: String = "http") {
            self.metrics = metrics
            self.routes = routes
            self.headerCapture = headerCapture
            self.tracer = tracer
            self.scheme = scheme
        }
    }

    /// A request whose response has not been written yet.
    private final class InFlight {
        let observation: HTTPServerRequestObservation
        let span: any Tracing.Span
        let route: String?
        /// The span's attributes, gathered here and set on the span once, when it ends; nil when the span
        /// records nothing.
        var spanAttributes: SpanAttributes?
        var statusCode: Int?
        var hasResponseHead = false

        init(observation: HTTPServerRequestObservation, span: any Tracing.Span, route: String?) {
            self.observation = observation
            self.span = span
            self.route = route
        }
    }

    private let configuration: Configuration
    /// Requests in arrival order, from their head until their response's end has been written; HTTP/1.1 answers
    /// in the same order, so the first without a response head is the one a response head belongs to.
    private var inFlight: [InFlight] = []
    /// The context of the request whose parts are arriving.
    private var context = ServiceContext.topLevel

    /// Creates a handler for one connection.
    public init(configuration: Configuration) {
        self.configuration = configuration
    }

    public func channelRead(context channelContext: ChannelHandlerContext, data: NIOAny) {
        let part = unwrapInboundIn(data)
        if case .head(let head) = part {
            context = start(head)
        }
        channelContext.fireChannelRead(wrapInboundOut(TracedHTTPRequestPart(part: part, context: context)))
    }

    public func write(context channelContext: ChannelHandlerContext, data: NIOAny, promise: EventLoopPromise<Void>?) {
        switch unwrapOutboundIn(data) {
        case .head(var head):
            respond(&head)
            channelContext.write(wrapOutboundOut(.head(head)), promise: promise)
        case .body(let body):
            channelContext.write(wrapOutboundOut(.body(body)), promise: promise)
        case .end(let trailers):
            let written = promise ?? channelContext.eventLoop.makePromise()
            channelContext.write(wrapOutboundOut(.end(trailers)), promise: written)
            guard let index = inFlight.firstIndex(where: { $0.hasResponseHead }) else { return }
            let request = inFlight.remove(at: index)
            let finish = NIOLoopBound((handler: self, request: request), eventLoop: channelContext.eventLoop)
            written.futureResult.whenComplete { result in
                if case .failure = result { finish.value.request.statusCode = nil }
                finish.value.handler.finish(finish.value.request, errorType: nil)
            }
        }
    }

    public func channelInactive(context channelContext: ChannelHandlerContext) {
        let unanswered = inFlight
        inFlight = []
        for request in unanswered { finish(request, errorType: "_OTHER") }
        channelContext.fireChannelInactive()
    }

    /// Starts the request's span and observation; returns the span's context.
    private func start(_ head: HTTPRequestHead) -> ServiceContext {
        let method = head.method.rawValue
        let methodAttribute = HTTPRequestMethod.attributeValue(method)
        let route = configuration.routes.route(for: head.uri)
        var parent = ServiceContext.topLevel
        configuration.tracer.extract(head.headers, into: &parent, using: HTTPHeadersExtractor())
        let span = configuration.tracer.startSpan(
            route.map { "\(methodAttribute) \($0)" } ?? methodAttribute, context: parent, ofKind: .server)
        let request = InFlight(
            observation: configuration.metrics.requestStarted(method: method, scheme: configuration.scheme), span: span, route: route)
        if span.isRecording {
            var attributes = [String: SpanAttribute](minimumCapacity: 8)
            attributes["http.request.method"] = .string(methodAttribute)
            if methodAttribute != method { attributes["http.request.method_original"] = .string(method) }
            attributes["url.scheme"] = .string(configuration.scheme)
            attributes["url.path"] = .string(String(HTTPRouteTemplates.path(of: head.uri)))
            if let route { attributes["http.route"] = .string(route) }
            attributes["network.protocol.version"] = .string(Self.protocolVersion(head.version))
            for captured in configuration.headerCapture.requestAttributes(values: { head.headers[$0] }) {
                if case .stringArray(let values) = captured.value { attributes[captured.key] = .stringArray(values) }
            }
            request.spanAttributes = SpanAttributes(attributes)
        }
        inFlight.append(request)
        return span.context
    }

    /// `network.protocol.version`: "1.1" and "1.0" without building a string per request.
    private static func protocolVersion(_ version: HTTPVersion) -> String {
        switch (version.major, version.minor) {
        case (1, 1): "1.1"
        case (1, 0): "1.0"
        default: "\(version.major).\(version.minor)"
        }
    }

    private func respond(_ head: inout HTTPResponseHead) {
        guard let request = inFlight.first(where: { !$0.hasResponseHead }) else { return }
        let status = Int(head.status.code)
        request.hasResponseHead = true
        request.statusCode = status
        if request.spanAttributes != nil {
            request.spanAttributes?["http.response.status_code"] = status
            for captured in configuration.headerCapture.responseAttributes(values: { head.headers[$0] }) {
                if case .stringArray(let values) = captured.value { request.spanAttributes?[captured.key] = values }
            }
        }
        if status >= 500 { request.span.setStatus(SpanStatus(code: .error)) }
        configuration.tracer.inject(request.span.context, into: &head.headers, using: HTTPHeadersInjector())
    }

    private func finish(_ request: InFlight, errorType: String?) {
        // Recorded in the span's context, so the duration's exemplar links to the request's trace.
        if configuration.metrics.isEnabled {
            ServiceContext.withValue(request.span.context) {
                request.observation.finish(route: request.route, statusCode: request.statusCode, errorType: errorType)
            }
        }
        if request.statusCode == nil {
            request.spanAttributes?["error.type"] = errorType ?? "_OTHER"
            request.span.setStatus(SpanStatus(code: .error))
        } else if let errorType = HTTPServerRequestObservation.defaultErrorType(request.statusCode) {
            request.spanAttributes?["error.type"] = errorType
        }
        if let attributes = request.spanAttributes { request.span.attributes = attributes }
        request.span.end()
    }
}
