#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// The few POSIX file operations the on-disk queue needs, with errors that name the path and the cause.
enum FileSystem {
    /// A failed file operation.
    struct Failure: Error, CustomStringConvertible {
        let description: String

        init(_ operation: String, _ path: String, errno code: Int32 = errno) {
            description = "\(operation) '\(path)' failed: \(String(cString: strerror(code)))"
        }
    }

    /// Creates `path` and its missing parents.
    static func createDirectory(_ path: String) throws(Failure) {
        var prefix = path.hasPrefix("/") ? "/" : ""
        for component in path.split(separator: "/") {
            prefix += component + "/"
            if mkdir(prefix, 0o755) != 0, errno != EEXIST {
                throw Failure("creating the directory", prefix)
            }
        }
    }

    /// The names of the entries of a directory, without `.` and `..`.
    static func entries(of path: String) throws(Failure) -> [String] {
        guard let directory = opendir(path) else { throw Failure("listing", path) }
        defer { closedir(directory) }
        var names: [String] = []
        while let entry = readdir(directory) {
            let name = withUnsafeBytes(of: entry.pointee.d_name) { raw in
                String(cString: raw.baseAddress!.assumingMemoryBound(to: CChar.self))
            }
            if name != ".", name != ".." { names.append(name) }
        }
        return names
    }

    /// The whole contents of a file.
    static func readFile(_ path: String) throws(Failure) -> [UInt8] {
        let descriptor = open(path, O_RDONLY)
        guard descriptor >= 0 else { throw Failure("opening", path) }
        defer { close(descriptor) }
        var status = stat()
        guard fstat(descriptor, &status) == 0 else { throw Failure("reading the size of", path) }
        var bytes = [UInt8](repeating: 0, count: Int(status.st_size))
        var offset = 0
        while offset < bytes.count {
            let count = bytes.withUnsafeMutableBytes { read(descriptor, $0.baseAddress! + offset, $0.count - offset) }
            if count < 0, errno == EINTR { continue }
            guard count > 0 else { throw Failure("reading", path) }
            offset += count
        }
        return bytes
    }

    /// Writes `bytes` to a temporary file beside `path`, syncs it and renames it to `path`, so that `path`
    /// is either absent or complete.
    static func writeFileAtomically(_ bytes: [UInt8], to path: String, temporaryPath: String) throws(Failure) {
        let descriptor = open(temporaryPath, O_WRONLY | O_CREAT | O_TRUNC, 0o644)
        guard descriptor >= 0 else { throw Failure("creating", temporaryPath) }
        var offset = 0
        while offset < bytes.count {
            let count = bytes.withUnsafeBytes { write(descriptor, $0.baseAddress! + offset, $0.count - offset) }
            if count < 0, errno == EINTR { continue }
            guard count > 0 else {
                let failure = Failure("writing", temporaryPath)
                close(descriptor)
                unlink(temporaryPath)
                throw failure
            }
            offset += count
        }
        let synced = fsync(descriptor) == 0
        let code = errno
        close(descriptor)
        guard synced else {
            unlink(temporaryPath)
            throw Failure("syncing", temporaryPath, errno: code)
        }
        guard rename(temporaryPath, path) == 0 else {
            let failure = Failure("renaming", temporaryPath)
            unlink(temporaryPath)
            throw failure
        }
    }

    /// Removes a file; a file that is already gone is fine.
    static func removeFile(_ path: String) {
        unlink(path)
    }

    /// Removes an empty directory; false when it is not empty or cannot be removed.
    static func removeEmptyDirectory(_ path: String) -> Bool {
        rmdir(path) == 0
    }
}
