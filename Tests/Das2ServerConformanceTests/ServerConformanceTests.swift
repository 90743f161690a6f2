import Testing

/// Every case of conformance-cases.md §1–§7 and §10 (without §8, §9 and the [Q]/[A] parts)
/// through both front ends: `das2-cgi` with the CGI environment of §0.1 and `das2-server`
/// mounted at `/das/server`.
@Suite(.fixturePool)
struct ServerConformanceTests {
    @Test(arguments: ConformanceCase.all, FrontEnd.allCases)
    func responseMatchesTheCase(_ conformanceCase: ConformanceCase, _ frontEnd: FrontEnd) async throws {
        for (index, step) in conformanceCase.steps.enumerated() {
            let label = "\(conformanceCase.id) via \(frontEnd.rawValue)" + (conformanceCase.steps.count > 1 ? " (request \(index + 1))" : "")
            let exchange: Exchange
            do {
                exchange = try await frontEnd.send(step.request)
            } catch {
                Issue.record("\(label): request failed: \(error)")
                continue
            }
            for check in step.checks {
                if let problem = check.evaluate(exchange) {
                    Issue.record("\(label): \(problem)")
                }
            }
        }
    }
}
