import VernierTracing

extension FuzzTarget {
    static func parseTraceContext(_ bytes: [UInt8]) {
        let text = String(decoding: bytes, as: UTF8.self)
        let lines = text.split(separator: "\n", maxSplits: 1, omittingEmptySubsequences: false)
        _ = W3CTraceContext.parse(traceparent: lines[0])
        _ = TraceState(header: lines.count > 1 ? lines[1] : "")
        _ = W3CTraceContext.extract(traceparent: String(lines[0]), tracestate: lines.count > 1 ? String(lines[1]) : nil)
    }
}
