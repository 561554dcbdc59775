import Vernier
import VernierTesting

extension TestMetrics {
    /// The meter the unit tests record on.
    var meter: Meter { self.meter("test.scope", version: "1.0") }
}

extension MetricsSnapshot {
    /// The points of the sum or gauge `name`, for the tests on what the lookups leave out: the points' times and
    /// number types.
    func numberPoints(_ name: String) throws -> [NumberPoint] {
        switch try metric(named: name).data {
        case .sum(let sum): return sum.points
        case .gauge(let gauge): return gauge.points
        default: return []
        }
    }
}
