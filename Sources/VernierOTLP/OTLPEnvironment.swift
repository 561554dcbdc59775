#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
import Vernier
import VernierTransport

/// Reads the `OTEL_EXPORTER_OTLP_*` variables for one signal (`METRICS` by default, or `TRACES`), warning once
/// about each malformed one.
///
/// Warnings name the variable, the value (URL credentials masked) and the fallback, never a header value:
/// headers carry API keys.
struct OTLPEnvironment {
    private let environment: [String: String]
    private let signal: String

    init(_ environment: [String: String], signal: String = "METRICS") {
        self.environment = environment
        self.signal = signal
    }

    /// `OTEL_EXPORTER_OTLP_<signal>_<suffix>` when set, else `OTEL_EXPORTER_OTLP_<suffix>`, with the name that was used.
    private func signalValue(_ suffix: String) -> (name: String, value: String)? {
        for name in ["OTEL_EXPORTER_OTLP_\(signal)_" + suffix, "OTEL_EXPORTER_OTLP_" + suffix] {
            if let value = environment[name]?.trimmed, !value.isEmpty { return (name, value) }
        }
        return nil
    }

    func endpoint(default fallback: String) -> String {
        let signalEndpoint = "OTEL_EXPORTER_OTLP_\(signal)_ENDPOINT"
        if let value = environment[signalEndpoint]?.trimmed, !value.isEmpty {
            return HTTPRequest.isHTTPURL(value) ? value : warn(signalEndpoint, "is not an http:// or https:// URL with a host", fallback)
        }
        if let base = environment["OTEL_EXPORTER_OTLP_ENDPOINT"]?.trimmed, !base.isEmpty {
            guard HTTPRequest.isHTTPURL(base) else {
                return warn("OTEL_EXPORTER_OTLP_ENDPOINT", "is not an http:// or https:// URL with a host", fallback)
            }
            return (base.hasSuffix("/") ? base : base + "/") + "v1/" + signal.lowercased()
        }
        return fallback
    }

    /// The general headers, then the signal's headers replacing any of the same name.
    func headers() -> [(name: String, value: String)] {
        var result: [(name: String, value: String)] = []
        for name in ["OTEL_EXPORTER_OTLP_HEADERS", "OTEL_EXPORTER_OTLP_\(signal)_HEADERS"] {
            guard let list = environment[name], !list.trimmed.isEmpty else { continue }
            for (index, entry) in list.split(separator: ",", omittingEmptySubsequences: false).enumerated() {
                let parts = entry.split(separator: "=", maxSplits: 1)
                guard parts.count == 2,
                      let key = PercentDecoding.decode(String(parts[0]).trimmed), !key.isEmpty,
                      let value = PercentDecoding.decode(String(parts[1]).trimmed)
                else {
                    Diagnostics.warn("\(name): ignoring entry \(index + 1), which is not a percent-encoded key=value pair")
                    continue
                }
                result.removeAll { $0.name.lowercased() == key.lowercased() }
                result.append((key, value))
            }
        }
        return result
    }

    func timeout(default fallback: Duration) -> Duration {
        guard let (name, value) = signalValue("TIMEOUT") else { return fallback }
        guard let milliseconds = Int(value), milliseconds > 0 else {
            return warn(name, "is not a positive number of milliseconds", fallback, shown: "\(fallback.milliseconds)")
        }
        return .milliseconds(milliseconds)
    }

    func choice<Choice: RawRepresentable<String>>(_ suffix: String, default fallback: Choice) -> Choice {
        guard let (name, value) = signalValue(suffix) else { return fallback }
        return parse(name, value, default: fallback)
    }

    func metricsChoice<Choice: RawRepresentable<String>>(_ name: String, default fallback: Choice) -> Choice {
        guard let value = environment[name]?.trimmed, !value.isEmpty else { return fallback }
        return parse(name, value, default: fallback)
    }

    func flag(_ name: String, default fallback: Bool) -> Bool {
        guard let value = environment[name]?.trimmed.lowercased(), !value.isEmpty else { return fallback }
        switch value {
        case "true": return true
        case "false": return false
        default: return warn(name, "is not true or false", fallback)
        }
    }

    /// A certificate or key path; one that cannot be read is reported and left out.
    func file(_ suffix: String) -> String? {
        guard let (name, path) = signalValue(suffix) else { return nil }
        guard access(path, R_OK) == 0 else {
            Diagnostics.warn("\(name)='\(Self.shown(path))' is not a readable file; using none")
            return nil
        }
        return path
    }

    private func parse<Choice: RawRepresentable<String>>(_ name: String, _ value: String, default fallback: Choice) -> Choice {
        if let choice = Choice(rawValue: value.lowercased()) { return choice }
        return warn(name, "is not supported", fallback, shown: fallback.rawValue, value: value)
    }

    private func warn<Value>(_ name: String, _ problem: String, _ fallback: Value, shown: String? = nil, value: String? = nil) -> Value {
        let given = value ?? environment[name] ?? ""
        Diagnostics.warn("\(name)='\(Self.shown(given))' \(problem); using \(URLCredentials.masked(shown ?? "\(fallback)"))")
        return fallback
    }

    /// A configured value as a warning quotes it: URL credentials masked, control characters escaped.
    private static func shown(_ value: String) -> String {
        Diagnostics.sanitized(URLCredentials.masked(value))
    }
}

extension String {
    var trimmed: String {
        String(Substring(self).trimmingSpaces)
    }
}

extension Duration {
    var milliseconds: Int64 {
        let (seconds, attoseconds) = components
        return seconds * 1000 + attoseconds / 1_000_000_000_000_000
    }
}
