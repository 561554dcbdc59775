import Testing
import Vernier

@Suite struct LogEscapingTests {
    @Test func lineBreaksAndTabsAreShownAsEscapes() {
        #expect(LogEscaping.escaped("a\nb\r\nc\td") == #"a\nb\r\nc\td"#)
    }

    @Test func controlCharactersSeparatorsAndBidiOverridesAreShownAsCodePoints() {
        #expect(LogEscaping.escaped("\u{1B}[31mred\u{7F}\u{0}\u{85}") == #"\u{1B}[31mred\u{7F}\u{0}\u{85}"#)
        #expect(LogEscaping.escaped("a\u{2028}b\u{2029}c\u{202E}d\u{2066}") == #"a\u{2028}b\u{2029}c\u{202E}d\u{2066}"#)
    }

    @Test func printableTextAndBackslashesStaySoEscapingTwiceChangesNothing() {
        let text = #"café ✓ 日本 "quoted" C:\path \n"#
        #expect(LogEscaping.escaped(text) == text)
        let once = LogEscaping.escaped("forged\n\u{1B}[0m")
        #expect(LogEscaping.escaped(once) == once)
    }

    @Test func noControlCharacterSurvives() {
        let every = String(String.UnicodeScalarView((0...0x9F).compactMap(Unicode.Scalar.init)))
        let escaped = LogEscaping.escaped(every, limit: 10_000)
        #expect(escaped.unicodeScalars.allSatisfy { $0.properties.generalCategory != .control })
    }

    @Test func longTextIsCutWithAMarkerSayingHowMuchWasLeftOut() {
        let cut = LogEscaping.escaped(String(repeating: "x", count: 600))
        #expect(cut == String(repeating: "x", count: 512) + "… [88 more characters]")
        #expect(LogEscaping.escaped(String(repeating: "x", count: 512)) == String(repeating: "x", count: 512))
        #expect(LogEscaping.escaped("abc", limit: 2) == "ab… [1 more character]")
    }

    @Test func escapesCountTowardsTheLimit() {
        // Each ESC becomes the six characters \u{1B}: 85 fit in 512, 115 are left out.
        let cut = LogEscaping.escaped(String(repeating: "\u{1B}", count: 200))
        #expect(cut == String(repeating: #"\u{1B}"#, count: 85) + "… [115 more characters]")
    }
}
