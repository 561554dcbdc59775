#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
import Vernier
import VernierTransport

/// Typed reads of environment variables, the one place Vernier reads them. A value that cannot be used is reported
/// once, in one line that names the variable, quotes the value (URL credentials and registered secrets masked,
/// control characters escaped) and says what is used instead, usually the code's value; header lists are never
/// quoted, since they carry credentials.
final class EnvironmentVariables {
    private let environment: [String: String]
    private let report: (String) -> Void
    private var reported: Set<String> = []

    init(_ environment: [String: String], warn: @escaping (String) -> Void) {
        self.environment = environment
        self.report = warn
    }

    /// Reports `line`, unless the same line was reported already: variables read for two signals warn once.
    func warn(_ line: String) {
        guard reported.insert(line).inserted else { return }
        report(line)
    }

    /// The value with surrounding whitespace removed, or nil when unset or empty.
    func text(_ name: String) -> String? {
        guard let value = environment[name]?[...].trimmingSpaces, !value.isEmpty else { return nil }
        return String(value)
    }

    /// The names of the set variables that start with `prefix`, sorted.
    func names(startingWith prefix: String) -> [String] {
        environment.keys.filter { $0.hasPrefix(prefix) && text($0) != nil }.sorted()
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

    /// A whole number in `range`, of `unit` when given; nil when unset, or with a warning naming `current`, the
    /// value kept.
    func integer(_ name: String, in range: ClosedRange<Int>, unit: String? = nil, keeping current: some CustomStringConvertible) -> Int? {
        guard let value = text(name) else { return nil }
        guard let number = Int(value), range.contains(number) else {
            let what = unit.map { "a whole number of \($0)" } ?? "a whole number"
            warn("\(name)=\(Self.quoted(value)) is not \(what) from \(range.lowerBound) to \(range.upperBound); keeping \(current)")
            return nil
        }
        return number
    }

    /// A duration in whole milliseconds, from 1 ms to a day, as the OpenTelemetry variables give timeouts and intervals.
    func milliseconds(_ name: String, keeping current: Duration) -> Duration? {
        integer(name, in: 1...86_400_000, unit: "milliseconds", keeping: current).map { .milliseconds($0) }
    }

    /// One of `Option.all` by name (any case); nil when unset, or with a warning listing the names and naming
    /// `current`, the value kept.
    func option<Option: NamedOption>(_ name: String, keeping current: Option) -> Option? {
        guard let value = text(name) else { return nil }
        guard let option = Option.all.first(where: { $0.name == value.lowercased() }) else {
            let known = Option.all.map(\.name).joined(separator: ", ")
            warn("\(name)=\(Self.quoted(value)) is not one of \(known); keeping \(current.name)")
            return nil
        }
        return option
    }

    /// An `http://` or `https://` URL with a host, given `schemeIfNone` when it has no scheme; otherwise nil, with a
    /// warning that ends with `instead`.
    func httpURL(_ name: String, instead: String, schemeIfNone: String? = nil) -> String? {
        guard var value = text(name) else { return nil }
        if let schemeIfNone, !value.contains("://") { value = schemeIfNone + "://" + value }
        guard HTTPRequest.isHTTPURL(value) else {
            warn("\(name)=\(Self.quoted(value)) is not an http:// or https:// URL with a host; \(instead)")
            return nil
        }
        return value
    }

    /// The path of a file this process can read; nil when unset, or with a warning naming `current`, the path kept.
    func readableFile(_ name: String, keeping current: String?) -> String? {
        guard let path = text(name) else { return nil }
        guard access(path, R_OK) == 0 else {
            warn("\(name)=\(Self.quoted(path)) is not a readable file; keeping \(current.map(Self.quoted) ?? "none")")
            return nil
        }
        return path
    }

    /// The percent-decoded pairs of a `key=value,…` list, in order. An entry that is not such a pair is skipped with
    /// a warning that gives its position but not its text: these lists carry credentials.
    func keyValues(_ name: String) -> [(name: String, value: String)] {
        guard let list = text(name) else { return [] }
        var pairs: [(name: String, value: String)] = []
        for (index, entry) in list.split(separator: ",", omittingEmptySubsequences: false).enumerated() {
            let parts = entry.split(separator: "=", maxSplits: 1)
            guard parts.count == 2,
                  let key = PercentDecoding.decode(parts[0].trimmingSpaces), !key.isEmpty,
                  let value = PercentDecoding.decode(parts[1].trimmingSpaces)
            else {
                warn("\(name): ignoring entry \(index + 1), which is not a percent-encoded key=value pair")
                continue
            }
            pairs.append((key, value))
        }
        return pairs
    }

    /// `value` in quotes as a warning may show it.
    static func quoted(_ value: String) -> String {
        "'" + Diagnostics.sanitized(URLCredentials.masked(value)) + "'"
    }
}
