import Das2Core
import Testing

/// `readAccess` syntax and the legacy `groupAccess` (auth.md §2).
struct ReadAccessParsingTests {
    @Test("Conditions split on | with methods in any case and trimmed values (DA-1)")
    func parsesConditions() throws {
        let access = ReadAccess(parsing: "AGE:1y6m| group : voyager |User:don")
        #expect(access.conditions == [.age(try AccessAge(parsing: "1y6m")), .group("voyager"), .user("don")])
        #expect(access.hasAgeCondition)
    }

    @Test("The value is everything after the first colon")
    func valueKeepsColons() {
        #expect(ReadAccess(parsing: "USER:a:b").conditions == [.user("a:b")])
    }

    @Test("Values are compared as written: case is kept")
    func valueCaseKept() {
        #expect(ReadAccess(parsing: "GROUP:Waves_Team").conditions == [.group("Waves_Team")])
    }

    @Test("An empty rule has no conditions; a rule shorter than 3 characters is malformed")
    func emptyAndShort() {
        #expect(ReadAccess(parsing: "").conditions.isEmpty)
        guard case .malformed = ReadAccess(parsing: "A:").conditions.first else {
            Issue.record("expected a syntax error")
            return
        }
    }

    @Test("A condition without a colon is malformed, in its place")
    func missingColon() {
        let conditions = ReadAccess(parsing: "USER:don|nonsense|GROUP:g").conditions
        #expect(conditions.count == 3)
        #expect(conditions[0] == .user("don"))
        guard case .malformed(let message) = conditions[1] else {
            Issue.record("expected a syntax error, got \(conditions[1])")
            return
        }
        #expect(message.contains("'nonsense'"))
        #expect(conditions[2] == .group("g"))
    }

    @Test("A trailing | leaves an empty, malformed condition")
    func trailingBar() {
        let conditions = ReadAccess(parsing: "USER:don|").conditions
        #expect(conditions.count == 2)
        guard case .malformed = conditions[1] else {
            Issue.record("expected a syntax error")
            return
        }
    }

    @Test(
        "Unknown methods and invalid ages are invalid conditions",
        arguments: ["HOST:1.2.3.4", "AGE:18", "AGE:1y 6m", "AGE:", "AGE:1y6m GROUP:voyager USER:don"])
    func invalidConditions(text: String) {
        guard case .invalid(let message) = ReadAccess(parsing: text).conditions.first else {
            Issue.record("expected an invalid condition")
            return
        }
        #expect(message.contains(text))
    }

    @Test("groupAccess maps to GROUP when readAccess is absent")
    func legacyGroupAccess() {
        #expect(ReadAccess(readAccess: nil, groupAccess: "testgroup")?.conditions == [.group("testgroup")])
        #expect(ReadAccess(readAccess: nil, groupAccess: "testgroup")?.text == "GROUP:testgroup")
        #expect(ReadAccess(readAccess: "USER:don", groupAccess: "testgroup")?.conditions == [.user("don")])
    }

    @Test("No rule or an empty readAccess means a public source")
    func publicSources() {
        #expect(ReadAccess(readAccess: nil, groupAccess: nil) == nil)
        #expect(ReadAccess(readAccess: "", groupAccess: "testgroup") == nil)
    }

    @Test("A combining mark after the separator does not hide it")
    func scalarSplitting() {
        #expect(ReadAccess(parsing: "USER:a|USER:\u{301}b").conditions == [.user("a"), .user("\u{301}b")])
    }
}
