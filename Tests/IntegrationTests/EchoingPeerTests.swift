import Foundation
import Testing
import Vernier
import VernierBootstrap
import VernierOTLP
import VernierRemoteWrite
import VernierTesting

/// A collector or store that echoes the request's headers in its answer and puts line breaks and terminal
/// escape sequences in it: no log line and no error description may show a credential, break the line, or
/// carry the forged text other than escaped.
@Suite("Log lines when a peer echoes credentials and forges lines", .serialized)
struct EchoingPeerTests {
    /// What a hostile peer appends to its answer: a fake log line and an ANSI colour change.
    static let forged = "\n2026-01-01 vernier error: forged\u{1B}[31m"
    /// The same text as a log line must show it.
    static let forgedEscaped = #"\n2026-01-01 vernier error: forged\u{1B}[31m"#

    /// Whether `line` contains a control character: a line break, an escape, anything a terminal acts on.
    private func hasControlCharacters(_ line: String) -> Bool {
        line.unicodeScalars.contains { $0.properties.generalCategory == .control }
    }

    /// Expects every one of `lines` to be a single line without `secrets`, showing the forged text only escaped.
    private func expectSafe(_ lines: [String], secrets: [String], sourceLocation: SourceLocation = #_sourceLocation) {
        for line in lines {
            for secret in secrets {
                #expect(!line.contains(secret), "a secret in: \(line)", sourceLocation: sourceLocation)
            }
            #expect(!hasControlCharacters(line), "a control character in: \(line.debugDescription)", sourceLocation: sourceLocation)
            if line.contains("forged") {
                #expect(line.contains(Self.forgedEscaped), "forged text not escaped in: \(line)", sourceLocation: sourceLocation)
            }
        }
    }

    @Test(.enabled(if: OTLPReceiver.python != nil, "python3 with opentelemetry-proto is not installed (make test installs it)"))
    func anOTLPCollectorCannotLeakTheHeadersOrForgeLines() async throws {
        let receiver = try await OTLPReceiver.start()
        defer { receiver.stop() }
        try await receiver.script([
            ["status": 400, "body": "bad request" + Self.forged, "echo_headers": true],
            ["status": 500, "body": "internal error" + Self.forged, "echo_headers": true],
            ["status": 200, "rejected": 1, "message": "too old" + Self.forged, "echo_headers": true],
            ["status": 400, "body": "still bad" + Self.forged, "echo_headers": true],
        ])
        let capture = DiagnosticsRecorder()
        capture.captureDiagnostics(rateLimited: false)
        let resolved = VernierConfiguration(metrics: .init(exporters: [.otlp])).applyingEnvironment([
            "OTEL_EXPORTER_OTLP_ENDPOINT": "http://otlp-user:url-pa55word@127.0.0.1:\(receiver.port)",
            "OTEL_EXPORTER_OTLP_HEADERS": "authorization=Bearer%20s3cr3t-token",
        ])
        let exporter = OTLPMetricExporter(configuration: resolved.metrics.otlp)
        let periodic = PeriodicMetricReader(exporter: exporter, interval: .seconds(3600))
        let pull = PullMetricReader()
        let provider = MeterProvider(resource: Resource(serviceName: "echo"), readers: [periodic, pull])
        try provider.meter("echo").counter("echo.requests").add(1)

        await periodic.forceFlush()  // 400: the reader logs the export error
        await periodic.forceFlush()  // 500: likewise
        await periodic.forceFlush()  // partial success: the exporter logs the collector's message
        let error = await #expect(throws: OTLPExportError.self) { try await exporter.export(pull.collect()) }
        capture.stopCapturing()
        let lines = capture.lines
        let description = try #require(error).description

        let requests = try await receiver.received()
        try #require(requests.count == 4, "\(receiver.log)")
        #expect(requests.allSatisfy { $0.headers["authorization"] == "Bearer s3cr3t-token" }, "the secret was sent, so an echo could leak it")
        let failures = lines.filter { $0.hasPrefix("metric export failed:") }
        #expect(failures.count == 2, "\(lines)")
        #expect(failures.allSatisfy { $0.contains(Self.forgedEscaped) && $0.contains(#"\nauthorization: ****"#) }, "\(failures)")
        #expect(failures.allSatisfy { $0.contains("http://****@127.0.0.1:\(receiver.port)/v1/metrics answered") }, "\(failures)")
        #expect(lines.contains { $0.contains("rejected 1 data points: too old" + Self.forgedEscaped) && $0.contains(#"\nauthorization: ****"#) },
                "\(lines)")
        #expect(description.contains("still bad" + Self.forgedEscaped) && description.contains(#"\nauthorization: ****"#), "\(description)")
        expectSafe(lines + [description], secrets: ["s3cr3t-token", "url-pa55word"])
    }

    @Test(.enabled(if: ScriptedRemoteWriteReceiver.python != nil, "python3 with cramjam is not installed (pip install cramjam, or make test)"))
    func aRemoteWriteStoreCannotLeakTheCredentialsOrForgeLines() async throws {
        let receiver = try await ScriptedRemoteWriteReceiver.start(answering: [400], reply: "out of order" + Self.forged + "{headers}")
        defer { receiver.stop() }
        let capture = DiagnosticsRecorder()
        capture.captureDiagnostics(rateLimited: false)
        let url = receiver.writeURL.replacingOccurrences(of: "http://", with: "http://rw-user:rw-pa55word@")
        let exporter = RemoteWriteExporter(configuration: RemoteWriteConfiguration(
            url: url, headers: [("X-Api-Key", "rw-api-key-7")], batchSendDeadline: .milliseconds(50), flushTimeout: .seconds(10)))
        try await exporter.export(ShopMetrics().reader.collect())
        try await exporter.forceFlush()
        try await Task.sleep(for: .milliseconds(500))
        await exporter.shutdown()
        capture.stopCapturing()
        let lines = capture.lines

        let basic = Data("rw-user:rw-pa55word".utf8).base64EncodedString()
        let requests = try await receiver.received()
        try #require(requests.count == 1)
        #expect(requests[0].headers["authorization"] == "Basic " + basic, "the URL's credentials were sent, so an echo could leak them")
        #expect(requests[0].headers["x-api-key"] == "rw-api-key-7")
        let dropped = lines.filter { $0.contains("samples: the store answered 400") }
        try #require(dropped.count == 1, "\(lines)")
        #expect(dropped[0].hasPrefix("remote write to http://****@127.0.0.1:"), "\(dropped[0])")
        #expect(dropped[0].contains("out of order" + Self.forgedEscaped), "\(dropped[0])")
        #expect(dropped[0].contains(#"\nAuthorization: Basic ****"#) && dropped[0].contains(#"\nX-Api-Key: ****"#), "\(dropped[0])")
        expectSafe(lines, secrets: ["rw-pa55word", "rw-api-key-7", basic])
    }
}
