/// An open-addressing hash map from attribute sets to cells, keyed by the hash each `Attributes` computed once.
///
/// `Dictionary` would run the hasher on every lookup; this map compares the stored hash first and the attributes
/// only on a hash match, so a lookup costs a few loads and one comparison. Not thread-safe: `SeriesTable` locks.
struct SeriesIndex<Value> {
    private var keys: [Attributes?]
    private var values: [Value?]
    private var mask: Int
    /// The number of entries.
    private(set) var count = 0

    init() {
        keys = Array(repeating: nil, count: 8)
        values = Array(repeating: nil, count: 8)
        mask = 7
    }

    subscript(attributes: Attributes) -> Value? {
        get {
            var slot = attributes.precomputedHash & mask
            while let key = keys[slot] {
                if key == attributes { return values[slot] }
                slot = (slot + 1) & mask
            }
            return nil
        }
        set {
            guard let newValue else {
                remove(attributes)
                return
            }
            var slot = attributes.precomputedHash & mask
            while let key = keys[slot] {
                if key == attributes {
                    values[slot] = newValue
                    return
                }
                slot = (slot + 1) & mask
            }
            keys[slot] = attributes
            values[slot] = newValue
            count += 1
            if count * 4 > keys.count * 3 { grow() }
        }
    }

    /// Removes an entry and re-places the entries after it in its probe run, so later lookups still find them.
    private mutating func remove(_ attributes: Attributes) {
        var slot = attributes.precomputedHash & mask
        while let key = keys[slot] {
            if key == attributes { break }
            slot = (slot + 1) & mask
        }
        guard keys[slot] != nil else { return }
        keys[slot] = nil
        values[slot] = nil
        count -= 1
        var next = (slot + 1) & mask
        while let key = keys[next] {
            let value = values[next]
            keys[next] = nil
            values[next] = nil
            count -= 1
            self[key] = value
            next = (next + 1) & mask
        }
    }

    /// Every entry, in no particular order.
    var entries: [(key: Attributes, value: Value)] {
        zip(keys, values).compactMap { key, value in key.map { ($0, value!) } }
    }

    private mutating func grow() {
        let old = entries
        keys = Array(repeating: nil, count: keys.count * 2)
        values = Array(repeating: nil, count: keys.count)
        mask = keys.count - 1
        count = 0
        for (key, value) in old { self[key] = value }
    }
}
