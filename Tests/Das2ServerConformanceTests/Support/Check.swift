import Foundation

/// One expectation about an ``Exchange``: nil when it holds, else the difference.
struct Check: Sendable {
    let evaluate: @Sendable (Exchange) -> String?

    init(_ evaluate: @escaping @Sendable (Exchange) -> String?) {
        self.evaluate = evaluate
    }
}

extension Check {
    /// The status code.
    static func status(_ expected: Int) -> Check {
        Check { $0.status == expected ? nil : "status: expected \(expected), got \($0.status) \($0.reason) (body \(visible($0.body, limit: 300)))" }
    }

    /// The reason phrase: of the CGI `Status:` line, or of the HTTP status line.
    static func reason(_ expected: String) -> Check {
        Check { exchange in
            exchange.reason == expected ? nil : "reason phrase: expected \(quoted(expected)), got \(quoted(exchange.reason))"
        }
    }

    /// A header with exactly this value.
    static func header(_ name: String, _ expected: String) -> Check {
        Check { exchange in
            let value = exchange.header(name)
            return value == expected ? nil : "header \(name): expected \(quoted(expected)), got \(value.map(quoted) ?? "none")"
        }
    }

    /// No header of this name.
    static func noHeader(_ name: String) -> Check {
        Check { exchange in
            exchange.header(name).map { "header \(name): expected none, got \(quoted($0))" }
        }
    }

    /// A header whose value ends with `suffix`.
    static func headerSuffix(_ name: String, _ suffix: String) -> Check {
        Check { exchange in
            let value = exchange.header(name)
            return value?.hasSuffix(suffix) == true ? nil : "header \(name): expected a value ending \(quoted(suffix)), got \(value.map(quoted) ?? "none")"
        }
    }

    /// `Content-Type`.
    static func contentType(_ expected: String) -> Check {
        header("Content-Type", expected)
    }

    /// The three `Access-Control-*` headers (+CORS, server-protocol.md §1.6).
    static var cors: [Check] {
        [
            header("Access-Control-Allow-Origin", "*"),
            header("Access-Control-Allow-Methods", "GET"),
            header("Access-Control-Allow-Headers", "Content-Type"),
        ]
    }

    /// "data headers(T, D, N)" of §0.6: status 200, +CORS, `Content-Type: T`, `Expires: now`,
    /// `Content-Disposition: D; filename="N"`.
    static func dataHeaders(_ type: String, _ disposition: String, _ fileName: String) -> [Check] {
        [status(200)] + cors + [
            contentType(type), header("Expires", "now"),
            header("Content-Disposition", "\(disposition); filename=\"\(fileName)\""),
        ]
    }

    /// The body, byte for byte.
    static func body(_ expected: [UInt8]) -> Check {
        Check { exchange in
            exchange.body == expected ? nil : "body: expected \(visible(expected)), got \(visible(exchange.body))\(firstDifference(expected, exchange.body))"
        }
    }

    /// The body, byte for byte, as UTF-8 text.
    static func body(_ expected: String) -> Check {
        body(Array(expected.utf8))
    }

    /// An empty body.
    static var emptyBody: Check { body([UInt8]()) }

    /// The body contains each text.
    static func bodyContains(_ texts: String...) -> Check {
        Check { exchange in
            let text = exchange.text
            let missing = texts.filter { !text.contains($0) }
            return missing.isEmpty ? nil : "body: expected to contain \(missing.map(quoted).joined(separator: ", ")), got \(visible(exchange.body))"
        }
    }

    /// The body contains none of the texts.
    static func bodyLacks(_ texts: String...) -> Check {
        Check { exchange in
            let text = exchange.text
            let found = texts.filter { text.contains($0) }
            return found.isEmpty ? nil : "body: must not contain \(found.map(quoted).joined(separator: ", ")), got \(visible(exchange.body))"
        }
    }

    /// The body starts with `prefix`.
    static func bodyStarts(with prefix: String) -> Check {
        Check { exchange in
            exchange.body.starts(with: Array(prefix.utf8)) ? nil : "body: expected to start with \(quoted(prefix)), got \(visible(exchange.body))"
        }
    }

    /// The body is one `[00]` das2 exception packet (length correct) of this type, whose
    /// message contains each text.
    static func exception(_ type: String, messageContains texts: [String] = []) -> Check {
        Check { exchange in
            guard let packet = ExceptionPacketText(exchange.body, tag: "[00]"), packet.rest.isEmpty else {
                return "body: expected one [00] exception packet of type \(type), got \(visible(exchange.body))"
            }
            if packet.type != type { return "exception type: expected \(type), got \(packet.type) (message \(quoted(packet.message)))" }
            let missing = texts.filter { !packet.message.contains($0) }
            return missing.isEmpty ? nil : "exception message: expected to contain \(missing.map(quoted).joined(separator: ", ")), got \(quoted(packet.message))"
        }
    }

    /// argv(`name`) equals `expected`.
    static func argv(_ name: String, _ expected: [String]) -> Check {
        Check { exchange in
            let argv = exchange.argv(of: name)
            return argv == expected ? nil : "argv(\(name)): expected \(jsonArrayText(expected)), got \(argv.map(jsonArrayText) ?? "not run")"
        }
    }

    /// `name` logged nothing.
    static func notRun(_ name: String) -> Check {
        Check { exchange in
            exchange.argv(of: name).map { "\(name): expected not run, ran with \(jsonArrayText($0))" }
        }
    }

    /// The body parses as JSON and `check` finds no problem in it.
    static func json(_ check: @escaping @Sendable (Any) -> [String]) -> Check {
        Check { exchange in
            guard let value = try? JSONSerialization.jsonObject(with: Data(exchange.body), options: [.fragmentsAllowed]) else {
                return "body: expected JSON, got \(visible(exchange.body))"
            }
            let problems = check(value)
            return problems.isEmpty ? nil : problems.joined(separator: "; ")
        }
    }
}

/// ` (first difference at byte N)` for two byte strings that differ.
private func firstDifference(_ expected: [UInt8], _ actual: [UInt8]) -> String {
    let index = (0..<min(expected.count, actual.count)).first { expected[$0] != actual[$0] } ?? min(expected.count, actual.count)
    return " (first difference at byte \(index))"
}
