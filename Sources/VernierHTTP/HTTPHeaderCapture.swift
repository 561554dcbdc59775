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

    /// Captures nothing.
    public static let none = HTTPHeaderCapture()

    /// Captures the named headers, compared without case.
    public init(requestHeaders: [String] = [], responseHeaders: [String] = []) {
        self.requestHeaders = Self.allowed(requestHeaders)
        self.responseHeaders = Self.allowed(responseHeaders)
    }

    /// The attributes for the captured request headers among `headers` (name, value pairs in any case).
    public func requestAttributes(_ headers: [(name: String, value: String)]) -> [Attribute] {
        attributes(headers, capturing: requestHeaders, prefix: "http.request.header.")
    }

    /// The attributes for the captured response headers among `headers`.
    public func responseAttributes(_ headers: [(name: String, value: String)]) -> [Attribute] {
        attributes(headers, capturing: responseHeaders, prefix: "http.response.header.")
    }

    /// One string-array attribute per captured header, holding every value it had, in order.
    private func attributes(_ headers: [(name: String, value: String)], capturing names: Set<String>, prefix: String) -> [Attribute] {
        guard !names.isEmpty else { return [] }
        var values: [String: [String]] = [:]
        var order: [String] = []
        for (name, value) in headers {
            let lowered = name.lowercased()
            guard names.contains(lowered) else { continue }
            if values[lowered] == nil { order.append(lowered) }
            values[lowered, default: []].append(value)
        }
        return order.map { Attribute(key: prefix + $0, value: .stringArray(values[$0] ?? [])) }
    }

    private static func allowed(_ names: [String]) -> Set<String> {
        Set(names.map { $0.lowercased() }).subtracting(neverCaptured)
    }
}
