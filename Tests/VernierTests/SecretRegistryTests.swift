import Testing
import Vernier
import VernierTesting

/// The registry is process-wide: each test registers values no other test uses.
@Suite struct SecretRegistryTests {
    @Test func aHeaderValueAndTheCredentialAfterItsSchemeAreMasked() {
        SecretRegistry.register(headers: [("Authorization", "Bearer zq-token-4711"), ("X-Api-Key", "zq-key-0815")])
        #expect(SecretRegistry.maskingSecrets(in: "echo: authorization: Bearer zq-token-4711") == "echo: authorization: ****")
        #expect(SecretRegistry.maskingSecrets(in: "token zq-token-4711 is invalid") == "token **** is invalid")
        #expect(SecretRegistry.maskingSecrets(in: "x-api-key=zq-key-0815;") == "x-api-key=****;")
    }

    @Test func valuesTooShortToBeCredentialsAreNotRegistered() {
        SecretRegistry.register("zq!")
        #expect(SecretRegistry.maskingSecrets(in: "zq! stays") == "zq! stays")
    }

    @Test func aURLsPasswordIsMaskedAsWrittenDecodedAndAsTheBasicCredentialsSentForIt() {
        SecretRegistry.register(credentialsIn: "http://zq-user:zq-pass%21word@collector:4318/v1/metrics")
        let basic = "enEtdXNlcjp6cS1wYXNzIXdvcmQ="  // base64 of "zq-user:zq-pass!word"
        #expect(SecretRegistry.maskingSecrets(in: "authorization: Basic \(basic)") == "authorization: Basic ****")
        #expect(SecretRegistry.maskingSecrets(in: "password zq-pass!word, or zq-pass%21word") == "password ****, or ****")
        #expect(SecretRegistry.maskingSecrets(in: "user zq-user") == "user zq-user")
    }

    @Test func diagnosticsMasksAndEscapesEveryLineAsItsLastStep() {
        SecretRegistry.register(headers: [("authorization", "Bearer zq-diagnostics-token")])
        let capture = DiagnosticsRecorder()
        capture.captureDiagnostics()
        Diagnostics.warn("collector said: \n2026-01-01 vernier error: forged\u{1B}[31m authorization: Bearer zq-diagnostics-token"
                         + " via http://zq:zq-url-pass@proxy/x")
        capture.stopCapturing()
        let lines = capture.lines.filter { $0.contains("collector said") }
        #expect(lines == [#"collector said: \n2026-01-01 vernier error: forged\u{1B}[31m authorization: **** via http://****@proxy/x"#])
    }

    @Test func aCutNeverLeavesPartOfASecret() {
        SecretRegistry.register("zq-cut-secret-1234")
        let text = String(repeating: "x", count: 505) + "zq-cut-secret-1234 and more"
        let shown = Diagnostics.sanitized(text)
        #expect(!shown.contains("zq-cut"))
        #expect(shown.hasPrefix(String(repeating: "x", count: 505) + "****"))
    }
}
