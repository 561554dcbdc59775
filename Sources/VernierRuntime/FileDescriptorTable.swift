#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// The process's open file descriptors and how many it may open.
final class FileDescriptorTable: Sendable {
    /// `/proc/self/fd`, kept open: from Linux 6.2 on its size is the number of open descriptors.
    private let directory = ProcfsFile("/proc/self/fd")

    /// Counts the process's open descriptors, leaving out the one this table keeps on `/proc/self/fd` (the one
    /// the sampler keeps on `/proc/self/stat` counts, as any other).
    ///
    /// Reads the count from the directory's size, one `fstat`; lists the directory where the kernel reports no size.
    func openCount() throws -> Int {
        let size = try directory.size()
        return (size > 0 ? size : try Self.listedCount()) - 1
    }

    /// Counts the entries of `/proc/self/fd`, leaving out the descriptor the listing itself holds open.
    private static func listedCount() throws -> Int {
        guard let listing = opendir("/proc/self/fd") else { throw RuntimeReadingError.system("opendir /proc/self/fd") }
        defer { closedir(listing) }
        let listingDescriptor = dirfd(listing)
        var count = 0
        while let entry = readdir(listing) {
            let descriptor = withUnsafeBytes(of: entry.pointee.d_name) { descriptorNumber($0) }
            if let descriptor, descriptor != listingDescriptor { count += 1 }
        }
        return count
    }

    /// The soft limit on open descriptors, from `getrlimit(RLIMIT_NOFILE)`.
    static func limit() throws -> Int {
        var limit = rlimit()
        #if canImport(Glibc)
        let resource = __rlimit_resource_t(RLIMIT_NOFILE.rawValue)
        #else
        let resource = RLIMIT_NOFILE
        #endif
        guard getrlimit(resource, &limit) == 0 else { throw RuntimeReadingError.system("getrlimit") }
        return Int(clamping: limit.rlim_cur)
    }

    /// The number a `/proc/self/fd` entry names; nil for `.` and `..`.
    private static func descriptorNumber(_ name: UnsafeRawBufferPointer) -> Int32? {
        var value: Int32 = 0
        var digits = 0
        for byte in name {
            if byte == 0 { break }
            guard byte >= UInt8(ascii: "0"), byte <= UInt8(ascii: "9") else { return nil }
            value = value &* 10 &+ Int32(byte - UInt8(ascii: "0"))
            digits += 1
        }
        return digits > 0 ? value : nil
    }
}
