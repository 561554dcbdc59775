import Testing
@testable import VernierRemoteWrite

@Suite("How many shards the measured rates call for")
struct ShardScalingTests {
    private func scaling() -> ShardScaling {
        ShardScaling(minimum: 1, maximum: 10, interval: .seconds(1))
    }

    /// 2 ms per sample and 2000 samples a second take four connections.
    private let busy = DeliveryStatistics.Window(samplesIn: 2000, samplesOut: 500, timedSamples: 500, timedSeconds: 1, failedAttempts: 0)

    @Test func enoughShardsForWhatComesIn() {
        var scaling = scaling()
        #expect(scaling.shardCount(after: busy, backlog: 0, current: 1) == 4)
    }

    @Test func aBacklogAddsShardsToCatchUp() {
        var scaling = scaling()
        #expect(scaling.shardCount(after: busy, backlog: 20_000, current: 1) == 8, "0.002 s × (2000 + 0.1 × 20000) per second")
    }

    @Test func theCountHoldsWithinThirtyPercentOfTheNeed() {
        var scaling = scaling()
        #expect(scaling.shardCount(after: busy, backlog: 0, current: 5) == 5, "4 needed, within 30 % of 5")
        var other = self.scaling()
        #expect(other.shardCount(after: busy, backlog: 0, current: 6) == 4, "4 needed, more than 30 % below 6")
    }

    @Test func theCountStaysWithinItsBounds() {
        var scaling = ShardScaling(minimum: 2, maximum: 3, interval: .seconds(1))
        #expect(scaling.shardCount(after: busy, backlog: 0, current: 2) == 3)
        var leftover = ShardScaling(minimum: 2, maximum: 3, interval: .seconds(1))
        #expect(leftover.shardCount(after: busy, backlog: 0, current: 4) == 3, "4 needed, as many running, above the maximum")
    }

    @Test func failingRequestsKeepTheCount() {
        var scaling = scaling()
        var failing = busy
        failing.failedAttempts = 1
        #expect(scaling.shardCount(after: failing, backlog: 50_000, current: 2) == 2)
    }

    @Test func rateIsSmoothedAcrossIntervals() {
        var scaling = scaling()
        #expect(scaling.shardCount(after: busy, backlog: 0, current: 1) == 4)
        let quiet = DeliveryStatistics.Window(samplesIn: 0, samplesOut: 0, timedSamples: 0, timedSeconds: 0, failedAttempts: 0)
        #expect(scaling.shardCount(after: quiet, backlog: 0, current: 4) == 4, "0.8 × 2000 a second still needs 3.2")
        #expect(scaling.shardCount(after: quiet, backlog: 0, current: 4) == 3, "0.64 × 2000 needs 2.56")
    }

    @Test func withNothingMeasuredAnIdleExporterGoesToTheMinimum() {
        var scaling = scaling()
        #expect(scaling.shardCount(after: DeliveryStatistics.Window(), backlog: 0, current: 3) == 1)
        var waiting = self.scaling()
        #expect(waiting.shardCount(after: DeliveryStatistics.Window(), backlog: 10, current: 3) == 3)
    }
}
