/// One hand-made stream with an oddity a das2.2 reader must accept (stream-das2.md §13).
public struct AcceptedStream: Sendable, CustomStringConvertible {
    /// What is odd about it.
    public let name: String
    /// The stream.
    public let bytes: [UInt8]
    /// The events a reader delivers, in order: `stream`, `packet`, `record`, `comment`,
    /// `exception`.
    public let events: [String]
    /// Every value of every record, in order, when the test pins them down.
    public let values: [Double]?

    public var description: String { name }
}

/// Streams that are odd but valid, shared by the reader tests and the tool tests.
public enum AcceptedStreams {
    /// Every entry.
    public static let all: [AcceptedStream] = tags + bodies + order + encodings

    private static let comment = "<comment type=\"log:info\" value=\"hello\" source=\"test\"/>"
    private static let exception = "<exception type=\"NoDataInInterval\" message=\"no data in the interval\"/>"

    private static func entry(
        _ name: String,
        _ events: [String],
        values: [Double]? = nil,
        _ build: (inout StreamBytes) -> Void
    ) -> AcceptedStream {
        var stream = StreamBytes()
        build(&stream)
        return AcceptedStream(name: name, bytes: stream.bytes, events: events, values: values)
    }

    private static func blankPadded(_ value: Int) -> String {
        var text = String(value)
        while text.utf8.count < 6 { text = " " + text }
        return text
    }

    // MARK: - Tags and length fields

    static let tags: [AcceptedStream] =
        ["[XX]", "[xX]", "[Xx]"].map { tag in
            entry("out-of-band tag \(tag)", ["stream", "packet", "record", "comment", "record"]) { stream in
                stream = StreamBytes.basic(records: 1)
                stream.packet(tag, comment)
                stream.record(1, StreamBytes.basicRecord(1))
            }
        } + [
            entry("blank-padded length fields", ["stream", "comment", "packet", "record"]) { stream in
                stream.packet("[00]", length: blankPadded(StreamBytes.streamXML.utf8.count), body: Array(StreamBytes.streamXML.utf8))
                stream.packet("[xx]", length: blankPadded(comment.utf8.count), body: Array(comment.utf8))
                stream.packet("[01]", length: blankPadded(StreamBytes.packetXML.utf8.count), body: Array(StreamBytes.packetXML.utf8))
                stream.record(1, StreamBytes.basicRecord(0))
            }
        ]

    // MARK: - Header bodies

    static let bodies: [AcceptedStream] = [
        entry("XML declarations", ["stream", "packet", "comment", "record"]) { stream in
            let prolog = "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
            stream.packet("[00]", prolog + StreamBytes.streamXML)
            stream.packet("[01]", prolog + StreamBytes.packetXML)
            stream.packet("[xx]", "<?xml version=\"1.0\"?>" + comment)
            stream.record(1, StreamBytes.basicRecord(0))
        },
        entry("whitespace around bodies", ["stream", "packet", "comment", "record"]) { stream in
            stream.packet("[00]", "\n \t\r\n" + StreamBytes.streamXML + "\n\n  ")
            stream.packet("[01]", "  " + StreamBytes.packetXML + "\t")
            stream.packet("[xx]", "\n" + comment + "\n")
            stream.record(1, StreamBytes.basicRecord(0))
        },
        entry("UTF-8 text in headers", ["stream", "packet", "record"]) { stream in
            stream.packet("[00]", "<stream version=\"2.2\">\n  <properties title=\"Électric field μV/m ✓\"/>\n</stream>\n")
            stream.packet("[01]", "<packet>\n  <x type=\"sun_real8\" units=\"us2000\"/>\n  <y type=\"sun_real4\" units=\"V\" name=\"Électric\"/>\n</packet>\n")
            stream.record(1, StreamBytes.basicRecord(0))
        },
        entry("unknown out-of-band root is ignored", ["stream", "packet", "record", "record"]) { stream in
            stream = StreamBytes.basic(records: 1)
            stream.packet("[xx]", "<note text=\"something new\"/>")
            stream.record(1, StreamBytes.basicRecord(1))
        },
        entry("properties under a packet, twice under a plane", ["stream", "packet", "record"]) { stream in
            stream.packet("[00]", StreamBytes.streamXML)
            stream.packet(
                "[01]",
                """
                <packet>
                  <properties title="packet"/>
                  <x type="sun_real8" units="us2000"><properties a="1"/><properties a="2"/></x>
                  <y type="sun_real4" units="V" name="a"/>
                </packet>

                """
            )
            stream.record(1, StreamBytes.basicRecord(0))
        },
    ]

    // MARK: - Packet order

    static let order: [AcceptedStream] = [
        entry("packets after an exception", ["stream", "packet", "record", "exception", "record", "comment", "record"]) { stream in
            stream = StreamBytes.basic(records: 1)
            stream.packet("[xx]", exception)
            stream.record(1, StreamBytes.basicRecord(1))
            stream.packet("[xx]", comment)
            stream.record(1, StreamBytes.basicRecord(2))
        },
        entry("[00] with root <exception> (das2-pyserver)", ["exception"]) { stream in
            stream.packet("[00]", "<exception type=\"IllegalArgument\" message=\"bad time range\"/>\n")
        },
        entry("a single out-of-band exception and nothing else", ["exception"]) { stream in
            stream.packet("[xx]", exception)
        },
        entry("out-of-band packets before [00]", ["comment", "stream", "packet", "record"]) { stream in
            stream.packet("[xx]", comment)
            stream.packet("[00]", StreamBytes.streamXML)
            stream.packet("[01]", StreamBytes.packetXML)
            stream.record(1, StreamBytes.basicRecord(0))
        },
        entry("stream header only", ["stream"]) { stream in
            stream.packet("[00]", StreamBytes.streamXML)
        },
        entry("stream header and an exception", ["stream", "exception"]) { stream in
            stream.packet("[00]", StreamBytes.streamXML)
            stream.packet("[xx]", exception)
        },
        entry(
            "redefinition with another record size", ["stream", "packet", "record", "packet", "record"],
            values: [StreamBytes.year2020, 0, StreamBytes.year2020 + 1e6, 1, 2]
        ) { stream in
            stream = StreamBytes.basic(records: 1)
            stream.packet(
                "[01]",
                "<packet>\n  <x type=\"sun_real8\" units=\"us2000\"/>\n  <y type=\"sun_real4\" units=\"V\" name=\"a\"/>\n  <y type=\"sun_real4\" units=\"V\" name=\"b\"/>\n</packet>\n"
            )
            stream.record(1, StreamBytes.basicRecord(1) + StreamBytes.bigEndian(Float(2)))
        },
        entry("new packet id after data", ["stream", "packet", "record", "packet", "record", "record"]) { stream in
            stream = StreamBytes.basic(records: 1)
            stream.packet("[42]", StreamBytes.packetXML)
            stream.record(42, StreamBytes.basicRecord(1))
            stream.record(1, StreamBytes.basicRecord(2))
        },
    ]

    // MARK: - Encodings

    static let encodings: [AcceptedStream] = [
        entry(
            "double and float aliases", ["stream", "packet", "record", "record"],
            values: [StreamBytes.year2020, 0, StreamBytes.year2020 + 1e6, 1]
        ) { stream in
            stream.packet("[00]", StreamBytes.streamXML)
            stream.packet("[01]", "<packet>\n  <x type=\"double\" units=\"us2000\"/>\n  <y type=\"float\" units=\"V\" name=\"a\"/>\n</packet>\n")
            stream.record(1, StreamBytes.basicRecord(0))
            stream.record(1, StreamBytes.basicRecord(1))
        },
        entry(
            "ascii8, ascii127 and time13 planes", ["stream", "packet", "record", "record"],
            values: [StreamBytes.year2020, -1.25, 6.02e23, StreamBytes.year2020 + 86_400e6, 7, -0.5]
        ) { stream in
            stream.packet("[00]", StreamBytes.streamXML)
            stream.packet(
                "[01]",
                "<packet>\n  <x type=\"time13\" units=\"UTC\"/>\n  <y type=\"ascii8\" units=\"V\" name=\"a\"/>\n  <y type=\"ascii127\" units=\"V\" name=\"b\"/>\n</packet>\n"
            )
            stream.record(1, StreamBytes.field("2020-01-01", width: 13) + StreamBytes.field(" -1.25", width: 8) + StreamBytes.field("6.02e23", width: 127))
            stream.record(1, StreamBytes.field("2020-01-02", width: 13) + StreamBytes.field("7", width: 8) + StreamBytes.field("  -5.0e-1", width: 127))
        },
        entry(
            "text fields with CR LF, blanks and garbage", ["stream", "packet", "record"],
            values: [StreamBytes.year2020, 1.5, -1e31, -1e31]
        ) { stream in
            stream.packet("[00]", StreamBytes.streamXML)
            stream.packet(
                "[01]",
                "<packet>\n  <x type=\"sun_real8\" units=\"us2000\"/>\n  <y type=\"ascii10\" units=\"V\" name=\"a\"/>\n  <y type=\"ascii10\" units=\"V\" name=\"b\"/>\n  <y type=\"ascii10\" units=\"V\" name=\"c\"/>\n</packet>\n"
            )
            stream.record(
                1,
                StreamBytes.bigEndian(StreamBytes.year2020) + Array("1.5     \r\n".utf8) + StreamBytes.field("", width: 10)
                    + StreamBytes.field("garbage", width: 10)
            )
        },
        entry(
            "big- and little-endian planes in one record", ["stream", "packet", "record"],
            values: [StreamBytes.year2020, 2.5, -3]
        ) { stream in
            stream.packet("[00]", StreamBytes.streamXML)
            stream.packet(
                "[01]",
                "<packet>\n  <x type=\"sun_real8\" units=\"us2000\"/>\n  <y type=\"little_endian_real8\" units=\"V\" name=\"a\"/>\n  <y type=\"little_endian_real4\" units=\"V\" name=\"b\"/>\n</packet>\n"
            )
            stream.record(
                1,
                StreamBytes.bigEndian(StreamBytes.year2020) + StreamBytes.bigEndian(2.5).reversed()
                    + StreamBytes.bigEndian(Float(-3)).reversed()
            )
        },
    ]
}
