#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#elseif canImport(Darwin)
import Darwin
#endif

/// Reading and atomically replacing small files with the C library.
enum SystemFile {
    /// The `stat` of a path (following symbolic links), or `nil` when it does not exist.
    static func status(_ path: String) throws(ToolFailure) -> stat? {
        var info = stat()
        if stat(path, &info) == 0 { return info }
        if errno == ENOENT || errno == ENOTDIR { return nil }
        throw ToolFailure(ToolFailure.other, "Cannot access \(path): \(errorText())")
    }

    /// Whether a path names a regular file (after symbolic links).
    static func isRegularFile(_ path: String) throws(ToolFailure) -> Bool {
        guard let info = try status(path) else { return false }
        return info.st_mode & S_IFMT == S_IFREG
    }

    /// The whole contents of a file.
    static func contents(of path: String) throws(ToolFailure) -> [UInt8] {
        let descriptor = open(path, O_RDONLY | O_CLOEXEC)
        guard descriptor >= 0 else { throw ToolFailure(ToolFailure.other, "Cannot read \(path): \(errorText())") }
        defer { close(descriptor) }
        var bytes: [UInt8] = []
        var chunk = [UInt8](repeating: 0, count: 65536)
        while true {
            let count = chunk.withUnsafeMutableBytes { read(descriptor, $0.baseAddress, $0.count) }
            if count == 0 { return bytes }
            if count < 0 {
                if errno == EINTR { continue }
                throw ToolFailure(ToolFailure.other, "Cannot read \(path): \(errorText())")
            }
            bytes += chunk[0..<count]
        }
    }

    /// Replaces a file atomically: the bytes go to a temporary file in the same directory,
    /// which takes the old file's permissions (and owner, when allowed), is flushed to disk
    /// and renamed over the old one. A symbolic link is followed, so the link stays.
    /// - Parameters:
    ///   - path: The file to replace or create.
    ///   - bytes: The new contents.
    static func replace(_ path: String, with bytes: [UInt8]) throws(ToolFailure) {
        let target = resolvedPath(path)
        let existing = try status(target)
        let directory = directoryName(target)
        var template = Array((directory + "/." + baseName(target) + ".XXXXXX").utf8CString)
        let descriptor = template.withUnsafeMutableBufferPointer { mkstemp($0.baseAddress!) }
        guard descriptor >= 0 else {
            throw ToolFailure(ToolFailure.other, "Cannot create a temporary file in \(directory): \(errorText())")
        }
        let temporary = String(decoding: template.dropLast().map { UInt8(bitPattern: $0) }, as: UTF8.self)
        var renamed = false
        defer {
            if !renamed { unlink(temporary) }
        }
        do {
            defer { close(descriptor) }
            try writeAll(bytes, to: descriptor, path: temporary)
            if let existing {
                guard fchmod(descriptor, existing.st_mode & 0o7777) == 0 else {
                    throw ToolFailure(ToolFailure.other, "Cannot set the permissions of \(temporary): \(errorText())")
                }
                // Only root may give a file away; everyone else keeps their own ownership.
                _ = fchown(descriptor, existing.st_uid, existing.st_gid)
            } else {
                let mask = umask(0)
                umask(mask)
                guard fchmod(descriptor, 0o666 & ~mask) == 0 else {
                    throw ToolFailure(ToolFailure.other, "Cannot set the permissions of \(temporary): \(errorText())")
                }
            }
            guard fsync(descriptor) == 0 else {
                throw ToolFailure(ToolFailure.other, "Cannot write \(temporary): \(errorText())")
            }
        }
        guard rename(temporary, target) == 0 else {
            throw ToolFailure(ToolFailure.other, "Cannot replace \(target): \(errorText())")
        }
        renamed = true
        // Make the rename itself durable; a failure here leaves a correct file behind.
        let directoryDescriptor = open(directory, O_RDONLY | O_DIRECTORY | O_CLOEXEC)
        if directoryDescriptor >= 0 {
            _ = fsync(directoryDescriptor)
            close(directoryDescriptor)
        }
    }

    /// The path with symbolic links resolved when it exists, else unchanged.
    private static func resolvedPath(_ path: String) -> String {
        guard let resolved = realpath(path, nil) else { return path }
        defer { free(resolved) }
        return String(cString: resolved)
    }

    private static func writeAll(_ bytes: [UInt8], to descriptor: Int32, path: String) throws(ToolFailure) {
        var offset = 0
        while offset < bytes.count {
            let count = bytes.withUnsafeBytes { write(descriptor, $0.baseAddress! + offset, $0.count - offset) }
            if count < 0 {
                if errno == EINTR { continue }
                throw ToolFailure(ToolFailure.other, "Cannot write \(path): \(errorText())")
            }
            offset += count
        }
    }

    /// The directory part of a path (`.` when there is none).
    static func directoryName(_ path: String) -> String {
        guard let slash = path.lastIndex(of: "/") else { return "." }
        return slash == path.startIndex ? "/" : String(path[..<slash])
    }

    /// The last component of a path.
    static func baseName(_ path: String) -> String {
        guard let slash = path.lastIndex(of: "/") else { return path }
        return String(path[path.index(after: slash)...])
    }

    /// The text of the current `errno`.
    static func errorText() -> String {
        String(cString: strerror(errno))
    }
}
