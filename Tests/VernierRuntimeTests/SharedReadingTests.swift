import Synchronization
import Testing
@testable import VernierRuntime

@Suite struct SharedReadingTests {
    /// A source that counts how often it is read and returns that count.
    private final class CountingSource: Sendable {
        let reads = Atomic<Int>(0)

        func read() -> Int {
            reads.add(1, ordering: .relaxed).newValue
        }

        func readFailing() throws -> Int {
            _ = read()
            throw Unreadable()
        }
    }

    private struct Unreadable: Error {}

    @Test func eachUserOfOneCollectionGetsTheSameReading() throws {
        let source = CountingSource()
        let reading = SharedReading(read: source.read)
        let users = (0..<3).map { _ in reading.addUser() }

        let first = try users.map { try reading.value(for: $0) }
        let second = try users.map { try reading.value(for: $0) }

        #expect(first == [1, 1, 1])
        #expect(second == [2, 2, 2])
        #expect(source.reads.load(ordering: .relaxed) == 2)
    }

    @Test func whicheverUserRunsFirstStartsTheNextReading() throws {
        let source = CountingSource()
        let reading = SharedReading(read: source.read)
        let first = reading.addUser(), second = reading.addUser()

        _ = try reading.value(for: first)
        _ = try reading.value(for: second)
        // The next collection calls the callbacks in another order.
        #expect(try reading.value(for: second) == 2)
        #expect(try reading.value(for: first) == 2)
    }

    @Test func aReadingOlderThanTheMaximumAgeIsNotReused() async throws {
        let source = CountingSource()
        let reading = SharedReading(maximumAge: .milliseconds(20), read: source.read)
        let first = reading.addUser(), second = reading.addUser()

        _ = try reading.value(for: first)
        try await Task.sleep(for: .milliseconds(40))
        #expect(try reading.value(for: second) == 2)
    }

    @Test func aFailedReadingFailsEveryUserOfItsCollection() {
        let source = CountingSource()
        let reading = SharedReading(read: source.readFailing)
        let first = reading.addUser(), second = reading.addUser()

        #expect(throws: Unreadable.self) { try reading.value(for: first) }
        #expect(throws: Unreadable.self) { try reading.value(for: second) }
        #expect(source.reads.load(ordering: .relaxed) == 1)
    }
}
