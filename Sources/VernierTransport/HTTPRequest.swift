/// One HTTP request for a transport to deliver: an export's POST with its body, or a scrape's GET.
///
/// The transport knows nothing of the body's format; exporters encode it and name it in `Content-Type`.
public struct HTTPRequest: Sendable, Equatable {
    /// The request method.
    public enum Method: Sendable, Equatable {
        /// Sends `body`: exports.
        case post
        /// Sends `body` to replace what the URL names: a Pushgateway group.
        case put
        /// Sends no body and accepts a gzip-compressed answer, which the transport decompresses: scrapes.
        case get
        /// Sends no body and removes what the URL names: a Pushgateway group.
        case delete
    }

    /// The HTTP version a request may use.
    public enum Version: Sendable, Equatable {
        /// What libcurl chooses: HTTP/1.1 for `http://`, HTTP/2 when the server offers it over `https://`.
        case automatic
        /// HTTP/2 only, as gRPC needs: with prior knowledge over `http://`, negotiated by ALPN over `https://`.
        case http2
    }

    /// The request method; POST unless said otherwise.
    public var method: Method
    /// The HTTP version; `.automatic` unless said otherwise.
    public var version: Version = .automatic
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
        self.init(method: .post, url: url, headers: headers, body: body)
    }

    /// Creates a GET request.
    public static func get(_ url: String, headers: [(name: String, value: String)] = []) -> HTTPRequest {
        HTTPRequest(method: .get, url: url, headers: headers)
    }

    /// Creates a request of any method; `body` is sent by POST and PUT only.
    public init(method: Method, url: String, headers: [(name: String, value: String)] = [], body: [UInt8] = []) {
        self.method = method
        self.url = url
        self.headers = headers
        self.body = body
    }

    public static func == (lhs: HTTPRequest, rhs: HTTPRequest) -> Bool {
        lhs.method == rhs.method && lhs.url == rhs.url && lhs.body == rhs.body
            && lhs.headers.map(\.name) == rhs.headers.map(\.name) && lhs.headers.map(\.value) == rhs.headers.map(\.value)
    }
}

extension HTTPRequest {
    /// Whether `url` is an `http://` or `https://` URL with a host (and a numeric port, if any): the URLs the
    /// transport can send to, and the only ones a configuration accepts.
    package static func isHTTPURL(_ url: String) -> Bool {
        let text = url[...]
        guard let separator = text.firstRange(of: "://"), ["http", "https"].contains(text[..<separator.lowerBound].lowercased()),
              !text.contains(where: { $0.isWhitespace })
        else { return false }
        let authorityEnd = text[separator.upperBound...].firstIndex { "/?#".contains($0) } ?? text.endIndex
        var hostAndPort = text[separator.upperBound..<authorityEnd]
        if let at = hostAndPort.lastIndex(of: "@") { hostAndPort = hostAndPort[hostAndPort.index(after: at)...] }
        let portStart = hostAndPort.hasPrefix("[")
            ? hostAndPort.firstIndex(of: "]").map { hostAndPort.index(after: $0) }
            : hostAndPort.firstIndex(of: ":") ?? hostAndPort.endIndex
        guard let portStart, portStart > hostAndPort.startIndex else { return false }
        let port = hostAndPort[portStart...]
        return port.isEmpty || (port.first == ":" && port.count > 1 && port.dropFirst().allSatisfy { ("0"..."9").contains($0) })
    }
}
