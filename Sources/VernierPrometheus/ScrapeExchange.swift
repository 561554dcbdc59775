/// An HTTP request as the scrape handler needs it, whatever server received it.
public struct ScrapeRequest: Sendable {
    /// The method, such as `GET`.
    public var method: String
    /// The request target, such as `/metrics` or `/metrics?x=1`.
    public var path: String
    /// The header fields in order; names compare case-insensitively.
    public var headers: [(name: String, value: String)]

    /// Creates a request.
    public init(method: String, path: String, headers: [(name: String, value: String)] = []) {
        self.method = method
        self.path = path
        self.headers = headers
    }

    /// The first value of a header field, compared case-insensitively.
    public func header(_ name: String) -> String? {
        let wanted = name.lowercased()
        return headers.first { $0.name.lowercased() == wanted }?.value
    }
}

/// The answer to a scrape request: a status, header fields (including `Content-Length`) and a body.
public struct ScrapeResponse: Sendable {
    /// The HTTP status code.
    public var status: Int
    /// The header fields to send.
    public var headers: [(name: String, value: String)]
    /// The body; empty for `HEAD`, whose `Content-Length` still gives the `GET` body's size.
    public var body: [UInt8]

    /// Creates a response.
    public init(status: Int, headers: [(name: String, value: String)], body: [UInt8]) {
        self.status = status
        self.headers = headers
        self.body = body
    }

    /// A plain-text response, such as an error message.
    public static func text(_ status: Int, _ message: String, extraHeaders: [(name: String, value: String)] = []) -> ScrapeResponse {
        let body = Array((message + "\n").utf8)
        return ScrapeResponse(
            status: status,
            headers: [("Content-Type", "text/plain; charset=utf-8"), ("Content-Length", String(body.count))] + extraHeaders,
            body: body
        )
    }
}
