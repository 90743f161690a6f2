import Das2TestSupport
import Foundation
import Testing

/// One case of conformance-cases.md: requests and what their responses must be.
struct ConformanceCase: Sendable, CustomTestStringConvertible {
    /// One request and its checks.
    struct Step: Sendable {
        var request: CaseRequest
        var checks: [Check]
    }

    /// The case number, e.g. `C17`.
    let id: String
    /// A few words on what it covers.
    let title: String
    let steps: [Step]

    var testDescription: String { "\(id) \(title)" }

    /// A case of one request.
    init(_ id: String, _ title: String, _ request: CaseRequest, _ checks: [Check]) {
        self.id = id
        self.title = title
        steps = [Step(request: request, checks: checks)]
    }

    /// A case of several requests.
    init(_ id: String, _ title: String, steps: [Step]) {
        self.id = id
        self.title = title
        self.steps = steps
    }

    /// Every case of §1–§7 and §10 that this suite runs.
    static let all: [ConformanceCase] = dispatch + describe + dataset + validation + redirects + authorization + failures + das23
}
