import Testing
@testable import VernierTransport

@Suite struct HTTPTransportTests {
    private let transport = HTTPTransport(configuration: .init(userAgent: "Vernier/test", connectTimeout: .seconds(2)))

    @Test func refusesHeadersThatCouldInjectLines() async {
        let request = HTTPRequest(url: "http://127.0.0.1:9/", headers: [("X-Key", "a\r\nX-Other: b")], body: [1])
        let error = await #expect(throws: TransportError.self) {
            try await transport.send(request, policy: .otlp, timeout: .seconds(1))
        }
        #expect(error?.kind == .invalidRequest)
        #expect(error?.attempts == 0)
        #expect(error?.message.contains("X-Other") == false)
    }

    @Test func retriesARefusedConnectionUntilThePolicyGivesUp() async throws {
        let port = try #require(LocalSocket.closedPort())
        let policy = RetryPolicy(retryableStatuses: [], maximumAttempts: 3, initialBackoff: .milliseconds(10), jitter: 0)
        let error = await #expect(throws: TransportError.self) {
            try await transport.send(HTTPRequest(url: "http://127.0.0.1:\(port)/v1/metrics", body: [1]), policy: policy, timeout: .seconds(30))
        }
        #expect(error?.kind == .connectionFailed)
        #expect(error?.attempts == 3)
    }

    @Test func doesNotRetryARefusedConnectionWhenThePolicySaysNot() async throws {
        let port = try #require(LocalSocket.closedPort())
        let error = await #expect(throws: TransportError.self) {
            try await transport.send(HTTPRequest(url: "http://127.0.0.1:\(port)/", body: []), policy: .none, timeout: .seconds(5))
        }
        #expect(error?.kind == .connectionFailed)
        #expect(error?.attempts == 1)
    }

    @Test func givesUpOnASilentServerAtTheTimeout() async throws {
        let silent = try #require(LocalSocket())
        let clock = ContinuousClock()
        let start = clock.now
        let error = await #expect(throws: TransportError.self) {
            try await transport.send(HTTPRequest(url: "http://127.0.0.1:\(silent.port)/", body: [1, 2, 3]), policy: .otlp, timeout: .milliseconds(700))
        }
        let elapsed = clock.now - start
        #expect(error?.kind == .timedOut)
        // The upper bound is loose: a loaded machine may be slow to resume the test, never to give up.
        #expect(elapsed >= .milliseconds(600) && elapsed < .seconds(10))
    }

    @Test func cancellingTheTaskAbortsAnAttemptInProgress() async throws {
        let silent = try #require(LocalSocket())
        let clock = ContinuousClock()
        let start = clock.now
        let task = Task {
            try await transport.send(HTTPRequest(url: "http://127.0.0.1:\(silent.port)/", body: [1]), policy: .otlp, timeout: .seconds(30))
        }
        try await Task.sleep(for: .milliseconds(300))
        task.cancel()
        let result = await task.result
        #expect((clock.now - start) < .seconds(15), "the 30 s request was not abandoned")
        #expect(throws: TransportError.self) { try result.get() }
        if case .failure(let error as TransportError) = result {
            #expect(error.kind == .cancelled)
        }
    }

    @Test func refusesToSendAfterShutdown() async {
        let transport = HTTPTransport(configuration: .init(userAgent: "Vernier/test"))
        await transport.shutdown()
        let error = await #expect(throws: TransportError.self) {
            try await transport.send(HTTPRequest(url: "http://127.0.0.1:9/", body: []), policy: .none, timeout: .seconds(1))
        }
        #expect(error?.kind == .shutDown)
    }
}

@Suite struct CredentialRedactionTests {
    @Test func onlyHTTPAndHTTPSURLsWithAHostAreUsable() {
        for url in ["http://collector", "https://u:p@collector:4318/v1/metrics", "HTTP://[::1]:9090/x", "http://127.0.0.1?x=1"] {
            #expect(HTTPRequest.isHTTPURL(url), "\(url)")
        }
        for url in ["not-a-url", "collector:4318", "http://", "http:///path", "http://:80/", "ftp://collector", "http://host:port/",
                    "http://host:/", "http://[::1/", "http://col lector/", "gopher://user:secret@host"] {
            #expect(!HTTPRequest.isHTTPURL(url), "\(url)")
        }
    }

    @Test func errorMessagesCarryNoCredentials() async throws {
        let port = try #require(LocalSocket.closedPort())
        let transport = HTTPTransport(configuration: .init(userAgent: "Vernier/test"))
        let error = await #expect(throws: TransportError.self) {
            try await transport.send(HTTPRequest(url: "http://user:hunter2@127.0.0.1:\(port)/", body: [1]), policy: .none, timeout: .milliseconds(1))
        }
        #expect(error?.description.contains("hunter2") == false)
    }
}
