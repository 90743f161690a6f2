import Das2TestSupport
import Foundation
import Testing

/// How a request's entry in the request log ends (config.md §4.2), through both front ends: the
/// duration when the request was answered without error, the return value when it failed.
@Suite(.fixturePool, .timeLimit(.minutes(1)))
struct RequestLogEndTests {
    @Test("An entry ends with 'Query handled without error in …' or 'Error handling query, return value = …'", arguments: FrontEnd.allCases)
    func entryEnds(_ frontEnd: FrontEnd) async throws {
        let good = "server=list&marker=\(UUID().uuidString)"
        let bad = "server=dsdf&dataset=Nowhere&marker=\(UUID().uuidString)"
        let answered = try await frontEnd.send(CaseRequest(query: good))
        let refused = try await frontEnd.send(CaseRequest(query: bad))
        #expect(answered.status == 200 && refused.status == 400)

        // The standalone server writes its request log in batches, within a fraction of a second.
        var entries: (good: [Substring], bad: [Substring]) = ([], [])
        for _ in 0..<40 {
            let log = answered.fixture.serverLogText()
            entries = (Self.entry(of: good, in: log), Self.entry(of: bad, in: log))
            if entries.good.last?.hasPrefix("Query") == true, entries.bad.last?.hasPrefix("Error") == true { break }
            try await Task.sleep(for: .milliseconds(50))
        }
        let label = frontEnd.rawValue
        let end = try #require(entries.good.last, "\(label): no log entry for \(good)")
        #expect(end.hasPrefix("Query handled without error in ") && end.hasSuffix(" milliseconds."), "\(label): \(end)")
        #expect(entries.bad.last == "Error handling query, return value = 400", "\(label): \(entries.bad)")
        #expect(!(entries.good + entries.bad).contains { $0.hasPrefix("   Client:") }, "\(label): a line the reference does not write")
    }

    /// The texts of the lines of the entry whose parameters are `query`, from that line to the
    /// entry's last line (entries are written whole, so they do not interleave).
    private static func entry(of query: String, in log: String) -> [Substring] {
        let texts: [Substring] = log.split(separator: "\n").map { line in
            guard let close = line.range(of: "] ") else { return line }
            return line[close.upperBound...]
        }
        guard let start = texts.firstIndex(where: { $0 == "   Parameters: " + query }) else { return [] }
        var entry: [Substring] = []
        for text in texts[start...] {
            entry.append(text)
            if text.hasPrefix("Query handled") || text.hasPrefix("Error handling query") { break }
        }
        return entry
    }
}
