import Vernier
import VernierTransport

/// Typed reads of environment variables. A value that cannot be used is reported once, in one line that names
/// the variable, quotes the value (URL credentials and registered secrets masked, control characters escaped)
/// and says what is used instead: the code's value.
struct EnvironmentVariables {
    let environment: [String: String]
    let warn: (String) -> Void

    init(_ environment: [String: String], warn: @escaping (String) -> Void) {
        self.environment = environment
        self.warn = warn
    }

    /// The value with surrounding whitespace removed, or nil when unset or empty.
    func text(_ name: String) -> String? {
        guard let value = environment[name]?[...].trimmingSpaces, !value.isEmpty else { return nil }
        return String(value)
    }

    /// `true` or `false` (any case); nil when unset, or with a warning naming `current`, the value kept.
    func flag(_ name: String, keeping current: Bool) -> Bool? {
        guard let value = text(name) else { return nil }
        switch value.lowercased() {
        case "true": return true
        case "false": return false
        default:
            warn("\(name)=\(Self.quoted(value)) is neither true nor false; keeping \(current)")
            return nil
        }
    }

    /// A whole number in `range`; nil when unset, or with a warning naming `current`, the value kept.
    func integer(_ name: String, in range: ClosedRange<Int>, keeping current: some CustomStringConvertible) -> Int? {
        guard let value = text(name) else { return nil }
        guard let number = Int(value), range.contains(number) else {
            warn("\(name)=\(Self.quoted(value)) is not a whole number from \(range.lowerBound) to \(range.upperBound); keeping \(current)")
            return nil
        }
        return number
    }

    /// An `http://` or `https://` URL with a host; otherwise nil, with a warning that ends with `instead`.
    func httpURL(_ name: String, instead: String) -> String? {
        guard let value = text(name) else { return nil }
        guard HTTPRequest.isHTTPURL(value) else {
            warn("\(name)=\(Self.quoted(value)) is not an http:// or https:// URL with a host; \(instead)")
            return nil
        }
        return value
    }

    /// `value` in quotes as a warning may show it.
    static func quoted(_ value: String) -> String {
        "'" + Diagnostics.sanitized(URLCredentials.masked(value)) + "'"
    }
}
