/// Makes text safe to put in one log line: a peer's answer, a header, a URL, a configured value.
///
/// Line breaks, tabs and every other control character (ANSI escape sequences start with one), Unicode line
/// and paragraph separators and bidirectional overrides are shown as escapes (`\n`, `\u{1B}`), so the text
/// can neither start a new line nor repaint a terminal. Backslashes are left as they are, so escaping twice
/// changes nothing.
public enum LogEscaping {
    /// The most characters kept from a peer's text, such as a collector's error body.
    public static let peerTextLimit = 512

    /// `text` with every control character escaped, and cut after `limit` characters of escaped output with a
    /// marker saying how many characters were left out.
    public static func escaped(_ text: some StringProtocol, limit: Int = peerTextLimit) -> String {
        var result = ""
        var length = 0
        var scalars = text.unicodeScalars.makeIterator()
        while let scalar = scalars.next() {
            let piece = escape(scalar)
            if length + piece.unicodeScalars.count > limit {
                var left = 1
                while scalars.next() != nil { left += 1 }
                result += "… [\(left) more character\(left == 1 ? "" : "s")]"
                break
            }
            result += piece
            length += piece.unicodeScalars.count
        }
        return result
    }

    private static func escape(_ scalar: Unicode.Scalar) -> String {
        switch scalar {
        case "\n": return "\\n"
        case "\r": return "\\r"
        case "\t": return "\\t"
        default:
            guard needsEscape(scalar) else { return String(scalar) }
            return "\\u{" + String(scalar.value, radix: 16, uppercase: true) + "}"
        }
    }

    private static func needsEscape(_ scalar: Unicode.Scalar) -> Bool {
        switch scalar.properties.generalCategory {
        case .control, .lineSeparator, .paragraphSeparator:
            return true
        default:
            // Bidirectional marks, embeddings, overrides and isolates reorder what a reader sees.
            return scalar.value == 0x061C || (0x200E...0x200F).contains(scalar.value)
                || (0x202A...0x202E).contains(scalar.value) || (0x2066...0x2069).contains(scalar.value)
        }
    }
}
