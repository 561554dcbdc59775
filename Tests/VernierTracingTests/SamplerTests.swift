import Testing
import Vernier
@testable import VernierTracing

@Suite("Samplers")
struct SamplerTests {
    static func traceID(random: UInt64) -> TraceID { TraceID(high: 1, low: random) }

    static func parent(remote: Bool, sampled: Bool) -> SpanContext {
        SpanContext(traceID: traceID(random: 5), spanID: SpanID(7), traceFlags: sampled ? .sampled : [], isRemote: remote)
    }

    @Test func alwaysOnAndAlwaysOffIgnoreEverything() {
        let sampled = Self.parent(remote: true, sampled: false)
        #expect(AlwaysOnSampler().shouldSample(parent: sampled, traceID: Self.traceID(random: 1), name: "x", kind: .server) == .recordAndSample)
        #expect(AlwaysOffSampler().shouldSample(parent: nil, traceID: Self.traceID(random: 1), name: "x", kind: .server) == .drop)
    }

    @Test func ratioComparesTheRandomBitsWithAThreshold() {
        let half = TraceIDRatioSampler(ratio: 0.5)
        let low = Self.traceID(random: 0x00_7FFF_FFFF_FFFF_FF)
        let high = Self.traceID(random: 0x00_8000_0000_0000_00)
        #expect(half.shouldSample(parent: nil, traceID: low, name: "x", kind: .internal) == .recordAndSample)
        #expect(half.shouldSample(parent: nil, traceID: high, name: "x", kind: .internal) == .drop)
        #expect(TraceIDRatioSampler(ratio: 0).shouldSample(parent: nil, traceID: Self.traceID(random: 0), name: "x", kind: .internal) == .drop)
        #expect(TraceIDRatioSampler(ratio: 1).shouldSample(parent: nil, traceID: Self.traceID(random: .max), name: "x", kind: .internal) == .recordAndSample)
    }

    @Test func ratioSamplesAboutTheRatioOfRandomTraces() {
        let sampler = TraceIDRatioSampler(ratio: 0.25)
        let ids = SpanIDGenerator()
        let sampled = (0..<20_000).filter { _ in
            sampler.shouldSample(parent: nil, traceID: ids.traceID(), name: "x", kind: .internal) == .recordAndSample
        }.count
        #expect((4_400...5_600).contains(sampled))
    }

    @Test func ratioIsClampedIntoZeroToOne() {
        #expect(TraceIDRatioSampler(ratio: 7).ratio == 1)
        #expect(TraceIDRatioSampler(ratio: -1).ratio == 0)
        #expect(TraceIDRatioSampler(ratio: .nan).ratio == 0)
    }

    @Test func parentBasedFollowsTheParentAndAsksTheRootWithoutOne() {
        let sampler = ParentBasedSampler(root: AlwaysOffSampler())
        let id = Self.traceID(random: 9)
        #expect(sampler.shouldSample(parent: nil, traceID: id, name: "x", kind: .server) == .drop)
        #expect(sampler.shouldSample(parent: Self.parent(remote: true, sampled: true), traceID: id, name: "x", kind: .server) == .recordAndSample)
        #expect(sampler.shouldSample(parent: Self.parent(remote: false, sampled: true), traceID: id, name: "x", kind: .server) == .recordAndSample)
        #expect(sampler.shouldSample(parent: Self.parent(remote: true, sampled: false), traceID: id, name: "x", kind: .server) == .drop)
        let custom = ParentBasedSampler(root: AlwaysOffSampler(), remoteParentNotSampled: AlwaysOnSampler())
        #expect(custom.shouldSample(parent: Self.parent(remote: true, sampled: false), traceID: id, name: "x", kind: .server) == .recordAndSample)
        #expect(custom.shouldSample(parent: Self.parent(remote: false, sampled: false), traceID: id, name: "x", kind: .server) == .drop)
    }
}
