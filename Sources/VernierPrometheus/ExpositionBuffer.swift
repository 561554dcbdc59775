/// The bytes of an exposition as they are written: text, escaped strings and numbers, without Foundation.
struct ExpositionBuffer {
    private(set) var bytes: [UInt8]

    init(capacity: Int) {
        bytes = []
        bytes.reserveCapacity(capacity)
    }

    var count: Int { bytes.count }

    mutating func append(_ text: String) {
        bytes.append(contentsOf: text.utf8)
    }

    mutating func append(_ byte: UInt8) {
        bytes.append(byte)
    }

    mutating func append(_ other: ArraySlice<UInt8>) {
        bytes.append(contentsOf: other)
    }

    /// Appends a label value, escaping `\`, `"` and newlines as both text formats require.
    mutating func appendEscapedLabelValue(_ text: String) {
        appendEscaped(text, escapesQuotes: true)
    }

    /// Appends HELP text: `\` and newlines escaped, and `"` too when `escapesQuotes` (OpenMetrics).
    mutating func appendEscapedHelp(_ text: String, escapesQuotes: Bool) {
        appendEscaped(text, escapesQuotes: escapesQuotes)
    }

    private mutating func appendEscaped(_ text: String, escapesQuotes: Bool) {
        var text = text
        text.withUTF8 { source in
            var copied = 0
            for index in source.indices {
                let escape: UInt8
                switch source[index] {
                case UInt8(ascii: "\\"): escape = UInt8(ascii: "\\")
                case UInt8(ascii: "\n"): escape = UInt8(ascii: "n")
                case UInt8(ascii: "\"") where escapesQuotes: escape = UInt8(ascii: "\"")
                default: continue
                }
                bytes.append(contentsOf: UnsafeBufferPointer(rebasing: source[copied..<index]))
                bytes.append(UInt8(ascii: "\\"))
                bytes.append(escape)
                copied = index + 1
            }
            bytes.append(contentsOf: UnsafeBufferPointer(rebasing: source[copied...]))
        }
    }

    /// Appends an integer in decimal.
    mutating func append(integer value: Int64) {
        if value < 0 {
            bytes.append(UInt8(ascii: "-"))
            append(unsigned: value.magnitude)
        } else {
            append(unsigned: UInt64(value))
        }
    }

    /// Appends an unsigned integer in decimal.
    mutating func append(unsigned value: UInt64) {
        let start = bytes.count
        var rest = value
        repeat {
            bytes.append(UInt8(ascii: "0") &+ UInt8(truncatingIfNeeded: rest % 10))
            rest /= 10
        } while rest > 0
        bytes[start...].reverse()
    }

    /// Appends a float as both text formats spell it: `NaN`, `+Inf`, `-Inf`, integral values with `.0`,
    /// and otherwise the shortest decimal that reads back as the same double.
    mutating func append(double value: Double) {
        if value.isNaN {
            append("NaN")
        } else if value.isInfinite {
            append(value > 0 ? "+Inf" : "-Inf")
        } else if value == value.rounded(.towardZero), value.magnitude < 1e15 {
            if value == 0, value.sign == .minus { bytes.append(UInt8(ascii: "-")) }
            append(integer: Int64(value))
            bytes.append(UInt8(ascii: "."))
            bytes.append(UInt8(ascii: "0"))
        } else {
            append(value.description)
        }
    }

    /// Appends a timestamp as seconds since the epoch with millisecond precision, such as `1700000000.123`.
    mutating func append(seconds timestamp: UInt64) {
        let milliseconds = timestamp / 1_000_000
        append(unsigned: milliseconds / 1000)
        bytes.append(UInt8(ascii: "."))
        let fraction = milliseconds % 1000
        bytes.append(UInt8(ascii: "0") &+ UInt8(truncatingIfNeeded: fraction / 100))
        bytes.append(UInt8(ascii: "0") &+ UInt8(truncatingIfNeeded: fraction / 10 % 10))
        bytes.append(UInt8(ascii: "0") &+ UInt8(truncatingIfNeeded: fraction % 10))
    }
}
