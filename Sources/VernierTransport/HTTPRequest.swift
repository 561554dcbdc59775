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
