import Hummingbird
import ServiceContextModule

/// Writes the response body inside the request's `ServiceContext`.
///
/// `MetricsMiddleware` records the request duration once the body is written, after `TracingMiddleware` has
/// left the span's context; written inside it, the duration keeps the span's trace id as its exemplar. Place
/// it between the two: inside `TracingMiddleware`, outside `MetricsMiddleware`.
struct SpanContextMiddleware<Context: RequestContext>: RouterMiddleware {
    func handle(_ request: Request, context: Context, next: (Request, Context) async throws -> Response) async throws -> Response {
        var response = try await next(request, context)
        guard let serviceContext = ServiceContext.current else { return response }
        let body = response.body
        response.body = ResponseBody(contentLength: body.contentLength) { writer in
            try await ServiceContext.withValue(serviceContext) { try await body.write(writer) }
        }
        return response
    }
}
