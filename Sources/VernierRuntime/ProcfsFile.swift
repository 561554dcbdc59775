#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Reads small files such as `/proc/self/stat` into stack memory, so that a sample does not allocate.
enum ProcfsFile {
    /// Calls `body` with the start of the file at `path`, at most `capacity` bytes of it.
    static func withContents<Result>(
        of path: StaticString, capacity: Int = 1024, _ body: (UnsafeRawBufferPointer) throws -> Result
    ) throws -> Result {
        let descriptor = open(UnsafeRawPointer(path.utf8Start).assumingMemoryBound(to: CChar.self), O_RDONLY | O_CLOEXEC)
        guard descriptor >= 0 else { throw RuntimeReadingError.system("open \(path)") }
        defer { close(descriptor) }
        return try withUnsafeTemporaryAllocation(byteCount: capacity, alignment: 1) { buffer in
            var filled = 0
            while filled < capacity {
                let count = read(descriptor, buffer.baseAddress! + filled, capacity - filled)
                if count == 0 { break }
                if count < 0 {
                    if errno == EINTR { continue }
                    throw RuntimeReadingError.system("read \(path)")
                }
                filled += count
            }
            return try body(UnsafeRawBufferPointer(rebasing: buffer[..<filled]))
        }
    }
}
