import Vernier
import VernierTransport

/// Sends one shard's batches over its own connection until the store accepts or rejects them.
///
/// 5xx, 429, timeouts and failed connections are retried without end, with exponential backoff from the
/// configured minimum to the maximum and the store's `Retry-After` honoured: a batch is never given up
/// while the store may still take it. Any other 4xx is final: the batch is dropped and counted, and the
/// store's answer logged (rate-limited), escaped and cut, with the URL's credentials masked.
struct BatchDelivery: Sendable {
    /// How a batch left the shard.
    enum Outcome: Equatable {
        /// The store accepted it.
        case delivered
        /// The store rejected it for good; it was counted as dropped.
        case rejected
        /// Sending stopped because the task was cancelled; the batch is still queued.
        case interrupted
    }

    let transport: HTTPTransport
    let url: String
    let headers: [(name: String, value: String)]
    let policy: RetryPolicy
    let requestTimeout: Duration
    let metrics: RemoteWriteSelfMetrics
    let statistics: DeliveryStatistics

    /// Sends `batch`, retrying as long as the failure may pass.
    func deliver(_ batch: EncodedBatch) async -> Outcome {
        let request = HTTPRequest(url: url, headers: headers, body: batch.body)
        let clock = ContinuousClock()
        let start = clock.now
        var attempts = 0
        while !Task.isCancelled {
            let earlierAttempts = attempts
            do {
                let response = try await transport.send(request, policy: policy, timeout: requestTimeout)
                attempts += response.attempts
                count(batch, attempts: response.attempts, after: earlierAttempts, succeeded: true)
                let seconds = (clock.now - start).seconds
                metrics.recordDelivered(batch, seconds: seconds, statusCode: response.status, at: .now)
                statistics.recordDelivered(samples: batch.sampleCount, firstAttemptSeconds: attempts == 1 ? seconds : nil)
                return .delivered
            } catch {
                attempts += error.attempts
                count(batch, attempts: error.attempts, after: earlierAttempts, succeeded: false)
                switch error.kind {
                case .cancelled, .shutDown:
                    return .interrupted
                case .httpStatus(let status) where !policy.retryableStatuses.contains(status):
                    reject(batch, after: (clock.now - start).seconds, statusCode: status,
                           because: "the store answered \(status): \(Diagnostics.sanitized(error.response?.bodyText ?? ""))")
                    return .rejected
                case .invalidRequest:
                    reject(batch, after: (clock.now - start).seconds, statusCode: nil, because: error.message)
                    return .rejected
                case .httpStatus, .connectionFailed, .timedOut:
                    Diagnostics.report(.warning, "remote write to \(URLCredentials.masked(url)) failed, retrying: \(error)", key: "remote-write.retry." + url)
                    let wait = (policy.honoursRetryAfter ? error.response?.retryAfter : nil) ?? policy.backoff(beforeRetry: max(1, attempts))
                    do {
                        try await Task.sleep(for: wait)
                    } catch {
                        return .interrupted
                    }
                }
            }
        }
        return .interrupted
    }

    /// Counts the failed attempts of one `send`, and as retries every attempt but the batch's very first.
    private func count(_ batch: EncodedBatch, attempts: Int, after earlierAttempts: Int, succeeded: Bool) {
        let retries = max(0, attempts - (earlierAttempts == 0 ? 1 : 0))
        let failed = succeeded ? attempts - 1 : attempts
        metrics.recordRetried(samples: batch.sampleCount * retries)
        statistics.recordFailed(attempts: failed)
    }

    private func reject(_ batch: EncodedBatch, after seconds: Double, statusCode: Int?, because reason: String) {
        metrics.recordRejected(batch, seconds: seconds, statusCode: statusCode)
        Diagnostics.report(.error, "remote write to \(URLCredentials.masked(url)) dropped \(batch.sampleCount) samples: \(reason)",
                           key: "remote-write.rejected." + url)
    }
}
