/// The access rule of a protected data source: the DSDF `readAccess` value (auth.md §2).
///
/// `COND[|COND…]` with `COND = METHOD:VALUE`, methods `AGE`, `GROUP` and `USER` in any case,
/// combined with OR: the first condition that grants access wins. The method is trimmed and
/// upper-cased; the value is everything after the first `:`, trimmed (DA-1). Only `|`
/// separates conditions, so the space-separated form of the 2.2 User's Reference is an error.
///
/// Parsing never fails: a condition that cannot be evaluated is kept in its place as
/// ``Condition/malformed(_:)`` or ``Condition/invalid(_:)``, because the reference reports
/// such an error only when the evaluation reaches it (an earlier condition may grant access
/// first).
public struct ReadAccess: Hashable, Sendable {
    /// One condition of the rule.
    public enum Condition: Hashable, Sendable {
        /// `AGE:<age>`: data older than the age is public.
        case age(AccessAge)
        /// `GROUP:<name>`: members of the group in the group file.
        case group(String)
        /// `USER:<login>`: this account.
        case user(String)
        /// A syntax error: a condition without `:`, or a whole rule shorter than three
        /// characters. The result is ERROR even for trusted (`TEST_FROM`) clients.
        case malformed(String)
        /// An unknown method or an invalid age. The result is ERROR, except for trusted
        /// (`TEST_FROM`) clients, who are let through before the method is looked at.
        case invalid(String)
    }

    /// The rule as written.
    public let text: String
    /// The conditions in the order written; empty when ``text`` is empty.
    public let conditions: [Condition]

    /// Parses a `readAccess` value.
    ///
    /// An empty value has no conditions and allows everyone.
    /// - Parameter text: The rule, e.g. `AGE:1y6m|GROUP:voyager|USER:don`.
    public init(parsing text: String) {
        self.text = text
        if text.isEmpty {
            conditions = []
        } else if text.unicodeScalars.count < 3 {
            conditions = [.malformed("Syntax error in access list '\(text)'")]
        } else {
            // Split on scalars, not characters: a combining mark after `|` or `:` must not hide it.
            conditions = text.unicodeScalars.split(separator: "|", omittingEmptySubsequences: false).map {
                ReadAccess.condition(parsing: $0, in: text)
            }
        }
    }

    /// The rule of a data source from its DSDF keys, or `nil` when the source is public.
    ///
    /// `readAccess` wins; without it, the legacy `groupAccess = 'G'` means `GROUP:G`
    /// (dsdf.md §4 rule 4). An empty `readAccess` makes the source public.
    /// - Parameters:
    ///   - readAccess: The DSDF `readAccess` value, if present.
    ///   - groupAccess: The DSDF `groupAccess` value, if present.
    public init?(readAccess: String?, groupAccess: String?) {
        if let readAccess {
            guard !readAccess.isEmpty else { return nil }
            self.init(parsing: readAccess)
        } else if let groupAccess {
            self.init(parsing: "GROUP:" + groupAccess)
        } else {
            return nil
        }
    }

    /// Whether the rule has an `AGE:` condition, which makes old data and the HAPI
    /// description of the source public (hapi.md §7.6).
    public var hasAgeCondition: Bool {
        conditions.contains {
            if case .age = $0 { true } else { false }
        }
    }

    private static func condition(parsing scalars: Substring.UnicodeScalarView, in rule: String) -> Condition {
        guard let colon = scalars.firstIndex(of: ":") else {
            return .malformed("Syntax error in access condition '\(String(scalars))' in access list '\(rule)'")
        }
        let method = String(scalars[..<colon]).trimmingWhitespace().uppercased()
        let value = String(String(scalars[scalars.index(after: colon)...]).trimmingWhitespace())
        switch method {
        case "AGE":
            do {
                return .age(try AccessAge(parsing: value))
            } catch {
                return .invalid(error.message + " in access list '\(rule)'")
            }
        case "GROUP":
            return .group(value)
        case "USER":
            return .user(value)
        default:
            return .invalid("Auth method '\(method)' is unknown in access list '\(rule)'")
        }
    }
}
