#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Why a runtime value could not be read: what was being read and what went wrong.
struct RuntimeReadingError: Error, CustomStringConvertible {
    let description: String

    init(_ description: String) {
        self.description = description
    }

    /// An error naming the failed call and the C library's text for the current `errno`.
    static func system(_ call: String) -> RuntimeReadingError {
        RuntimeReadingError("\(call) failed: \(String(cString: strerror(errno)))")
    }
}
