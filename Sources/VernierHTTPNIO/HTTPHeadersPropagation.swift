import Instrumentation
import NIOHTTP1

/// Reads propagation headers such as `traceparent` from SwiftNIO `HTTPHeaders`, ignoring the names' case.
public struct HTTPHeadersExtractor: Extractor {
    /// Creates the extractor.
    public init() {}

    /// The header's values joined by commas, as HTTP list headers like `tracestate` may arrive in several fields.
    public func extract(key: String, from carrier: HTTPHeaders) -> String? {
        let values = carrier[key]
        return values.isEmpty ? nil : values.joined(separator: ",")
    }
}

/// Writes propagation headers into SwiftNIO `HTTPHeaders`, replacing any of the same name.
public struct HTTPHeadersInjector: Injector {
    /// Creates the injector.
    public init() {}

    public func inject(_ value: String, forKey key: String, into carrier: inout HTTPHeaders) {
        carrier.replaceOrAdd(name: key, value: value)
    }
}
