@testable import Vernier
import VernierPrometheus
import Testing


@Suite("Mutated bodies")
struct MutationTests {
    static let openMetricsBody = #"""
        # TYPE acme_requests_seconds counter
        # UNIT acme_requests_seconds seconds
        # HELP acme_requests_seconds Requests with "quotes" \\ and \n escapes, ünïcödé.
        acme_requests_seconds_total{path="/a\"b",method="GET"} 17 1520879607.789 # {trace_id="KOO5S4vxi0o"} 0.67 1520879607.7
        acme_requests_seconds_created{path="/a\"b",method="GET"} 1520430000.123
        # TYPE latency histogram
        latency_bucket{le="0.1"} 8 # {} 0.054
        latency_bucket{le="1e+06"} 11
        latency_bucket{le="+Inf"} 17
        latency_count 17
        latency_sum 324789.3
        # TYPE rpc summary
        rpc{quantile="0.5"} NaN
        rpc_count 3
        rpc_sum 1.5
        # TYPE build info
        build_info{version="8.2.7"} 1
        # TYPE state stateset
        state{state="a"} 1
        # TYPE queue gaugehistogram
        queue_bucket{le="+Inf"} 2
        queue_gcount 2
        queue_gsum 2
        # EOF

        """#

    static let prometheusTextBody = #"""
        # HELP http_requests_total The total number of HTTP requests, \\ and \n.
        # TYPE http_requests_total counter
        http_requests_total{method="post",code="200"} 1027 1395066363000
        http_requests_total{method="post",code="400"}    3 1395066363000
        # a comment with ünïcödé
        msdos{path="C:\\DIR\\FILE.TXT",error="Cannot find file:\n\"FILE.TXT\""} 1.458255915e9
        something_weird{problem="division by zero"} +Inf -3982045
        # TYPE h histogram
        h_bucket{le="0.05"} 24054
        h_bucket{le="+Inf"} 144320
        h_sum 53423
        h_count 144320
        # TYPE s summary
        s{quantile="0.5"} 4773
        s_sum 1.7560473e+07
        s_count 2693

        """#

    /// Bytes that matter to the grammars, plus some that are never valid.
    static let interestingBytes: [UInt8] = Array("\"\\{}=,# \t\n.+-eE_:0123456789InfNa".utf8) + [0x00, 0x80, 0xBF, 0xC3, 0xED, 0xF4, 0xFF]

    @Test("mutated bodies never crash the parser", arguments: [ExpositionTextFormat.openMetrics, .prometheusText])
    func mutations(format: ExpositionTextFormat) {
        let original = Array((format == .openMetrics ? Self.openMetricsBody : Self.prometheusTextBody).utf8)
        #expect(parseFailure(original, as: format) == nil)

        var generator = SplitMix64(seed: format == .openMetrics ? 1 : 2)
        var rejected = 0
        for _ in 0..<2500 {
            var body = original
            for _ in 0..<Int.random(in: 1...3, using: &generator) {
                mutate(&body, using: &generator)
            }
            guard let failure = parseFailure(body, as: format) else { continue }
            rejected += 1
            let lineCount = body.filter { $0 == 0x0A }.count + 1
            #expect(failure.line >= 1 && failure.line <= lineCount, "\(failure)")
            #expect(failure.column >= 1 && failure.column <= body.count + 1, "\(failure)")
            #expect(!failure.reason.isEmpty)
        }
        #expect(rejected > 1000)
    }

    private func mutate(_ body: inout [UInt8], using generator: inout SplitMix64) {
        guard !body.isEmpty else {
            body.append(Self.interestingBytes.randomElement(using: &generator) ?? 0)
            return
        }
        let index = Int.random(in: 0..<body.count, using: &generator)
        switch Int.random(in: 0..<6, using: &generator) {
        case 0:
            body[index] ^= 1 << UInt8.random(in: 0..<8, using: &generator)
        case 1:
            body.removeSubrange(index...)
        case 2:
            body.insert(Self.interestingBytes.randomElement(using: &generator) ?? 0, at: index)
        case 3:
            body.insert(UInt8.random(in: 0...255, using: &generator), at: index)
        case 4:
            body.remove(at: index)
        default:
            let end = min(body.count, index + Int.random(in: 1...40, using: &generator))
            body.insert(contentsOf: body[index..<end], at: Int.random(in: 0...body.count, using: &generator))
        }
    }
}
