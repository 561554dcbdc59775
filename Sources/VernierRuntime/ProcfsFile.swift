#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
import VernierConcurrency

/// A procfs entry such as `/proc/self/stat`, opened at first use and kept open, so that a sample costs one
/// `pread` or `fstat` instead of a path lookup, an open and a close, and reads into stack memory without allocating.
///
/// procfs produces a file's text afresh whenever it is read from offset 0, so each read sees current values.
/// An open that fails is tried again at the next use. `/proc/self` names the process that opened it, so a child
/// after `fork()` opens its own copy instead of reading its parent's.
final class ProcfsFile: Sendable {
    private let path: StaticString
    /// The open descriptor (-1 until an open succeeds) and the process that opened it.
    private let opened = MutexBox<(descriptor: Int32, process: pid_t)>((-1, 0))

    init(_ path: StaticString) {
        self.path = path
    }

    deinit {
        let opened = opened.withLock { $0 }
        if opened.descriptor >= 0 { close(opened.descriptor) }
    }

    /// Calls `body` with the start of the file's current contents, at most `capacity` bytes of them.
    func withContents<Result>(capacity: Int = 1024, _ body: (UnsafeRawBufferPointer) throws -> Result) throws -> Result {
        let descriptor = try openDescriptor()
        return try withUnsafeTemporaryAllocation(byteCount: capacity, alignment: 1) { buffer in
            // procfs hands over a small file whole: a read shorter than asked for has reached its end.
            var count: Int
            repeat {
                count = pread(descriptor, buffer.baseAddress!, capacity, 0)
            } while count < 0 && errno == EINTR
            guard count >= 0 else { throw RuntimeReadingError.system("read \(path)") }
            return try body(UnsafeRawBufferPointer(rebasing: buffer[..<count]))
        }
    }

    /// The size `fstat` reports for the entry; for a `/proc/<pid>/fd` directory, the number of open descriptors
    /// from Linux 6.2 on, 0 before.
    func size() throws -> Int {
        let descriptor = try openDescriptor()
        var status = stat()
        guard fstat(descriptor, &status) == 0 else { throw RuntimeReadingError.system("fstat \(path)") }
        return Int(status.st_size)
    }

    private func openDescriptor() throws -> Int32 {
        let process = getpid()
        return try opened.withLock { opened in
            if opened.descriptor >= 0, opened.process != process {
                close(opened.descriptor)
                opened.descriptor = -1
            }
            if opened.descriptor < 0 {
                opened.descriptor = open(UnsafeRawPointer(path.utf8Start).assumingMemoryBound(to: CChar.self), O_RDONLY | O_CLOEXEC)
                guard opened.descriptor >= 0 else { throw RuntimeReadingError.system("open \(path)") }
                opened.process = process
            }
            return opened.descriptor
        }
    }
}
