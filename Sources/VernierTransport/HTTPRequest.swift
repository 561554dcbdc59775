/// One HTTP POST for a transport to deliver: where, with which headers, and the body bytes.
///
/// The transport knows nothing of the body's format; exporters encode it and name it in `Content-Type`.
public struct HTTPRequest: Sendable, Equatable {
    /// The full URL, such as `http://localhost:4318/v1/metrics`.
    public var url: String
    /// Header fields in order, such as `("Content-Type", "application/x-protobuf")`.
    /// Names and values must not contain line breaks. `User-Agent` and, when compressing, `Content-Encoding`
    /// are added by the transport.
    public var headers: [(name: String, value: String)]
    /// The request body, uncompressed.
    public var body: [UInt8]

    /// Creates a POST request.
    public init(url: String, headers: [(name: String, value: String)] = [], body: [UInt8]) {
        self.url = url
        self.headers = headers
        self.body = body
    }

    public static func == (lhs: HTTPRequest, rhs: HTTPRequest) -> Bool {
        lhs.url == rhs.url && lhs.body == rhs.body
            && lhs.headers.map(\.name) == rhs.headers.map(\.name) && lhs.headers.map(\.value) == rhs.headers.map(\.value)
    }
}

extension HTTPRequest {
    /// `url` without any `user:password@` part, for log lines and error messages.
    public static func redactingCredentials(_ url: String) -> String {
        let parts = url.split(separator: "/", maxSplits: 3, omittingEmptySubsequences: false)
        guard parts.count >= 3, parts[0].hasSuffix(":"), parts[1].isEmpty, let at = parts[2].lastIndex(of: "@") else { return url }
        let host = parts[2][parts[2].index(after: at)...]
        return ([parts[0], parts[1], host] + parts.dropFirst(3)).joined(separator: "/")
    }
}
