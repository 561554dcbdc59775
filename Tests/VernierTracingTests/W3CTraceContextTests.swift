import Testing
import Vernier
@testable import VernierTracing

@Suite("W3C traceparent")
struct W3CTraceContextTests {
    static let valid = "00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01"

    @Test func parsesTheSpecificationExample() throws {
        let context = try #require(W3CTraceContext.parse(traceparent: Self.valid))
        #expect(context.traceID.hex == "4bf92f3577b34da6a3ce929d0e0e4736")
        #expect(context.spanID.hex == "00f067aa0ba902b7")
        #expect(context.isSampled)
        #expect(context.isRemote)
    }

    @Test func formatsWhatItParses() throws {
        let unsampled = "00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-00"
        for header in [Self.valid, unsampled] {
            let context = try #require(W3CTraceContext.parse(traceparent: header))
            #expect(W3CTraceContext.traceparent(context) == header)
        }
    }

    @Test(arguments: [
        "",
        "00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7",
        "00-4BF92F3577B34DA6A3CE929D0E0E4736-00f067aa0ba902b7-01",
        "00-00000000000000000000000000000000-00f067aa0ba902b7-01",
        "00-4bf92f3577b34da6a3ce929d0e0e4736-0000000000000000-01",
        "ff-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01",
        "00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01-extra",
        "00_4bf92f3577b34da6a3ce929d0e0e4736_00f067aa0ba902b7_01",
        "0g-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01",
        "00-4bf92f3577b34da6a3ce929d0e0e473x-00f067aa0ba902b7-01",
        "01-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01x",
    ])
    func rejectsMalformedHeaders(_ header: String) {
        #expect(W3CTraceContext.parse(traceparent: header) == nil)
    }

    @Test func readsTheKnownFieldsOfALaterVersion() throws {
        let context = try #require(W3CTraceContext.parse(traceparent: "01-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01-future"))
        #expect(context.spanID.hex == "00f067aa0ba902b7")
    }

    @Test func keepsTheParentWhenTraceStateIsMalformed() throws {
        let context = try #require(W3CTraceContext.extract(traceparent: Self.valid, tracestate: "Invalid Key=1"))
        #expect(context.traceState.isEmpty)
        let withState = try #require(W3CTraceContext.extract(traceparent: Self.valid, tracestate: "rojo=00f067aa0ba902b7"))
        #expect(withState.traceState["rojo"] == "00f067aa0ba902b7")
    }
}

@Suite("W3C tracestate")
struct TraceStateTests {
    @Test func parsesListMembersWithOptionalWhitespace() throws {
        let state = try #require(TraceState(header: "rojo=00f067aa0ba902b7 ,\tcongo=t61rcWkgMzE, tenant@vendor=x"))
        #expect(state.entries.map(\.key) == ["rojo", "congo", "tenant@vendor"])
        #expect(state.header == "rojo=00f067aa0ba902b7,congo=t61rcWkgMzE,tenant@vendor=x")
    }

    @Test(arguments: ["noequals", "UPPER=1", "a=b,a=c", "a=", "a=has,comma", "1abc=x", "a=tab\tinside"])
    func discardsAMalformedHeaderWhole(_ header: String) {
        #expect(TraceState(header: header) == nil)
    }

    @Test func rejectsMoreThanThirtyTwoEntries() {
        let header = (0..<33).map { "k\($0)=v" }.joined(separator: ",")
        #expect(TraceState(header: header) == nil)
        #expect(TraceState(header: (0..<32).map { "k\($0)=v" }.joined(separator: ","))?.entries.count == 32)
    }

    @Test func updateMovesTheEntryToTheFront() throws {
        var state = try #require(TraceState(header: "a=1,b=2"))
        let updated = state.update("b", to: "3")
        #expect(updated)
        #expect(state.header == "b=3,a=1")
        let rejected = state.update("Bad", to: "x")
        #expect(!rejected)
        #expect(state.header == "b=3,a=1")
    }
}
