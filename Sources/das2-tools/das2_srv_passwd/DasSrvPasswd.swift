#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#elseif canImport(Darwin)
import Darwin
#endif
import ArgumentParser
import Das2Core
import Das2ToolSupport

/// `das2_srv_passwd [-c] [-b] [-D] LOGIN [PASSWORD]`: maintains the das2 server's password
/// file (auth.md §7).
@main
struct DasSrvPasswd: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "das2_srv_passwd",
        abstract: "Create or update the das2 server password file.",
        discussion: """
            The password file is the USER_PASSWD entry of das2server.conf, found from --config, \
            else the environment variable DAS2_SERVER_CONF, else <prefix>/etc/das2server.conf \
            next to the program's bin directory. New passwords are hashed with yescrypt (SHA-512 \
            crypt where the system lacks it). The file is replaced atomically and keeps its \
            permissions. Exit status 0 on success; 17 configuration unusable, 21 USER_PASSWD not \
            set, 22 password file missing without -c, 23 -b without a password, 24 no login, \
            25 extra arguments, 1 any other failure.
            """,
        version: "das2_srv_passwd (das2kit) 1.0"
    )

    @Flag(name: .customShort("c"), help: "Create a new password file, overwriting any existing one.")
    var create = false

    @Flag(name: .customShort("b"), help: "Batch mode: take the password from the command line, IN THE CLEAR.")
    var batch = false

    @Flag(name: .customShort("D"), help: "Remove LOGIN from the password file.")
    var delete = false

    @Option(name: .customLong("config"), help: ArgumentHelp("The server configuration file.", valueName: "FILE"))
    var configPath: String?

    @Argument(help: ArgumentHelp("The login name, then in batch mode the password.", valueName: "LOGIN [PASSWORD]"))
    var arguments: [String] = []

    static func main() {
        let command: DasSrvPasswd
        do {
            command = try parse()
        } catch {
            if exitCode(for: error) == .success { exit(withError: error) }
            let message = DasSrvPasswd.message(for: error).split(separator: "\n").first ?? ""
            fail(ToolFailure(exitCode(for: error).rawValue, "Error: \(message) (see das2_srv_passwd --help)"))
        }
        do throws(ToolFailure) {
            try command.update()
        } catch {
            fail(error)
        }
    }

    private static func fail(_ failure: ToolFailure) -> Never {
        let line = Array("\(failure.message)\n".utf8)
        _ = line.withUnsafeBytes { write(STDERR_FILENO, $0.baseAddress, $0.count) }
        terminate(failure.status)
    }

    /// The steps of auth.md §7, in the reference's order of checks.
    private func update() throws(ToolFailure) {
        let configPath = ServerConfigurationFile.path(option: configPath)
        let configuration: ServerConfiguration
        do {
            configuration = try ServerConfigurationFile.load(configPath)
        } catch {
            throw ToolFailure(ToolFailure.configuration, error.message)
        }
        guard let passwordPath = configuration.passwordFile else {
            throw ToolFailure(
                ToolFailure.noPasswordFileKey,
                "Indicate location of the das2 password file via USER_PASSWD = in \(configPath)")
        }
        if !create, try !SystemFile.isRegularFile(passwordPath) {
            throw ToolFailure(
                ToolFailure.noPasswordFile, "Password file \(passwordPath) dosen't exist, re-run with -c to create it")
        }
        if batch && arguments.count < 2 {
            throw ToolFailure(ToolFailure.noBatchPassword, "In batch mode but password not supplied")
        }
        guard let login = arguments.first else {
            throw ToolFailure(ToolFailure.noLogin, "Username not provided")
        }
        if delete && arguments.count != 1 {
            throw ToolFailure(ToolFailure.extraArguments, "Extraneous parameters after the username")
        }
        if !delete && !batch && arguments.count > 1 {
            throw ToolFailure(
                ToolFailure.extraArguments,
                "Extraneous parameters after the username (use -b to give the password on the command line)")
        }
        if arguments.count > 2 {
            throw ToolFailure(ToolFailure.extraArguments, "Extraneous parameters after the password")
        }
        try Self.validate(login: login)

        var file = create ? PasswordFile() : try Self.load(passwordPath)
        if delete {
            file.removeAll(login: login)
        } else {
            let password = batch ? arguments[1] : try Self.promptTwice()
            try Self.validate(password: password, login: login)
            do {
                file.setHash(try PasswordHash.make(password: password), for: login)
            } catch {
                throw ToolFailure(ToolFailure.other, error.message)
            }
        }
        try SystemFile.replace(passwordPath, with: file.serialized)
    }

    /// Reads the existing file; the tool rewrites only files it fully understands.
    private static func load(_ path: String) throws(ToolFailure) -> PasswordFile {
        let file = PasswordFile(parsing: try SystemFile.contents(of: path))
        if let line = file.malformedLines.first {
            throw ToolFailure(ToolFailure.other, "Error in \(path) line \(line): expected login:hash")
        }
        if let entry = file.entries.first(where: { $0.hash.contains(":") }) {
            throw ToolFailure(ToolFailure.other, "Error in \(path): the entry for \(entry.login) has more than one ':'")
        }
        return file
    }

    /// A login must survive the `login:hash` line format unchanged.
    private static func validate(login: String) throws(ToolFailure) {
        let scalars = login.unicodeScalars
        guard let first = scalars.first, let last = scalars.last,
            !first.properties.isWhitespace, !last.properties.isWhitespace,
            !scalars.contains(":"), !scalars.contains(where: { $0.properties.generalCategory == .control })
        else {
            throw ToolFailure(
                ToolFailure.other,
                "Invalid login '\(login)': it must not be empty, contain ':' or control characters, or start or end with white space"
            )
        }
    }

    /// The server accepts `Authorization` headers up to 4 KiB, so longer credentials could
    /// never log in.
    private static func validate(password: String, login: String) throws(ToolFailure) {
        let credentials = login.utf8.count + 1 + password.utf8.count
        let header = "Basic ".utf8.count + (credentials + 2) / 3 * 4
        guard header <= BasicCredentials.maximumHeaderLength else {
            throw ToolFailure(
                ToolFailure.other,
                "The password is too long: the server accepts credentials up to \(BasicCredentials.maximumHeaderLength) bytes of Authorization header"
            )
        }
    }

    /// Asks for the password and its confirmation.
    private static func promptTwice() throws(ToolFailure) -> String {
        let password = try PasswordPrompt.answer(to: "das2 password> ")
        let again = try PasswordPrompt.answer(to: "das2 password (again)> ")
        guard password.utf8.elementsEqual(again.utf8) else {
            throw ToolFailure(ToolFailure.other, "The passwords do not match")
        }
        return password
    }
}

/// Ends the process; at file scope `exit` is the C function, not `ParsableCommand.exit`.
private func terminate(_ status: Int32) -> Never {
    exit(status)
}
