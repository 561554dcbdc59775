/// Whether a stream's raw 64-bit totals hold integers or doubles, so collection can read them without generics.
@usableFromInline
enum NumberKind: Sendable {
    case integer
    case double

    /// The kind of `Value`, told by the number it produces.
    static func of<Value: MeasurementValue>(_: Value.Type) -> NumberKind {
        if case .int = Value(accumulatorBits: 0).numberValue { return .integer }
        return .double
    }

    /// `bits` plus `other`, both holding numbers of this kind.
    func accumulate(_ bits: UInt64, _ other: UInt64) -> UInt64 {
        switch self {
        case .integer: return bits &+ other
        case .double: return (Double(bitPattern: bits) + Double(bitPattern: other)).bitPattern
        }
    }

    /// The number `bits` hold.
    func number(_ bits: UInt64) -> NumberValue {
        switch self {
        case .integer: return .int(Int64(bitPattern: bits))
        case .double: return .double(Double(bitPattern: bits))
        }
    }
}

extension NumberValue {
    /// This value minus `other`, for delta points; both of the same kind.
    func subtracting(_ other: NumberValue) -> NumberValue {
        switch (self, other) {
        case (.int(let lhs), .int(let rhs)): return .int(lhs &- rhs)
        default: return .double(doubleValue - other.doubleValue)
        }
    }

    var isZero: Bool { doubleValue == 0 }

    var isNegative: Bool { doubleValue < 0 }
}
