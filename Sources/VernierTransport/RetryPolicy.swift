#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// When and how long a transport waits before trying a request again; the caller chooses it per request.
///
/// The wait before retry `n` (1-based) is `initialBackoff * multiplier^(n-1)`, capped at `maximumBackoff`,
/// then shortened by a random fraction of up to `jitter` so that many clients do not retry in step.
/// A `Retry-After` from the server replaces the computed wait. Retries stop at `maximumAttempts`, or when
/// the next wait would end after the request's deadline.
public struct RetryPolicy: Sendable, Equatable {
    /// Status codes worth retrying, such as 429 and 503.
    public var retryableStatuses: Set<Int>
    /// Whether a failed connection (refused, reset, TLS failure) is retried.
    public var retriesConnectionFailures: Bool
    /// The most attempts, the first included; at least 1.
    public var maximumAttempts: Int
    /// The wait before the first retry.
    public var initialBackoff: Duration
    /// The longest computed wait.
    public var maximumBackoff: Duration
    /// The growth of the wait per retry.
    public var multiplier: Double
    /// The largest fraction, from 0 to 1, removed at random from each computed wait.
    public var jitter: Double
    /// Whether a server's `Retry-After` replaces the computed wait.
    public var honoursRetryAfter: Bool

    /// Creates a policy.
    public init(
        retryableStatuses: Set<Int>,
        retriesConnectionFailures: Bool = true,
        maximumAttempts: Int = .max,
        initialBackoff: Duration = .seconds(1),
        maximumBackoff: Duration = .seconds(5),
        multiplier: Double = 2,
        jitter: Double = 0.2,
        honoursRetryAfter: Bool = true
    ) {
        self.retryableStatuses = retryableStatuses
        self.retriesConnectionFailures = retriesConnectionFailures
        self.maximumAttempts = max(1, maximumAttempts)
        self.initialBackoff = initialBackoff
        self.maximumBackoff = maximumBackoff
        self.multiplier = max(1, multiplier)
        self.jitter = min(max(jitter, 0), 1)
        self.honoursRetryAfter = honoursRetryAfter
    }

    /// What a response means under this policy: 2xx is accepted, a retryable status retried (after the server's
    /// `Retry-After` when the policy honours it), any other refused.
    public func verdict(on response: HTTPResponse) -> ResponseVerdict {
        if response.isSuccess { return .accepted }
        guard retryableStatuses.contains(response.status) else { return .refused }
        return .retry(after: honoursRetryAfter ? response.retryAfter : nil)
    }

    /// Never retries.
    public static let none = RetryPolicy(retryableStatuses: [], retriesConnectionFailures: false, maximumAttempts: 1)

    /// The OTLP/HTTP rules: retry 429, 502, 503, 504 and connection failures, never other statuses.
    public static let otlp = RetryPolicy(retryableStatuses: [429, 502, 503, 504])

    /// The computed wait before retry `retry` (1 for the first retry), with jitter from `generator`.
    public func backoff(beforeRetry retry: Int, using generator: inout some RandomNumberGenerator) -> Duration {
        let initial = initialBackoff.seconds
        var wait = initial * pow(multiplier, Double(max(0, retry - 1)))
        wait = min(wait, maximumBackoff.seconds)
        if jitter > 0 {
            wait *= 1 - Double.random(in: 0...jitter, using: &generator)
        }
        return .nanoseconds(Int64((max(0, wait) * 1e9).rounded()))
    }

    /// The computed wait before retry `retry`, with system randomness.
    public func backoff(beforeRetry retry: Int) -> Duration {
        var generator = SystemRandomNumberGenerator()
        return backoff(beforeRetry: retry, using: &generator)
    }
}

extension Duration {
    /// The duration in seconds as a fraction, for rates and the `Double` seconds of instruments.
    package var seconds: Double {
        let (seconds, attoseconds) = components
        return Double(seconds) + Double(attoseconds) / 1e18
    }
}
