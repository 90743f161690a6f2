import Foundation

/// Test fixtures under `Tests/Fixtures`, located from this source file so tests work from any
/// working directory.
public enum Fixtures {
    /// The package root directory.
    public static let packageRoot: String = {
        var url = URL(fileURLWithPath: #filePath)
        for _ in 0..<3 { url.deleteLastPathComponent() }
        return url.path
    }()

    /// The absolute path of a fixture, relative to `Tests/Fixtures`.
    public static func path(_ relative: String) -> String {
        packageRoot + "/Tests/Fixtures/" + relative
    }

    /// The bytes of a fixture.
    public static func bytes(_ relative: String) throws -> [UInt8] {
        Array(try Data(contentsOf: URL(fileURLWithPath: path(relative))))
    }

    /// The das2C conformance directory (a copy of `../shared/conformance/das2C`).
    public static let das2C = "das2C/"

    /// One row of `das2C/cases.tsv`.
    public struct ConformanceCase: Sendable, CustomStringConvertible {
        public let name: String
        public let input: String
        public let pipeline: String
        public let expected: String
        public let status: Int32
        public let note: String

        public var description: String { name }
    }

    /// Every case of `das2C/cases.tsv`.
    public static func conformanceCases() -> [ConformanceCase] {
        guard let text = try? String(contentsOfFile: path(das2C + "cases.tsv"), encoding: .utf8) else { return [] }
        return text.split(separator: "\n").dropFirst().compactMap { line in
            let fields = line.split(separator: "\t", omittingEmptySubsequences: false).map(String.init)
            guard fields.count >= 5, let status = Int32(fields[4]) else { return nil }
            return ConformanceCase(
                name: fields[0], input: fields[1], pipeline: fields[2], expected: fields[3], status: status,
                note: fields.count > 5 ? fields[5] : ""
            )
        }
    }
}
