#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#elseif canImport(Darwin)
import Darwin
#endif
public import Das2Core

/// Finds and reads `das2server.conf` for the server's command-line programs (config.md §1.1).
public enum ServerConfigurationFile {
    /// The configuration path: the command-line option, else env `DAS2_SERVER_CONF`, else
    /// the installed default `<dir of the executable>/../etc/das2server.conf`.
    /// - Parameter option: The value of `-c`/`--config`, nil when not given.
    public static func path(option: String?) -> String {
        if let option { return option }
        if let variable = getenv("DAS2_SERVER_CONF"), variable.pointee != 0 {
            return String(cString: variable)
        }
        return directoryName(directoryName(executablePath())) + "/etc/das2server.conf"
    }

    /// Reads and parses the configuration.
    /// - Parameter path: The file.
    /// - Returns: The configuration.
    /// - Throws: ``Das2CoreError`` with code `invalidConfiguration` and the reference's
    ///   messages: `Move <path>.example to <path> to enable your site`, `<path> is missing`,
    ///   a read error, or the parser's `Error in <path> line <n>`.
    public static func load(_ path: String) throws(Das2CoreError) -> ServerConfiguration {
        guard isRegularFile(path) else {
            if isRegularFile(path + ".example") {
                throw Das2CoreError(.invalidConfiguration, "Move \(path).example to \(path) to enable your site")
            }
            throw Das2CoreError(.invalidConfiguration, "\(path) is missing")
        }
        return try ServerConfiguration(parsing: try contents(of: path), path: path)
    }

    private static func isRegularFile(_ path: String) -> Bool {
        var status = stat()
        return stat(path, &status) == 0 && (status.st_mode & S_IFMT) == S_IFREG
    }

    private static func contents(of path: String) throws(Das2CoreError) -> [UInt8] {
        let descriptor = open(path, O_RDONLY | O_CLOEXEC)
        guard descriptor >= 0 else {
            throw Das2CoreError(.invalidConfiguration, "Cannot read \(path): \(String(cString: strerror(errno)))")
        }
        defer { close(descriptor) }
        var bytes: [UInt8] = []
        var chunk = [UInt8](repeating: 0, count: 65536)
        while true {
            let count = chunk.withUnsafeMutableBytes { read(descriptor, $0.baseAddress, $0.count) }
            if count < 0 && errno == EINTR { continue }
            guard count >= 0 else {
                throw Das2CoreError(.invalidConfiguration, "Cannot read \(path): \(String(cString: strerror(errno)))")
            }
            if count == 0 { return bytes }
            bytes += chunk[0..<count]
        }
    }

    /// The absolute path of the running program.
    private static func executablePath() -> String {
        var buffer = [CChar](repeating: 0, count: Int(PATH_MAX) + 1)
        let count = readlink("/proc/self/exe", &buffer, buffer.count - 1)
        if count > 0 {
            return String(decoding: buffer[0..<count].map { UInt8(bitPattern: $0) }, as: UTF8.self)
        }
        let argument = CommandLine.arguments.first ?? ""
        if let resolved = realpath(argument, nil) {
            defer { free(resolved) }
            return String(cString: resolved)
        }
        return argument
    }

    /// The path without its last component (`.` for a bare name, `/` for the root).
    private static func directoryName(_ path: String) -> String {
        guard let slash = path.lastIndex(of: "/") else { return "." }
        return slash == path.startIndex ? "/" : String(path[..<slash])
    }
}
