import Testing
@testable import Vernier

@Suite struct AttributesTests {
    @Test func orderDoesNotMatter() {
        let first: Attributes = ["a": 1, "b": 2]
        let second: Attributes = ["b": 2, "a": 1]
        #expect(first == second)
        #expect(first.hashValue == second.hashValue)
        #expect(first.elements.map(\.key) == ["a", "b"])
    }

    @Test func lastValueWinsForARepeatedKey() {
        let attributes = Attributes([("k", "first"), ("k", "second")])
        #expect(attributes.count == 1)
        #expect(attributes["k"] == "second")
    }

    @Test func anyOrderWithRepeatsSortsByKeyAndKeepsEachKeysLastValue() {
        var generator = SystemRandomNumberGenerator()
        for _ in 0..<500 {
            let list = (0..<Int.random(in: 0...40, using: &generator)).map { index in
                Attribute(key: String(UnicodeScalar(UInt8.random(in: 97...104, using: &generator))), value: .int(Int64(index)))
            }
            var lastValue: [String: AttributeValue] = [:]
            for attribute in list { lastValue[attribute.key] = attribute.value }
            let expected = lastValue.keys.sorted().map { Attribute(key: $0, value: lastValue[$0]!) }
            #expect(Attributes(list).elements == expected, "\(list)")
        }
    }

    @Test func valuesOfDifferentTypesDiffer() {
        let integer: Attributes = ["k": 1]
        let text: Attributes = ["k": "1"]
        let ascending: Attributes = ["k": .intArray([1, 2])]
        let descending: Attributes = ["k": .intArray([2, 1])]
        #expect(integer != text)
        #expect(ascending != descending)
    }

    @Test func keepingAndRemovingSplitAttributes() {
        let attributes: Attributes = ["route": "/a", "user": "u1", "method": "GET"]
        #expect(attributes.keeping(["route", "method"]) == ["method": "GET", "route": "/a"])
        #expect(attributes.removing(["route", "method"]) == ["user": "u1"])
    }

    @Test func arraysRenderAsJSON() {
        #expect(AttributeValue.stringArray(["a", "b\"c"]).description == #"["a","b\"c"]"#)
        #expect(AttributeValue.boolArray([true, false]).description == "[true,false]")
    }
}
