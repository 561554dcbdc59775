import Vernier

/// The parts of OTLP JSON every signal writes the same way: resource, scope, attributes, ids, times. Fields holding
/// their default value are left out, as a proto3 encoder leaves them out.
extension JSONWriter {
    /// `"resource":{"attributes":[…]}`.
    mutating func resource(_ resource: Resource) {
        key("resource")
        beginObject()
        attributes("attributes", resource.attributes)
        endObject()
    }

    /// `"scope":{"name":…,"version":…,"attributes":[…]}`.
    mutating func scope(_ scope: InstrumentationScope) {
        key("scope")
        beginObject()
        text("name", scope.name)
        text("version", scope.version ?? "")
        attributes("attributes", scope.attributes)
        endObject()
    }

    /// `attributes` as a `KeyValue` array under `key`.
    mutating func attributes(_ key: StaticString, _ attributes: Attributes) {
        guard !attributes.isEmpty else { return }
        self.key(key)
        beginArray()
        for attribute in attributes {
            beginObject()
            self.key("key")
            string(attribute.key)
            self.key("value")
            anyValue(attribute.value)
            endObject()
        }
        endArray()
    }

    private mutating func anyValue(_ value: AttributeValue) {
        switch value {
        case .string(let text): scalar { $0.key("stringValue"); $0.string(text) }
        case .int(let number): scalar { $0.key("intValue"); $0.quotedInteger(number) }
        case .double(let number): scalar { $0.key("doubleValue"); $0.double(number) }
        case .bool(let flag): scalar { $0.key("boolValue"); $0.bool(flag) }
        case .stringArray(let values): array(values) { $0.key("stringValue"); $0.string($1) }
        case .intArray(let values): array(values) { $0.key("intValue"); $0.quotedInteger($1) }
        case .doubleArray(let values): array(values) { $0.key("doubleValue"); $0.double($1) }
        case .boolArray(let values): array(values) { $0.key("boolValue"); $0.bool($1) }
        }
    }

    private mutating func scalar(_ write: (inout JSONWriter) -> Void) {
        beginObject()
        write(&self)
        endObject()
    }

    private mutating func array<Element>(_ values: [Element], _ write: (inout JSONWriter, Element) -> Void) {
        beginObject()
        key("arrayValue")
        beginObject()
        if !values.isEmpty {
            key("values")
            beginArray()
            for element in values {
                beginObject()
                write(&self, element)
                endObject()
            }
            endArray()
        }
        endObject()
        endObject()
    }

    /// A string under `key`, left out when empty.
    mutating func text(_ key: StaticString, _ value: String) {
        guard !value.isEmpty else { return }
        self.key(key)
        string(value)
    }

    /// A time in nanoseconds since the epoch under `key`, left out when zero.
    mutating func time(_ key: StaticString, _ time: Timestamp) {
        counter(key, time.nanosecondsSinceEpoch)
    }

    /// A 64-bit count under `key`, as a string, left out when zero.
    mutating func counter(_ key: StaticString, _ value: UInt64) {
        guard value != 0 else { return }
        self.key(key)
        quotedInteger(value)
    }

    /// A double under `key`, left out when nil.
    mutating func optionalDouble(_ key: StaticString, _ value: Double?) {
        guard let value else { return }
        self.key(key)
        double(value)
    }
}
