@testable import VernierRuntime
import Testing

@Suite struct LagStatisticsTests {
    @Test func summarizesWithNearestRankPercentiles() throws {
        var samples = (1...100).reversed().map { Double($0) / 1000 }
        let statistics = try #require(LagStatistics(sorting: &samples))
        #expect(statistics.min == 0.001)
        #expect(statistics.max == 0.1)
        #expect(abs(statistics.mean - 0.0505) < 1e-12)
        #expect(statistics.p50 == 0.05)
        #expect(statistics.p90 == 0.09)
        #expect(statistics.p99 == 0.099)
    }

    @Test func aSingleSampleIsEveryStatistic() throws {
        var samples = [0.25]
        let statistics = try #require(LagStatistics(sorting: &samples))
        #expect([statistics.min, statistics.max, statistics.mean, statistics.p50, statistics.p90, statistics.p99].allSatisfy { $0 == 0.25 })
    }

    @Test func noSamplesNoStatistics() {
        var samples: [Double] = []
        #expect(LagStatistics(sorting: &samples) == nil)
    }
}
