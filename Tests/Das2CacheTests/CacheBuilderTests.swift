import Das2Core
import Das2Stream
import Das2TestSupport
import Foundation
import Testing

@testable import Das2Cache

/// Building cache blocks for `TASK_CACHE` jobs (cache-and-queue.md §7.4; conformance cases
/// C118–C120) with real reader processes.
@Suite("Cache builder")
struct CacheBuilderTests {
    static let spectraBlocks = [
        "data/Examples/Spectra/_noparam/bin-250ms/1979/03/01/1979-03-01T11_bin-250ms.d2s",
        "data/Examples/Spectra/_noparam/bin-250ms/1979/03/01/1979-03-01T12_bin-250ms.d2s",
        "data/Examples/Spectra/_noparam/bin-250ms/1979/03/01/1979-03-01T13_bin-250ms.d2s",
        "data/Examples/Spectra/_noparam/bin-1s/1979/03/1979-03-01_bin-1s.d2s",
    ]

    /// Consecutive pairs of log lines as sets: the two stages of one block log in any order.
    static func pairs(_ lines: [String]) -> [Set<String>] {
        stride(from: 0, to: lines.count, by: 2).map { Set(lines[$0..<min($0 + 2, lines.count)]) }
    }

    static let c118 = CacheTask(dataset: "Examples/Spectra", begin: "1979-03-01T11:30", end: "1979-03-01T13:10", level: "ALL")

    @Test func c118EveryLevelInLevelOrderWithTheReducerAfterTheReader() async throws {
        let fixture = try BuilderFixture()
        defer { fixture.directory.remove() }
        let progress = ProgressLog()
        let outcome = try await fixture.builder().run(Self.c118, lock: nil) { progress.record($0) }

        #expect(outcome == CacheTaskOutcome(status: "Successfully processed 4 of 4 cache blocks", returnCode: 0))
        // The reader and the reducer of a block run together; the blocks one after the other.
        #expect(Self.pairs(fixture.invocations) == [
            [#"probe_rdr ["--spec","1979-03-01T11:00","1979-03-01T12:00"]"#, #"probe_red ["-b","1979-03-01T11:00","0.250000"]"#],
            [#"probe_rdr ["--spec","1979-03-01T12:00","1979-03-01T13:00"]"#, #"probe_red ["-b","1979-03-01T12:00","0.250000"]"#],
            [#"probe_rdr ["--spec","1979-03-01T13:00","1979-03-01T14:00"]"#, #"probe_red ["-b","1979-03-01T13:00","0.250000"]"#],
            [#"probe_rdr ["--spec","1979-03-01","1979-03-02"]"#, #"probe_red ["-b","1979-03-01","1.000000"]"#],
        ])
        #expect(fixture.cacheFiles == Self.spectraBlocks.sorted())
        for block in Self.spectraBlocks {
            #expect(fixture.directory.contents("cache/" + block) == BuilderFixture.probeStream)
        }
        #expect(progress.all.map(\.fraction) == [0, 0.25, 0.5, 0.75])
        #expect(progress.all.map(\.status) == [
            "Writing: 1979-03-01T11_bin-250ms.d2s", "Writing: 1979-03-01T12_bin-250ms.d2s",
            "Writing: 1979-03-01T13_bin-250ms.d2s", "Writing: 1979-03-01_bin-1s.d2s",
        ])
        #expect(fixture.logMessages.contains { $0.hasPrefix(
            "Exec: probe_rdr --spec '1979-03-01T11:00' '1979-03-01T12:00' | probe_red '-b' '1979-03-01T11:00' '0.250000' > '"
                + fixture.cacheRoot + "/" + Self.spectraBlocks[0] + ".tmp.") })
    }

    @Test(arguments: ["10", "010", "0010"])
    func c119OneLevelByNumber(level: String) async throws {
        let fixture = try BuilderFixture()
        defer { fixture.directory.remove() }
        let task = CacheTask(dataset: "Examples/Spectra", begin: "1979-03-01T11:30", end: "1979-03-01T13:10", level: level)
        let outcome = try await fixture.builder().run(task, lock: nil) { _ in }
        #expect(outcome == CacheTaskOutcome(status: "Successfully processed 1 of 1 cache blocks", returnCode: 0))
        #expect(fixture.cacheFiles == [Self.spectraBlocks[3]])
        #expect(Self.pairs(fixture.invocations) == [
            [#"probe_rdr ["--spec","1979-03-01","1979-03-02"]"#, #"probe_red ["-b","1979-03-01","1.000000"]"#]
        ])
    }

    @Test func allIsCaseInsensitive() async throws {
        let fixture = try BuilderFixture()
        defer { fixture.directory.remove() }
        var task = Self.c118
        task.level = "all"
        let outcome = try await fixture.builder().run(task, lock: nil) { _ in }
        #expect(outcome.status == "Successfully processed 4 of 4 cache blocks")
    }

    @Test func c120ASourceWithoutCacheLevelsIsRejected() async throws {
        let fixture = try BuilderFixture()
        defer { fixture.directory.remove() }
        let task = CacheTask(dataset: "Examples/Random", begin: "2017-01-01", end: "2017-01-02", level: "ALL")
        let outcome = try await fixture.builder().run(task, lock: nil) { _ in }
        #expect(outcome == CacheTaskOutcome(status: "Dataset Examples/Random does not define any cache levels", returnCode: 13))
        #expect(fixture.invocations.isEmpty)
    }

    /// The validation of §7.4 step 1, in order, each with return code 13 and nothing run.
    @Test func invalidTasksAreRejectedWithTheirMessages() async throws {
        let fixture = try BuilderFixture()
        defer { fixture.directory.remove() }
        try fixture.source("Examples/Flat", """
            reader = 'probe_rdr'
            das2Stream = 1
            reducer = 'not_reducible'
            cacheLevel_00 = 'intrinsic | daily'
            cacheLevel_01 = '250 ms | hourly'
            """)
        try fixture.source("Examples/Legacy", "reader = 'das1_rdr'\ncacheLevel_00 = 'intrinsic | daily'")
        try fixture.source("Examples/Quick", "reader = 'probe_rdr'\nqstream = 1\ncacheLevel_00 = '1 s | daily'")
        let cases: [(CacheTask, String, String)] = [
            (Self.c118, "CACHE_ROOT = \"\(fixture.root)/nocache\"", "Cache Root directory missing: \(fixture.root)/nocache"),
            (Self.c118, "CACHE_ROOT = \"\"", "Cache Root directory missing: (CACHE_ROOT is not set)"),
            (CacheTask(dataset: "Examples/Nope", begin: "2017-01-01", end: "2017-01-02", level: "ALL"), "",
             "Data source Examples/Nope doesn't exist on this server"),
            (CacheTask(dataset: "Examples/../Examples/Spectra", begin: "2017-01-01", end: "2017-01-02", level: "ALL"), "",
             "Data source Examples/../Examples/Spectra doesn't exist on this server"),
            (CacheTask(dataset: "Examples/Ephem", begin: "2013-11-01", end: "2013-11-02", level: "ALL"), "",
             "Caching for interval based data sources such as Examples/Ephem is not implemented"),
            (CacheTask(dataset: "Examples/Legacy", begin: "2013-11-01", end: "2013-11-02", level: "ALL"), "",
             "Caching for interval based data sources such as Examples/Legacy is not implemented"),
            (CacheTask(dataset: "Examples/Spectra", begin: "1979-03-01", end: "1979-03-02", level: "5"), "",
             "Cache Level 5 is not defined for datasource 'Examples/Spectra'"),
            (CacheTask(dataset: "Examples/Spectra", begin: "1979-03-01", end: "1979-03-02", level: "007"), "",
             "Cache Level 7 is not defined for datasource 'Examples/Spectra'"),
            (CacheTask(dataset: "Examples/Spectra", begin: "1979-03-01", end: "1979-03-02", level: "top"), "",
             "Cache Level top is not defined for datasource 'Examples/Spectra'"),
            (CacheTask(dataset: "Examples/Spectra", begin: "soon", end: "1979-03-02", level: "ALL"), "",
             "Cannot parse the begin time 'soon' of the cache task"),
            (CacheTask(dataset: "Examples/Spectra", begin: "1979-03-01", end: "later", level: "ALL"), "",
             "Cannot parse the end time 'later' of the cache task"),
            (CacheTask(dataset: "Examples/Flat", begin: "1979-03-01", end: "1979-03-02", level: "ALL"), "",
             "Cannot make a 250 ms resolution cache, dataset Examples/Flat is not reducible"),
            (CacheTask(dataset: "Examples/Quick", begin: "1979-03-01", end: "1979-03-02", level: "ALL"), "",
             "Cannot make a 1 s resolution cache, dataset Examples/Quick is not reducible"),
        ]
        for (task, configuration, message) in cases {
            let outcome = try await fixture.builder(configuration).run(task, lock: nil) { _ in }
            #expect(outcome == CacheTaskOutcome(status: message, returnCode: 13), "\(task)")
        }
        #expect(fixture.invocations.isEmpty)
        #expect(fixture.cacheFiles.isEmpty)
    }

    @Test func theIntrinsicLevelOfAnIrreducibleSourceIsBuilt() async throws {
        let fixture = try BuilderFixture()
        defer { fixture.directory.remove() }
        try fixture.source("Examples/Flat", """
            reader = 'probe_rdr'
            das2Stream = 1
            reducer = 'not_reducible'
            cacheLevel_00 = 'intrinsic | daily'
            cacheLevel_01 = '250 ms | hourly'
            """)
        let task = CacheTask(dataset: "Examples/Flat", begin: "2017-01-01", end: "2017-01-01T12:00", level: "0")
        let outcome = try await fixture.builder().run(task, lock: nil) { _ in }
        #expect(outcome.returnCode == 0)
        #expect(fixture.invocations == [#"probe_rdr ["2017-01-01","2017-01-02"]"#])
        #expect(fixture.cacheFiles == ["data/Examples/Flat/_noparam/intrinsic/2017/01/2017-01-01_intrinsic.d2s"])
    }

    @Test func levelParametersAreAppendedRawAndNameTheDirectory() async throws {
        let fixture = try BuilderFixture()
        defer { fixture.directory.remove() }
        try fixture.source("Examples/Params", """
            reader = 'probe_rdr'
            das2Stream = 1
            cacheLevel_03 = 'intrinsic | perminute | -r   no-spikes'
            """)
        let task = CacheTask(dataset: "Examples/Params", begin: "2017-01-01T00:00:30", end: "2017-01-01T00:01:00.5", level: "3")
        let outcome = try await fixture.builder().run(task, lock: nil) { _ in }
        #expect(outcome.status == "Successfully processed 2 of 2 cache blocks")
        #expect(fixture.invocations == [
            #"probe_rdr ["2017-01-01T00:00","2017-01-01T00:01","-r","no-spikes"]"#,
            #"probe_rdr ["2017-01-01T00:01","2017-01-01T00:02","-r","no-spikes"]"#,
        ])
        #expect(fixture.cacheFiles == [
            "data/Examples/Params/_r_no_spikes/intrinsic/2017/01/01/00/2017-01-01T00-00_intrinsic.d2s",
            "data/Examples/Params/_r_no_spikes/intrinsic/2017/01/01/00/2017-01-01T00-01_intrinsic.d2s",
        ])
    }

    @Test func theBuiltInReducerRunsInProcessOnTheReadersOutput() async throws {
        let fixture = try BuilderFixture()
        defer { fixture.directory.remove() }
        let samples = (0..<120).map { ("1979-03-01T00:00:\($0 / 2).\($0 % 2 == 0 ? "2" : "7")", Double($0)) }
        let input = try TestStream.make(samples)
        let data = try fixture.directory.write("input.d2s", input)
        try fixture.source("Examples/Data", "reader = 'data_rdr'\ndas2Stream = 1\ncacheLevel_01 = '10 s | daily'")
        let task = CacheTask(dataset: "Examples/Data", begin: "1979-03-01", end: "1979-03-02", level: "ALL")
        let builder = try fixture.builder(
            "D2S_REDUCER = \"/usr/local/bin/das2_bin_avgsec\"", environment: ["DATA_STREAM": data])
        let outcome = await builder.run(task, lock: nil) { _ in }
        #expect(outcome.returnCode == 0)
        var processor = try StreamTool(name: .binAvgSec, arguments: ["-b", "1979-03-01", "10.000000"]).makeProcessor()
        let expected = try processor.process(input) + processor.finish()
        let block = "cache/data/Examples/Data/_noparam/bin-10s/1979/03/1979-03-01_bin-10s.d2s"
        #expect(fixture.directory.contents(block) == expected)
        #expect(try ParsedStream(expected).records.count == 6)
        #expect(fixture.invocations == [#"data_rdr ["1979-03-01","1979-03-02"]"#])
        let reducer = "| /usr/local/bin/das2_bin_avgsec '-b' '1979-03-01' '10.000000' > '"
        #expect(fixture.logMessages.contains { $0.contains(reducer) })
    }

    @Test func withoutBuiltInReducersTheReducerIsAChildWithTheSameArguments() async throws {
        let fixture = try BuilderFixture()
        defer { fixture.directory.remove() }
        try fixture.source(
            "Examples/Slow", "reader = 'probe_rdr'\ndas2Stream = 1\nreducer = 'probe_red'\ncacheLevel_01 = '60 s | monthly'")
        let task = CacheTask(dataset: "Examples/Slow", begin: "2020-01-15", end: "2020-02-01", level: "1")
        let outcome = try await fixture.builder("BUILTIN_REDUCERS = false").run(task, lock: nil) { _ in }
        #expect(outcome.returnCode == 0)
        #expect(Self.pairs(fixture.invocations) == [
            [#"probe_rdr ["2020-01-01","2020-02-01"]"#, #"probe_red ["-b","2020-01-01","60.000000"]"#]
        ])
        #expect(fixture.cacheFiles == ["data/Examples/Slow/_noparam/bin-60s/2020/2020-01_bin-60s.d2s"])
    }

    @Test func anEmptyOutputIsRecordedAsAnEmptyBlock() async throws {
        let fixture = try BuilderFixture()
        defer { fixture.directory.remove() }
        try fixture.source("Examples/Silent", "reader = 'silent_rdr'\ndas2Stream = 1\ncacheLevel = 'intrinsic | yearly'")
        let task = CacheTask(dataset: "Examples/Silent", begin: "2017-06-01", end: "2018-06-01", level: "0")
        let outcome = try await fixture.builder().run(task, lock: nil) { _ in }
        #expect(outcome == CacheTaskOutcome(status: "Successfully processed 2 of 2 cache blocks", returnCode: 0))
        #expect(fixture.cacheFiles == [
            "data/Examples/Silent/_noparam/intrinsic/2017_intrinsic.d2s",
            "data/Examples/Silent/_noparam/intrinsic/2018_intrinsic.d2s",
        ])
        #expect(fixture.directory.contents("cache/data/Examples/Silent/_noparam/intrinsic/2017_intrinsic.d2s") == [])
    }

    @Test func aFailedBlockLeavesNothingAndIsNotCounted() async throws {
        let fixture = try BuilderFixture()
        defer { fixture.directory.remove() }
        try fixture.source("Examples/Failing", "reader = 'fail_rdr'\ndas2Stream = 1\ncacheLevel_00 = 'intrinsic | daily'")
        let task = CacheTask(dataset: "Examples/Failing", begin: "2017-01-01", end: "2017-01-03", level: "ALL")
        let outcome = try await fixture.builder().run(task, lock: nil) { _ in }
        #expect(outcome == CacheTaskOutcome(status: "Successfully processed 0 of 2 cache blocks", returnCode: 13))
        #expect(fixture.invocations.count == 2)
        #expect(fixture.cacheFiles.isEmpty)
        #expect(fixture.logMessages.contains("reader failed"))
        #expect(fixture.logMessages.contains { $0.hasPrefix("Cache block not built: reader exited with status 3") })
    }

    @Test func oneGoodBlockIsEnoughForSuccess() async throws {
        let fixture = try BuilderFixture()
        defer { fixture.directory.remove() }
        // The reader fails for the second day only.
        try ExecutableFile.write("#!/bin/sh\n[ \"$1\" = 2017-01-02 ] && exit 4\nprintf 'x'\n", to: fixture.root + "/bin/half_rdr")
        try fixture.source("Examples/Half", "reader = 'half_rdr'\ndas2Stream = 1\ncacheLevel_00 = 'intrinsic | daily'")
        let task = CacheTask(dataset: "Examples/Half", begin: "2017-01-01", end: "2017-01-03", level: "ALL")
        let outcome = try await fixture.builder().run(task, lock: nil) { _ in }
        #expect(outcome == CacheTaskOutcome(status: "Successfully processed 1 of 2 cache blocks", returnCode: 0))
        #expect(fixture.cacheFiles == ["data/Examples/Half/_noparam/intrinsic/2017/01/2017-01-01_intrinsic.d2s"])
    }

    @Test func theReaderTimeLimitsApply() async throws {
        let fixture = try BuilderFixture()
        defer { fixture.directory.remove() }
        try fixture.source("Examples/Slow", "reader = 'slow_rdr'\ndas2Stream = 1\ncacheLevel_00 = 'intrinsic | daily'")
        let task = CacheTask(dataset: "Examples/Slow", begin: "2017-01-01", end: "2017-01-02", level: "ALL")
        let clock = ContinuousClock()
        let start = clock.now
        let builder = try fixture.builder("READER_MAX_SECONDS = 0.3", environment: ["SLOW": "30"])
        let outcome = await builder.run(task, lock: nil) { _ in }
        #expect(clock.now - start < .seconds(10))
        #expect(outcome.returnCode == 13)
        #expect(fixture.cacheFiles.isEmpty)
        #expect(fixture.logMessages.contains { $0.contains("Reader timed out after 0.3 s") })
    }

    @Test func aCancelledTaskStopsAtOnceAndLeavesNoPartialBlock() async throws {
        let fixture = try BuilderFixture()
        defer { fixture.directory.remove() }
        try fixture.source("Examples/Slow", "reader = 'slow_rdr'\ndas2Stream = 1\ncacheLevel_00 = 'intrinsic | hourly'")
        let builder = try fixture.builder(environment: ["SLOW": "30"])
        let task = CacheTask(dataset: "Examples/Slow", begin: "2017-01-01", end: "2017-01-02", level: "ALL")
        let run = Task { await builder.run(task, lock: nil) { _ in } }
        let clock = ContinuousClock()
        let deadline = clock.now + .seconds(10)
        while fixture.slowReaderProcesses.isEmpty && clock.now < deadline {
            try await Task.sleep(for: .milliseconds(20))
        }
        // The reader has written its stream into the temporary file and sleeps.
        try await Task.sleep(for: .milliseconds(100))
        #expect(fixture.cacheFiles.contains { $0.contains(".tmp.") })
        let cancelledAt = clock.now
        run.cancel()
        let outcome = await run.value
        #expect(clock.now - cancelledAt < .seconds(5))
        #expect(outcome.cancelled)
        #expect(outcome.returnCode == 13)
        #expect(fixture.invocations.count == 1)
        #expect(fixture.cacheFiles.isEmpty, "\(fixture.cacheFiles)")
        let reader = try #require(fixture.slowReaderProcesses.first)
        #expect(await Self.processEnds(reader))
    }

    /// Whether a process is gone (or a zombie awaiting its reaper) within a second.
    static func processEnds(_ pid: Int32) async -> Bool {
        for _ in 0..<50 {
            guard let stat = try? String(contentsOfFile: "/proc/\(pid)/stat", encoding: .utf8),
                let nameEnd = stat.lastIndex(of: ")"), let state = stat[nameEnd...].dropFirst(2).first
            else { return true }
            if state == "Z" || state == "X" { return true }
            try? await Task.sleep(for: .milliseconds(20))
        }
        return false
    }

    @Test func twoBuildersOnOneTaskNeverBuildTheSameBlock() async throws {
        let fixture = try BuilderFixture()
        defer { fixture.directory.remove() }
        try fixture.source("Examples/Slow", "reader = 'slow_rdr'\ndas2Stream = 1\ncacheLevel_00 = 'intrinsic | hourly'")
        let builder = try fixture.builder(environment: ["SLOW": "0.1"])
        let task = CacheTask(dataset: "Examples/Slow", begin: "2017-01-01T00:00", end: "2017-01-01T06:00", level: "ALL")
        async let first = builder.run(task, lock: nil) { _ in }
        async let second = builder.run(task, lock: nil) { _ in }
        let outcomes = await [first, second]
        let success = CacheTaskOutcome(status: "Successfully processed 6 of 6 cache blocks", returnCode: 0)
        #expect(outcomes.allSatisfy { $0 == success })
        let invocations = fixture.invocations
        #expect(invocations.count == 6, "\(invocations)")
        #expect(Set(invocations).count == invocations.count, "\(invocations)")
        #expect(fixture.cacheFiles.count == 6)
        #expect(fixture.cacheFiles.allSatisfy { $0.hasSuffix("_intrinsic.d2s") })
    }

    @Test func aBlockLockedOnAnotherMachineIsLeftToIt() async throws {
        let fixture = try BuilderFixture()
        defer { fixture.directory.remove() }
        let lock = ScriptedBlockLock(refusing: ["data/" + Self.spectraBlocks[1].dropFirst(5)])
        let outcome = try await fixture.builder().run(Self.c118, lock: lock) { _ in }
        #expect(outcome == CacheTaskOutcome(status: "Successfully processed 4 of 4 cache blocks", returnCode: 0))
        #expect(fixture.cacheFiles == [Self.spectraBlocks[0], Self.spectraBlocks[2], Self.spectraBlocks[3]].sorted())
        #expect(!fixture.invocations.contains { $0.contains("1979-03-01T12:00\",\"1979-03-01T13:00") })
        #expect(lock.calls == [
            "acquire \(Self.spectraBlocks[0])", "release \(Self.spectraBlocks[0])",
            "acquire \(Self.spectraBlocks[1])",
            "acquire \(Self.spectraBlocks[2])", "release \(Self.spectraBlocks[2])",
            "acquire \(Self.spectraBlocks[3])", "release \(Self.spectraBlocks[3])",
        ])
    }

    @Test func aBlockWrittenByAnotherWorkerDuringTheTaskIsNotRebuilt() async throws {
        let fixture = try BuilderFixture()
        defer { fixture.directory.remove() }
        let cacheRoot = fixture.cacheRoot
        // Another worker finishes the daily block just before this one gets its lock.
        let lock = ScriptedBlockLock { path in
            if path == CacheBuilderTests.spectraBlocks[3] {
                _ = FileManager.default.createFile(atPath: cacheRoot + "/" + path, contents: Data([1, 2, 3]))
            }
        }
        let outcome = try await fixture.builder().run(Self.c118, lock: lock) { _ in }
        #expect(outcome.status == "Successfully processed 4 of 4 cache blocks")
        #expect(fixture.invocations.count == 6)
        #expect(fixture.directory.contents("cache/" + Self.spectraBlocks[3]) == [1, 2, 3])
    }

    @Test func theFileLockExcludesASecondHolderAndIsRemovedOnRelease() throws {
        let directory = try TemporaryDirectory()
        defer { directory.remove() }
        let path = directory.path + "/block.d2s.lock"
        guard case .acquired(let lock) = BlockFileLock.acquire(path) else {
            Issue.record("the first attempt must get the lock")
            return
        }
        guard case .heldElsewhere = BlockFileLock.acquire(path) else {
            Issue.record("a second attempt must find the lock held")
            return
        }
        #expect(directory.exists("block.d2s.lock"))
        lock.release()
        #expect(!directory.exists("block.d2s.lock"))
        guard case .acquired(let again) = BlockFileLock.acquire(path) else {
            Issue.record("the lock must be free after its release")
            return
        }
        again.release()
        guard case .failed = BlockFileLock.acquire(directory.path + "/missing/dir/x.lock") else {
            Issue.record("a lock file that cannot be created is a failure")
            return
        }
    }
}
