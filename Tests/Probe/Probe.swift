#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#elseif canImport(Darwin)
import Darwin
#endif

/// `das2-test-probe`: the probe programs of the server conformance fixture
/// (conformance-cases.md §0.4), one program whose behaviour depends on the name it is run
/// under (the fixture's `bin/` holds symbolic links to it).
///
/// | Name | Behaviour |
/// |---|---|
/// | `probe_rdr`, `argv_rdr` | log the arguments, write PROBE_STREAM, exit 0 |
/// | `probe_cache` | log, write PROBE_STREAM, exit 0 |
/// | `probe_red`, `probe_ascii` | log, copy standard input to standard output, exit 0 |
/// | `fail_rdr` | `reader failed` on stderr, nothing on stdout, exit 3 |
/// | `mid_rdr` | PROBE_STREAM, then `late failure` on stderr, exit 1 |
/// | `big_rdr` | log, write its pid to `$PROBE_LOG.big_rdr.pid`, then a valid das2 stream without end until killed |
/// | `crash_rdr` | log, PROBE_STREAM, `crash_rdr: segmentation fault ahead` on stderr, then die of SIGSEGV |
/// | `fixture_rdr` | log, write the file named by the first argument, exit 0 (hapi.md §12.1) |
/// | `fixture_cut` | log; BEGIN `2017-01-01T12…`: sleep 5 s, exit 0; else the file's first 1237 bytes, `fixture cut` on stderr, exit 1 |
///
/// Logging appends one line `NAME <JSON array of argv[1...]>` to the file named by
/// `PROBE_LOG` (nothing when it is unset).
@main
enum Probe {
    static func main() {
        let path = CommandLine.arguments.first ?? ""
        let name = path.split(separator: "/").last.map(String.init) ?? path
        switch name {
        case "probe_rdr", "argv_rdr", "probe_cache":
            ProbeLogWriter.append(name: name)
            ProbeOutput.write(ProbeOutput.probeStream)
        case "probe_red", "probe_ascii":
            ProbeLogWriter.append(name: name)
            ProbeOutput.copyStandardInput()
        case "fail_rdr":
            ProbeOutput.writeError("reader failed\n")
            exit(3)
        case "mid_rdr":
            ProbeOutput.write(ProbeOutput.probeStream)
            ProbeOutput.writeError("late failure\n")
            exit(1)
        case "big_rdr":
            ProbeLogWriter.append(name: name)
            ProbeLogWriter.writeProcessID(suffix: ".big_rdr.pid")
            ProbeOutput.writeEndlessStream()
        case "fixture_rdr":
            ProbeLogWriter.append(name: name)
            exit(FixtureReader.copy())
        case "fixture_cut":
            ProbeLogWriter.append(name: name)
            exit(FixtureReader.cut())
        case "crash_rdr":
            ProbeLogWriter.append(name: name)
            ProbeOutput.write(ProbeOutput.probeStream)
            ProbeOutput.writeError("crash_rdr: segmentation fault ahead\n")
            // The Swift runtime's crash handler would otherwise catch the signal.
            signal(SIGSEGV, SIG_DFL)
            raise(SIGSEGV)
        default:
            ProbeOutput.writeError("das2-test-probe: unknown probe name '\(name)'\n")
            exit(2)
        }
        exit(0)
    }
}
