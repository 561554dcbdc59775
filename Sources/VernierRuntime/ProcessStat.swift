#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// The fields of `/proc/self/stat` the sampler reports, as proc(5) numbers them.
struct ProcessStat: Equatable {
    /// Field 20, `num_threads`.
    var threadCount: Int
    /// Field 22, `starttime`: clock ticks after boot at which the process started.
    var startTimeTicks: UInt64
    /// Field 23, `vsize`: virtual memory size in bytes.
    var virtualMemoryBytes: UInt64
    /// Field 24, `rss`: resident set size in pages.
    var residentPages: UInt64

    /// Reads and parses `file`, the process's `/proc/self/stat`, without allocating.
    static func read(from file: ProcfsFile) throws -> ProcessStat {
        try file.withContents { bytes in
            guard let stat = parse(bytes) else { throw RuntimeReadingError("/proc/self/stat has fewer fields than expected") }
            return stat
        }
    }

    /// Parses the text of a stat file; nil when a needed field is missing or not a number.
    ///
    /// The command name (field 2) is in parentheses and may itself contain spaces and parentheses, so fields are
    /// counted from the last `)`.
    static func parse(_ bytes: UnsafeRawBufferPointer) -> ProcessStat? {
        guard let closing = bytes.lastIndex(of: UInt8(ascii: ")")) else { return nil }
        var fields = FieldCursor(bytes: bytes, position: closing + 1, fieldNumber: 2)
        guard let threads = fields.number(at: 20), let start = fields.number(at: 22),
              let virtual = fields.number(at: 23), let resident = fields.number(at: 24)
        else { return nil }
        return ProcessStat(threadCount: Int(threads), startTimeTicks: start, virtualMemoryBytes: virtual, residentPages: resident)
    }

    /// Walks space-separated fields forward, parsing the ones asked for in increasing order.
    private struct FieldCursor {
        let bytes: UnsafeRawBufferPointer
        var position: Int
        var fieldNumber: Int

        /// The unsigned decimal value of field `number`, which must come after the fields already read.
        mutating func number(at number: Int) -> UInt64? {
            while fieldNumber < number {
                while position < bytes.count, bytes[position] == UInt8(ascii: " ") { position += 1 }
                guard position < bytes.count else { return nil }
                fieldNumber += 1
                if fieldNumber < number {
                    while position < bytes.count, bytes[position] != UInt8(ascii: " ") { position += 1 }
                }
            }
            var value: UInt64 = 0
            var digits = 0
            while position < bytes.count, case let byte = bytes[position], byte >= UInt8(ascii: "0"), byte <= UInt8(ascii: "9") {
                let (shifted, overflow) = value.multipliedReportingOverflow(by: 10)
                guard !overflow else { return nil }
                value = shifted &+ UInt64(byte - UInt8(ascii: "0"))
                digits += 1
                position += 1
            }
            return digits > 0 ? value : nil
        }
    }
}
