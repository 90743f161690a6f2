#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#elseif canImport(Darwin)
import Darwin
#endif

/// The few file operations the cache and the server need, on the C library (no Foundation
/// in the CGI path).
package enum FileSystem {
    /// What `stat` says about a path (symbolic links followed).
    package struct Status: Hashable, Sendable {
        package var isDirectory: Bool
        package var isRegularFile: Bool
        package var size: Int
        /// The modification time in nanoseconds since 1970.
        package var modified: Int64
        package var device: UInt64
        package var inode: UInt64
    }

    package static func status(_ path: String) -> Status? {
        var info = stat()
        guard stat(path, &info) == 0 else { return nil }
        return Status(info)
    }

    package static func status(descriptor: Int32) -> Status? {
        var info = stat()
        guard fstat(descriptor, &info) == 0 else { return nil }
        return Status(info)
    }

    package static func isDirectory(_ path: String) -> Bool { status(path)?.isDirectory ?? false }

    package static func isRegularFile(_ path: String) -> Bool { status(path)?.isRegularFile ?? false }

    /// The whole file, or nil when it cannot be read or is larger than `limit`.
    package static func readFile(_ path: String, limit: Int = 64 << 20) -> [UInt8]? {
        let descriptor = open(path, O_RDONLY | O_CLOEXEC)
        guard descriptor >= 0 else { return nil }
        defer { close(descriptor) }
        var result: [UInt8] = []
        var chunk = [UInt8](repeating: 0, count: 65536)
        while result.count <= limit {
            let count = readSome(descriptor, into: &chunk)
            if count < 0 { return nil }
            if count == 0 { return result }
            result += chunk[0..<count]
        }
        return nil
    }

    /// Reads up to `buffer.count` bytes, retrying interrupted reads; -1 on error.
    package static func readSome(_ descriptor: Int32, into buffer: inout [UInt8]) -> Int {
        buffer.withUnsafeMutableBytes { raw in
            while true {
                let count = read(descriptor, raw.baseAddress, raw.count)
                if count < 0 && errno == EINTR { continue }
                return count
            }
        }
    }

    /// Writes every byte, retrying partial and interrupted writes.
    /// - Returns: nil on success, else the system's reason.
    package static func writeAll(_ bytes: [UInt8], to descriptor: Int32) -> String? {
        bytes.withUnsafeBytes { raw in
            var offset = 0
            while offset < raw.count {
                let written = write(descriptor, raw.baseAddress! + offset, raw.count - offset)
                if written < 0 {
                    if errno == EINTR { continue }
                    return lastError()
                }
                // Some file systems (FUSE, NFS) can write nothing without an error; retrying forever would hang.
                if written == 0 { return "write wrote nothing" }
                offset += written
            }
            return nil
        }
    }

    /// `mkdir -p`: creates a directory and its missing parents with `mode` (less the umask);
    /// directories that exist are left as they are.
    /// - Returns: nil on success, else the system's reason.
    package static func makeDirectories(_ path: String, mode: Int = 0o777) -> String? {
        if isDirectory(path) { return nil }
        var prefix = path.hasPrefix("/") ? "/" : ""
        for component in path.split(separator: "/") {
            prefix += component
            if mkdir(prefix, mode_t(mode)) != 0 && errno != EEXIST {
                return "cannot create directory \(prefix): \(lastError())"
            }
            prefix += "/"
        }
        return isDirectory(path) ? nil : "\(path) is not a directory"
    }

    /// Deletes a file, ignoring errors.
    package static func remove(_ path: String) {
        unlink(path)
    }

    /// The names in a directory (without `.` and `..`), unsorted; nil when it cannot be read.
    package static func contents(ofDirectory path: String) -> [String]? {
        guard let directory = opendir(path) else { return nil }
        defer { closedir(directory) }
        var names: [String] = []
        while let entry = readdir(directory) {
            let name = withUnsafeBytes(of: entry.pointee.d_name) { raw in
                String(decoding: raw.prefix { $0 != 0 }, as: UTF8.self)
            }
            if name != "." && name != ".." { names.append(name) }
        }
        return names
    }

    /// Deletes the files of `directory` whose names start with `prefix` (and are longer),
    /// ignoring errors.
    package static func removeFiles(in directory: String, prefixedBy prefix: String) {
        for name in contents(ofDirectory: directory) ?? [] where name.count > prefix.count && name.hasPrefix(prefix) {
            unlink(directory + "/" + name)
        }
    }

    /// Renames a file, replacing the target atomically.
    /// - Returns: nil on success, else the system's reason.
    package static func move(_ source: String, to target: String) -> String? {
        rename(source, target) == 0 ? nil : lastError()
    }

    /// The current time in nanoseconds since 1970, comparable with ``Status/modified``.
    package static func now() -> Int64 {
        var time = timespec()
        clock_gettime(CLOCK_REALTIME, &time)
        return Int64(time.tv_sec) * 1_000_000_000 + Int64(time.tv_nsec)
    }

    /// The text of the current `errno`.
    package static func lastError() -> String {
        String(cString: strerror(errno))
    }
}

extension FileSystem.Status {
    fileprivate init(_ info: stat) {
        let mode = info.st_mode & S_IFMT
        self.init(
            isDirectory: mode == S_IFDIR,
            isRegularFile: mode == S_IFREG,
            size: Int(info.st_size),
            modified: Int64(info.st_mtim.tv_sec) * 1_000_000_000 + Int64(info.st_mtim.tv_nsec),
            device: UInt64(info.st_dev),
            inode: UInt64(info.st_ino)
        )
    }
}
