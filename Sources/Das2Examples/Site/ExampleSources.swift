import Das2Core

/// The DSDF files of the bundled site: one directory description and one source per reader.
///
/// Example ranges hold at most 1000 records each (hapi.md §10); the last example range of
/// each source is what the HAPI probe reads.
enum ExampleSources {
    /// The directory holding the sources, below `DSDF_ROOT`.
    static let directory = "Examples"
    /// Who to ask about the example site.
    static let contact = "das2kit developers <das2kit@example.org>"
    /// Every source accepts requests in this range; the readers compute data for any time.
    static let validRange = "2010-01-01 to 2030-01-01 UTC"
    /// The source the landing page shows, with its first example range.
    static let sample = (source: "Examples/Spectrogram", start: "2017-01-01T00:00", end: "2017-01-01T00:15")

    /// The `_dirinfo_.dsdf` files, by path relative to `DSDF_ROOT`.
    static let directoryFiles: [(path: String, text: String)] = [
        ("_dirinfo_.dsdf", """
            ; Top of the das2kit example site, written by das2-server.
            description = 'das2kit example site'

            """),
        ("\(directory)/_dirinfo_.dsdf", """
            ; Sources computed by readers built into das2-server.
            description = 'Example data sources computed by das2-server'

            """),
    ]

    /// The source files, by path relative to `DSDF_ROOT`.
    /// - Parameter readerCommand: shell text running a built-in reader, such as
    ///   `das2-server example`; the reader name follows it.
    /// - Throws: ``Das2CoreError`` (`invalidConfiguration`) for a command no DSDF value can carry.
    static func sourceFiles(readerCommand: String) throws(Das2CoreError) -> [(path: String, text: String)] {
        [
            ("\(directory)/Random.dsdf", try random(readerCommand)),
            ("\(directory)/Waveform.dsdf", try waveform(readerCommand)),
            ("\(directory)/Spectrogram.dsdf", try spectrogram(readerCommand)),
            ("\(directory)/Survey.dsdf", try survey(readerCommand)),
            ("\(directory)/Ephemeris.dsdf", try ephemeris(readerCommand)),
            ("\(directory)/QStream.dsdf", try qstream(readerCommand)),
        ]
    }

    /// The lines every source starts with.
    private static func header(
        _ dsdf: inout DSDFText,
        description: String,
        summary: [String],
        stream: String,
        reader: String
    ) throws(Das2CoreError) {
        dsdf.comment("Example source of the das2kit bundled site. das2-server writes this file")
        dsdf.comment("each time it installs the site: edit a copy elsewhere.")
        dsdf.quoted("description", description)
        dsdf.continued("summary", summary)
        dsdf.quoted("techContact", contact)
        dsdf.bare(stream, "1")
        try dsdf.reader(reader)
    }

    private static func random(_ command: String) throws(Das2CoreError) -> String {
        var dsdf = DSDFText()
        try header(
            &dsdf,
            description: "Produce random values between -10 and +10",
            summary: [
                "Three magnetic field components of pseudo-random values between -10 and +10 nT ",
                "at one-second cadence. Each value is a hash of its record time, so the same ",
                "request always returns the same numbers.",
            ],
            stream: "das2Stream",
            reader: "\(command) \(RandomReader.name)"
        )
        dsdf.quoted("reducer", "das2_bin_avgsec")
        dsdf.quoted("validRange", validRange)
        dsdf.quoted("exampleRange_00", "2017-01-01T00:00 to 2017-01-01T00:15 UTC | Fifteen minutes, 900 records")
        dsdf.quoted("exampleRange_01", "2017-06-01T12:00 to 2017-06-01T12:10 UTC | Ten minutes, 600 records")
        for (index, component) in RandomReader.components.enumerated() {
            dsdf.quoted("item_0\(index)", "\(component) | Random \(component) component | nT")
        }
        dsdf.bare("hapi", "1")
        return dsdf.text
    }

    private static func waveform(_ command: String) throws(Das2CoreError) -> String {
        var dsdf = DSDFText()
        try header(
            &dsdf,
            description: "Electric field waveform, a 437 Hz tone",
            summary: [
                "A continuous 437 Hz sine sampled at 10 kHz, sent as one waveform of 1000 samples ",
                "every 0.1 s. Its amplitude swings between 0.5 and 1.5 mV/m every ten seconds. ",
                "The y coordinates are sample offsets in seconds from each record time.",
            ],
            stream: "das2Stream",
            reader: "\(command) \(WaveformReader.name)"
        )
        dsdf.quoted("reducer", "not_reducible")
        dsdf.quoted("validRange", validRange)
        dsdf.quoted("exampleRange_00", "2017-01-01T00:00 to 2017-01-01T00:01 UTC | One minute, 600 waveforms")
        dsdf.quoted("exampleRange_01", "2017-01-01T12:00:00 to 2017-01-01T12:00:10 UTC | Ten seconds, 100 waveforms")
        dsdf.quoted("item_00", "\(WaveformReader.planeName) | Electric field waveform | V m**-1")
        dsdf.bare("hapi", "1")
        return dsdf.text
    }

    private static func spectrogram(_ command: String) throws(Das2CoreError) -> String {
        var dsdf = DSDFText()
        try header(
            &dsdf,
            description: "Electric spectral density with a sweeping emission band",
            summary: [
                "Spectral densities at 48 log-spaced frequencies from 10 Hz to 100 kHz, one ",
                "spectrum per second: a power-law background and a narrow emission band that ",
                "sweeps from 10 Hz to 10 kHz and back every hour. Now and then the eight highest ",
                "channels are fill. Reduced data come from the cache levels below.",
            ],
            stream: "das2Stream",
            reader: "\(command) \(SpectrogramReader.name)"
        )
        dsdf.quoted("reducer", "das2_bin_avgsec -r")
        dsdf.quoted("validRange", validRange)
        dsdf.quoted("exampleRange_00", "\(sample.start) to \(sample.end) UTC | Fifteen minutes, 900 spectra")
        dsdf.quoted("exampleRange_01", "2017-01-01T00:10 to 2017-01-01T00:20 UTC | Band near 10 kHz, 600 spectra")
        dsdf.quoted("item_00", "\(SpectrogramReader.planeName) | Electric power spectral density | \(SpectrogramReader.unitsText)")
        dsdf.quoted("cacheLevel_00", "intrinsic | hourly")
        dsdf.quoted("cacheLevel_01", "60 s | daily")
        dsdf.quoted("cacheLevel_02", "3600 s | monthly")
        dsdf.bare("hapi", "1")
        return dsdf.text
    }

    private static func survey(_ command: String) throws(Das2CoreError) -> String {
        var dsdf = DSDFText()
        try header(
            &dsdf,
            description: "Survey of electric and magnetic fields, two packet types",
            summary: [
                "Electric field components in packet 01 every second and magnetic field ",
                "components in packet 02 every four seconds, interleaved in time order in one ",
                "stream. The parameters E and B select the packet types, none means both.",
            ],
            stream: "das2Stream",
            reader: "\(command) \(SurveyReader.name)"
        )
        dsdf.quoted("reducer", "das2_bin_avgsec")
        dsdf.quoted("validRange", validRange)
        dsdf.quoted("exampleRange_00", "2017-01-01T00:00 to 2017-01-01T01:00 UTC | One hour of magnetic data, 900 records")
        dsdf.quoted("exampleParams_00", "B")
        dsdf.quoted("exampleRange_01", "2017-01-01T00:00 to 2017-01-01T00:12 UTC | Twelve minutes of both, 720 and 180 records")
        dsdf.quoted("param_00", "E | Electric field components Ex and Ey every second, packet 01")
        dsdf.quoted("param_01", "B | Magnetic field components Bx, By and Bz every four seconds, packet 02")
        var number = 0
        for name in SurveyReader.electric {
            dsdf.quoted("item_0\(number)", "\(name) | Electric field component \(name) | mV m**-1")
            number += 1
        }
        for name in SurveyReader.magnetic {
            dsdf.quoted("item_0\(number)", "\(name) | Magnetic field component \(name) | nT")
            number += 1
        }
        dsdf.bare("hapi", "1")
        return dsdf.text
    }

    private static func ephemeris(_ command: String) throws(Das2CoreError) -> String {
        var dsdf = DSDFText()
        try header(
            &dsdf,
            description: "Ephemeris of a made-up Jupiter orbiter",
            summary: [
                "Radial distance, latitude and local time of a spacecraft on a two-day ",
                "elliptical orbit around Jupiter, perijove 1.1 and apojove 30 Jovian radii. ",
                "The reader needs an interval: one record every interval seconds.",
            ],
            stream: "das2Stream",
            reader: "\(command) \(EphemerisReader.name)"
        )
        dsdf.bare("requiresInterval", "1")
        dsdf.quoted("reducer", "not_reducible")
        dsdf.quoted("validRange", validRange)
        dsdf.quoted("exampleRange_00", "2017-01-01 to 2017-01-11 UTC | Ten days at one-hour intervals, 240 records")
        dsdf.bare("exampleInterval_00", "3600")
        dsdf.quoted("exampleRange_01", "2016-12-31T18:00 to 2017-01-01T06:00 UTC | Half a day around perijove at one-minute intervals, 720 records")
        dsdf.bare("exampleInterval_01", "60")
        let items = [
            "Radial distance from the centre of Jupiter | R_J",
            "Jovigraphic latitude | deg",
            "Local time | hours",
        ]
        for (index, name) in EphemerisReader.planeNames.enumerated() {
            dsdf.quoted("item_0\(index)", "\(name) | \(items[index])")
        }
        dsdf.quoted("subSource_00", "Minute | Ephemeris at one-minute intervals | 60")
        dsdf.quoted("subSource_01", "Hour | Ephemeris at one-hour intervals | 3600")
        dsdf.bare("hapi", "1")
        return dsdf.text
    }

    private static func qstream(_ command: String) throws(Das2CoreError) -> String {
        var dsdf = DSDFText()
        try header(
            &dsdf,
            description: "Plasma density and temperature, a QStream source",
            summary: [
                "Plasma density and temperature every ten seconds, sent as a QStream: ",
                "two rank-1 datasets that depend on a time dataset. HAPI does not offer ",
                "QStream sources.",
            ],
            stream: "qstream",
            reader: "\(command) \(QStreamExampleReader.name)"
        )
        dsdf.quoted("validRange", validRange)
        dsdf.quoted("exampleRange_00", "2017-01-01T00:00 to 2017-01-01T02:00 UTC | Two hours, 720 records")
        dsdf.quoted("exampleRange_01", "2017-01-02T00:00 to 2017-01-02T01:00 UTC | One hour, 360 records")
        dsdf.quoted("item_00", "\(QStreamExampleReader.datasetIDs[0]) | Plasma density | cm**-3")
        dsdf.quoted("item_01", "\(QStreamExampleReader.datasetIDs[1]) | Plasma temperature | eV")
        return dsdf.text
    }
}
