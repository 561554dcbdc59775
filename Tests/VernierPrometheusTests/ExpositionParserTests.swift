import Testing
import Vernier
import VernierPrometheus

@Suite("Exposition parser")
struct ExpositionParserTests {
    private func parse(_ text: String, _ format: ExpositionTextFormat) throws -> [ScrapedFamily] {
        try ExpositionParser(format: format).parse(Array(text.utf8))
    }

    @Test("the text format: every type, escapes, timestamps, untyped samples")
    func textFormat() throws {
        let families = try parse("""
            # HELP http_requests_total Requests \\\\ served\\nby path.
            # TYPE http_requests_total counter
            http_requests_total{path="/a\\"b",code="200"} 1027 1395066363000
            http_requests_total{path="/c",code="500"}\t3

            # A comment
            # TYPE temperature gauge
            temperature -2.5e1
            # TYPE latency_seconds histogram
            latency_seconds_bucket{le="1"} 2
            latency_seconds_bucket{le="0.5"} 1
            latency_seconds_bucket{le="+Inf"} 3
            latency_seconds_sum 2.5
            latency_seconds_count 3
            # TYPE rpc_seconds summary
            rpc_seconds{quantile="0.5"} 0.2
            rpc_seconds_sum 9
            rpc_seconds_count 40
            loose_sample{x="y"} NaN
            """, .prometheusText)
        #expect(families.map(\.name) == ["http_requests_total", "temperature", "latency_seconds", "rpc_seconds", "loose_sample"])
        #expect(families.map(\.type) == [.counter, .gauge, .histogram, .summary, .unknown])
        #expect(families[0].help == "Requests \\ served\nby path.")
        #expect(families[0].series[0].labels == [ScrapedLabel(name: "path", value: "/a\"b"), ScrapedLabel(name: "code", value: "200")])
        #expect(families[0].series[0].value == .number(1027))
        #expect(families[0].series[0].timestampMilliseconds == 1_395_066_363_000)
        #expect(families[1].series[0].value == .number(-25))
        #expect(families[2].series[0].value == .histogram(ScrapedHistogram(
            buckets: [ScrapedBucket(upperBound: 0.5, cumulativeCount: 1), ScrapedBucket(upperBound: 1, cumulativeCount: 2),
                      ScrapedBucket(upperBound: .infinity, cumulativeCount: 3)], count: 3, sum: 2.5)))
        #expect(families[3].series[0].value == .summary(ScrapedSummary(quantiles: [ScrapedQuantile(quantile: 0.5, value: 0.2)], count: 40, sum: 9)))
        guard case .number(let nan) = families[4].series[0].value else { Issue.record("no number"); return }
        #expect(nan.isNaN)
    }

    @Test("OpenMetrics: families without suffixes, UNIT, _created, exemplars, info and stateset")
    func openMetrics() throws {
        let families = try parse("""
            # TYPE orders counter
            # HELP orders Orders \\"taken\\".
            orders_total{shop="a"} 17 # {trace_id="4bf92f3577b34da6a3ce929d0e0e4736",span_id="00f067aa0ba902b7"} 2 1700000000.5
            orders_created{shop="a"} 1700000000.25
            # TYPE request_duration_seconds histogram
            # UNIT request_duration_seconds seconds
            request_duration_seconds_bucket{le="0.1"} 1 # {trace_id="aa"} 0.05
            request_duration_seconds_bucket{le="+Inf"} 4
            request_duration_seconds_count 4
            request_duration_seconds_sum 1.5
            # TYPE build info
            build_info{version="1.2"} 1
            # TYPE state stateset
            state{state="on"} 1
            state{state="off"} 0
            # EOF

            """, .openMetrics)
        #expect(families.map(\.name) == ["orders", "request_duration_seconds", "build", "state"])
        #expect(families[0].help == "Orders \"taken\".")
        let order = families[0].series[0]
        #expect(order.value == .number(17))
        #expect(order.createdSeconds == 1_700_000_000.25)
        #expect(order.exemplars == [ScrapedExemplar(
            labels: [ScrapedLabel(name: "trace_id", value: "4bf92f3577b34da6a3ce929d0e0e4736"), ScrapedLabel(name: "span_id", value: "00f067aa0ba902b7")],
            value: 2, timestampSeconds: 1_700_000_000.5)])
        #expect(families[1].unit == "seconds")
        #expect(families[1].series[0].exemplars.map(\.value) == [0.05])
        #expect(families[2].type == .info && families[2].series[0].value == .number(1))
        #expect(families[3].series.count == 2)
    }

    @Test("bad bodies: a typed error with line, column and reason", arguments: [
        ("a 1\n", ExpositionTextFormat.openMetrics, 2, 1, "missing # EOF"),
        ("# EOF\na 1\n", .openMetrics, 2, 1, "text after # EOF"),
        ("# TYPE a gauge\na{b=\"\\x\"} 1\n# EOF\n", .openMetrics, 2, 6, "invalid escape"),
        ("a{b=\"1\",b=\"2\"} 1\n", .prometheusText, 1, 9, "duplicate label name"),
        ("a{b=\"1\"} 1\na{b=\"1\"} 2\n", .prometheusText, 2, 1, "duplicate series"),
        ("# TYPE h histogram\nh_bucket{le=\"1\"} 1\nh_count 1\n", .prometheusText, 2, 1, "without +Inf bucket"),
        ("# TYPE h histogram\nh_bucket{le=\"1\"} 2\nh_bucket{le=\"+Inf\"} 1\n", .prometheusText, 3, 21, "decrease"),
        ("# TYPE h histogram\nh_bucket{le=\"+Inf\"} 1\nh_bucket{le=\"1\"} 2\n", .prometheusText, 2, 1, "decrease"),
        ("a{b=\"1} 1\n", .prometheusText, 1, 10, "unterminated"),
        ("a 1x\n", .prometheusText, 1, 3, "is not a number"),
        ("a{b=\"1\",c", .prometheusText, 1, 10, "expected '='"),
        ("# TYPE a gauge\na 1\n# TYPE b gauge\nb 1\na 2\n# EOF\n", .openMetrics, 5, 1, "interleaved"),
        ("a 1\n# TYPE a gauge\n", .prometheusText, 2, 1, "after its samples"),
        ("a 1 99999999999999999999\n", .prometheusText, 1, 5, "timestamp out of range"),
        ("# TYPE a counter\na 1\n# EOF\n", .openMetrics, 2, 1, "does not belong to counter"),
        ("# TYPE a_total counter\na_created 1\n", .prometheusText, 2, 1, "without value sample"),
    ])
    func badBodies(body: String, format: ExpositionTextFormat, line: Int, column: Int, reason: String) {
        #expect {
            try parse(body, format)
        } throws: { error in
            guard let error = error as? ExpositionParseError else { return false }
            return error.line == line && error.column == column && error.reason.contains(reason)
        }
    }

    @Test("the text format reads buckets in any order and unknown escapes as written, as Prometheus does")
    func textFormatLeniency() throws {
        let families = try parse("""
            # TYPE h histogram
            h_bucket{le="+Inf"} 3
            h_bucket{le="1"} 2
            h_count 3
            h_sum 2
            a{b="c:\\x"} 1

            """, .prometheusText)
        #expect(families[0].series[0].value == .histogram(ScrapedHistogram(
            buckets: [ScrapedBucket(upperBound: 1, cumulativeCount: 2), ScrapedBucket(upperBound: .infinity, cumulativeCount: 3)],
            count: 3, sum: 2)))
        #expect(families[1].series[0].labels == [ScrapedLabel(name: "b", value: "c:\\x")])
    }

    @Test("invalid UTF-8 in a label value is an error")
    func invalidUTF8() {
        #expect(throws: ExpositionParseError(line: 1, column: 6, reason: "invalid UTF-8")) {
            try ExpositionParser(format: .prometheusText).parse(Array("a{b=\"".utf8) + [0xFF, 0xFE] + Array("\"} 1\n".utf8))
        }
    }

    @Test("the mapping follows the Prometheus receiver: counters without _total, created start times, de-cumulated buckets, units")
    func mapping() throws {
        let families = try parse("""
            # TYPE jobs counter
            jobs_total{q="a"} 5 # {trace_id="4bf92f3577b34da6a3ce929d0e0e4736",span_id="00f067aa0ba902b7",user="x"} 1 1700000000
            jobs_created{q="a"} 1600000000
            # TYPE wait_seconds histogram
            # UNIT wait_seconds seconds
            wait_seconds_bucket{le="1"} 2
            wait_seconds_bucket{le="+Inf"} 5
            wait_seconds_count 5
            wait_seconds_sum 7
            # TYPE g gaugehistogram
            g_bucket{le="+Inf"} 1
            g_gcount 1
            g_gsum 0.5
            # EOF

            """, .openMetrics)
        var startTimes = StartTimeTracker()
        let time = Timestamp(nanosecondsSinceEpoch: 1_700_000_001_000_000_000)
        let mapping = ExpositionMapping().map(families, time: time, startTimes: &startTimes)
        #expect(mapping.metrics.map(\.name) == ["jobs", "wait_seconds"])
        #expect(mapping.droppedSeries == ["g": 1])
        // `_created` lines are start times, not samples, as Prometheus counts `scrape_samples_scraped`.
        #expect(mapping.sampleCount == 8)
        guard case .sum(let sum) = mapping.metrics[0].data, case .histogram(let histogram) = mapping.metrics[1].data else {
            Issue.record("unexpected kinds")
            return
        }
        #expect(sum.isMonotonic && sum.temporality == .cumulative)
        #expect(sum.points[0].startTime == Timestamp(nanosecondsSinceEpoch: 1_600_000_000_000_000_000))
        #expect(sum.points[0].exemplars[0].traceID?.hex == "4bf92f3577b34da6a3ce929d0e0e4736")
        #expect(sum.points[0].exemplars[0].filteredAttributes == ["user": "x"])
        #expect(mapping.metrics[1].unit == "s")
        #expect(histogram.points[0].boundaries == [1] && histogram.points[0].bucketCounts == [2, 3] && histogram.points[0].count == 5)
        #expect(histogram.points[0].startTime == time)
    }
}
