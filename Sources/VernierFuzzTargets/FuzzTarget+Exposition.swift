import Vernier
import VernierPrometheus

extension FuzzTarget {
    static func parseExposition(_ bytes: [UInt8], format: ExpositionTextFormat) {
        guard let families = try? ExpositionParser(format: format).parse(bytes) else { return }
        var startTimes = StartTimeTracker()
        _ = ExpositionMapping().map(families, time: Timestamp(nanosecondsSinceEpoch: 1_700_000_000_000_000_000), startTimes: &startTimes)
    }
}
