/// Parses the numeric tokens of the exposition formats straight from bytes, creating no strings on the common path.
enum ExpositionNumber {
    private static let exactPowersOfTen: [Double] = [
        1e0, 1e1, 1e2, 1e3, 1e4, 1e5, 1e6, 1e7, 1e8, 1e9, 1e10, 1e11,
        1e12, 1e13, 1e14, 1e15, 1e16, 1e17, 1e18, 1e19, 1e20, 1e21, 1e22,
    ]

    /// Parses `bytes[start..<end]` as a float: an optionally signed decimal with optional fraction and exponent,
    /// or `Inf`, `Infinity` (optionally signed) and `NaN` in any letter case. Returns nil for anything else,
    /// including hexadecimal, underscores and finite values beyond the range of `Double`.
    static func parseFloat(_ bytes: UnsafeBufferPointer<UInt8>, from start: Int, to end: Int) -> Double? {
        var index = start
        guard index < end else { return nil }
        var isNegative = false
        if bytes[index] == ASCII.plus || bytes[index] == ASCII.minus {
            isNegative = bytes[index] == ASCII.minus
            index += 1
            guard index < end else { return nil }
        }
        switch bytes[index] | 0x20 {
        case UInt8(ascii: "i"):
            guard matchesIgnoringCase("inf", bytes, from: index, to: end)
                || matchesIgnoringCase("infinity", bytes, from: index, to: end) else { return nil }
            return isNegative ? -.infinity : .infinity
        case UInt8(ascii: "n"):
            guard index == start, matchesIgnoringCase("nan", bytes, from: index, to: end) else { return nil }
            return .nan
        default:
            break
        }

        var mantissa: UInt64 = 0
        var significantDigits = 0
        var exponent = 0
        var sawDigit = false
        var isExact = true
        /// Takes the digits from `index` on into the mantissa, up to 19 significant ones; the integer part's digits
        /// past those raise the exponent, the fraction's lower it for each digit taken.
        func takeDigits(inFraction: Bool) {
            while index < end, ASCII.isDigit(bytes[index]) {
                let digit = UInt64(bytes[index] &- ASCII.zero)
                sawDigit = true
                if significantDigits < 19 {
                    if mantissa != 0 || digit != 0 {
                        mantissa = mantissa &* 10 &+ digit
                        significantDigits += 1
                    }
                    if inFraction { exponent -= 1 }
                } else {
                    if !inFraction { exponent += 1 }
                    if digit != 0 { isExact = false }
                }
                index += 1
            }
        }
        takeDigits(inFraction: false)
        if index < end, bytes[index] == ASCII.period {
            index += 1
            takeDigits(inFraction: true)
        }
        guard sawDigit else { return nil }
        if index < end, bytes[index] | 0x20 == UInt8(ascii: "e") {
            index += 1
            var exponentIsNegative = false
            if index < end, bytes[index] == ASCII.plus || bytes[index] == ASCII.minus {
                exponentIsNegative = bytes[index] == ASCII.minus
                index += 1
            }
            guard index < end, ASCII.isDigit(bytes[index]) else { return nil }
            var written = 0
            while index < end, ASCII.isDigit(bytes[index]) {
                if written < 1_000_000 {
                    written = written * 10 + Int(bytes[index] &- ASCII.zero)
                }
                index += 1
            }
            exponent += exponentIsNegative ? -written : written
        }
        guard index == end else { return nil }

        if mantissa == 0 { return isNegative ? -0.0 : 0.0 }
        if isExact, mantissa <= 1 << 53, exponent >= -22, exponent <= 22 {
            let magnitude = exponent < 0
                ? Double(mantissa) / exactPowersOfTen[-exponent]
                : Double(mantissa) * exactPowersOfTen[exponent]
            return isNegative ? -magnitude : magnitude
        }
        let text = String(decoding: UnsafeBufferPointer(rebasing: bytes[start..<end]), as: UTF8.self)
        guard let value = Double(text), value.isFinite else { return nil }
        return value
    }

    /// Parses `bytes[start..<end]` as an optionally signed decimal integer; nil if malformed or outside the `Int64` range.
    static func parseInteger(_ bytes: UnsafeBufferPointer<UInt8>, from start: Int, to end: Int) -> Int64? {
        guard isInteger(bytes, from: start, to: end) else { return nil }
        var index = start
        let isNegative = bytes[index] == ASCII.minus
        if bytes[index] == ASCII.plus || bytes[index] == ASCII.minus { index += 1 }
        var value: Int64 = 0
        while index < end {
            let digit = Int64(bytes[index] &- ASCII.zero)
            let (shifted, shiftOverflow) = value.multipliedReportingOverflow(by: 10)
            let (next, addOverflow) = isNegative
                ? shifted.subtractingReportingOverflow(digit)
                : shifted.addingReportingOverflow(digit)
            guard !shiftOverflow, !addOverflow else { return nil }
            value = next
            index += 1
        }
        return value
    }

    /// Whether `bytes[start..<end]` is an optional sign followed by one or more decimal digits.
    static func isInteger(_ bytes: UnsafeBufferPointer<UInt8>, from start: Int, to end: Int) -> Bool {
        var index = start
        if index < end, bytes[index] == ASCII.plus || bytes[index] == ASCII.minus { index += 1 }
        guard index < end else { return false }
        while index < end {
            guard ASCII.isDigit(bytes[index]) else { return false }
            index += 1
        }
        return true
    }

    /// Converts seconds to milliseconds, rounding half away from zero; nil if not finite or outside the `Int64` range.
    static func milliseconds(fromSeconds seconds: Double) -> Int64? {
        let milliseconds = seconds * 1000
        guard milliseconds >= -0x1p63, milliseconds < 0x1p63 else { return nil }
        let truncated = Int64(milliseconds)
        let fraction = milliseconds - Double(truncated)
        if fraction >= 0.5 { return truncated + 1 }
        if fraction <= -0.5 { return truncated - 1 }
        return truncated
    }

    /// Whether `value` is a finite, non-negative whole number, as counts must be.
    static func isCount(_ value: Double) -> Bool {
        guard value.isFinite, value >= 0 else { return false }
        return value >= 0x1p53 || Double(Int64(value)) == value
    }

    private static func matchesIgnoringCase(
        _ word: StaticString,
        _ bytes: UnsafeBufferPointer<UInt8>,
        from start: Int,
        to end: Int
    ) -> Bool {
        guard end - start == word.utf8CodeUnitCount else { return false }
        return word.withUTF8Buffer { letters in
            for offset in 0..<letters.count where bytes[start + offset] | 0x20 != letters[offset] {
                return false
            }
            return true
        }
    }
}
