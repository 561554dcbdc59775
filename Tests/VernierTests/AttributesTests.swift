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
