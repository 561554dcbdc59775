import Vernier
import VernierPrometheus

extension FuzzTarget {
    static func parseExposition(_ bytes: [UInt8], format: ExpositionTextFormat) {
        map(try? ExpositionParser(format: format).parse(bytes))
    }

    static func parseProtobufExposition(_ bytes: [UInt8]) {
        map(try? ProtobufExpositionParser().parse(bytes))
    }

    private static func map(_ families: [ScrapedFamily]?) {
        guard let families else { return }
        var startTimes = StartTimeTracker()
        _ = ExpositionMapping().map(families, time: Timestamp(nanosecondsSinceEpoch: 1_700_000_000_000_000_000), startTimes: &startTimes)
    }
}
