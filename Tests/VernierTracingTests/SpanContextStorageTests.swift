import ServiceContextModule
import Testing
import Vernier
import VernierTracing

/// How a span context is kept in a `ServiceContext`: the identity always, the rest only when there is a rest.
@Suite struct SpanContextStorageTests {
    let identity = SpanIdentity(traceID: TraceID(high: 0x4bf9_2f35_77b3_4da6, low: 0xa3ce_929d_0e0e_4736), spanID: SpanID(0x00f0_67aa_0ba9_02b7), isSampled: true)

    @Test func aLocalContextIsKeptAsItsIdentityAlone() {
        var context = ServiceContext.topLevel
        let local = SpanContext(traceID: identity.traceID, spanID: identity.spanID)
        context.spanContext = local
        #expect(context.spanIdentity == identity)
        #expect(context[SpanContextKey.self] == nil)
        #expect(context.spanContext == local)
        #expect(context.count == 1)
    }

    @Test func aRemoteContextWithTraceStateKeepsEverything() {
        var context = ServiceContext.topLevel
        let remote = SpanContext(
            traceID: identity.traceID, spanID: identity.spanID, traceFlags: [],
            traceState: TraceState(header: "congo=t61")!, isRemote: true)
        context.spanContext = remote
        #expect(context.spanContext == remote)
        #expect(context.spanIdentity?.isSampled == false)
    }

    @Test func anIdentitySetLaterByAnotherTracerWins() {
        var context = ServiceContext.topLevel
        context.spanContext = SpanContext(traceID: identity.traceID, spanID: identity.spanID, traceState: TraceState(header: "congo=t61")!, isRemote: true)
        let other = SpanIdentity(traceID: TraceID(high: 1, low: 2), spanID: SpanID(3), isSampled: false)
        context.spanIdentity = other
        #expect(context.spanContext == SpanContext(traceID: other.traceID, spanID: other.spanID, traceFlags: []))
    }

    @Test func clearingRemovesBothEntries() {
        var context = ServiceContext.topLevel
        context.spanContext = SpanContext(traceID: identity.traceID, spanID: identity.spanID, isRemote: true)
        context.spanContext = nil
        #expect(context.spanContext == nil)
        #expect(context.spanIdentity == nil)
        #expect(context.isEmpty)
    }
}
