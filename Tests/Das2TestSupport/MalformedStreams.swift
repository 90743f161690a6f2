/// One hand-made stream a strict das2.2 reader must refuse (stream-das2.md §10).
public struct MalformedStream: Sendable, CustomStringConvertible {
    /// What is wrong, in a few words.
    public let name: String
    /// The stream.
    public let bytes: [UInt8]
    /// The error it must end in.
    public let error: ExpectedStreamError
    /// Byte offset of the offending packet (in the decompressed stream for deflate streams).
    public let offset: Int

    public var description: String { name }
}

/// The malformed-stream corpus shared by the reader tests and the tool tests.
public enum MalformedStreams {
    /// Every entry.
    public static let all: [MalformedStream] =
        framing + order + xml + encodings + planes + packets + properties + compression + values

    /// A few entries of different kinds, for the slower tool runs.
    public static let sample: [MalformedStream] = {
        let names: Set = [
            "empty input", "truncated record", "length field with a sign", "data for an undefined id",
            "mismatched tags", "unknown encoding real16", "nitems 0", "packet without planes",
            "unknown property type", "invalid property name", "compression zlib", "corrupt deflate data",
            "unparseable time field", "empty out-of-band body",
        ]
        return all.filter { names.contains($0.name) }
    }()

    private static func entry(
        _ name: String,
        _ error: ExpectedStreamError,
        _ build: (inout StreamBytes) -> Int
    ) -> MalformedStream {
        var stream = StreamBytes()
        let offset = build(&stream)
        return MalformedStream(name: name, bytes: stream.bytes, error: error, offset: offset)
    }

    /// The basic stream without records, then a packet header `[01]` with `body`; the
    /// offending offset is that of the `[01]`.
    private static func packetEntry(_ name: String, _ error: ExpectedStreamError, planes: String) -> MalformedStream {
        entry(name, error) { stream in
            stream.packet("[00]", StreamBytes.streamXML)
            let offset = stream.count
            stream.packet("[01]", "<packet>\n\(planes)\n</packet>\n")
            return offset
        }
    }

    /// A `[00]` whose `<properties>` carries one attribute; the offending offset is 0.
    private static func propertyEntry(_ name: String, _ error: ExpectedStreamError, attribute: String) -> MalformedStream {
        entry(name, error) { stream in
            stream.packet("[00]", "<stream version=\"2.2\">\n  <properties \(attribute)/>\n</stream>\n")
            stream.packet("[01]", StreamBytes.packetXML)
            return 0
        }
    }

    private static func zeroPadded(_ value: Int, _ width: Int) -> String {
        var text = String(value)
        while text.utf8.count < width { text = "0" + text }
        return text
    }

    // MARK: - Framing (§2, §10 rows 1-7)

    static let framing: [MalformedStream] = {
        let packetLength = StreamBytes.packetXML.utf8.count
        let trimmed = String(StreamBytes.packetXML.dropLast())
        var entries = [
            entry("empty input", .emptyStream) { _ in 0 },
            entry("truncated record", .truncated) { stream in
                stream = StreamBytes.basic(records: 2)
                let offset = stream.count
                stream.record(1, Array(StreamBytes.basicRecord(2).prefix(7)))
                return offset
            },
            entry("header length one too large", .invalidXML) { stream in
                stream.packet("[00]", StreamBytes.streamXML)
                let offset = stream.count
                stream.packet("[01]", length: zeroPadded(packetLength + 1, 6), body: Array(StreamBytes.packetXML.utf8))
                stream.record(1, StreamBytes.basicRecord(0))
                return offset
            },
            entry("header length one too large at the end of input", .truncated) { stream in
                stream.packet("[00]", StreamBytes.streamXML)
                let offset = stream.count
                stream.packet("[01]", length: zeroPadded(packetLength + 1, 6), body: Array(StreamBytes.packetXML.utf8))
                return offset
            },
            entry("header length one too small, body cut inside the end tag", .invalidXML) { stream in
                stream.packet("[00]", StreamBytes.streamXML)
                let offset = stream.count
                stream.packet("[01]", length: zeroPadded(trimmed.utf8.count - 1, 6), body: Array(trimmed.utf8))
                stream.record(1, StreamBytes.basicRecord(0))
                return offset
            },
            entry("header length one too small, final newline read as a tag", .framing) { stream in
                stream.packet("[00]", StreamBytes.streamXML)
                stream.packet("[01]", length: zeroPadded(packetLength - 1, 6), body: Array(StreamBytes.packetXML.utf8))
                let offset = stream.count - 1
                stream.record(1, StreamBytes.basicRecord(0))
                return offset
            },
            entry("length 0", .framing) { stream in
                stream.packet("[00]", StreamBytes.streamXML)
                let offset = stream.count
                stream.packet("[01]", length: "000000", body: Array(StreamBytes.packetXML.utf8))
                return offset
            },
            entry("blank-padded length 0", .framing) { stream in
                stream.packet("[00]", StreamBytes.streamXML)
                let offset = stream.count
                stream.packet("[01]", length: "     0", body: Array(StreamBytes.packetXML.utf8))
                return offset
            },
            entry("huge declared length with a short body", .truncated) { stream in
                stream.packet("[00]", StreamBytes.streamXML)
                let offset = stream.count
                stream.packet("[01]", length: "999999", body: Array(StreamBytes.packetXML.utf8))
                stream.record(1, StreamBytes.basicRecord(0))
                return offset
            },
            entry("trailing newline after the last binary record", .truncated) { stream in
                stream = StreamBytes.basic(records: 2)
                let offset = stream.count
                stream.append(text: "\n")
                return offset
            },
            entry("three trailing bytes", .truncated) { stream in
                stream = StreamBytes.basic(records: 2)
                let offset = stream.count
                stream.append(text: "[01")
                return offset
            },
            entry("partial length field", .truncated) { stream in
                stream = StreamBytes.basic(records: 1)
                let offset = stream.count
                stream.append(text: "[xx]000")
                return offset
            },
        ]
        let badLengths: [(String, String)] = [
            ("length field with a sign", "+" + zeroPadded(packetLength, 5)),
            ("length field with a minus sign", "-" + zeroPadded(packetLength, 5)),
            ("length field with an inner blank", "0 " + zeroPadded(packetLength, 4)),
            ("length field with a trailing blank", zeroPadded(packetLength, 5) + " "),
            ("length field without digits", "      "),
            ("length field with a letter", "00x" + zeroPadded(packetLength, 3)),
            ("length field padded with tabs", "\t\t\t" + zeroPadded(packetLength, 3)),
        ]
        for (name, field) in badLengths {
            entries.append(
                entry(name, .framing) { stream in
                    stream.packet("[00]", StreamBytes.streamXML)
                    let offset = stream.count
                    stream.packet("[01]", length: field, body: Array(StreamBytes.packetXML.utf8))
                    stream.record(1, StreamBytes.basicRecord(0))
                    return offset
                }
            )
        }
        return entries
    }()

    // MARK: - Tags and packet order (§2.1, §2.4, §10 rows 2, 3, 8, 9)

    static let order: [MalformedStream] = [
        entry("first packet [01]", .framing) { stream in
            stream.packet("[01]", StreamBytes.packetXML)
            return 0
        },
        entry("first packet a data packet", .framing) { stream in
            stream.record(1, StreamBytes.basicRecord(0))
            return 0
        },
        entry("[00] twice", .framing) { stream in
            stream.packet("[00]", StreamBytes.streamXML)
            let offset = stream.count
            stream.packet("[00]", StreamBytes.streamXML)
            return offset
        },
        entry("[00] after data", .framing) { stream in
            stream = StreamBytes.basic(records: 1)
            let offset = stream.count
            stream.packet("[00]", StreamBytes.streamXML)
            return offset
        },
        entry("data for an undefined id", .undefinedPacket) { stream in
            stream = StreamBytes.basic(records: 1)
            let offset = stream.count
            stream.record(2, StreamBytes.basicRecord(1))
            return offset
        },
        entry("data packet :00:", .undefinedPacket) { stream in
            stream = StreamBytes.basic(records: 1)
            let offset = stream.count
            stream.record(0, StreamBytes.basicRecord(1))
            return offset
        },
        entry("unknown tag [0a]", .framing) { stream in
            stream = StreamBytes.basic(records: 1)
            let offset = stream.count
            stream.packet("[0a]", StreamBytes.packetXML)
            return offset
        },
        entry("unknown tag [x1]", .framing) { stream in
            stream = StreamBytes.basic(records: 1)
            let offset = stream.count
            stream.packet("[x1]", "<comment type=\"log:info\" value=\"hi\" source=\"t\"/>")
            return offset
        },
        entry("unknown tag {01}", .framing) { stream in
            stream = StreamBytes.basic(records: 1)
            let offset = stream.count
            stream.packet("{01}", StreamBytes.packetXML)
            return offset
        },
        entry("unknown tag :1a:", .framing) { stream in
            stream = StreamBytes.basic(records: 1)
            let offset = stream.count
            stream.append(text: ":1a:")
            stream.append(StreamBytes.basicRecord(1))
            return offset
        },
        entry("binary garbage", .framing) { stream in
            stream.append([0x00, 0xFF, 0x13, 0x37, 0x80, 0x7F, 0x5B, 0x5D, 0x3A, 0x00, 0xC3, 0x28])
            return 0
        },
        entry("binary garbage after records", .framing) { stream in
            stream = StreamBytes.basic(records: 2)
            let offset = stream.count
            stream.append([0xDE, 0xAD, 0xBE, 0xEF, 0x00, 0x01, 0x02, 0x03])
            return offset
        },
        entry("leading newline", .framing) { stream in
            stream.append(text: "\n")
            stream.packet("[00]", StreamBytes.streamXML)
            return 0
        },
        entry("leading byte order mark", .framing) { stream in
            stream.append([0xEF, 0xBB, 0xBF])
            stream.packet("[00]", StreamBytes.streamXML)
            return 0
        },
        entry("unpacketised XML document", .framing) { stream in
            stream.append(text: StreamBytes.streamXML)
            return 0
        },
    ]

    // MARK: - Header XML (§10 rows 10, 11, 21)

    static let xml: [MalformedStream] = {
        var latin1 = Array("<stream version=\"2.2\">\n  <properties title=\"caf".utf8)
        latin1.append(0xE9)
        latin1 += Array("\"/>\n</stream>\n".utf8)
        let declared = Array("<?xml version=\"1.0\" encoding=\"ISO-8859-1\"?>\n".utf8) + latin1
        return [
            entry("mismatched tags", .invalidXML) { stream in
                stream.packet("[00]", "<stream version=\"2.2\">\n  <properties title=\"x\"/>\n</strem>\n")
                return 0
            },
            entry("junk after the root element", .invalidXML) { stream in
                stream.packet("[00]", StreamBytes.streamXML)
                let offset = stream.count
                stream.packet("[01]", StreamBytes.packetXML + "junk\n")
                return offset
            },
            entry("second root element", .invalidXML) { stream in
                stream.packet("[00]", StreamBytes.streamXML + "<stream/>")
                return 0
            },
            entry("Latin-1 byte in a header", .invalidXML) { stream in
                stream.packet("[00]", body: latin1)
                return 0
            },
            entry("Latin-1 byte under an ISO-8859-1 declaration", .invalidXML) { stream in
                stream.packet("[00]", body: declared)
                return 0
            },
            entry("DOCTYPE with an entity", .invalidXML) { stream in
                stream.packet(
                    "[00]",
                    "<!DOCTYPE stream [<!ENTITY e \"boom\">]>\n<stream version=\"2.2\">\n  <properties title=\"&e;\"/>\n</stream>\n"
                )
                return 0
            },
            entry("unclosed comment element", .invalidXML) { stream in
                stream = StreamBytes.basic(records: 1)
                let offset = stream.count
                stream.packet("[xx]", "<comment type=\"log:info\" value=\"x\" source=\"t\"")
                return offset
            },
            entry("unknown entity in a packet header", .invalidXML) { stream in
                stream.packet("[00]", StreamBytes.streamXML)
                let offset = stream.count
                stream.packet("[01]", "<packet>\n  <x type=\"sun_real8\" units=\"us2000\" name=\"&nope;\"/>\n</packet>\n")
                return offset
            },
            entry("empty out-of-band body", .invalidOutOfBand) { stream in
                stream = StreamBytes.basic(records: 1)
                let offset = stream.count
                stream.packet("[xx]", "  \n ")
                return offset
            },
            entry("[00] root is <packet>", .invalidStreamHeader) { stream in
                stream.packet("[00]", StreamBytes.packetXML)
                return 0
            },
            entry("[01] root is <stream>", .invalidPacketHeader) { stream in
                stream.packet("[00]", StreamBytes.streamXML)
                let offset = stream.count
                stream.packet("[01]", StreamBytes.streamXML)
                return offset
            },
        ]
    }()

    // MARK: - Value encodings (§5, §10 row 15)

    static let encodings: [MalformedStream] = {
        let types = [
            ("unknown encoding real16", "real16"),
            ("integer encoding big_endian_int4", "big_endian_int4"),
            ("integer encoding little_endian_int2", "little_endian_int2"),
            ("text width 1 (ascii1)", "ascii1"),
            ("text width with a leading zero (ascii010)", "ascii010"),
            ("text width 128", "ascii128"),
            ("time width 1 (time1)", "time1"),
            ("text type without a width", "ascii"),
            ("encoding in upper case", "SUN_REAL8"),
            ("empty encoding", ""),
        ]
        return types.map { name, type in
            packetEntry(name, .invalidEncoding, planes: "  <x type=\"sun_real8\" units=\"us2000\"/>\n  <y type=\"\(type)\" units=\"V\"/>")
        }
    }()

    // MARK: - Planes (§4.2, §4.3, §10 rows 13, 15-18)

    static let planes: [MalformedStream] = {
        let x = "  <x type=\"sun_real8\" units=\"us2000\"/>\n"
        func yscan(_ attributes: String) -> String {
            x + "  <yscan type=\"sun_real4\" zUnits=\"V\" name=\"s\" \(attributes)/>"
        }
        return [
            packetEntry("missing type", .invalidPlane, planes: x + "  <y units=\"V\"/>"),
            packetEntry("missing units", .invalidPlane, planes: x + "  <y type=\"sun_real4\" name=\"a\"/>"),
            packetEntry("missing units on a yscan", .invalidPlane, planes: x + "  <yscan type=\"sun_real4\" nitems=\"2\"/>"),
            packetEntry("UTC on a binary <y> plane", .invalidPlane, planes: x + "  <y type=\"sun_real4\" units=\"UTC\"/>"),
            packetEntry("UTC on a binary <x> plane", .invalidPlane, planes: "  <x type=\"sun_real8\" units=\"UTC\"/>"),
            packetEntry("time encoding with volts", .invalidPlane, planes: "  <x type=\"time24\" units=\"V\"/>"),
            packetEntry("nitems 0", .invalidPlane, planes: yscan("nitems=\"0\"")),
            packetEntry("nitems 250000", .invalidPlane, planes: yscan("nitems=\"250000\"")),
            packetEntry("nitems 12x", .invalidPlane, planes: yscan("nitems=\"12x\"")),
            packetEntry("nitems -1", .invalidPlane, planes: yscan("nitems=\"-1\"")),
            packetEntry("nitems missing", .invalidPlane, planes: yscan("")),
            packetEntry("nitems empty", .invalidPlane, planes: yscan("nitems=\"\"")),
            packetEntry("yTags count below nitems", .invalidPlane, planes: yscan("nitems=\"3\" yTags=\"1,2\"")),
            packetEntry("yTags count above nitems", .invalidPlane, planes: yscan("nitems=\"2\" yTags=\"1,2,3\"")),
            packetEntry(
                "yTags with a time", .invalidPlane,
                planes: yscan("nitems=\"2\" yTags=\"2020-01-01T00:00,2020-01-02T00:00\"")
            ),
            packetEntry("non-numeric yTag", .invalidPlane, planes: yscan("nitems=\"3\" yTags=\"1,abc,3\"")),
            packetEntry("yTagInterval 0", .invalidPlane, planes: yscan("nitems=\"3\" yTagInterval=\"0\"")),
            packetEntry("yTagInterval negative", .invalidPlane, planes: yscan("nitems=\"3\" yTagInterval=\"-1.5\"")),
            packetEntry("yTagInterval not a number", .invalidPlane, planes: yscan("nitems=\"3\" yTagInterval=\"abc\"")),
            packetEntry("yTagMin not a number", .invalidPlane, planes: yscan("nitems=\"3\" yTagInterval=\"1\" yTagMin=\"low\"")),
            packetEntry("unknown child of a plane", .invalidPlane, planes: x + "  <y type=\"sun_real4\" units=\"V\"><w/></y>"),
        ]
    }()

    // MARK: - Packets (§4.1, §10 rows 11, 13, 14)

    static let packets: [MalformedStream] = [
        packetEntry("packet without planes", .invalidPacketHeader, planes: ""),
        packetEntry("packet with only properties", .invalidPacketHeader, planes: "  <properties title=\"p\"/>"),
        packetEntry(
            "unknown child of a packet", .invalidPacketHeader,
            planes: "  <x type=\"sun_real8\" units=\"us2000\"/>\n  <w type=\"sun_real4\" units=\"V\"/>"
        ),
        packetEntry(
            "101 planes", .invalidPacketHeader,
            planes: "  <x type=\"sun_real8\" units=\"us2000\"/>\n"
                + (0..<100).map { "  <y type=\"sun_real4\" units=\"V\" name=\"y\($0)\"/>" }.joined(separator: "\n")
        ),
    ]

    // MARK: - Properties (§3.2-§3.4, §10 row 19)

    static let properties: [MalformedStream] = [
        propertyEntry("unknown property type", .invalidPropertyType, attribute: "foo:bar=\"1\""),
        propertyEntry("range without ' to '", .invalidPropertyType, attribute: "DatumRange:r=\"1 - 5 V\""),
        propertyEntry("range with ' to ' before a letter", .invalidPropertyType, attribute: "DatumRange:r=\"1 to x\""),
        propertyEntry("range ending in ' to '", .invalidPropertyType, attribute: "realRange:r=\"1 to \""),
        propertyEntry("invalid property name", .invalidProperty, attribute: "bad-name=\"1\""),
        propertyEntry("property name with a dot", .invalidProperty, attribute: "Datum:a.b=\"1 s\""),
        propertyEntry("empty property name", .invalidProperty, attribute: "String:=\"1\""),
        entry("invalid property name in a packet", .invalidProperty) { stream in
            stream.packet("[00]", StreamBytes.streamXML)
            let offset = stream.count
            stream.packet(
                "[01]",
                "<packet>\n  <x type=\"sun_real8\" units=\"us2000\">\n    <properties bad-name=\"1\"/>\n  </x>\n</packet>\n"
            )
            return offset
        },
    ]

    // MARK: - Compression (§8, §10 row 12)

    static let compression: [MalformedStream] = {
        var payload = StreamBytes()
        payload.packet("[01]", StreamBytes.packetXML)
        for index in 0..<3 { payload.record(1, StreamBytes.basicRecord(index)) }
        let data = payload.bytes
        let recordStart = 10 + StreamBytes.packetXML.utf8.count

        /// A deflate `[00]`, then `compressed`; the offending offset is `offset` past the `[00]`.
        func deflated(_ compressed: [UInt8], offset: Int) -> (inout StreamBytes) -> Int {
            { stream in
                stream.packet("[00]", StreamBytes.deflateStreamXML)
                let start = stream.count
                stream.append(compressed)
                return start + offset
            }
        }
        return [
            entry("compression zlib", .invalidStreamHeader) { stream in
                stream.packet("[00]", "<stream version=\"2.2\" compression=\"zlib\"/>\n")
                return 0
            },
            entry("compression gzip", .invalidStreamHeader) { stream in
                stream.packet("[00]", "<stream version=\"2.2\" compression=\"gzip\"/>\n")
                return 0
            },
            entry(
                "corrupt deflate data",
                .compression,
                deflated(ZlibStored.header + ZlibStored.invalidBlock + data, offset: 0)
            ),
            entry(
                "corrupt zlib header",
                .compression,
                deflated([0x78, 0x02] + ZlibStored.blocks(data, final: true) + ZlibStored.trailer(data), offset: 0)
            ),
            entry(
                "deflate stream truncated inside a record",
                .truncated,
                deflated(
                    Array((ZlibStored.header + ZlibStored.blocks(data, final: true)).prefix(7 + recordStart + 16 + 5)),
                    offset: recordStart + 16
                )
            ),
            entry(
                "deflate stream without its trailer",
                .truncated,
                deflated(ZlibStored.header + ZlibStored.blocks(data, final: true), offset: data.count)
            ),
            entry(
                "bytes after the end of the zlib stream",
                .compression,
                deflated(ZlibStored.compress(data) + Array(":01:".utf8), offset: data.count)
            ),
        ]
    }()

    // MARK: - Values in data packets (§5.4, §10 row 20)

    static let values: [MalformedStream] = [
        entry("unparseable time field", .invalidValue) { stream in
            stream.packet("[00]", StreamBytes.streamXML)
            stream.packet("[01]", "<packet>\n  <x type=\"time24\" units=\"UTC\"/>\n  <y type=\"ascii10\" units=\"V\"/>\n</packet>\n")
            stream.record(1, StreamBytes.field("2020-01-01T00:00:00.000", width: 24) + StreamBytes.field("1.5", width: 10))
            let offset = stream.count
            stream.record(1, StreamBytes.field("not a time at all", width: 24) + StreamBytes.field("2.5", width: 10))
            return offset
        }
    ]
}
