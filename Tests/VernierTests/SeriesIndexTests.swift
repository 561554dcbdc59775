import Testing
@testable import Vernier

/// The hash map behind every series table, checked against `Dictionary` through random inserts, updates and
/// removals, including removals from the middle of probe runs and across growth.
@Suite struct SeriesIndexTests {
    @Test func agreesWithDictionaryThroughInsertsUpdatesAndRemovals() {
        var generator = SplitMix64(seed: 42)
        var index = SeriesIndex<Int>()
        var expected: [Attributes: Int] = [:]
        let keys = (0..<300).map { Attributes([("id", .int(Int64($0)))]) }
        for step in 0..<20_000 {
            let key = keys[Int(generator.next() % UInt64(keys.count))]
            if generator.next() % 3 == 0 {
                index[key] = nil
                expected[key] = nil
            } else {
                index[key] = step
                expected[key] = step
            }
            if step % 997 == 0 {
                #expect(index.count == expected.count)
                for key in keys { #expect(index[key] == expected[key]) }
            }
        }
        #expect(index.count == expected.count)
        for key in keys { #expect(index[key] == expected[key]) }
        let listed = Dictionary(uniqueKeysWithValues: index.entries.map { ($0.attributes, $0.cell) })
        #expect(listed == expected)
    }

    @Test func listsEntriesInInsertionOrder() {
        var index = SeriesIndex<Int>()
        let keys = (0..<50).map { Attributes([("route", .string("/r\($0)"))]) }
        for (position, key) in keys.enumerated() { index[key] = position }
        #expect(index.entries.map(\.cell) == Array(0..<50))
        #expect(index.entries.map(\.attributes) == keys)
    }
}
