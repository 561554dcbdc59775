import VernierPrometheus
import Testing

@Suite("Prometheus text format 0.0.4")
struct PrometheusTextParsingTests {
    @Test("counter keeps the TYPE line's name, with timestamps and _created")
    func counter() throws {
        let families = try parse("""
            # HELP http_requests_total The total number of HTTP requests.
            # TYPE http_requests_total counter
            http_requests_total{method="post",code="200"} 1027 1395066363000
            http_requests_total{method="post",code="400"}    3 -1395066363000
            http_requests_created{method="post",code="200"} 1395066000.5

            """, as: .prometheusText)
        #expect(families == [
            ScrapedFamily(
                name: "http_requests_total",
                type: .counter,
                help: "The total number of HTTP requests.",
                series: [
                    ScrapedSeries(
                        labels: [label("method", "post"), label("code", "200")],
                        value: .number(1027),
                        timestampMilliseconds: 1_395_066_363_000,
                        createdSeconds: 1_395_066_000.5
                    ),
                    ScrapedSeries(
                        labels: [label("method", "post"), label("code", "400")],
                        value: .number(3),
                        timestampMilliseconds: -1_395_066_363_000
                    ),
                ]
            ),
        ])
    }

    @Test("counter declared without _total accepts _total and _created samples")
    func counterWithSuffixedSamples() throws {
        let families = try parse("""
            # TYPE jobs counter
            jobs_total 5
            jobs_created 17.25

            """, as: .prometheusText)
        #expect(families == [
            ScrapedFamily(name: "jobs", type: .counter, series: [
                ScrapedSeries(labels: [], value: .number(5), createdSeconds: 17.25),
            ]),
        ])
    }

    @Test("gauge, untyped, and samples without TYPE")
    func gaugeAndUntyped() throws {
        let families = try parse("""
            # TYPE temperature gauge
            temperature{room="kitchen"} 21.5
            temperature{room="hall"} -3e-1
            # TYPE legacy untyped
            legacy 1
            metric_without_timestamp_and_labels 12.47
            # HELP documented Only a HELP line.
            documented 7

            """, as: .prometheusText)
        #expect(families.map(\.name) == ["temperature", "legacy", "metric_without_timestamp_and_labels", "documented"])
        #expect(families.map(\.type) == [.gauge, .unknown, .unknown, .unknown])
        #expect(families[0].series.map(\.value) == [.number(21.5), .number(-0.3)])
        #expect(families[3].help == "Only a HELP line.")
        #expect(families[3].series.map(\.value) == [.number(7)])
    }

    @Test("histogram with count, sum and _created; le in several float spellings")
    func histogram() throws {
        let families = try parse("""
            # HELP http_request_duration_seconds A histogram of the request duration.
            # TYPE http_request_duration_seconds histogram
            http_request_duration_seconds_bucket{path="/a",le="1e-3"} 2
            http_request_duration_seconds_bucket{path="/a",le="0.05"} 24054
            http_request_duration_seconds_bucket{path="/a",le="1"} 33444
            http_request_duration_seconds_bucket{path="/a",le="2.5"} 100392
            http_request_duration_seconds_bucket{path="/a",le="+Inf"} 144320
            http_request_duration_seconds_sum{path="/a"} 53423
            http_request_duration_seconds_count{path="/a"} 144320
            http_request_duration_seconds_created{path="/a"} 1700000000

            """, as: .prometheusText)
        let family = try #require(families.first)
        #expect(family.type == .histogram)
        #expect(family.series.count == 1)
        let series = try #require(family.series.first)
        #expect(series.labels == [label("path", "/a")])
        #expect(series.createdSeconds == 1_700_000_000)
        #expect(series.value == .histogram(ScrapedHistogram(
            buckets: [
                ScrapedBucket(upperBound: 0.001, cumulativeCount: 2),
                ScrapedBucket(upperBound: 0.05, cumulativeCount: 24054),
                ScrapedBucket(upperBound: 1, cumulativeCount: 33444),
                ScrapedBucket(upperBound: 2.5, cumulativeCount: 100_392),
                ScrapedBucket(upperBound: .infinity, cumulativeCount: 144_320),
            ],
            count: 144_320,
            sum: 53423
        )))
    }

    @Test("samples of one series may be spread over the family")
    func samplesGroupedByName() throws {
        let families = try parse("""
            # TYPE rpc summary
            rpc_count{service="a"} 10
            rpc_count{service="b"} 20
            rpc_sum{service="a"} 1.5
            rpc_sum{service="b"} 2.5

            """, as: .prometheusText)
        let series = try #require(families.first?.series)
        #expect(series.map(\.labels) == [[label("service", "a")], [label("service", "b")]])
        #expect(series.map(\.value) == [
            .summary(ScrapedSummary(quantiles: [], count: 10, sum: 1.5)),
            .summary(ScrapedSummary(quantiles: [], count: 20, sum: 2.5)),
        ])
    }

    @Test("summary keeps quantiles in body order")
    func summary() throws {
        let families = try parse("""
            # TYPE rpc_duration_seconds summary
            rpc_duration_seconds{quantile="0.99"} 0.4
            rpc_duration_seconds{quantile="0.5"} 0.1
            rpc_duration_seconds{quantile="1.0"} NaN
            rpc_duration_seconds_sum 17.5
            rpc_duration_seconds_count 2693
            rpc_duration_seconds_created 1.5e9

            """, as: .prometheusText)
        let series = try #require(families.first?.series.first)
        let summary = try #require(series.value.summary)
        #expect(summary.quantiles.map(\.quantile) == [0.99, 0.5, 1])
        #expect(summary.quantiles.map(\.value).prefix(2) == [0.4, 0.1])
        #expect(summary.quantiles[2].value.isNaN)
        #expect(summary.count == 2693)
        #expect(summary.sum == 17.5)
        #expect(series.createdSeconds == 1.5e9)
    }

    @Test("label value and HELP escaping")
    func escaping() throws {
        let families = try parse(#"""
            # HELP msdos_file_access_time_seconds Path like C:\\DIR,\nsecond line, \"quoted\" and \t kept.
            msdos_file_access_time_seconds{path="C:\\DIR\\FILE.TXT",error="Cannot find file:\n\"FILE.TXT\"",raw="a\tb"} 1.458255915e9

            """#, as: .prometheusText)
        let family = try #require(families.first)
        #expect(family.help == "Path like C:\\DIR,\nsecond line, \\\"quoted\\\" and \\t kept.")
        #expect(family.series.first?.labels == [
            label("path", "C:\\DIR\\FILE.TXT"),
            label("error", "Cannot find file:\n\"FILE.TXT\""),
            label("raw", "a\\tb"),
        ])
        #expect(family.series.first?.value == .number(1_458_255_915))
    }

    @Test("blanks, tabs, comments, blank lines and a missing final line feed")
    func whitespaceAndComments() throws {
        let families = try parse(
            "\n  # a comment\n#no space is a comment too\n\t# TYPE  spaced \t gauge  \n"
                + "spaced { a = \"1\" ,\tb=\"2\", } \t 4 \t 1000 \n\n"
                + "spaced{a=\"2\"}5",
            as: .prometheusText
        )
        #expect(families == [
            ScrapedFamily(name: "spaced", type: .gauge, series: [
                ScrapedSeries(labels: [label("a", "1"), label("b", "2")], value: .number(4), timestampMilliseconds: 1000),
                ScrapedSeries(labels: [label("a", "2")], value: .number(5)),
            ]),
        ])
    }

    @Test("special and Go-style float values", arguments: [
        ("NaN", Double.nan), ("nan", .nan), ("+Inf", .infinity), ("-Inf", -.infinity), ("Inf", .infinity),
        ("+infinity", .infinity), ("1e3", 1000), ("-1.5E-2", -0.015), (".5", 0.5), ("5.", 5), ("+7", 7),
        ("0000000000000000000000000000001.2e-1", 0.12), ("123456789012345678901234567890", 1.2345678901234568e29),
        ("9007199254740993", 9_007_199_254_740_992), ("0.1", 0.1), ("1e-400", 0),
    ])
    func floatValues(text: String, expected: Double) throws {
        let value = try #require(parse("x \(text)\n", as: .prometheusText).first?.series.first?.value.number)
        if expected.isNaN {
            #expect(value.isNaN)
        } else {
            #expect(value == expected)
        }
    }

    @Test("the example of the exposition format documentation")
    func documentationExample() throws {
        let families = try parse(#"""
            # HELP http_requests_total The total number of HTTP requests.
            # TYPE http_requests_total counter
            http_requests_total{method="post",code="200"} 1027 1395066363000
            http_requests_total{method="post",code="400"}    3 1395066363000

            # Escaping in label values:
            msdos_file_access_time_seconds{path="C:\\DIR\\FILE.TXT",error="Cannot find file:\n\"FILE.TXT\""} 1.458255915e9

            # Minimalistic line:
            metric_without_timestamp_and_labels 12.47

            # A weird metric from before the epoch:
            something_weird{problem="division by zero"} +Inf -3982045

            # A histogram, which has a pretty complex representation in the text format:
            # HELP http_request_duration_seconds A histogram of the request duration.
            # TYPE http_request_duration_seconds histogram
            http_request_duration_seconds_bucket{le="0.05"} 24054
            http_request_duration_seconds_bucket{le="0.1"} 33444
            http_request_duration_seconds_bucket{le="0.2"} 100392
            http_request_duration_seconds_bucket{le="0.5"} 129389
            http_request_duration_seconds_bucket{le="1"} 133988
            http_request_duration_seconds_bucket{le="+Inf"} 144320
            http_request_duration_seconds_sum 53423
            http_request_duration_seconds_count 144320

            # Finally a summary, which has a complex representation, too:
            # HELP telemetry_requests_metrics_latency_microseconds A summary of the response latency.
            # TYPE telemetry_requests_metrics_latency_microseconds summary
            telemetry_requests_metrics_latency_microseconds{quantile="0.01"} 3102
            telemetry_requests_metrics_latency_microseconds{quantile="0.05"} 3272
            telemetry_requests_metrics_latency_microseconds{quantile="0.5"} 4773
            telemetry_requests_metrics_latency_microseconds{quantile="0.9"} 9001
            telemetry_requests_metrics_latency_microseconds{quantile="0.99"} 76656
            telemetry_requests_metrics_latency_microseconds_sum 1.7560473e+07
            telemetry_requests_metrics_latency_microseconds_count 2693

            """#, as: .prometheusText)
        #expect(families.map(\.name) == [
            "http_requests_total", "msdos_file_access_time_seconds", "metric_without_timestamp_and_labels",
            "something_weird", "http_request_duration_seconds", "telemetry_requests_metrics_latency_microseconds",
        ])
        #expect(families.map(\.type) == [.counter, .unknown, .unknown, .unknown, .histogram, .summary])
        #expect(families[3].series.first?.timestampMilliseconds == -3_982_045)
        #expect(families[4].series.first?.value.histogram?.buckets.count == 6)
        #expect(families[5].series.first?.value.summary?.sum == 17_560_473)
    }

    @Test("OpenMetrics-only syntax is not accepted")
    func noExemplars() {
        let failure = parseFailure(Array("# TYPE c counter\nc_total 1 # {a=\"b\"} 1\n".utf8), as: .prometheusText)
        #expect(failure?.reason.contains("timestamp") == true)
        #expect(parseFailure(Array("# TYPE i info\n".utf8), as: .prometheusText)?.reason == "unknown metric type 'info'")
    }
}
