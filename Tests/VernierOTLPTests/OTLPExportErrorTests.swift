import Testing
import Vernier
import VernierOTLP
import VernierTransport

@Suite struct OTLPExportErrorTests {
    private func rejection(_ body: String, message: String = "http://127.0.0.1:4318/v1/metrics answered 400") -> OTLPExportError {
        .transport(TransportError(kind: .httpStatus(400), attempts: 1, response: HTTPResponse(status: 400, body: Array(body.utf8)), message: message))
    }

    @Test func theCollectorsAnswerIsEscapedOnOneLine() {
        let description = rejection("bad\n2026-01-01 vernier error: forged\u{1B}[31m\r").description
        #expect(description == #"OTLP export failed: http://127.0.0.1:4318/v1/metrics answered 400 (1 attempt): bad\n2026-01-01 vernier error: forged\u{1B}[31m\r"#)
    }

    @Test func aLongAnswerIsCutAndSaysHowMuchWasLeftOut() {
        let description = rejection(String(repeating: "y", count: 10_000)).description
        #expect(description.hasSuffix(String(repeating: "y", count: 512) + "… [9488 more characters]"))
    }

    @Test func registeredSecretsAndURLCredentialsAreMaskedEvenWhenTheCollectorEchoesThem() {
        _ = OTLPMetricExporter(configuration: OTLPExporterConfiguration(headers: [("x-api-key", "zq-otlp-error-key")]))
        let description = rejection("echo:\nx-api-key: zq-otlp-error-key", message: "gopher://u:zq-pw@collector answered 400").description
        #expect(description == #"OTLP export failed: gopher://****@collector answered 400 (1 attempt): echo:\nx-api-key: ****"#)
    }
}
