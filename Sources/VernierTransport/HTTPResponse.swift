/// The answer to a request: its status and body, and how many attempts it took.
public struct HTTPResponse: Sendable, Equatable {
    /// The HTTP status code, such as 200 or 503.
    public var status: Int
    /// The response body, up to `HTTPTransport.Configuration.maximumResponseBodySize` bytes.
    public var body: [UInt8]
    /// Whether the body was longer than `HTTPTransport.Configuration.maximumResponseBodySize`, so `body` is
    /// only its beginning.
    public var isTruncated: Bool
    /// The `Content-Type` header, if the server sent one.
    public var contentType: String?
    /// The wait the server asked for in `Retry-After`, if it sent one that could be read.
    public var retryAfter: Duration?
    /// How many attempts the transport made, the one that got this response included.
    public var attempts: Int
    /// The response's header and trailer fields by lowercased name (the last of a name wins), such as gRPC's
    /// `grpc-status`, which a server sends in the trailers.
    public var fields: [String: String]

    /// Creates a response.
    public init(
        status: Int, body: [UInt8] = [], isTruncated: Bool = false, contentType: String? = nil, retryAfter: Duration? = nil,
        attempts: Int = 1, fields: [String: String] = [:]
    ) {
        self.fields = fields
        self.status = status
        self.body = body
        self.isTruncated = isTruncated
        self.contentType = contentType
        self.retryAfter = retryAfter
        self.attempts = attempts
    }

    /// Whether the status is 2xx.
    public var isSuccess: Bool { (200..<300).contains(status) }

    /// The body as UTF-8 text, with invalid bytes replaced, for log lines.
    public var bodyText: String { String(decoding: body, as: UTF8.self) }
}
