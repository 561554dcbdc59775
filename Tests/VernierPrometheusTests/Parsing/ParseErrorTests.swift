import VernierPrometheus
import Testing

/// A body that must not parse, with where and why.
struct BadInput: Sendable, CustomTestStringConvertible {
    let name: String
    let format: ExpositionTextFormat
    let body: [UInt8]
    let line: Int
    let column: Int
    let reason: String

    init(_ name: String, _ format: ExpositionTextFormat, _ body: String, line: Int, column: Int, reason: String) {
        self.init(name, format, bytes: Array(body.utf8), line: line, column: column, reason: reason)
    }

    init(_ name: String, _ format: ExpositionTextFormat, bytes: [UInt8], line: Int, column: Int, reason: String) {
        self.name = name
        self.format = format
        self.body = bytes
        self.line = line
        self.column = column
        self.reason = reason
    }

    var testDescription: String { "\(format): \(name)" }
}

@Suite("Parse errors")
struct ParseErrorTests {
    static let openMetricsInputs: [BadInput] = [
        BadInput("missing EOF", .openMetrics, "# TYPE a gauge\na 1\n", line: 3, column: 1, reason: "missing # EOF"),
        BadInput("missing EOF after an unterminated line", .openMetrics, "a 1", line: 1, column: 4, reason: "missing # EOF"),
        BadInput("empty body", .openMetrics, "", line: 1, column: 1, reason: "missing # EOF"),
        BadInput("text after EOF", .openMetrics, "a 1\n# EOF\nextra\n", line: 3, column: 1, reason: "text after # EOF"),
        BadInput("text glued to EOF", .openMetrics, "a 1\n# EOFextra", line: 2, column: 6, reason: "text after # EOF"),
        BadInput("bad escape", .openMetrics, #"a{b="x\ty"} 1\#n# EOF\#n"#, line: 1, column: 7, reason: #"invalid escape sequence '\t'"#),
        BadInput("bad escape in HELP", .openMetrics, "# HELP a x\\y\n# EOF\n", line: 1, column: 11, reason: "invalid escape sequence"),
        BadInput(
            "invalid UTF-8 in a label value", .openMetrics,
            bytes: Array(#"a{b=""#.utf8) + [0xC3, 0x28] + Array(#""} 1\#n# EOF\#n"#.utf8),
            line: 1, column: 6, reason: "invalid UTF-8"
        ),
        BadInput(
            "invalid UTF-8 in HELP", .openMetrics,
            bytes: Array("# HELP a x".utf8) + [0xFF] + Array("\n# EOF\n".utf8),
            line: 1, column: 11, reason: "invalid UTF-8"
        ),
        BadInput(
            "UTF-8 surrogate in a metric name position", .openMetrics,
            bytes: Array("a 1\n".utf8) + [0xED, 0xA0, 0x80] + Array(" 1\n# EOF\n".utf8),
            line: 2, column: 1, reason: "invalid UTF-8"
        ),
        BadInput("duplicate label", .openMetrics, "a{b=\"1\",b=\"2\"} 1\n# EOF\n", line: 1, column: 9, reason: "duplicate label name 'b'"),
        BadInput("duplicate exemplar label", .openMetrics, "# TYPE c counter\nc_total 1 # {x=\"1\",x=\"2\"} 1\n# EOF\n", line: 2, column: 20, reason: "duplicate label name 'x'"),
        BadInput("duplicate series", .openMetrics, "a{b=\"1\"} 1\na{b=\"1\"} 2\n# EOF\n", line: 2, column: 1, reason: "duplicate series a{b=\"1\"}"),
        BadInput("interleaved series", .openMetrics, "a{b=\"1\"} 1\na{b=\"2\"} 1\na{b=\"1\"} 2\n# EOF\n", line: 3, column: 1, reason: "series a{b=\"1\"} is interleaved"),
        BadInput(
            "histogram without +Inf", .openMetrics,
            "# TYPE h histogram\nh_bucket{path=\"/x\",le=\"1\"} 0\nh_count{path=\"/x\"} 0\nh_sum{path=\"/x\"} 0\n# EOF\n",
            line: 2, column: 1, reason: "histogram without +Inf bucket in series h{path=\"/x\"}"
        ),
        BadInput("decreasing buckets", .openMetrics, "# TYPE h histogram\nh_bucket{le=\"1\"} 5\nh_bucket{le=\"2\"} 3\n# EOF\n", line: 3, column: 18, reason: "histogram bucket counts decrease"),
        BadInput("buckets out of order", .openMetrics, "# TYPE h histogram\nh_bucket{le=\"2\"} 1\nh_bucket{le=\"1\"} 1\n# EOF\n", line: 3, column: 14, reason: "not in ascending order of le"),
        BadInput("bucket without le", .openMetrics, "# TYPE h histogram\nh_bucket 1\n# EOF\n", line: 2, column: 1, reason: "histogram bucket without le label"),
        BadInput(
            "count not matching +Inf", .openMetrics,
            "# TYPE h histogram\nh_bucket{le=\"+Inf\"} 3\nh_count 4\nh_sum 1\n# EOF\n",
            line: 3, column: 9, reason: "_count does not match the +Inf bucket count"
        ),
        BadInput("unterminated quote", .openMetrics, "a{b=\"abc} 1\n# EOF\n", line: 1, column: 12, reason: "unterminated label value"),
        BadInput("value not a number", .openMetrics, "a 1x\n# EOF\n", line: 1, column: 3, reason: "value is not a number: '1x'"),
        BadInput("truncated in a label value", .openMetrics, "# TYPE a gauge\na{b=\"val", line: 2, column: 9, reason: "unterminated label value"),
        BadInput("truncated in a label name", .openMetrics, "# TYPE a gauge\na{lab", line: 2, column: 6, reason: "expected '=' after the label name, found the end of the body"),
        BadInput("interleaved family", .openMetrics, "# TYPE a gauge\na 1\n# TYPE b gauge\nb 1\na 2\n# EOF\n", line: 5, column: 1, reason: "metric family 'a' is interleaved with another family"),
        BadInput("TYPE after samples", .openMetrics, "a 1\n# TYPE a gauge\n# EOF\n", line: 2, column: 1, reason: "# TYPE for metric family 'a' after its samples"),
        BadInput("duplicate TYPE", .openMetrics, "# TYPE a gauge\n# TYPE a gauge\n# EOF\n", line: 2, column: 1, reason: "duplicate # TYPE for metric family 'a'"),
        BadInput("clashing families", .openMetrics, "# TYPE a_created gauge\n# TYPE a counter\n# EOF\n", line: 2, column: 1, reason: "clashes with metric family 'a_created'"),
        BadInput("blank line", .openMetrics, "a 1\n\n# EOF\n", line: 2, column: 1, reason: "blank lines are not allowed"),
        BadInput("two spaces", .openMetrics, "a  1\n# EOF\n", line: 1, column: 3, reason: "expected a value, found a space"),
        BadInput("trailing space", .openMetrics, "a 1 \n# EOF\n", line: 1, column: 5, reason: "expected a timestamp, found a line feed"),
        BadInput("other comment", .openMetrics, "# just a comment\n# EOF\n", line: 1, column: 3, reason: "expected HELP, TYPE, UNIT or EOF"),
        BadInput("counter without _total", .openMetrics, "# TYPE c counter\nc_created 1\n# EOF\n", line: 2, column: 1, reason: "counter without _total sample in series c"),
        BadInput("bare counter sample", .openMetrics, "# TYPE c counter\nc 1\n# EOF\n", line: 2, column: 1, reason: "does not belong to counter metric family 'c'"),
        BadInput("negative counter", .openMetrics, "# TYPE c counter\nc_total -1\n# EOF\n", line: 2, column: 9, reason: "counter value must not be negative"),
        BadInput("exemplar on a gauge", .openMetrics, "# TYPE g gauge\ng 1 # {a=\"b\"} 1\n# EOF\n", line: 2, column: 5, reason: "exemplars are only allowed"),
        BadInput(
            "exemplar labels too long", .openMetrics,
            "# TYPE c counter\nc_total 1 # {id=\"\(String(repeating: "x", count: 127))\"} 1\n# EOF\n",
            line: 2, column: 11, reason: "exemplar labels exceed 128 UTF-8 characters"
        ),
        BadInput("unit not a suffix", .openMetrics, "# TYPE a gauge\n# UNIT a seconds\n# EOF\n", line: 2, column: 10, reason: "unit 'seconds' is not a suffix"),
        BadInput("timestamp out of range", .openMetrics, "a 1 1e17\n# EOF\n", line: 1, column: 5, reason: "timestamp out of range"),
        BadInput("timestamp not finite", .openMetrics, "a 1 +Inf\n# EOF\n", line: 1, column: 5, reason: "timestamp is not a finite number"),
        BadInput("quantile outside 0...1", .openMetrics, "# TYPE s summary\ns{quantile=\"1.5\"} 1\n# EOF\n", line: 2, column: 13, reason: "quantile must be between 0 and 1"),
        BadInput("info value", .openMetrics, "# TYPE i info\ni_info{v=\"1\"} 2\n# EOF\n", line: 2, column: 15, reason: "info value must be 1"),
        BadInput("stateset without state label", .openMetrics, "# TYPE s stateset\ns{x=\"1\"} 1\n# EOF\n", line: 2, column: 1, reason: "stateset sample without a label named 's'"),
        BadInput("trailing comma", .openMetrics, "a{b=\"1\",} 1\n# EOF\n", line: 1, column: 9, reason: "expected a label name, found '}'"),
    ]

    static let prometheusTextInputs: [BadInput] = [
        BadInput(
            "invalid UTF-8 in a comment", .prometheusText,
            bytes: Array("# comment ".utf8) + [0xFE] + Array("\nfoo 1\n".utf8),
            line: 1, column: 11, reason: "invalid UTF-8"
        ),
        BadInput(
            "invalid UTF-8 in a label value", .prometheusText,
            bytes: Array("foo 1\nfoo{a=\"".utf8) + [0xE2, 0x82] + Array("\"} 1\n".utf8),
            line: 2, column: 8, reason: "invalid UTF-8"
        ),
        BadInput(
            "invalid UTF-8 in a value", .prometheusText,
            bytes: Array("foo 1".utf8) + [0xC0, 0xAF] + Array("\n".utf8),
            line: 1, column: 6, reason: "invalid UTF-8"
        ),
        BadInput("duplicate label", .prometheusText, "foo{a=\"1\", a=\"2\"} 1\n", line: 1, column: 12, reason: "duplicate label name 'a'"),
        BadInput("duplicate series", .prometheusText, "foo{a=\"1\"} 1\nfoo{a=\"2\"} 1\nfoo{a=\"1\"} 2\n", line: 3, column: 1, reason: "duplicate series foo{a=\"1\"}"),
        BadInput("duplicate series in another label order", .prometheusText, "foo{a=\"1\",b=\"2\"} 1\nfoo{b=\"2\",a=\"1\"} 2\n", line: 2, column: 1, reason: "duplicate series foo{b=\"2\",a=\"1\"}"),
        BadInput("duplicate counter value", .prometheusText, "# TYPE c counter\nc 1\nc_total 2\n", line: 3, column: 1, reason: "duplicate series c_total"),
        BadInput(
            "histogram without +Inf", .prometheusText,
            "# TYPE h histogram\nh_bucket{le=\"1\"} 0\nh_sum 0\nh_count 0\n",
            line: 2, column: 1, reason: "histogram without +Inf bucket in series h"
        ),
        BadInput("decreasing buckets", .prometheusText, "# TYPE h histogram\nh_bucket{le=\"1\"} 5\nh_bucket{le=\"+Inf\"} 3\n", line: 3, column: 21, reason: "histogram bucket counts decrease"),
        BadInput("duplicate bucket", .prometheusText, "# TYPE h histogram\nh_bucket{le=\"1\"} 5\nh_bucket{le=\"1.0\"} 5\n", line: 3, column: 1, reason: "duplicate series h_bucket{le=\"1.0\"}"),
        BadInput("le not a number", .prometheusText, "# TYPE h histogram\nh_bucket{le=\"big\"} 5\n", line: 2, column: 14, reason: "le value is not a number: 'big'"),
        BadInput("unterminated quote", .prometheusText, "foo{a=\"b} 1\n", line: 1, column: 12, reason: "unterminated label value"),
        BadInput("value not a number", .prometheusText, "foo bar\n", line: 1, column: 5, reason: "value is not a number: 'bar'"),
        BadInput("missing value", .prometheusText, "foo{a=\"b\"}\n", line: 1, column: 11, reason: "expected a value, found a line feed"),
        BadInput("truncated in a label value", .prometheusText, "foo 1\nfoo{a=\"b", line: 2, column: 9, reason: "unterminated label value"),
        BadInput("truncated after a label name", .prometheusText, "foo{a", line: 1, column: 6, reason: "expected '=' after the label name, found the end of the body"),
        BadInput("interleaved family", .prometheusText, "a 1\nb 1\na 2\n", line: 3, column: 1, reason: "metric family 'a' is interleaved with another family"),
        BadInput("TYPE after samples", .prometheusText, "foo 1\n# TYPE foo gauge\n", line: 2, column: 1, reason: "# TYPE for metric family 'foo' after its samples"),
        BadInput("duplicate HELP", .prometheusText, "# HELP foo a\n# HELP foo b\n", line: 2, column: 1, reason: "duplicate # HELP for metric family 'foo'"),
        BadInput("timestamp out of range", .prometheusText, "foo 1 9223372036854775808\n", line: 1, column: 7, reason: "timestamp out of range"),
        BadInput("timestamp not an integer", .prometheusText, "foo 1 1.5\n", line: 1, column: 7, reason: "timestamp is not an integer number of milliseconds: '1.5'"),
        BadInput("unknown type", .prometheusText, "# TYPE foo gaugehistogram\n", line: 1, column: 12, reason: "unknown metric type 'gaugehistogram'"),
        BadInput("TYPE without type", .prometheusText, "# TYPE foo \n", line: 1, column: 12, reason: "expected a metric type, found a line feed"),
        BadInput("bad metric name", .prometheusText, "  foo-bar 1\n", line: 1, column: 6, reason: "expected whitespace or '{' after the metric name, found '-'"),
        BadInput("missing comma", .prometheusText, "foo{a=\"1\" b=\"2\"} 1\n", line: 1, column: 11, reason: "expected ',' or '}' after the label value, found 'b'"),
        BadInput("extra token", .prometheusText, "foo 1 2 3\n", line: 1, column: 9, reason: "expected a line feed after the sample, found '3'"),
    ]

    @Test("OpenMetrics bodies that must not parse", arguments: openMetricsInputs)
    func openMetrics(input: BadInput) {
        check(input)
    }

    @Test("text 0.0.4 bodies that must not parse", arguments: prometheusTextInputs)
    func prometheusText(input: BadInput) {
        check(input)
    }

    @Test("the description names line and column")
    func description() {
        let failure = parseFailure(Array("a 1\nb{x=1} 2\n# EOF\n".utf8), as: .openMetrics)
        #expect(failure?.description == "line 2, column 5: expected a label value in quotes, found '1'")
    }

    private func check(_ input: BadInput) {
        guard let failure = parseFailure(input.body, as: input.format) else {
            Issue.record("\(input.name) parsed")
            return
        }
        #expect(failure.reason.contains(input.reason), "\(failure)")
        #expect(failure.line == input.line, "\(failure)")
        #expect(failure.column == input.column, "\(failure)")
    }
}
