/// A W3C trace id: 16 bytes, shown as 32 lowercase hex digits. All zeros is invalid.
public struct TraceID: Hashable, Sendable, CustomStringConvertible {
    /// The first eight bytes, big-endian.
    public let high: UInt64
    /// The last eight bytes, big-endian.
    public let low: UInt64

    /// Creates a trace id from its two big-endian halves.
    public init(high: UInt64, low: UInt64) {
        self.high = high
        self.low = low
    }

    /// Parses 32 hex digits; nil for anything else or for the all-zero id.
    public init?(hex: some StringProtocol) {
        let utf8 = Array(hex.utf8)
        guard utf8.count == 32,
              let high = HexDigits.parse(utf8[0..<16]),
              let low = HexDigits.parse(utf8[16..<32]),
              high != 0 || low != 0
        else { return nil }
        self.init(high: high, low: low)
    }

    /// The 16 bytes in wire order.
    public var bytes: [UInt8] { HexDigits.bigEndianBytes(high) + HexDigits.bigEndianBytes(low) }

    /// 32 lowercase hex digits.
    public var hex: String { HexDigits.format(high) + HexDigits.format(low) }

    public var description: String { hex }
}

/// A W3C span id: 8 bytes, shown as 16 lowercase hex digits. Zero is invalid.
public struct SpanID: Hashable, Sendable, CustomStringConvertible {
    /// The eight bytes as one big-endian integer.
    public let value: UInt64

    /// Creates a span id from its big-endian integer value.
    public init(_ value: UInt64) {
        self.value = value
    }

    /// Parses 16 hex digits; nil for anything else or for zero.
    public init?(hex: some StringProtocol) {
        let utf8 = Array(hex.utf8)
        guard utf8.count == 16, let value = HexDigits.parse(utf8[...]), value != 0 else { return nil }
        self.init(value)
    }

    /// The 8 bytes in wire order.
    public var bytes: [UInt8] { HexDigits.bigEndianBytes(value) }

    /// 16 lowercase hex digits.
    public var hex: String { HexDigits.format(value) }

    public var description: String { hex }
}

/// Lowercase hex encoding of 64-bit words, shared by the trace and span ids and the W3C headers.
package enum HexDigits {
    package static func parse(_ digits: some Collection<UInt8>) -> UInt64? {
        var value: UInt64 = 0
        for digit in digits {
            let nibble: UInt8
            switch digit {
            case UInt8(ascii: "0")...UInt8(ascii: "9"): nibble = digit - UInt8(ascii: "0")
            case UInt8(ascii: "a")...UInt8(ascii: "f"): nibble = digit - UInt8(ascii: "a") + 10
            case UInt8(ascii: "A")...UInt8(ascii: "F"): nibble = digit - UInt8(ascii: "A") + 10
            default: return nil
            }
            value = value << 4 | UInt64(nibble)
        }
        return value
    }

    /// Writes the `digits` lowest nibbles of `value` (16 for a whole word) as lowercase hex at `offset`.
    package static func write(_ value: UInt64, digits: Int = 16, into buffer: UnsafeMutableBufferPointer<UInt8>, at offset: Int) {
        for index in 0..<digits {
            let nibble = UInt8(truncatingIfNeeded: value >> UInt64((digits - 1 - index) * 4)) & 0xF
            buffer[offset + index] = nibble < 10 ? UInt8(ascii: "0") + nibble : UInt8(ascii: "a") + nibble - 10
        }
    }

    static func format(_ value: UInt64) -> String {
        String(unsafeUninitializedCapacity: 16) { buffer in
            write(value, into: buffer, at: 0)
            return 16
        }
    }

    static func bigEndianBytes(_ value: UInt64) -> [UInt8] {
        (0..<8).map { UInt8(truncatingIfNeeded: value >> UInt64(56 - $0 * 8)) }
    }
}
