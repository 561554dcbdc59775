#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// The process's open file descriptors and how many it may open.
enum FileDescriptorTable {
    /// Counts the entries of `/proc/self/fd`, leaving out the descriptor the listing itself holds open.
    static func openCount() throws -> Int {
        guard let directory = opendir("/proc/self/fd") else { throw RuntimeReadingError.system("opendir /proc/self/fd") }
        defer { closedir(directory) }
        let listingDescriptor = dirfd(directory)
        var count = 0
        while let entry = readdir(directory) {
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
