extension DSDF {
    /// The most passes of ``substituted(thisFile:queryValue:configurationValue:)``.
    static let maximumSubstitutionPasses = 50

    /// Replaces every `$(NAME)` and `$(NAME,DEFAULT)` in the values (dsdf.md §3).
    ///
    /// `NAME` is resolved, in order, from: `THIS_FILE` (the absolute path of the DSDF); another
    /// key of this DSDF (its current value); the query parameter named `NAME` lower-cased; the
    /// server configuration key `NAME`; `DEFAULT`. Variables are matched non-greedily (DD-8),
    /// so a value may hold several; the first `,` separates the default. Substituted text may
    /// hold further variables: passes over all keys, in file order, repeat until none remain,
    /// at most 50 times. A DSDF whose `substitutions` key is `0` or `false` (any case) is
    /// returned unchanged.
    ///
    /// - Parameters:
    ///   - thisFile: The absolute path of the DSDF file, `.dsdf` included.
    ///   - queryValue: The first value of a query parameter, given its key (`NAME`
    ///     lower-cased), or `nil` when the request has no such parameter. Values must be
    ///     URL-decoded.
    ///   - configurationValue: The value of a `das2server.conf` key, or `nil`.
    /// - Returns: The DSDF with every variable replaced.
    /// - Throws: ``Das2CoreError`` with code `invalidRequest` (HTTP 400) when a query value
    ///   used for a variable has a character outside `A–Z a–z 0–9 . _ : + , = @ % / -` or
    ///   contains `..` (DD-9); code `invalidConfiguration` (HTTP 500) for `$()`, a variable
    ///   that nothing resolves, or variables left after 50 passes.
    public func substituted(
        thisFile: String,
        queryValue: (String) -> String?,
        configurationValue: (String) -> String?
    ) throws(Das2CoreError) -> DSDF {
        if let flag = self["substitutions"]?.lowercased(), flag == "0" || flag == "false" { return self }
        var result = self
        for _ in 0..<DSDF.maximumSubstitutionPasses {
            var remaining = false
            for position in result.entries.indices {
                let entry = result.entries[position]
                guard entry.value.utf8.contains(UInt8(ascii: "$")) else { continue }
                let value = try result.substitutingOnce(
                    entry, thisFile: thisFile, queryValue: queryValue, configurationValue: configurationValue)
                result.setValue(value, at: position)
                remaining = remaining || DSDF.firstVariable(in: Array(value.utf8), from: 0) != nil
            }
            if !remaining { return result }
        }
        throw Das2CoreError(
            .invalidConfiguration,
            "Error in DSDF file \(name), un-resolved substitution variables remain after "
                + "\(DSDF.maximumSubstitutionPasses) passes")
    }

    /// One pass over one value: each variable found in it is replaced once.
    private func substitutingOnce(
        _ entry: Entry,
        thisFile: String,
        queryValue: (String) -> String?,
        configurationValue: (String) -> String?
    ) throws(Das2CoreError) -> String {
        let bytes = Array(entry.value.utf8)
        var output: [UInt8] = []
        var copied = 0
        while let variable = DSDF.firstVariable(in: bytes, from: copied) {
            output += bytes[copied..<variable.lowerBound]
            let text = String(decoding: bytes[variable], as: UTF8.self)
            let inner = bytes[(variable.lowerBound + 2)..<(variable.upperBound - 1)]
            let comma = inner.firstIndex(of: UInt8(ascii: ","))
            let name = String(decoding: inner[..<(comma ?? inner.endIndex)], as: UTF8.self)
            let fallback = comma.map { String(decoding: inner[($0 + 1)...], as: UTF8.self) }
            guard !name.isEmpty else {
                throw Das2CoreError(
                    .invalidConfiguration,
                    "Error in DSDF file \(self.name). The value for keyword \(entry.key) contains an invalid "
                        + "substitution, '\(text)'")
            }
            let replacement: String
            if name == "THIS_FILE" {
                replacement = thisFile
            } else if let value = self[name] {
                replacement = value
            } else if let value = queryValue(name.lowercased()) {
                try DSDF.checkClientValue(value, key: name.lowercased())
                replacement = value
            } else if let value = configurationValue(name) {
                replacement = value
            } else if let fallback {
                replacement = fallback
            } else {
                throw Das2CoreError(
                    .invalidConfiguration,
                    "Error in DSDF file \(self.name), can't determine the value for variable \(text) in the string "
                        + "for keyword \(entry.key)")
            }
            output += replacement.utf8
            copied = variable.upperBound
        }
        output += bytes[copied...]
        return String(decoding: output, as: UTF8.self)
    }

    /// The range of the first `$(…)` at or after `start`: from `$` through the first `)`.
    private static func firstVariable(in bytes: [UInt8], from start: Int) -> Range<Int>? {
        var index = start
        while index + 1 < bytes.count {
            if bytes[index] == UInt8(ascii: "$") && bytes[index + 1] == UInt8(ascii: "(") {
                guard let close = bytes[(index + 2)...].firstIndex(of: UInt8(ascii: ")")) else { return nil }
                return index..<(close + 1)
            }
            index += 1
        }
        return nil
    }

    /// Rejects client text that could escape the reader command (DD-9).
    private static func checkClientValue(_ value: String, key: String) throws(Das2CoreError) {
        let allowed = value.utf8.allSatisfy { byte in
            switch byte {
            case UInt8(ascii: "A")...UInt8(ascii: "Z"), UInt8(ascii: "a")...UInt8(ascii: "z"),
                UInt8(ascii: "0")...UInt8(ascii: "9"):
                true
            default:
                "._:+,=@%/-".utf8.contains(byte)
            }
        }
        guard allowed && !value.containsBytes("..") else {
            throw Das2CoreError(
                .invalidRequest,
                "Invalid value '\(value)' for query parameter \(key): only letters, digits and ._:+,=@%/- are "
                    + "allowed, without '..'")
        }
    }
}
