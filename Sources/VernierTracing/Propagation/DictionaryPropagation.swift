import Instrumentation

/// Reads propagation headers from a `[String: String]` of header names and values, ignoring the names' case.
public struct DictionaryExtractor: Extractor {
    /// Creates the extractor.
    public init() {}

    public func extract(key: String, from carrier: [String: String]) -> String? {
        if let exact = carrier[key] { return exact }
        return carrier.first { $0.key.lowercased() == key }?.value
    }
}

/// Writes propagation headers into a `[String: String]`, replacing a header of the same name in any case.
public struct DictionaryInjector: Injector {
    /// Creates the injector.
    public init() {}

    public func inject(_ value: String, forKey key: String, into carrier: inout [String: String]) {
        for existing in carrier.keys where existing != key && existing.lowercased() == key {
            carrier.removeValue(forKey: existing)
        }
        carrier[key] = value
    }
}
