import Dispatch
import Vernier
import VernierConcurrency

/// Delivers HTTP requests over libcurl, retrying as the caller's policy says: the one place Vernier talks
/// HTTP out. OTLP metrics, OTLP traces and remote-write send through it, and the Prometheus bridge scrapes.
///
/// Each transport keeps one libcurl handle, so consecutive requests reuse a connection, and makes its
/// blocking calls one at a time on a dispatch queue of its own, never on Swift concurrency's cooperative
/// threads: a slow or dead server delays only the exporter awaiting `send`. Proxies come from the
/// environment as curl reads them (`http_proxy`, `https_proxy`, `no_proxy`).
public final class HTTPTransport: Sendable {
    /// How a transport connects; fixed for its lifetime.
    public struct Configuration: Sendable, Equatable {
        /// The `User-Agent` header, such as `Vernier/0.1.0`.
        public var userAgent: String
        /// The longest wait for a connection (TCP and TLS) in one attempt.
        public var connectTimeout: Duration
        /// Certificates to trust and present.
        public var tls: TLSConfiguration
        /// Whether request bodies are gzip-compressed, with `Content-Encoding: gzip`.
        public var gzipsRequests: Bool
        /// The most response-body bytes kept; the rest is read and discarded.
        public var maximumResponseBodySize: Int

        /// Creates a configuration.
        public init(
            userAgent: String,
            connectTimeout: Duration = .seconds(10),
            tls: TLSConfiguration = TLSConfiguration(),
            gzipsRequests: Bool = false,
            maximumResponseBodySize: Int = 64 * 1024
        ) {
            self.userAgent = userAgent
            self.connectTimeout = connectTimeout
            self.tls = tls
            self.gzipsRequests = gzipsRequests
            self.maximumResponseBodySize = maximumResponseBodySize
        }
    }

    /// The configuration the transport was created with.
    public let configuration: Configuration

    private let queue: DispatchQueue
    private let session: MutexBox<CurlSession?>

    /// Creates a transport. Nothing connects until the first `send`.
    public init(configuration: Configuration) {
        self.configuration = configuration
        self.queue = DispatchQueue(label: "vernier.transport")
        self.session = MutexBox(CurlSession(userAgent: configuration.userAgent, tls: configuration.tls))
    }

    /// Sends `request`, retrying under `policy` until a response that needs no retry, the policy gives up,
    /// or `timeout` (for all attempts and waits together) passes.
    ///
    /// Returns the 2xx response. Throws a `TransportError` otherwise: `.httpStatus` with the last response
    /// for any other status, `.connectionFailed`, `.timedOut`, `.cancelled` when the task is cancelled
    /// (also mid-attempt), `.shutDown` after `shutdown()`.
    public func send(_ request: HTTPRequest, policy: RetryPolicy, timeout: Duration) async throws(TransportError) -> HTTPResponse {
        try await send(request, policy: policy, timeout: timeout, verdict: policy.verdict(on:))
    }

    /// Sends `request` as `send(_:policy:timeout:)` does, with `verdict` deciding what each response means, for
    /// protocols that answer inside the HTTP response, such as gRPC's status in the trailers. `policy` still gives
    /// the backoff, the attempts and whether failed connections are retried.
    public func send(
        _ request: HTTPRequest, policy: RetryPolicy, timeout: Duration, verdict: (HTTPResponse) -> ResponseVerdict
    ) async throws(TransportError) -> HTTPResponse {
        let clock = ContinuousClock()
        let deadline = clock.now.advanced(by: timeout)
        let prepared = try prepare(request)
        var attempts = 0
        while true {
            let remaining = clock.now.duration(to: deadline)
            if Task.isCancelled {
                throw TransportError(kind: .cancelled, attempts: attempts, message: "the export was cancelled")
            }
            guard remaining > .zero else {
                throw TransportError(kind: .timedOut, attempts: attempts, message: "no response from \(URLCredentials.masked(request.url)) within \(timeout)")
            }
            attempts += 1
            let failure: TransportError
            let wait: Duration
            switch try await attempt(prepared, limit: remaining) {
            case .response(let status, let body, let isTruncated, let fields):
                let response = HTTPResponse(
                    status: status, body: body, isTruncated: isTruncated, contentType: fields["content-type"],
                    retryAfter: fields["retry-after"].flatMap { RetryAfter.parse($0) }, attempts: attempts, fields: fields)
                let judged = verdict(response)
                if judged == .accepted { return response }
                failure = TransportError(kind: .httpStatus(status), attempts: attempts, response: response,
                                         message: "\(URLCredentials.masked(request.url)) answered \(status)")
                guard case .retry(let after) = judged else { throw failure }
                wait = after ?? policy.backoff(beforeRetry: attempts)
            case .failure(.cancelled, _):
                throw TransportError(kind: .cancelled, attempts: attempts, message: "the export was cancelled")
            case .failure(.timedOut, let message):
                throw TransportError(kind: .timedOut, attempts: attempts, message: "no response from \(URLCredentials.masked(request.url)) within \(timeout): \(message)")
            case .failure(.connection, let message):
                failure = TransportError(kind: .connectionFailed, attempts: attempts, message: message)
                guard policy.retriesConnectionFailures else { throw failure }
                wait = policy.backoff(beforeRetry: attempts)
            }
            guard attempts < policy.maximumAttempts, clock.now.advanced(by: wait) < deadline else { throw failure }
            do {
                try await Task.sleep(for: wait, clock: clock)
            } catch {
                throw TransportError(kind: .cancelled, attempts: attempts, response: failure.response, message: "the export was cancelled")
            }
        }
    }

    /// Releases the libcurl handle after any request in progress; later sends throw `.shutDown`.
    public func shutdown() async {
        await withCheckedContinuation { (continuation: CheckedContinuation<Void, Never>) in
            queue.async {
                self.session.withLock { $0 = nil }
                continuation.resume()
            }
        }
    }

    private struct PreparedRequest: Sendable {
        var method: HTTPRequest.Method
        var version: HTTPRequest.Version
        var url: String
        var headers: [String]
        var body: [UInt8]
    }

    private func prepare(_ request: HTTPRequest) throws(TransportError) -> PreparedRequest {
        var headers: [String] = []
        for (name, value) in request.headers {
            let breaksLines = (name + value).utf8.contains { $0 == UInt8(ascii: "\r") || $0 == UInt8(ascii: "\n") }
            guard !name.isEmpty, !breaksLines, !name.contains(":") else {
                throw TransportError(kind: .invalidRequest, attempts: 0, message: "header '\(name)' has an invalid name or a line break in its value")
            }
            headers.append("\(name): \(value)")
        }
        var body = request.body
        if configuration.gzipsRequests, request.method == .post {
            guard let compressed = Gzip.compress(body) else {
                throw TransportError(kind: .invalidRequest, attempts: 0, message: "gzip compression failed")
            }
            body = compressed
            headers.append("Content-Encoding: gzip")
        }
        return PreparedRequest(method: request.method, version: request.version, url: request.url, headers: headers, body: body)
    }

    private func attempt(_ request: PreparedRequest, limit: Duration) async throws(TransportError) -> CurlSession.Attempt {
        let limits = CurlSession.Limits(
            connectTimeout: configuration.connectTimeout,
            totalTimeout: limit,
            maximumResponseBodySize: configuration.maximumResponseBodySize
        )
        let cancellation = CancellationFlag()
        let outcome: CurlSession.Attempt? = await withTaskCancellationHandler {
            await withCheckedContinuation { continuation in
                queue.async {
                    let session = self.session.withLock { $0 }
                    continuation.resume(returning: session?.perform(
                        request.method, version: request.version, url: request.url, headers: request.headers, body: request.body,
                        limits: limits, cancellation: cancellation
                    ))
                }
            }
        } onCancel: {
            cancellation.set()
        }
        guard let outcome else {
            throw TransportError(kind: .shutDown, attempts: 0, message: "the transport was shut down")
        }
        return outcome
    }
}
