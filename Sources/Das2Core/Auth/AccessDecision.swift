/// What a server does with a request for a protected data source, and why.
public struct AccessDecision: Hashable, Sendable {
    /// The answer to give.
    public enum Outcome: Hashable, Sendable {
        /// Continue with the request. `login` is the account whose password was verified on
        /// the way, `nil` when access did not need one (old data, trusted address).
        case allow(login: String?)
        /// Answer `401` with `WWW-Authenticate: Basic realm="<realm>"`.
        case challenge
        /// Answer `501` (auth.md §3); the message is for the log only.
        case error(String)
        /// Answer `400`: access was refused and the `Authorization` header is too long to be
        /// credentials, so asking for a password again would not help.
        case badRequest(String)
    }

    /// The answer to give.
    public var outcome: Outcome
    /// The log lines of auth.md §8, in order; they never contain a password or a hash.
    public var log: [String]

    /// Creates a decision.
    /// - Parameters:
    ///   - outcome: The answer to give.
    ///   - log: The log lines.
    public init(outcome: Outcome, log: [String]) {
        self.outcome = outcome
        self.log = log
    }
}
