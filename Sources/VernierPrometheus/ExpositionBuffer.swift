import Vernier

/// The bytes of an exposition as they are written: text, escaped strings and numbers, without Foundation.
///
/// Writes go straight into memory the buffer owns, one bounds check per write and no copy-on-write checks:
/// an exposition of ten thousand series makes about a hundred thousand small writes.
final class ExpositionBuffer {
    private var storage: UnsafeMutablePointer<UInt8>
    private var capacity: Int
    /// The number of bytes written.
    private(set) var count = 0

    /// Creates an empty buffer that holds `capacity` bytes before it grows.
    init(capacity: Int) {
        self.capacity = max(capacity, 16)
        storage = .allocate(capacity: self.capacity)
    }

    deinit {
        storage.deallocate()
    }

    /// A copy of everything written.
    var bytes: [UInt8] {
        Array(UnsafeBufferPointer(start: storage, count: count))
    }

    /// The byte at `index`, which must be below `count`.
    subscript(index: Int) -> UInt8 {
        storage[index]
    }

    /// Calls `body` with the bytes written; the pointer is valid only during the call.
    func withBytes<Result>(_ body: (UnsafeBufferPointer<UInt8>) throws -> Result) rethrows -> Result {
        try body(UnsafeBufferPointer(start: storage, count: count))
    }

    func append(_ text: String) {
        var text = text
        text.withUTF8 { append($0) }
    }

    func append(_ byte: UInt8) {
        reserve(1)
        storage[count] = byte
        count += 1
    }

    func append(_ source: UnsafeBufferPointer<UInt8>) {
        guard let base = source.baseAddress, !source.isEmpty else { return }
        reserve(source.count)
        (storage + count).update(from: base, count: source.count)
        count += source.count
    }

    func append(_ source: [UInt8]) {
        source.withUnsafeBufferPointer { append($0) }
    }

    /// Appends the bytes of `range` of another buffer.
    func append(_ range: Range<Int>, of other: ExpositionBuffer) {
        append(UnsafeBufferPointer(start: other.storage + range.lowerBound, count: range.count))
    }

    /// Makes room for `extra` more bytes: one comparison, inlined into every write.
    @inline(__always)
    private func reserve(_ extra: Int) {
        if count + extra > capacity { grow(toHold: count + extra) }
    }

    /// Doubles the capacity as often as needed to hold `needed` bytes.
    @inline(never)
    private func grow(toHold needed: Int) {
        var newCapacity = capacity * 2
        while newCapacity < needed { newCapacity *= 2 }
        let newStorage = UnsafeMutablePointer<UInt8>.allocate(capacity: newCapacity)
        newStorage.initialize(from: storage, count: count)
        storage.deallocate()
        storage = newStorage
        capacity = newCapacity
    }

    /// Appends a label value, escaping `\`, `"` and newlines as both text formats require.
    func appendEscapedLabelValue(_ text: String) {
        appendEscaped(text, escapesQuotes: true)
    }

    /// Appends an attribute's value as a label value: numbers and booleans straight from their bits, text and
    /// arrays escaped.
    func appendLabelValue(_ value: AttributeValue) {
        switch value {
        case .string(let text): appendEscapedLabelValue(text)
        case .int(let integer): append(integer: integer)
        case .bool(let flag): append(flag ? "true" : "false")
        default: appendEscapedLabelValue(value.description)
        }
    }

    /// Appends HELP text: `\` and newlines escaped, and `"` too when `escapesQuotes` (OpenMetrics).
    func appendEscapedHelp(_ text: String, escapesQuotes: Bool) {
        appendEscaped(text, escapesQuotes: escapesQuotes)
    }

    private func appendEscaped(_ text: String, escapesQuotes: Bool) {
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
                append(UnsafeBufferPointer(rebasing: source[copied..<index]))
                append(UInt8(ascii: "\\"))
                append(escape)
                copied = index + 1
            }
            append(UnsafeBufferPointer(rebasing: source[copied...]))
        }
    }

    /// Appends an integer in decimal.
    func append(integer value: Int64) {
        if value < 0 {
            append(UInt8(ascii: "-"))
            append(unsigned: value.magnitude)
        } else {
            append(unsigned: UInt64(value))
        }
    }

    /// Appends an unsigned integer in decimal.
    func append(unsigned value: UInt64) {
        var digitCount = 1
        var bound: UInt64 = 10
        while digitCount < 20, value >= bound {
            digitCount += 1
            bound = bound &* 10
        }
        reserve(digitCount)
        var rest = value
        var index = count + digitCount
        repeat {
            index -= 1
            storage[index] = UInt8(ascii: "0") &+ UInt8(truncatingIfNeeded: rest % 10)
            rest /= 10
        } while rest > 0
        count += digitCount
    }

    /// Appends a float as both text formats spell it: `NaN`, `+Inf`, `-Inf`, integral values with `.0`,
    /// and otherwise the shortest decimal that reads back as the same double.
    func append(double value: Double) {
        if value.isNaN {
            append("NaN")
        } else if value.isInfinite {
            append(value > 0 ? "+Inf" : "-Inf")
        } else if value == value.rounded(.towardZero), value.magnitude < 1e15 {
            if value == 0, value.sign == .minus { append(UInt8(ascii: "-")) }
            append(integer: Int64(value))
            append(UInt8(ascii: "."))
            append(UInt8(ascii: "0"))
        } else {
            append(value.description)
        }
    }

    /// Appends a timestamp as seconds since the epoch with millisecond precision, such as `1700000000.123`.
    func append(seconds timestamp: UInt64) {
        let milliseconds = timestamp / 1_000_000
        append(unsigned: milliseconds / 1000)
        let fraction = milliseconds % 1000
        reserve(4)
        storage[count] = UInt8(ascii: ".")
        storage[count + 1] = UInt8(ascii: "0") &+ UInt8(truncatingIfNeeded: fraction / 100)
        storage[count + 2] = UInt8(ascii: "0") &+ UInt8(truncatingIfNeeded: fraction / 10 % 10)
        storage[count + 3] = UInt8(ascii: "0") &+ UInt8(truncatingIfNeeded: fraction % 10)
        count += 4
    }
}
