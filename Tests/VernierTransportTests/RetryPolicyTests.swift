import Testing
@testable import VernierTransport

@Suite struct RetryPolicyTests {
    @Test func backoffGrowsExponentiallyUpToTheCap() {
        let policy = RetryPolicy(retryableStatuses: [503], initialBackoff: .milliseconds(100), maximumBackoff: .seconds(1), jitter: 0)
        #expect(policy.backoff(beforeRetry: 1) == .milliseconds(100))
        #expect(policy.backoff(beforeRetry: 2) == .milliseconds(200))
        #expect(policy.backoff(beforeRetry: 4) == .milliseconds(800))
        #expect(policy.backoff(beforeRetry: 5) == .seconds(1))
        #expect(policy.backoff(beforeRetry: 500) == .seconds(1))
    }

    @Test func jitterOnlyShortensTheWaitWithinItsFraction() {
        let policy = RetryPolicy(retryableStatuses: [503], initialBackoff: .seconds(1), jitter: 0.5)
        let waits = (0..<200).map { _ in policy.backoff(beforeRetry: 1) }
        #expect(waits.allSatisfy { $0 >= .milliseconds(500) && $0 <= .seconds(1) })
        #expect(Set(waits).count > 1)
    }

    @Test func otlpRetriesOnlyTheStatusesTheSpecificationNames() {
        #expect(RetryPolicy.otlp.retryableStatuses == [429, 502, 503, 504])
        #expect(RetryPolicy.otlp.retriesConnectionFailures)
        #expect(RetryPolicy.none.maximumAttempts == 1)
    }
}
