import Vernier

/// The bytes of an exposition as they are written: text, escaped strings and numbers, without Foundation.
///
/// Writes go straight into memory, one bounds check per write and no copy-on-write checks: an exposition of
/// ten thousand series makes about a hundred thousand small writes. The memory is the buffer's own, or lent
/// to it until it runs out (see `init(writingInto:)`).
final class ExpositionBuffer {
    private var storage: UnsafeMutablePointer<UInt8>
    private var capacity: Int
    /// The number of bytes written.
    private(set) var count = 0
    /// Whether the buffer writes into memory of its own, which it frees, rather than lent memory.
    private(set) var ownsStorage = true
    /// The whole seconds of the last timestamp written and where their digits are, for `append(seconds:)`.
    private var lastWholeSeconds: (value: UInt64, digits: Range<Int>)?

    /// Creates an empty buffer that holds `capacity` bytes before it grows.
    init(capacity: Int) {
        self.capacity = max(capacity, 16)
        storage = .allocate(capacity: self.capacity)
    }

    /// Creates an empty buffer that writes into `memory` until it is full, then moves what it wrote to memory of
    /// its own. `memory` must stay valid for as long as the buffer is used.
    init(writingInto memory: UnsafeMutableBufferPointer<UInt8>) {
        if let base = memory.baseAddress, memory.count >= 16 {
            storage = base
            capacity = memory.count
            ownsStorage = false
        } else {
            capacity = 16
            storage = .allocate(capacity: capacity)
        }
    }

    deinit {
        if ownsStorage { storage.deallocate() }
    }

    /// A copy of everything written.
    var bytes: [UInt8] {
        Array(UnsafeBufferPointer(start: storage, count: count))
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
    func append(_ range: Range<Int32>, of other: ExpositionBuffer) {
        append(UnsafeBufferPointer(start: other.storage + Int(range.lowerBound), count: range.count))
    }

    /// Gives back the memory past the bytes written, for a buffer that is kept but written no more.
    func shrinkToFit() {
        guard ownsStorage, capacity > max(count, 16) else { return }
        capacity = max(count, 16)
        let newStorage = UnsafeMutablePointer<UInt8>.allocate(capacity: capacity)
        newStorage.initialize(from: storage, count: count)
        storage.deallocate()
        storage = newStorage
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
        if ownsStorage { storage.deallocate() }
        ownsStorage = true
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

    /// Appends an unsigned integer in decimal, two digits per division from the last digit back.
    func append(unsigned value: UInt64) {
        let digitCount = Self.decimalDigitCount(of: value)
        reserve(digitCount)
        var rest = value
        var position = storage + count + digitCount
        while rest >= 100 {
            let (quotient, pair) = rest.quotientAndRemainder(dividingBy: 100)
            position -= 2
            position[0] = UInt8(ascii: "0") &+ UInt8(truncatingIfNeeded: pair / 10)
            position[1] = UInt8(ascii: "0") &+ UInt8(truncatingIfNeeded: pair % 10)
            rest = quotient
        }
        if rest >= 10 {
            position[-2] = UInt8(ascii: "0") &+ UInt8(truncatingIfNeeded: rest / 10)
            position[-1] = UInt8(ascii: "0") &+ UInt8(truncatingIfNeeded: rest % 10)
        } else {
            position[-1] = UInt8(ascii: "0") &+ UInt8(truncatingIfNeeded: rest)
        }
        count += digitCount
    }

    /// The number of decimal digits of `value`, counted four at a time.
    private static func decimalDigitCount(of value: UInt64) -> Int {
        var digitCount = 1
        var rest = value
        while rest >= 10_000 {
            rest /= 10_000
            digitCount += 4
        }
        if rest >= 1000 { return digitCount + 3 }
        if rest >= 100 { return digitCount + 2 }
        return rest >= 10 ? digitCount + 1 : digitCount
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
    ///
    /// Timestamps written one after the other mostly share their whole seconds (series start together), so the
    /// digits of the last whole seconds written are copied rather than worked out again.
    func append(seconds timestamp: UInt64) {
        let milliseconds = timestamp / 1_000_000
        let wholeSeconds = milliseconds / 1000
        if let last = lastWholeSeconds, last.value == wholeSeconds {
            reserve(last.digits.count)
            (storage + count).update(from: storage + last.digits.lowerBound, count: last.digits.count)
            count += last.digits.count
        } else {
            let start = count
            append(unsigned: wholeSeconds)
            lastWholeSeconds = (wholeSeconds, start..<count)
        }
        let fraction = milliseconds % 1000
        reserve(4)
        storage[count] = UInt8(ascii: ".")
        storage[count + 1] = UInt8(ascii: "0") &+ UInt8(truncatingIfNeeded: fraction / 100)
        storage[count + 2] = UInt8(ascii: "0") &+ UInt8(truncatingIfNeeded: fraction / 10 % 10)
        storage[count + 3] = UInt8(ascii: "0") &+ UInt8(truncatingIfNeeded: fraction % 10)
        count += 4
    }
}
