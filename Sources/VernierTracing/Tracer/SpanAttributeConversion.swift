import Tracing
import Vernier

extension SpanAttribute {
    /// The value as a Vernier attribute value: 32-bit integers widen, string-convertible values become strings.
    var attributeValue: AttributeValue? {
        switch self {
        case .int32(let value): return .int(Int64(value))
        case .int64(let value): return .int(value)
        case .int32Array(let values): return .intArray(values.map(Int64.init))
        case .int64Array(let values): return .intArray(values)
        case .double(let value): return .double(value)
        case .doubleArray(let values): return .doubleArray(values)
        case .bool(let value): return .bool(value)
        case .boolArray(let values): return .boolArray(values)
        case .string(let value): return .string(value)
        case .stringArray(let values): return .stringArray(values)
        case .stringConvertible(let value): return .string(value.description)
        case .stringConvertibleArray(let values): return .stringArray(values.map(\.description))
        default: return nil
        }
    }
}

extension SpanAttributes {
    /// The attributes as a Vernier attribute set, keeping at most `limit` of them in key order.
    func vernierAttributes(limit: Int) -> (attributes: Attributes, dropped: Int) {
        var converted: [Attribute] = []
        converted.reserveCapacity(count)
        forEach { key, value in
            if let value = value.attributeValue { converted.append(Attribute(key: key, value: value)) }
        }
        let all = Attributes(converted)
        guard all.count > limit else { return (all, 0) }
        return (Attributes(all.elements.prefix(limit)), all.count - limit)
    }
}
