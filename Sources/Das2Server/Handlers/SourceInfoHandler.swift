import Das2Core

// `server=source` (server-protocol.md §3.10, dsdf.md §6.1): a source described as JSON.
extension RequestContext {
    func sourceInfo() throws(Das2ServerError) -> Das2Response {
        let (_, name) = try requestedSourceName()
        let dsdf = try loadPublicSource(name)
        return bytesResponse(Self.infoJSON(dsdf, name: name, baseURL: exampleBaseURL(dsdf)).serialized(), contentType: CommonHeaders.json)
    }

    /// A source for the public JSON forms: parsed and substituted with this request.
    func loadPublicSource(_ name: String) throws(Das2ServerError) -> DSDF {
        let (raw, path) = try loadSource(name)
        do {
            return try raw.substituted(thisFile: path, queryValue: { query[$0] }, configurationValue: { configuration[$0] })
        } catch {
            throw Das2ServerError(error.code == .invalidRequest ? .badRequest : .serverError, error.message)
        }
    }

    /// Where the examples of a source point: its own `server` unless redirects are ignored.
    func exampleBaseURL(_ dsdf: DSDF) -> String {
        if let server = dsdf["server"], !configuration.ignoreRedirect { return server }
        return scriptURL
    }

    static func infoJSON(_ dsdf: DSDF, name: String, baseURL: String) -> JSONValue {
        let isDas2 = dsdf.isTrue("das2Stream")
        let isQStream = dsdf.isTrue("qstream")
        let mime = isDas2 ? "application/vnd.das2.das2stream" : isQStream ? "application/vnd.das2.qstream" : "application/octet-stream"
        let streamFlag = isDas2 ? "das2Stream" : isQStream ? "qstream" : nil
        let skipped: Set = ["reader", "reducer", "compressor", "readAccess", "groupAccess", "subSource", "coverageReducer", "cacheReader", "hapi"]

        var members: [(String, JSONValue)] = [("MIME", .string(mime))]
        var lists: [String: [(count: String, item: [(String, JSONValue)])]] = [:]
        var counted: [String: [(String, JSONValue)]] = [:]
        var order: [String] = []
        func note(_ key: String) { if !order.contains(key) { order.append(key) } }
        func appendItem(_ list: String, _ count: String, _ item: [(String, JSONValue)]) {
            note(list)
            lists[list, default: []].append((count, item))
        }
        func mergeExample(_ count: String, _ item: [(String, JSONValue)]) {
            note("examples")
            var entries = lists["examples", default: []]
            if let index = entries.firstIndex(where: { $0.count == count }) {
                for (key, value) in item where !entries[index].item.contains(where: { $0.0 == key }) {
                    entries[index].item.append((key, value))
                }
            } else {
                entries.append((count, item))
            }
            lists["examples"] = entries
        }

        for entry in dsdf.entries {
            let key = entry.key
            guard Self.isPublicKey(key), !skipped.contains(key), key != streamFlag else { continue }
            let base: String
            let count: String?
            if let underscore = key.firstIndex(of: "_") {
                base = String(key[..<underscore])
                count = String(key[key.index(after: underscore)...])
            } else {
                base = key
                count = nil
            }
            guard !skipped.contains(base) else { continue }
            let fields = PipeList.split(entry.value, escapes: base.hasPrefix("example") || base == "param" || base == "item")
            func field(_ index: Int) -> String? { index < fields.count && !fields[index].isEmpty ? fields[index] : nil }
            if base == "cacheLevel" {
                guard let count, fields.count >= 2 else { continue }
                var item: [(String, JSONValue)] = [("id", .string(count)), ("resolution", .string(fields[0])), ("blockMethod", .string(fields[1]))]
                if let extra = field(2) { item.append(("extraParams", .string(extra))) }
                appendItem("cache", count, item)
            } else if base.hasPrefix("example") {
                var member = String(base.dropFirst(7)).lowercased()
                if member == "params" { member = "extraParams" }
                var item: [(String, JSONValue)] = [(member, .string(fields.first ?? ""))]
                if let description = field(1) { item.append(("description", .string(description))) }
                mergeExample(count ?? "00", item)
            } else if base.hasPrefix("testRange") {
                var item: [(String, JSONValue)] = [("range", .string(fields.first ?? ""))]
                if let description = field(1) { item.append(("description", .string(description))) }
                appendItem("testRanges", count ?? "00", item)
            } else if base == "param" {
                var item: [(String, JSONValue)] = [("value", .string(fields.first ?? ""))]
                if let description = field(1) { item.append(("description", .string(description))) }
                appendItem("extraParams", count ?? "00", item)
            } else if base.hasSuffix("Contact") {
                let type = base == "techContact" ? "TECHNICAL" : base == "sciContact" ? "SCIENTIFIC" : "OTHER"
                for contact in Contact.list(parsing: entry.value) {
                    var item: [(String, JSONValue)] = [("type", .string(type)), ("who", .string(contact.name))]
                    if let email = contact.email { item.append(("email", .string(email))) }
                    appendItem("contacts", String(format3(lists["contacts"]?.count ?? 0)), item)
                }
            } else if base == "item" {
                var item: [(String, JSONValue)] = [("id", .string(fields.first ?? ""))]
                if let description = field(1) { item.append(("description", .string(description))) }
                appendItem("items", count ?? "00", item)
            } else if let count {
                note(base)
                counted[base, default: []].append((count, .string(entry.value)))
            } else {
                note(key)
                members.append((key, .string(entry.value)))
            }
        }
        for key in order {
            if let items = lists[key] {
                let sorted = items.enumerated().sorted { ($0.element.count, $0.offset) < ($1.element.count, $1.offset) }
                members.append((key, .array(sorted.map { .object($0.element.item) })))
            } else if let values = counted[key] {
                members.append((key, .object(values)))
            }
        }
        members.append(("id", .string(name)))
        if let first = (try? dsdf.exampleRanges())?.first {
            var url = "\(baseURL)?server=dataset&dataset=\(name)&time.min=\(first.begin)&time.max=\(first.end)"
            if let interval = first.interval { url += "&interval=\(URLText.encode(interval, keeping: "/:"))" }
            if let parameters = first.parameters { url += "&params=\(URLText.encode(parameters, keeping: "/:"))" }
            members.append(("example", .string(url)))
        }
        return .object(members)
    }

    /// Keys sent to clients use only `A-Z a-z 0-9 _` (DD-6).
    static func isPublicKey(_ key: String) -> Bool {
        !key.isEmpty && key.utf8.allSatisfy { ($0 >= 0x30 && $0 <= 0x39) || ($0 >= 0x41 && $0 <= 0x5A) || ($0 >= 0x61 && $0 <= 0x7A) || $0 == 0x5F }
    }

    private static func format3(_ number: Int) -> String {
        let text = String(number)
        return String(repeating: "0", count: max(0, 3 - text.count)) + text
    }
}
