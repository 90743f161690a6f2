/// The sources the `.switches` fixture adds: one without a `hapi` key (offered only with
/// `HAPI_ALL_SOURCES`) and two whose old data is public (`AGE:`), one old enough for its
/// sample range to be shown.
enum SwitchSources {
    static let files: [String: String] = [
        "datasets/Hapi/Plain.dsdf": source("Plain source", extra: ""),
        "datasets/Hapi/Aged.dsdf": source("Aged source", extra: "readAccess = 'AGE:1d|GROUP:testgroup'\nhapi = 1\n"),
        "datasets/Hapi/Young.dsdf": source("Young source", extra: "readAccess = 'AGE:100y|GROUP:testgroup'\nhapi = 1\n"),
    ]

    private static func source(_ description: String, extra: String) -> String {
        """
        description = '\(description)'
        reader = 'fixture_rdr <F>/streams/hapi_mag.d2s'
        das2Stream = 1
        validRange = '2017-01-01 to 2017-01-02'
        exampleRange_00 = '2017-01-01T00:00 to 2017-01-01T01:00'
        \(extra)
        """
    }
}
