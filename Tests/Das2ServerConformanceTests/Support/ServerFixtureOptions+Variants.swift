import Das2TestSupport

extension ServerFixture.Options {
    /// The fixture of §0 plus the sources and files of the hostile-input and robustness
    /// tests: `Examples/Argv` (reader `argv_rdr`), `Examples/Subst` (`argv_rdr $(mode,fast)`),
    /// `Examples/Big` (`big_rdr`), `Examples/Crash` (`crash_rdr`), and a DSDF-looking file
    /// outside the DSDF root, `<F>/outside/Secret.dsdf`, that must never be served.
    static let hostile = ServerFixture.Options(extraFiles: [
        "datasets/Examples/Argv.dsdf": "description = 'Argument check'\nreader = 'argv_rdr'\nreducer = 'not_reducible'\ndas2Stream = 1\n",
        "datasets/Examples/Subst.dsdf": "description = 'Substitution check'\nreader = 'argv_rdr $(mode,fast)'\nreducer = 'not_reducible'\ndas2Stream = 1\n",
        "datasets/Examples/Big.dsdf": "description = 'Endless stream'\nreader = 'big_rdr'\nreducer = 'not_reducible'\ndas2Stream = 1\n",
        "datasets/Examples/Crash.dsdf": "description = 'Reader crashes'\nreader = 'crash_rdr'\nreducer = 'not_reducible'\ndas2Stream = 1\n",
        "outside/Secret.dsdf": "description = '\(secretText)'\nreader = 'argv_rdr --secret'\ndas2Stream = 1\n",
    ])

    /// The description of the file outside the DSDF root.
    static let secretText = "SECRET OUTSIDE THE ROOT"

    /// The same options with `TEST_FROM` kept or removed.
    func trustingLoopback(_ trusts: Bool) -> ServerFixture.Options {
        var copy = self
        copy.trustsLoopback = trusts
        return copy
    }
}
