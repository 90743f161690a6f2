#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#elseif canImport(Darwin)
import Darwin
#endif

/// The few file operations the server needs, on the C library (no Foundation in the CGI path).
enum FileSystem {
    /// What `stat` says about a path (symbolic links followed).
    struct Status: Hashable, Sendable {
        var isDirectory: Bool
        var isRegularFile: Bool
        var size: Int
        var modified: Int64
        var device: UInt64
        var inode: UInt64
    }

    static func status(_ path: String) -> Status? {
        var info = stat()
        guard stat(path, &info) == 0 else { return nil }
        let mode = info.st_mode & S_IFMT
        return Status(
            isDirectory: mode == S_IFDIR,
            isRegularFile: mode == S_IFREG,
            size: Int(info.st_size),
            modified: Int64(info.st_mtim.tv_sec) * 1_000_000_000 + Int64(info.st_mtim.tv_nsec),
            device: UInt64(info.st_dev),
            inode: UInt64(info.st_ino)
        )
    }

    static func isDirectory(_ path: String) -> Bool { status(path)?.isDirectory ?? false }

    static func isRegularFile(_ path: String) -> Bool { status(path)?.isRegularFile ?? false }

    /// The whole file, or nil when it cannot be read.
    static func readFile(_ path: String, limit: Int = 64 << 20) -> [UInt8]? {
        let descriptor = open(path, O_RDONLY | O_CLOEXEC)
        guard descriptor >= 0 else { return nil }
        defer { close(descriptor) }
        var result: [UInt8] = []
        var chunk = [UInt8](repeating: 0, count: 65536)
        while result.count <= limit {
            let count = chunk.withUnsafeMutableBytes { read(descriptor, $0.baseAddress, $0.count) }
            if count < 0 {
                if errno == EINTR { continue }
                return nil
            }
            if count == 0 { return result }
            result += chunk[0..<count]
        }
        return nil
    }

    /// The names in a directory (without `.` and `..`), unsorted; nil when it cannot be read.
    static func contents(ofDirectory path: String) -> [String]? {
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

    /// Deletes a file, ignoring errors.
    static func remove(_ path: String) {
        unlink(path)
    }
}
