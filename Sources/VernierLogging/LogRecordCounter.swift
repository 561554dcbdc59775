import Logging
import Vernier

/// The `log.records` counter shared by every `CountingLogHandler`, with one pre-bound series per level.
public struct LogRecordCounter: Sendable {
    /// The name of the counter.
    public static let name = "log.records"
    private let series: [Logger.Level: BoundCounter<Int>]

    /// Creates the counter on `meter`; throws `VernierError` when the name is taken by another kind of instrument.
    public init(meter: Meter) throws {
        let counter = try meter.counter(Self.name, unit: "{record}", description: "Log records emitted, by level.")
        var series: [Logger.Level: BoundCounter<Int>] = [:]
        for level in Logger.Level.allCases {
            series[level] = counter.bind(["log.level": .string(level.rawValue)])
        }
        self.series = series
    }

    /// Counts one record at `level`.
    func count(_ level: Logger.Level) {
        series[level]?.add(1)
    }
}
