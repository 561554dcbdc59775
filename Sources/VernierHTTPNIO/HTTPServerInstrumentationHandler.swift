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
/// writes `traceparent` into the response so the caller can find the trace. A connection closed before
/// the response ends the request with `error.type` `_OTHER`.
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

    private struct InFlight {
        let observation: HTTPServerRequestObservation
        let span: any Tracing.Span
        let route: String?
        var statusCode: Int?
    }

    private let configuration: Configuration
    private var inFlight: InFlight?
    private var context = ServiceContext.topLevel

    /// Creates a handler for one connection.
    public init(configuration: Configuration) {
        self.configuration = configuration
    }

    public func channelRead(context channelContext: ChannelHandlerContext, data: NIOAny) {
        let part = unwrapInboundIn(data)
        if case .head(let head) = part {
            finishInFlight(errorType: nil)
            start(head)
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
            let handler = NIOLoopBound(self, eventLoop: channelContext.eventLoop)
            written.futureResult.whenComplete { result in
                if case .failure = result { handler.value.inFlight?.statusCode = nil }
                handler.value.finishInFlight(errorType: nil)
            }
        }
    }

    public func channelInactive(context channelContext: ChannelHandlerContext) {
        finishInFlight(errorType: "_OTHER")
        channelContext.fireChannelInactive()
    }

    private func start(_ head: HTTPRequestHead) {
        let method = head.method.rawValue
        let methodAttribute = HTTPRequestMethod.attributeValue(method)
        let route = configuration.routes.route(for: head.uri)
        var parent = ServiceContext.topLevel
        configuration.tracer.extract(head.headers, into: &parent, using: HTTPHeadersExtractor())
        let span = configuration.tracer.startSpan(
            route.map { "\(methodAttribute) \($0)" } ?? methodAttribute, context: parent, ofKind: .server)
        span.updateAttributes { attributes in
            attributes["http.request.method"] = methodAttribute
            if methodAttribute != method { attributes["http.request.method_original"] = method }
            attributes["url.scheme"] = configuration.scheme
            attributes["url.path"] = String(head.uri.prefix { $0 != "?" })
            if let route { attributes["http.route"] = route }
            attributes["network.protocol.version"] = "\(head.version.major).\(head.version.minor)"
            for captured in configuration.headerCapture.requestAttributes(head.headers.map { ($0.name, $0.value) }) {
                if case .stringArray(let values) = captured.value { attributes[captured.key] = values }
            }
        }
        context = span.context
        inFlight = InFlight(
            observation: configuration.metrics.requestStarted(method: method, scheme: configuration.scheme),
            span: span, route: route)
    }

    private func respond(_ head: inout HTTPResponseHead) {
        guard let request = inFlight else { return }
        let status = Int(head.status.code)
        inFlight?.statusCode = status
        request.span.updateAttributes { attributes in
            attributes["http.response.status_code"] = status
            for captured in configuration.headerCapture.responseAttributes(head.headers.map { ($0.name, $0.value) }) {
                if case .stringArray(let values) = captured.value { attributes[captured.key] = values }
            }
        }
        if status >= 500 { request.span.setStatus(SpanStatus(code: .error)) }
        configuration.tracer.inject(request.span.context, into: &head.headers, using: HTTPHeadersInjector())
    }

    private func finishInFlight(errorType: String?) {
        guard let request = inFlight else { return }
        inFlight = nil
        context = .topLevel
        // Recorded in the span's context, so the duration's exemplar links to the request's trace.
        ServiceContext.withValue(request.span.context) {
            request.observation.finish(route: request.route, statusCode: request.statusCode, errorType: errorType)
        }
        if request.statusCode == nil {
            request.span.attributes["error.type"] = errorType ?? "_OTHER"
            request.span.setStatus(SpanStatus(code: .error))
        } else if let errorType = HTTPServerRequestObservation.defaultErrorType(request.statusCode) {
            request.span.attributes["error.type"] = errorType
        }
        request.span.end()
    }
}
