/// One key and its value.
public struct Attribute: Hashable, Sendable {
    /// The attribute key, such as `http.request.method`.
    public let key: String
    /// The attribute value.
    public let value: AttributeValue

    /// Creates an attribute from a key and a value.
    public init(key: String, value: AttributeValue) {
        self.key = key
        self.value = value
    }
}

/// A set of attributes identifying one series of an instrument.
///
/// Order does not matter: `["a": 1, "b": 2]` and `["b": 2, "a": 1]` are equal and hash the same.
/// The set is kept sorted by key, with the last value winning for a repeated key, and its hash is
/// computed once at creation so that looking up a series costs one integer hash and one comparison.
/// Build an `Attributes` value once and reuse it on hot paths: creating one allocates.
public struct Attributes: Hashable, Sendable {
    /// The attributes in key order, each key once.
    public let elements: [Attribute]
    @usableFromInline let precomputedHash: Int

    /// The empty attribute set.
    public static let empty = Attributes(sortedUnique: [])

    /// Creates an attribute set from attributes in any order; for a repeated key the last value wins.
    public init(_ attributes: some Sequence<Attribute>) {
        self.init(Array(attributes))
    }

    /// Creates an attribute set from an array of attributes in any order; for a repeated key the last value wins.
    /// The array form is not generic, so code in other modules calls it without unspecialized generics.
    public init(_ attributes: [Attribute]) {
        var list = attributes
        Self.sortKeepingLast(&list)
        self.init(sortedUnique: list)
    }

    /// Sorts `list` by key in place and keeps the last of each repeated key. The sort is stable, so among equal
    /// keys the input order holds; an insertion sort, since attribute sets are small and often already sorted,
    /// which then costs one comparison per attribute and no allocation.
    private static func sortKeepingLast(_ list: inout [Attribute]) {
        guard list.count > 1 else { return }
        for index in 1..<list.count where list[index].key < list[index - 1].key {
            let moving = list[index]
            var position = index
            while position > 0, moving.key < list[position - 1].key {
                list[position] = list[position - 1]
                position -= 1
            }
            list[position] = moving
        }
        // Writes only where something moves, so a sorted set without repeats is never copied.
        var kept = 1
        for index in 1..<list.count {
            if list[index].key == list[kept - 1].key {
                list[kept - 1] = list[index]
            } else {
                if kept != index { list[kept] = list[index] }
                kept += 1
            }
        }
        if kept < list.count { list.removeLast(list.count - kept) }
    }

    /// Creates an attribute set from key-value pairs in any order.
    public init(_ pairs: [(String, AttributeValue)]) {
        self.init(pairs.map { Attribute(key: $0.0, value: $0.1) })
    }

    init(sortedUnique elements: [Attribute]) {
        self.elements = elements
        var hasher = Hasher()
        hasher.combine(elements)
        self.precomputedHash = hasher.finalize()
    }

    /// The number of attributes.
    public var count: Int { elements.count }

    /// Whether the set has no attributes.
    public var isEmpty: Bool { elements.isEmpty }

    /// The value for a key, if the set has it.
    public subscript(key: String) -> AttributeValue? {
        elements.first { $0.key == key }?.value
    }

    /// The subset whose keys are in `keys`, as a view's attribute filter keeps it.
    public func keeping(_ keys: Set<String>) -> Attributes {
        Attributes(sortedUnique: elements.filter { keys.contains($0.key) })
    }

    /// The subset whose keys are not in `keys`: what an exemplar keeps of a measurement after a view filtered it.
    public func removing(_ keys: Set<String>) -> Attributes {
        Attributes(sortedUnique: elements.filter { !keys.contains($0.key) })
    }

    /// This set with the attributes of `other` added, `other` winning on a shared key.
    public func merging(_ other: Attributes) -> Attributes {
        Attributes(elements + other.elements)
    }

    @inlinable
    public static func == (lhs: Attributes, rhs: Attributes) -> Bool {
        lhs.precomputedHash == rhs.precomputedHash && lhs.elements == rhs.elements
    }

    @inlinable
    public func hash(into hasher: inout Hasher) {
        hasher.combine(precomputedHash)
    }
}

extension Attributes: ExpressibleByDictionaryLiteral {
    /// Creates an attribute set from a literal such as `["http.request.method": "GET", "retry": 2]`.
    public init(dictionaryLiteral elements: (String, AttributeValue)...) {
        self.init(elements)
    }
}

extension Attributes: Sequence {
    /// Iterates the attributes in key order.
    public func makeIterator() -> IndexingIterator<[Attribute]> {
        elements.makeIterator()
    }
}
