import Testing
@testable import VernierTransport

@Suite struct RetryAfterTests {
    @Test func readsSeconds() {
        #expect(RetryAfter.parse("2") == .seconds(2))
        #expect(RetryAfter.parse(" 120 ") == .seconds(120))
    }

    @Test func readsAnHTTPDateRelativeToNow() {
        // Sun, 06 Nov 1994 08:49:37 GMT is 784111777 seconds after the epoch.
        #expect(RetryAfter.parse("Sun, 06 Nov 1994 08:49:37 GMT", now: 784_111_770) == .seconds(7))
        #expect(RetryAfter.parse("Sun, 06 Nov 1994 08:49:37 GMT", now: 784_111_800) == .seconds(0))
    }

    @Test func rejectsAnythingElse() {
        #expect(RetryAfter.parse("") == nil)
        #expect(RetryAfter.parse("-1") == nil)
        #expect(RetryAfter.parse("soon") == nil)
        #expect(RetryAfter.parse("99999999999999999999999") == nil)
        #expect(RetryAfter.parse("Sun, 06 Nov 1994 08:49:37 GMT trailing") == nil)
    }
}
