import VernierConcurrency
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Where Vernier reports its own problems: dropped measurements, malformed configuration, failed exports.
///
/// The core has no logging dependency, so by default lines go to standard error; `VernierLogging` or the
/// application can install a handler to route them into swift-log. Lines that share a key are rate-limited
/// to one per `interval`, so a hot path that keeps failing cannot flood the log.
///
/// Every line is passed through `sanitized(_:limit:)` before any handler sees it: URL credentials and the
/// values in `SecretRegistry` are masked and control characters escaped, so neither a peer's answer nor a
/// configured value can leak a credential or forge a line.
public enum Diagnostics {
    /// The most characters of one line, escapes included; the rest is cut with a marker.
    public static let lineLimit = 2048

    /// The severity of a diagnostic line.
    public enum Level: String, Sendable {
        case warning
        case error
    }

    /// Receives each diagnostic line that passes the rate limit, already sanitized.
    public typealias Handler = @Sendable (Level, String) -> Void

    /// The handler in place until another is set: one line per report on standard error.
    public static let standardErrorHandler: Handler = { level, message in
        let line = "vernier \(level.rawValue): \(message)\n"
        _ = line.withCString { write(STDERR_FILENO, $0, strlen($0)) }
    }

    /// How long a key stays silent after it was reported, until `setRateLimit(seconds:)` changes it.
    public static let defaultRateLimitSeconds = 60.0

    private struct State {
        var handler: Handler = Diagnostics.standardErrorHandler
        var lastEmitted: [String: UInt64] = [:]
        var interval = UInt64(Diagnostics.defaultRateLimitSeconds * 1e9)
    }

    private static let state = MutexBox(State())

    /// Replaces the handler, for example to send lines to swift-log.
    public static func setHandler(_ handler: @escaping Handler) {
        state.withLock { $0.handler = handler }
    }

    /// Sets how long a key stays silent after it was reported; `defaultRateLimitSeconds` (60 s) by default.
    public static func setRateLimit(seconds: Double) {
        state.withLock { $0.interval = UInt64(max(0, seconds) * 1e9) }
    }

    /// Reports a warning that is not rate-limited, such as a configuration problem found once at start-up.
    public static func warn(_ message: String) {
        emit(.warning, message, key: nil)
    }

    /// Reports a line at most once per rate-limit interval for its key.
    public static func report(_ level: Level, _ message: @autoclosure () -> String, key: String) {
        emit(level, message(), key: key)
    }

    private static func emit(_ level: Level, _ message: @autoclosure () -> String, key: String?) {
        let now = Timestamp.now.nanosecondsSinceEpoch
        let handler: Handler? = state.withLock { state in
            if let key {
                if let last = state.lastEmitted[key], now &- last < state.interval { return nil }
                state.lastEmitted[key] = now
            }
            return state.handler
        }
        handler?(level, sanitized(message(), limit: lineLimit))
    }

    /// `text` as a log line or an error description may show it: the credentials of URLs and every value in
    /// `SecretRegistry` masked, then control characters escaped and the length cut to `limit` (see
    /// `LogEscaping`). Masking comes first, so a cut cannot leave part of a secret behind.
    public static func sanitized(_ text: some StringProtocol, limit: Int = LogEscaping.peerTextLimit) -> String {
        LogEscaping.escaped(SecretRegistry.maskingSecrets(in: URLCredentials.maskingCredentials(in: String(text))), limit: limit)
    }
}
