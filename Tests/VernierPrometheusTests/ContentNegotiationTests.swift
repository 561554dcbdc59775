import CZlib
import Testing
import VernierPrometheus

@Suite("Content negotiation and compression")
struct ContentNegotiationTests {
    @Test("formats chosen from Accept", arguments: [
        ("application/openmetrics-text;version=1.0.0,application/openmetrics-text;version=0.0.1;q=0.75,text/plain;version=0.0.4;q=0.5,*/*;q=0.1", ExpositionFormat.openMetrics),
        ("text/plain;version=0.0.4;q=0.9,application/openmetrics-text;version=1.0.0;q=0.5", .prometheusText),
        ("application/openmetrics-text; version=2.0.0, text/plain", .prometheusText),
        ("application/vnd.google.protobuf;proto=io.prometheus.client.MetricFamily;encoding=delimited", .protobuf),
        // Prometheus with native histograms enabled.
        ("application/vnd.google.protobuf;proto=io.prometheus.client.MetricFamily;encoding=delimited;q=0.7,text/plain;version=0.0.4;q=0.3,*/*;q=0.2", .protobuf),
        ("application/openmetrics-text;version=1.0.0;q=0.9,application/vnd.google.protobuf;proto=io.prometheus.client.MetricFamily;encoding=delimited;q=0.5", .openMetrics),
        ("application/vnd.google.protobuf;proto=io.prometheus.client.MetricFamily;encoding=text", .prometheusText),
        ("application/vnd.google.protobuf;proto=io.prometheus.client.Other;encoding=delimited, text/plain;q=0.5", .prometheusText),
        ("Application/OpenMetrics-Text", .openMetrics),
        ("application/openmetrics-text;q=0, */*", .prometheusText),
        ("", .prometheusText),
    ])
    func formats(accept: String, expected: ExpositionFormat) {
        #expect(ContentNegotiation.format(accept: accept) == expected)
    }

    @Test func missingAcceptMeansText() {
        #expect(ContentNegotiation.format(accept: nil) == .prometheusText)
    }

    @Test func gzipOnlyWhenAccepted() {
        #expect(ContentNegotiation.acceptsGzip(acceptEncoding: "gzip"))
        #expect(ContentNegotiation.acceptsGzip(acceptEncoding: "deflate, gzip;q=0.5"))
        #expect(!ContentNegotiation.acceptsGzip(acceptEncoding: "gzip;q=0"))
        #expect(!ContentNegotiation.acceptsGzip(acceptEncoding: "identity"))
        #expect(!ContentNegotiation.acceptsGzip(acceptEncoding: nil))
    }

    @Test func gzipRoundTrips() throws {
        let original = Array(String(repeating: "http_requests_total{code=\"200\"} 1027\n", count: 200).utf8)
        let compressed = try GzipEncoder.encode(original)
        #expect(compressed.count < original.count / 10)
        #expect(Array(compressed.prefix(2)) == [0x1F, 0x8B])
        #expect(Self.gunzip(compressed, expectedSize: original.count) == original)
    }

    static func gunzip(_ bytes: [UInt8], expectedSize: Int) -> [UInt8] {
        var stream = z_stream()
        guard inflateInit2_(&stream, 15 + 16, ZLIB_VERSION, Int32(MemoryLayout<z_stream>.size)) == Z_OK else { return [] }
        defer { inflateEnd(&stream) }
        var input = bytes
        var output = [UInt8](repeating: 0, count: expectedSize + 64)
        let status = input.withUnsafeMutableBufferPointer { source in
            output.withUnsafeMutableBufferPointer { destination in
                stream.next_in = source.baseAddress
                stream.avail_in = UInt32(source.count)
                stream.next_out = destination.baseAddress
                stream.avail_out = UInt32(destination.count)
                return inflate(&stream, Z_FINISH)
            }
        }
        guard status == Z_STREAM_END else { return [] }
        return Array(output.prefix(Int(stream.total_out)))
    }
}
