import VernierPrometheus
import Testing

@Suite("OpenMetrics 1.0 text")
struct OpenMetricsParsingTests {
    @Test("the complete exposition example of the specification")
    func specificationExample() throws {
        let families = try parse("""
            # TYPE acme_http_router_request_seconds summary
            # UNIT acme_http_router_request_seconds seconds
            # HELP acme_http_router_request_seconds Latency though all of ACME's HTTP request router.
            acme_http_router_request_seconds_sum{path="/api/v1",method="GET"} 9036.32
            acme_http_router_request_seconds_count{path="/api/v1",method="GET"} 807283.0
            acme_http_router_request_seconds_created{path="/api/v1",method="GET"} 1605281325.0
            acme_http_router_request_seconds_sum{path="/api/v2",method="POST"} 479.3
            acme_http_router_request_seconds_count{path="/api/v2",method="POST"} 34.0
            acme_http_router_request_seconds_created{path="/api/v2",method="POST"} 1605281325.0
            # TYPE go_goroutines gauge
            # HELP go_goroutines Number of goroutines that currently exist.
            go_goroutines 69
            # TYPE process_cpu_seconds counter
            # UNIT process_cpu_seconds seconds
            # HELP process_cpu_seconds Total user and system CPU time spent in seconds.
            process_cpu_seconds_total 4.20072246e+06
            # EOF

            """, as: .openMetrics)
        #expect(families == [
            ScrapedFamily(
                name: "acme_http_router_request_seconds",
                type: .summary,
                help: "Latency though all of ACME's HTTP request router.",
                unit: "seconds",
                series: [
                    ScrapedSeries(
                        labels: [label("path", "/api/v1"), label("method", "GET")],
                        value: .summary(ScrapedSummary(quantiles: [], count: 807_283, sum: 9036.32)),
                        createdSeconds: 1_605_281_325
                    ),
                    ScrapedSeries(
                        labels: [label("path", "/api/v2"), label("method", "POST")],
                        value: .summary(ScrapedSummary(quantiles: [], count: 34, sum: 479.3)),
                        createdSeconds: 1_605_281_325
                    ),
                ]
            ),
            ScrapedFamily(
                name: "go_goroutines",
                type: .gauge,
                help: "Number of goroutines that currently exist.",
                series: [ScrapedSeries(labels: [], value: .number(69))]
            ),
            ScrapedFamily(
                name: "process_cpu_seconds",
                type: .counter,
                help: "Total user and system CPU time spent in seconds.",
                unit: "seconds",
                series: [ScrapedSeries(labels: [], value: .number(4_200_722.46))]
            ),
        ])
    }

    /// The examples of the specification's "Metric types" section, one body each.
    static let typeExamples: [String] = [
        "# TYPE foo gauge\nfoo 17.0\n",
        "# TYPE foo gauge\nfoo{a=\"bb\"} 17.0\nfoo{a=\"ccc\"} 17.0\n",
        "# TYPE foo gauge\n",
        "# TYPE foo gauge\nfoo{a=\"b\"} 17.0 1520879607.789\n",
        "# TYPE foo gauge\nfoo 17.0 1520879607.789\n",
        "# TYPE foo counter\nfoo_total 17.0\n",
        "# TYPE foo counter\nfoo_total 17.0 1520879607.789\n",
        "# TYPE foo counter\nfoo_total 17.0\nfoo_created 1520430000.123\n",
        "# TYPE foo counter\nfoo_total 17.0 1520879607.789\nfoo_created 1520430000.123 1520879607.789\n",
        "# TYPE foo stateset\nfoo{foo=\"a\"} 0\nfoo{foo=\"bb\"} 1\nfoo{foo=\"ccc\"} 0\n",
        """
        # TYPE foo stateset
        foo{entity="controller",foo="a"} 1.0
        foo{entity="controller",foo="bb"} 0.0
        foo{entity="controller",foo="ccc"} 0.0
        foo{entity="replica",foo="a"} 1.0
        foo{entity="replica",foo="bb"} 0.0
        foo{entity="replica",foo="ccc"} 1.0

        """,
        "# TYPE foo info\nfoo_info{name=\"pretty name\",version=\"8.2.7\"} 1\n",
        """
        # TYPE foo info
        foo_info{entity="controller",name="pretty name",version="8.2.7"} 1.0
        foo_info{entity="replica",name="prettier name",version="8.1.9"} 1.0

        """,
        "# TYPE foo summary\nfoo_count 17.0\nfoo_sum 324789.3\nfoo_created 1520430000.123\n",
        "# TYPE foo summary\nfoo{quantile=\"0.95\"} 123.7\nfoo{quantile=\"0.99\"} 150.0\n",
        """
        # TYPE foo histogram
        foo_bucket{le="0.0"} 0
        foo_bucket{le="1e-05"} 0
        foo_bucket{le="0.0001"} 5
        foo_bucket{le="0.1"} 8
        foo_bucket{le="1.0"} 10
        foo_bucket{le="10.0"} 11
        foo_bucket{le="100000.0"} 11
        foo_bucket{le="1e+06"} 15
        foo_bucket{le="1e+23"} 16
        foo_bucket{le="1.1e+23"} 17
        foo_bucket{le="+Inf"} 17
        foo_count 17
        foo_sum 324789.3
        foo_created 1520430000.123

        """,
        """
        # TYPE foo histogram
        foo_bucket{le="0.01"} 0
        foo_bucket{le="0.1"} 8 # {} 0.054
        foo_bucket{le="1"} 11 # {trace_id="KOO5S4vxi0o"} 0.67
        foo_bucket{le="10"} 17 # {trace_id="oHg5SJYRHA0"} 9.8 1520879607.789
        foo_bucket{le="+Inf"} 17
        foo_count 17
        foo_sum 324789.3
        foo_created 1520430000.123

        """,
        """
        # TYPE foo gaugehistogram
        foo_bucket{le="0.01"} 20.0
        foo_bucket{le="0.1"} 25.0
        foo_bucket{le="1"} 34.0
        foo_bucket{le="10"} 34.0
        foo_bucket{le="+Inf"} 42.0
        foo_gcount 42.0
        foo_gsum 3289.3

        """,
        "# TYPE foo unknown\nfoo 42.23\n",
        "# TYPE foo_seconds counter\n# UNIT foo_seconds seconds\n# HELP foo_seconds Some text and \\n some \\\" escaping\n",
        "bar_seconds_count{a=\"x\",b=\"escaping\\\" example \\n \"} 0\n",
        "# TYPE foo_seconds summary\n# UNIT foo_seconds seconds\nfoo_seconds_count{a=\"bb\"} 0 123\nfoo_seconds_sum{a=\"bb\"} 0 123\n",
    ]

    @Test("every metric type example of the specification parses", arguments: typeExamples)
    func typeExample(body: String) throws {
        let families = try parse(body + "# EOF\n", as: .openMetrics)
        #expect(families.count == 1)
        #expect(families.first?.name.hasPrefix(body.contains("bar_") ? "bar" : "foo") == true)
    }

    @Test("counter: family named without _total, created time, timestamp in milliseconds, exemplar")
    func counter() throws {
        let families = try parse("""
            # TYPE foo counter
            # HELP foo Requests.
            foo_total{code="200"} 17.0 1520879607.789 # {trace_id="abc",span="\\"x\\""} 1 1520879607.7
            foo_created{code="200"} 1520430000.123 1520879607.789
            # EOF
            """, as: .openMetrics)
        #expect(families == [
            ScrapedFamily(name: "foo", type: .counter, help: "Requests.", series: [
                ScrapedSeries(
                    labels: [label("code", "200")],
                    value: .number(17),
                    timestampMilliseconds: 1_520_879_607_789,
                    createdSeconds: 1_520_430_000.123,
                    exemplars: [
                        ScrapedExemplar(
                            labels: [label("trace_id", "abc"), label("span", "\"x\"")],
                            value: 1,
                            timestampSeconds: 1_520_879_607.7
                        ),
                    ]
                ),
            ]),
        ])
    }

    @Test("histogram bucket exemplars come in bucket order")
    func histogramExemplars() throws {
        let families = try parse("""
            # TYPE foo histogram
            foo_bucket{le="0.01"} 0
            foo_bucket{le="0.1"} 8 # {} 0.054
            foo_bucket{le="1"} 11 # {trace_id="KOO5S4vxi0o"} 0.67
            foo_bucket{le="10"} 17 # {trace_id="oHg5SJYRHA0"} 9.8 1520879607.789
            foo_bucket{le="+Inf"} 17
            foo_count 17
            foo_sum 324789.3
            foo_created 1520430000.123
            # EOF

            """, as: .openMetrics)
        let series = try #require(families.first?.series.first)
        #expect(series.exemplars == [
            ScrapedExemplar(labels: [], value: 0.054),
            ScrapedExemplar(labels: [label("trace_id", "KOO5S4vxi0o")], value: 0.67),
            ScrapedExemplar(labels: [label("trace_id", "oHg5SJYRHA0")], value: 9.8, timestampSeconds: 1_520_879_607.789),
        ])
        #expect(series.value == .histogram(ScrapedHistogram(
            buckets: [
                ScrapedBucket(upperBound: 0.01, cumulativeCount: 0),
                ScrapedBucket(upperBound: 0.1, cumulativeCount: 8),
                ScrapedBucket(upperBound: 1, cumulativeCount: 11),
                ScrapedBucket(upperBound: 10, cumulativeCount: 17),
                ScrapedBucket(upperBound: .infinity, cumulativeCount: 17),
            ],
            count: 17,
            sum: 324_789.3
        )))
        #expect(series.createdSeconds == 1_520_430_000.123)
    }

    @Test("gauge histogram uses _gcount and _gsum")
    func gaugeHistogram() throws {
        let families = try parse("""
            # TYPE queue_wait gaugehistogram
            queue_wait_bucket{le="-1"} 1
            queue_wait_bucket{le="+Inf"} 2 # {id="q"} 3
            queue_wait_gcount 2
            queue_wait_gsum -0.5
            # EOF

            """, as: .openMetrics)
        let family = try #require(families.first)
        #expect(family.type == .gaugeHistogram)
        #expect(family.series.first?.value == .histogram(ScrapedHistogram(
            buckets: [ScrapedBucket(upperBound: -1, cumulativeCount: 1), ScrapedBucket(upperBound: .infinity, cumulativeCount: 2)],
            count: 2,
            sum: -0.5
        )))
        #expect(family.series.first?.exemplars == [ScrapedExemplar(labels: [label("id", "q")], value: 3)])
    }

    @Test("info and stateset keep all labels; info family named without _info")
    func infoAndStateSet() throws {
        let families = try parse("""
            # TYPE build info
            build_info{version="1.2.3",revision="abc"} 1
            # TYPE state stateset
            state{state="ready"} 1
            state{state="failed"} 0
            # EOF

            """, as: .openMetrics)
        #expect(families == [
            ScrapedFamily(name: "build", type: .info, series: [
                ScrapedSeries(labels: [label("version", "1.2.3"), label("revision", "abc")], value: .number(1)),
            ]),
            ScrapedFamily(name: "state", type: .stateSet, series: [
                ScrapedSeries(labels: [label("state", "ready")], value: .number(1)),
                ScrapedSeries(labels: [label("state", "failed")], value: .number(0)),
            ]),
        ])
    }

    @Test("series identity ignores label order")
    func labelOrder() throws {
        let families = try parse("""
            # TYPE h histogram
            h_bucket{a="1",b="2",le="1"} 1
            h_bucket{b="2",le="+Inf",a="1"} 2
            h_count{b="2",a="1"} 2
            h_sum{a="1",b="2"} 1
            # EOF

            """, as: .openMetrics)
        let series = try #require(families.first?.series)
        #expect(series.count == 1)
        #expect(series.first?.labels == [label("a", "1"), label("b", "2")])
        #expect(series.first?.value.histogram?.buckets.count == 2)
    }

    @Test("escapes in label values and HELP; metadata may be empty; no final line feed after EOF")
    func escapingAndEdges() throws {
        let families = try parse(#"""
            # HELP a he\n\\l\"p
            # UNIT a 
            a{foo="b\"a\nr # ",bar="\\"} 1
            # EOF
            """#, as: .openMetrics)
        #expect(families == [
            ScrapedFamily(name: "a", type: .unknown, help: "he\n\\l\"p", series: [
                ScrapedSeries(labels: [label("foo", "b\"a\nr # "), label("bar", "\\")], value: .number(1)),
            ]),
        ])
        #expect(try parse("# EOF", as: .openMetrics) == [])
    }

    @Test("timestamps in seconds are rounded to milliseconds")
    func timestamps() throws {
        let families = try parse("""
            a{n="1"} 1 0.0005
            a{n="2"} 1 -1.5
            a{n="3"} 1 1.5e3
            a{n="4"} 1 000
            # EOF

            """, as: .openMetrics)
        #expect(families.first?.series.map(\.timestampMilliseconds) == [1, -1500, 1_500_000, 0])
    }
}
