/// A failure that ends `das2_srv_passwd`: one line on stderr and an exit status.
///
/// The statuses 17 and 21–25 are those of the reference tool (auth.md §7); every other
/// failure (I/O, a malformed file, a bad login, mismatched passwords) exits with 1.
struct ToolFailure: Error {
    var status: Int32
    var message: String

    init(_ status: Int32, _ message: String) {
        self.status = status
        self.message = message
    }

    /// Configuration file missing or unusable.
    static let configuration: Int32 = 17
    /// `USER_PASSWD` not set.
    static let noPasswordFileKey: Int32 = 21
    /// Password file missing without `-c`.
    static let noPasswordFile: Int32 = 22
    /// `-b` without a password.
    static let noBatchPassword: Int32 = 23
    /// No login.
    static let noLogin: Int32 = 24
    /// Arguments after the login (with `-D`) or after the password.
    static let extraArguments: Int32 = 25
    /// Everything else.
    static let other: Int32 = 1
}
