#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#elseif canImport(Darwin)
import Darwin
#endif
import Das2Core

/// The installer's file operations: directories made as needed, files replaced atomically
/// and only when their bytes change (so modification times, which the server's metadata
/// caches watch, stay put when nothing changed).
enum SiteFileSystem {
    /// `path` made absolute against the working directory, without trailing slashes.
    static func absolute(_ path: String) throws(Das2CoreError) -> String {
        var result = path
        if !path.hasPrefix("/") {
            guard let directory = getcwd(nil, 0) else {
                throw failure("Cannot find the working directory to resolve '\(path)'")
            }
            defer { free(directory) }
            result = String(cString: directory) + "/" + path
        }
        while result.count > 1 && result.hasSuffix("/") { result.removeLast() }
        return result
    }

    /// `directory/name`, also right for the root directory.
    static func join(_ directory: String, _ name: String) -> String {
        directory.hasSuffix("/") ? directory + name : directory + "/" + name
    }

    /// Creates a directory and its missing parents; an existing directory is fine.
    static func makeDirectory(_ path: String) throws(Das2CoreError) {
        var prefix = ""
        for component in path.split(separator: "/", omittingEmptySubsequences: true) {
            prefix += "/" + component
            if mkdir(prefix, 0o755) != 0 {
                let code = errno
                guard code == EEXIST, isDirectory(prefix) else {
                    throw failure("Cannot create the directory '\(prefix)'", code: code)
                }
            }
        }
    }

    /// Whether `path` names a directory (following symbolic links).
    static func isDirectory(_ path: String) -> Bool {
        var info = stat()
        return stat(path, &info) == 0 && (info.st_mode & S_IFMT) == S_IFDIR
    }

    /// The bytes of a regular file, or nil when it cannot be read.
    static func contents(of path: String) -> [UInt8]? {
        let descriptor = open(path, O_RDONLY | O_CLOEXEC)
        guard descriptor >= 0 else { return nil }
        defer { close(descriptor) }
        var bytes: [UInt8] = []
        var buffer = [UInt8](repeating: 0, count: 16 * 1024)
        while true {
            let count = buffer.withUnsafeMutableBytes { read(descriptor, $0.baseAddress, $0.count) }
            if count > 0 {
                bytes.append(contentsOf: buffer[0..<count])
            } else if count == 0 {
                return bytes
            } else if errno != EINTR {
                return nil
            }
        }
    }

    /// Gives `path` exactly these bytes: written to a temporary name in the same directory and
    /// renamed over the old file, so a reader never sees a partial file. Nothing is written
    /// when the file already holds them.
    static func replace(_ path: String, with bytes: [UInt8]) throws(Das2CoreError) {
        if contents(of: path) == bytes { return }
        let slash = path.lastIndex(of: "/").map { path.index(after: $0) } ?? path.startIndex
        let temporary = String(path[..<slash]) + "." + String(path[slash...]) + ".tmp-\(getpid())"
        let descriptor = open(temporary, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0o644)
        guard descriptor >= 0 else {
            throw failure("Cannot create '\(temporary)'", code: errno)
        }
        var written = 0
        while written < bytes.count {
            let count = bytes.withUnsafeBytes { all in
                write(descriptor, all.baseAddress! + written, all.count - written)
            }
            if count >= 0 {
                written += count
            } else if errno != EINTR {
                let code = errno
                close(descriptor)
                unlink(temporary)
                throw failure("Cannot write '\(temporary)'", code: code)
            }
        }
        if close(descriptor) != 0 {
            let code = errno
            unlink(temporary)
            throw failure("Cannot write '\(temporary)'", code: code)
        }
        if rename(temporary, path) != 0 {
            let code = errno
            unlink(temporary)
            throw failure("Cannot rename '\(temporary)' to '\(path)'", code: code)
        }
    }

    private static func failure(_ message: String, code: Int32? = nil) -> Das2CoreError {
        guard let code else { return Das2CoreError(.invalidConfiguration, message) }
        return Das2CoreError(.invalidConfiguration, message + ": " + String(cString: strerror(code)))
    }
}
