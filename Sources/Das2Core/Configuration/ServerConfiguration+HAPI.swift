// The HAPI keys of hapi.md §9. Like the other accessors, an empty value counts as absent;
// a number that does not parse (or is out of range) falls back to the default.
extension ServerConfiguration {
    /// `HAPI_ALL_SOURCES`: offer sources without a `hapi` key (true for `true`, `yes`, `1`, any case).
    public var hapiAllSources: Bool { hapiFlag("HAPI_ALL_SOURCES") ?? false }
    /// `HAPI_LIST_PROTECTED`: list sources whose `readAccess` has no `AGE:` condition.
    public var hapiListProtected: Bool { hapiFlag("HAPI_LIST_PROTECTED") ?? false }
    /// `HAPI_EXTENSIONS`, default true: list the `x_bin` and `x_availability` datasets; false for
    /// `false`, `no`, `0` (any case).
    public var hapiExtensions: Bool { hapiFlag("HAPI_EXTENSIONS") ?? true }
    /// `HAPI_SERVER_ID`: the `id` of `/hapi/about` (else `SERVER_ID`).
    public var hapiServerID: String? { hapiText("HAPI_SERVER_ID") }
    /// `HAPI_TITLE`: the `title` of `/hapi/about` (else `SITE_NAME`).
    public var hapiTitle: String? { hapiText("HAPI_TITLE") }
    /// `HAPI_DESCRIPTION`: the `description` of `/hapi/about`.
    public var hapiDescription: String? { hapiText("HAPI_DESCRIPTION") }
    /// `HAPI_TIMEOUT` in seconds, default 60: the longest wait for a reader's first record.
    public var hapiTimeout: Double { hapiSeconds("HAPI_TIMEOUT") ?? 60 }
    /// `HAPI_MAX_REQUEST_DURATION`: the default `maxRequestDuration` (an ISO 8601 duration), or
    /// nil for no limit.
    public var hapiMaxRequestDuration: String? { hapiText("HAPI_MAX_REQUEST_DURATION") }
    /// `HAPI_PROBE_TIMEOUT` in seconds, default 20: how long a probe reads its reader.
    public var hapiProbeTimeout: Double { hapiSeconds("HAPI_PROBE_TIMEOUT") ?? 20 }
    /// `HAPI_PROBE_BYTES`, default 64 MiB: how much of a reader's output a probe reads.
    public var hapiProbeBytes: Int { hapiCount("HAPI_PROBE_BYTES") ?? 64 << 20 }
    /// `HAPI_PROBE_MAX_AGE` in seconds, default 86400: how long a probe result is used.
    public var hapiProbeMaxAge: Double { hapiSeconds("HAPI_PROBE_MAX_AGE") ?? 86_400 }
    /// `HAPI_PROBE_CONCURRENCY`, default 4: probes run at once in the background.
    public var hapiProbeConcurrency: Int { hapiCount("HAPI_PROBE_CONCURRENCY") ?? 4 }

    private func hapiText(_ key: String) -> String? {
        guard let value = self[key], !value.isEmpty else { return nil }
        return value
    }

    private func hapiFlag(_ key: String) -> Bool? {
        switch hapiText(key)?.lowercased() {
        case "true", "yes", "1": true
        case "false", "no", "0": false
        default: nil
        }
    }

    private func hapiSeconds(_ key: String) -> Double? {
        guard let value = Self.timeLimit(hapiText(key)), value > 0 else { return nil }
        return value
    }

    private func hapiCount(_ key: String) -> Int? {
        guard let value = hapiText(key).flatMap({ Int($0) }), value > 0 else { return nil }
        return value
    }
}
