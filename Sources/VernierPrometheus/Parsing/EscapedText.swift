/// Converts between escaped exposition text and plain strings.
enum EscapedText {
    /// Decodes `bytes[start..<end]`, replacing `\\` and `\n`, and `\"` when `unescapingQuotes` is set.
    /// Any other backslash is kept as written. `scratch` is reused between calls to avoid allocations.
    static func decode(
        _ bytes: UnsafeBufferPointer<UInt8>,
        from start: Int,
        to end: Int,
        unescapingQuotes: Bool,
        scratch: inout [UInt8]
    ) -> String {
        scratch.removeAll(keepingCapacity: true)
        var index = start
        while index < end {
            let byte = bytes[index]
            if byte == ASCII.backslash, index + 1 < end {
                let next = bytes[index + 1]
                if next == ASCII.backslash || (next == ASCII.quote && unescapingQuotes) {
                    scratch.append(next)
                    index += 2
                    continue
                }
                if next == ASCII.lowercaseN {
                    scratch.append(ASCII.lineFeed)
                    index += 2
                    continue
                }
            }
            scratch.append(byte)
            index += 1
        }
        return String(decoding: scratch, as: UTF8.self)
    }

    /// Escapes a label value for display: backslash, double quote and line feed.
    static func escaped(_ value: String) -> String {
        var result = ""
        result.reserveCapacity(value.utf8.count)
        for scalar in value.unicodeScalars {
            switch scalar {
            case "\\": result += "\\\\"
            case "\"": result += "\\\""
            case "\n": result += "\\n"
            default: result.unicodeScalars.append(scalar)
            }
        }
        return result
    }
}
