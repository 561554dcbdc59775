/// The ASCII bytes and character classes of the exposition grammars.
enum ASCII {
    static let tab: UInt8 = 0x09
    static let lineFeed: UInt8 = 0x0A
    static let space: UInt8 = 0x20
    static let quote: UInt8 = 0x22
    static let hash: UInt8 = 0x23
    static let plus: UInt8 = 0x2B
    static let comma: UInt8 = 0x2C
    static let minus: UInt8 = 0x2D
    static let period: UInt8 = 0x2E
    static let zero: UInt8 = 0x30
    static let equals: UInt8 = 0x3D
    static let backslash: UInt8 = 0x5C
    static let lowercaseN: UInt8 = 0x6E
    static let openBrace: UInt8 = 0x7B
    static let closeBrace: UInt8 = 0x7D

    static func isDigit(_ byte: UInt8) -> Bool {
        byte &- ASCII.zero < 10
    }

    static func isLetter(_ byte: UInt8) -> Bool {
        (byte | 0x20) &- 0x61 < 26
    }

    /// `[a-zA-Z_]`, the first byte of a label name.
    static func isLabelNameStart(_ byte: UInt8) -> Bool {
        isLetter(byte) || byte == 0x5F
    }

    /// `[a-zA-Z0-9_]`
    static func isLabelNameByte(_ byte: UInt8) -> Bool {
        isLabelNameStart(byte) || isDigit(byte)
    }

    /// `[a-zA-Z_:]`, the first byte of a metric name.
    static func isMetricNameStart(_ byte: UInt8) -> Bool {
        isLabelNameStart(byte) || byte == 0x3A
    }

    /// `[a-zA-Z0-9_:]`
    static func isMetricNameByte(_ byte: UInt8) -> Bool {
        isLabelNameByte(byte) || byte == 0x3A
    }

    /// The bytes that may follow a backslash in an escape sequence: `\`, `"` and `n`.
    static func isEscapable(_ byte: UInt8) -> Bool {
        byte == backslash || byte == quote || byte == lowercaseN
    }
}
