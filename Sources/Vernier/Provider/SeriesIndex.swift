/// An open-addressing hash map from attribute sets to cells, keyed by the hash each `Attributes` computed once.
///
/// `Dictionary` would run the hasher on every lookup; this map compares the stored hash first and the attributes
/// only on a hash match, so a lookup costs a few loads and one comparison. The entries live in one dense array in
/// insertion order and the hash slots hold their positions, so a collection copies the whole map by reference
/// instead of walking it. Not thread-safe: `SeriesTable` locks.
struct SeriesIndex<Value> {
    /// Every entry, in insertion order except that removing one moves the last entry into its place.
    private(set) var entries: [(attributes: Attributes, cell: Value)] = []
    /// For each slot, the position of its entry in `entries`, or -1 when the slot is empty.
    private var slots: [Int32]
    private var mask: Int

    init() {
        slots = Array(repeating: -1, count: 8)
        mask = 7
    }

    /// The number of entries.
    var count: Int { entries.count }

    subscript(attributes: Attributes) -> Value? {
        get {
            let (slot, found) = locate(attributes)
            return found ? entries[Int(slots[slot])].cell : nil
        }
        set {
            let (slot, found) = locate(attributes)
            guard let newValue else {
                if found { remove(at: slot) }
                return
            }
            if found {
                entries[Int(slots[slot])].cell = newValue
                return
            }
            slots[slot] = Int32(entries.count)
            entries.append((attributes, newValue))
            if entries.count * 4 > slots.count * 3 { grow() }
        }
    }

    /// The slot holding `attributes`, or the empty slot where they would go.
    private func locate(_ attributes: Attributes) -> (slot: Int, found: Bool) {
        var slot = attributes.precomputedHash & mask
        while true {
            let position = slots[slot]
            if position < 0 { return (slot, false) }
            if entries[Int(position)].attributes == attributes { return (slot, true) }
            slot = (slot + 1) & mask
        }
    }

    /// Removes the entry of a slot: the last entry takes its position, and the entries after the slot in its
    /// probe run are placed again, so later lookups still find them.
    private mutating func remove(at slot: Int) {
        let position = Int(slots[slot])
        let last = entries.count - 1
        if position != last {
            slots[locate(entries[last].attributes).slot] = Int32(position)
            entries.swapAt(position, last)
        }
        entries.removeLast()
        slots[slot] = -1
        var next = (slot + 1) & mask
        while slots[next] >= 0 {
            let moving = slots[next]
            slots[next] = -1
            slots[locate(entries[Int(moving)].attributes).slot] = moving
            next = (next + 1) & mask
        }
    }

    private mutating func grow() {
        slots = Array(repeating: -1, count: slots.count * 2)
        mask = slots.count - 1
        for position in entries.indices {
            slots[locate(entries[position].attributes).slot] = Int32(position)
        }
    }
}
