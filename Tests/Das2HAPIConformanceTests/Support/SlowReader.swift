/// The slow reader of case H59: a hidden HAPI source whose reader writes one record per data
/// minute every 20 ms and records its process id in `$PROBE_LOG.slow_rdr.pid`.
enum SlowReader {
    /// Fixture files (relative path → text; `<F>` is the fixture root).
    static let files: [String: String] = [
        "datasets/Hapi/Slow.dsdf": """
            description = 'Slow reader'
            reader = 'python3 <F>/streams/slow_rdr.py'
            das2Stream = 1
            hidden = 1
            hapi = 1
            validRange = '2017-01-01 to 2017-02-01'
            exampleRange_00 = '2017-01-01T00:00 to 2017-01-01T00:30'
            cacheLevel_00 = '600 s | daily'

            """,
        "streams/slow_rdr.py": """
            import datetime, os, struct, sys, time

            log = os.environ.get("PROBE_LOG")
            if log:
                with open(log + ".slow_rdr.pid.tmp", "w") as pid_file:
                    pid_file.write("%d\\n" % os.getpid())
                os.replace(log + ".slow_rdr.pid.tmp", log + ".slow_rdr.pid")

            def seconds(text):
                moment = datetime.datetime.strptime(text[:19], "%Y-%m-%dT%H:%M:%S")
                return (moment - datetime.datetime(2000, 1, 1)).total_seconds()

            out = sys.stdout.buffer
            stream = b'<stream version="2.2"><properties Datum:xTagWidth="60 s" /></stream>\\n'
            out.write(b"[00]%06d" % len(stream) + stream)
            packet = (b'<packet><x type="little_endian_real8" units="us2000"></x>'
                      b'<y type="little_endian_real8" name="V" units="V"></y></packet>\\n')
            out.write(b"[01]%06d" % len(packet) + packet)
            t, end = seconds(sys.argv[1]), seconds(sys.argv[2])
            while t < end:
                out.write(b":01:" + struct.pack("<dd", t * 1e6, t % 7))
                out.flush()
                time.sleep(0.02)
                t += 60

            """,
    ]
}
