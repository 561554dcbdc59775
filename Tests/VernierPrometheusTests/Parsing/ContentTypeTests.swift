import VernierPrometheus
import Testing

@Suite("Content type")
struct ContentTypeTests {
    @Test("OpenMetrics content types select OpenMetrics", arguments: [
        "application/openmetrics-text; version=1.0.0; charset=utf-8",
        "application/openmetrics-text",
        "  Application/OpenMetrics-Text;version=0.0.1",
    ])
    func openMetrics(contentType: String) {
        #expect(ExpositionTextFormat.format(forContentType: contentType) == .openMetrics)
    }

    @Test("anything else selects the Prometheus text format", arguments: [
        "text/plain; version=0.0.4; charset=utf-8",
        "text/plain",
        "",
        "application/openmetrics-textual",
        "application/json",
    ])
    func prometheusText(contentType: String) {
        #expect(ExpositionTextFormat.format(forContentType: contentType) == .prometheusText)
    }
}
