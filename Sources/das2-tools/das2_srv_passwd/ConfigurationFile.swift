#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#elseif canImport(Darwin)
import Darwin
#endif
import Das2Core

/// Finds and loads `das2server.conf` for `das2_srv_passwd` (config.md §1.1).
enum ConfigurationFile {
    /// The configuration path: `--config FILE`, else env `DAS2_SERVER_CONF`, else the
    /// installed default `<dir of the executable>/../etc/das2server.conf`.
    static func path(option: String?) -> String {
        if let option { return option }
        if let variable = getenv("DAS2_SERVER_CONF"), variable.pointee != 0 {
            return String(cString: variable)
        }
        let executable = executablePath()
        let binDirectory = SystemFile.directoryName(executable)
        return SystemFile.directoryName(binDirectory) + "/etc/das2server.conf"
    }

    /// Reads and parses the configuration; every failure exits with 17.
    static func load(_ path: String) throws(ToolFailure) -> ServerConfiguration {
        let bytes: [UInt8]
        do throws(ToolFailure) {
            guard try SystemFile.isRegularFile(path) else {
                if try SystemFile.isRegularFile(path + ".example") {
                    throw ToolFailure(ToolFailure.configuration, "Move \(path).example to \(path) to enable your site")
                }
                throw ToolFailure(ToolFailure.configuration, "\(path) is missing")
            }
            bytes = try SystemFile.contents(of: path)
        } catch {
            throw ToolFailure(ToolFailure.configuration, error.message)
        }
        do {
            return try ServerConfiguration(parsing: bytes, path: path)
        } catch {
            throw ToolFailure(ToolFailure.configuration, error.message)
        }
    }

    /// The absolute path of the running program.
    private static func executablePath() -> String {
        var buffer = [CChar](repeating: 0, count: Int(PATH_MAX) + 1)
        let count = readlink("/proc/self/exe", &buffer, buffer.count - 1)
        if count > 0 {
            return String(decoding: buffer[0..<count].map { UInt8(bitPattern: $0) }, as: UTF8.self)
        }
        let argument = CommandLine.arguments.first ?? "das2_srv_passwd"
        if let resolved = realpath(argument, nil) {
            defer { free(resolved) }
            return String(cString: resolved)
        }
        return argument
    }
}
