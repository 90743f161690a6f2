import Das2Core
import Testing

/// Evaluation of `readAccess` (auth.md §3): OR semantics, AGE/GROUP/USER against users and
/// time ranges, errors, trusted hosts.
struct ReadAccessEvaluationTests {
    static let now = DasTime(year: 2025, month: 6, mday: 15)

    /// A request time range.
    enum Range: String, CaseIterable, Sendable {
        /// Entirely before the 18-month lock point.
        case old
        /// Entirely after it.
        case embargoed
        /// Begins before and ends after it.
        case straddling
        /// No times (a metadata request).
        case none

        var times: (DasTime?, DasTime?) {
            switch self {
            case .old: (DasTime(year: 2023, month: 12, mday: 1), DasTime(year: 2023, month: 12, mday: 14))
            case .embargoed: (DasTime(year: 2025, month: 1, mday: 1), DasTime(year: 2025, month: 1, mday: 2))
            case .straddling: (DasTime(year: 2023, month: 12, mday: 1), DasTime(year: 2024, month: 1, mday: 1))
            case .none: (nil, nil)
            }
        }
    }

    /// An authenticated user and their groups.
    enum Person: String, CaseIterable, Sendable {
        case anonymous, don, voyagerMember, outsider

        var login: String? {
            switch self {
            case .anonymous: nil
            case .don: "don"
            case .voyagerMember: "vera"
            case .outsider: "otto"
            }
        }

        var groups: [String] {
            switch self {
            case .voyagerMember: ["cassini", "voyager"]
            case .outsider: ["cassini"]
            default: []
            }
        }
    }

    static func evaluate(_ rule: String, _ person: Person, _ range: Range, trusted: Bool = false) -> AccessResult {
        let (begin, end) = range.times
        return ReadAccess(parsing: rule).evaluate(
            user: person.login, groups: person.groups, begin: begin, end: end, now: now, trustedHost: trusted)
    }

    struct Case: Sendable, CustomStringConvertible {
        let rule: String
        let person: Person
        let range: Range
        let expected: AccessResult
        var description: String { "\(rule) \(person) \(range)" }
    }

    /// The full matrix of the spec's example rule `AGE:1y6m|GROUP:voyager|USER:don` and of
    /// single-condition rules over every person and range.
    static let matrix: [Case] = {
        var cases: [Case] = []
        for person in Person.allCases {
            for range in Range.allCases {
                let old = range == .old
                let member = person == .voyagerMember
                let don = person == .don
                cases.append(Case(rule: "AGE:1y6m|GROUP:voyager|USER:don", person: person, range: range,
                                  expected: old || member || don ? .allow : .deny))
                cases.append(Case(rule: "AGE:1y6m", person: person, range: range, expected: old ? .allow : .deny))
                cases.append(Case(rule: "GROUP:voyager", person: person, range: range, expected: member ? .allow : .deny))
                cases.append(Case(rule: "USER:don", person: person, range: range, expected: don ? .allow : .deny))
                cases.append(Case(rule: "USER:able|USER:don", person: person, range: range, expected: don ? .allow : .deny))
            }
        }
        return cases
    }()

    @Test("Rule × user × range matrix", arguments: matrix)
    func matrixCase(_ testCase: Case) {
        #expect(Self.evaluate(testCase.rule, testCase.person, testCase.range) == testCase.expected)
    }

    @Test("C131: the AGE table of auth.md §3.1")
    func ageTable() throws {
        let now = try DasTime(parsing: "2025-06-15T00:00")
        func run(_ rule: String, _ begin: String, _ end: String) throws -> AccessResult {
            ReadAccess(parsing: rule).evaluate(
                user: nil, groups: [], begin: try DasTime(parsing: begin), end: try DasTime(parsing: end), now: now)
        }
        #expect(try run("AGE:1y6m", "2023-12-01", "2023-12-14") == .allow)
        #expect(try run("AGE:1y6m", "2023-12-14", "2023-12-15") == .deny)
        #expect(try run("AGE:1y6m", "2025-06-01", "2099-01-01") == .deny)
        #expect(try run("AGE:1y6m", "2023-12-14", "2023-12-01") == .deny)
        if case .error = try run("AGE:18", "2017-01-01", "2017-01-02") {} else { Issue.record("AGE:18 must be an error") }
        if case .error = try run("AGE:1y 6m", "2017-01-01", "2017-01-02") {} else {
            Issue.record("AGE:1y 6m must be an error")
        }
    }

    @Test("The end must be strictly before the lock point, to the second")
    func strictLockPoint() {
        let rule = ReadAccess(parsing: "AGE:1h")
        let begin = DasTime(year: 2025, month: 6, mday: 14)
        func result(_ second: Double) -> AccessResult {
            rule.evaluate(
                user: nil, groups: [], begin: begin,
                end: DasTime(year: 2025, month: 6, mday: 14, hour: 23, second: second), now: Self.now)
        }
        #expect(result(-0.001) == .allow)
        #expect(result(0) == .deny)
    }

    @Test("Unnormalized request times compare as their normalized values")
    func unnormalizedTimes() {
        let rule = ReadAccess(parsing: "AGE:1d")
        let end = DasTime(year: 2025, month: 6, mday: 13, hour: 23, minute: 59, second: 60)
        #expect(rule.evaluate(user: nil, groups: [], begin: end, end: end, now: Self.now) == .deny)
    }

    @Test("An empty rule allows everyone")
    func emptyRule() {
        #expect(Self.evaluate("", .anonymous, .embargoed) == .allow)
    }

    @Test("The first allowing condition wins; a later error is never reached")
    func firstAllowWins() {
        #expect(Self.evaluate("USER:don|HOST:x", .don, .none) == .allow)
        #expect(Self.evaluate("AGE:1y6m|AGE:18", .anonymous, .old) == .allow)
        if case .error = Self.evaluate("USER:don|HOST:x", .outsider, .none) {} else {
            Issue.record("a denied first condition must reach the error")
        }
    }

    @Test("An error ends the evaluation even if a later condition would allow")
    func errorStops() {
        if case .error = Self.evaluate("HOST:x|USER:don", .don, .none) {} else { Issue.record("expected an error") }
        if case .error = Self.evaluate("AGE:18|USER:don", .don, .old) {} else { Issue.record("expected an error") }
    }

    @Test("Trusted hosts pass every well-formed rule, even unknown methods and invalid ages")
    func trustedHosts() {
        #expect(Self.evaluate("GROUP:voyager", .anonymous, .embargoed, trusted: true) == .allow)
        #expect(Self.evaluate("HOST:1.2.3.4", .anonymous, .none, trusted: true) == .allow)
        #expect(Self.evaluate("AGE:18", .anonymous, .none, trusted: true) == .allow)
    }

    @Test("A syntax error in the first condition is reported even to trusted hosts")
    func syntaxErrorBeatsTrust() {
        for rule in ["nonsense|USER:don", "ab"] {
            if case .error = Self.evaluate(rule, .don, .none, trusted: true) {} else {
                Issue.record("\(rule) must be an error")
            }
        }
        #expect(Self.evaluate("USER:x|nonsense", .anonymous, .none, trusted: true) == .allow)
    }

    @Test("The space-separated form of the 2.2 User's Reference is an error")
    func spaceSeparatedForm() {
        if case .error = Self.evaluate("AGE:1y6m GROUP:voyager USER:don", .don, .old) {} else {
            Issue.record("expected an error")
        }
    }

    @Test("Logins and groups compare exactly: case and Unicode spelling")
    func exactComparison() {
        let rule = ReadAccess(parsing: "USER:Don|GROUP:caf\u{E9}")
        #expect(rule.evaluate(user: "don", groups: [], begin: nil, end: nil, now: Self.now) == .deny)
        #expect(rule.evaluate(user: "x", groups: ["cafe\u{301}"], begin: nil, end: nil, now: Self.now) == .deny)
        #expect(rule.evaluate(user: "x", groups: ["caf\u{E9}"], begin: nil, end: nil, now: Self.now) == .allow)
    }
}
