import Vernier

/// Which request and response headers become span attributes (`http.request.header.<name>`,
/// `http.response.header.<name>`), by name, opt-in.
///
/// Credentials never leave the process: `authorization`, `cookie`, `set-cookie`, `proxy-authorization` and
/// `x-api-key` are never captured, whatever the configuration says.
public struct HTTPHeaderCapture: Sendable, Hashable {
    /// Headers that are never captured.
    public static let neverCaptured: Set<String> = ["authorization", "cookie", "set-cookie", "proxy-authorization", "x-api-key"]

    /// The request headers captured, lowercased, the never-captured ones removed.
    public let requestHeaders: Set<String>
    /// The response headers captured, lowercased, the never-captured ones removed.
    public let responseHeaders: Set<String>
    private let requestKeys: [CapturedHeader]
    private let responseKeys: [CapturedHeader]

    /// A captured header's lowercased name and the attribute key it becomes.
    private struct CapturedHeader: Sendable, Hashable {
        let name: String
        let key: String
    }

    /// Captures nothing.
    public static let none = HTTPHeaderCapture()

    /// Captures the named headers, compared without case.
    public init(requestHeaders: [String] = [], responseHeaders: [String] = []) {
        self.requestHeaders = Self.allowed(requestHeaders)
        self.responseHeaders = Self.allowed(responseHeaders)
        requestKeys = self.requestHeaders.sorted().map { CapturedHeader(name: $0, key: "http.request.header." + $0) }
        responseKeys = self.responseHeaders.sorted().map { CapturedHeader(name: $0, key: "http.response.header." + $0) }
    }

    /// The attributes for the captured request headers, in name order. `values` answers every value of one header,
    /// named in lowercase and compared without case, in the order they came; only captured names are asked for,
    /// so the request's other headers cost nothing.
    public func requestAttributes(values: (_ name: String) -> [String]) -> [Attribute] {
        attributes(requestKeys, values: values)
    }

    /// The attributes for the captured response headers, asking `values` as `requestAttributes(values:)` does.
    public func responseAttributes(values: (_ name: String) -> [String]) -> [Attribute] {
        attributes(responseKeys, values: values)
    }

    /// One string-array attribute per captured header that is present, holding every value it had.
    private func attributes(_ captured: [CapturedHeader], values: (String) -> [String]) -> [Attribute] {
        captured.compactMap { header in
            let found = values(header.name)
            return found.isEmpty ? nil : Attribute(key: header.key, value: .stringArray(found))
        }
    }

    private static func allowed(_ names: [String]) -> Set<String> {
        Set(names.map { $0.lowercased() }).subtracting(neverCaptured)
    }
}
