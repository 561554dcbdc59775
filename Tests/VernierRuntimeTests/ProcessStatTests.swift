@testable import VernierRuntime
import Testing

@Suite struct ProcessStatTests {
    private func parse(_ text: String) -> ProcessStat? {
        Array(text.utf8).withUnsafeBytes { ProcessStat.parse($0) }
    }

    @Test func readsTheFieldsCountedFromTheLastParenthesis() throws {
        // A command name with spaces and parentheses must not shift the fields.
        let line = "4242 (we (ird) name) S 1 4242 4242 0 -1 4194560 1500 0 3 0 120 45 0 0 20 0 7 0 98765 2147483648 2560 "
            + "18446744073709551615 1 1 0 0 0 0 0 0 0 0 0 17 1 0 0 0 0 0\n"
        let stat = try #require(parse(line))
        #expect(stat == ProcessStat(threadCount: 7, startTimeTicks: 98765, virtualMemoryBytes: 2_147_483_648, residentPages: 2560))
    }

    @Test func refusesATruncatedLine() {
        #expect(parse("4242 (short) S 1 4242 4242 0 -1 4194560 1500 0 3 0 120 45 0 0 20 0 7 0") == nil)
    }

    @Test func refusesALineWithoutCommandName() {
        #expect(parse("4242 short S 1") == nil)
    }

    @Test func readsThisProcess() throws {
        let stat = try ProcessStat.read(from: ProcfsFile("/proc/self/stat"))
        #expect(stat.threadCount >= 1)
        #expect(stat.residentPages > 0)
        #expect(stat.virtualMemoryBytes >= stat.residentPages)
    }
}
