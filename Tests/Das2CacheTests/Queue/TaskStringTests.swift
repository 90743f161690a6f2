import Das2Cache
import Testing

/// Task strings of cache-and-queue.md §5.3.
@Suite("Task strings")
struct TaskStringTests {
    static let examples = [
        "2019-08-24T02:09:27.690|localhost/das/server||127.0.0.1||apache|TASK_CACHE|Examples/Spectra|1979-03-01|1979-03-02|10",
        "2015-03-25T10:37:43.334|das2_srv_todo|jupiter|||Jane Doe|TASK_CACHE|juno/fgm/MagComponentsSCSE|2014-01-01|2014-01-05|ALL",
        "2015-03-25T10:37:43.334|planet||128.255.33.104|US,Iowa||TASK_USAGE|voyager/1/pws/SpecAnalyzer-Distogram|2011-07-24|2011-08-31|10 10|340.0 s|",
        "2019-08-24T02:10:00.000|localhost/das/server||10.0.0.5||apache|HAPI_INFO_CACHE|Examples/Survey,B|Y_1,time",
    ]

    @Test("the examples of §5.3 have their category's field count and round-trip", arguments: examples)
    func examplesParse(_ text: String) throws {
        let task = TaskString(text)
        let category = try #require(task.category)
        #expect(task.fields.count == category.fieldCount)
        #expect(task.text == text)
        #expect(task.form == .queued)
        #expect(task.queuedTask == task)
    }

    @Test func fieldCountsPerCategory() {
        let counts = Dictionary(uniqueKeysWithValues: TaskCategory.allCases.map { ($0.rawValue, $0.fieldCount) })
        #expect(counts == ["TASK_CACHE": 11, "TASK_USAGE": 13, "TASK_COVERAGE": 10, "TASK_LIST": 7, "HAPI_INFO_CACHE": 9])
    }

    @Test func emptyFieldsAreKept() {
        let task = TaskString("a||b|")
        #expect(task.fields == ["a", "", "b", ""])
        #expect(task.text == "a||b|")
    }

    @Test func cacheTaskNeedsExactlyElevenFields() {
        let good = TaskString(Self.examples[0])
        #expect(good.cacheTask == CacheTask(dataset: "Examples/Spectra", begin: "1979-03-01", end: "1979-03-02", level: "10"))
        // The 2.2 User's Reference example with an extra empty field after the category.
        let twelve = TaskString("2015-03-25T10:37:43.334|das2_srv_todo|jupiter|||Jane Doe|TASK_CACHE||juno/fgm|2014-01-01|2014-01-05|ALL")
        #expect(twelve.category == .cache)
        #expect(twelve.cacheTask == nil)
    }

    @Test func categoryIgnoresSurroundingBlanksButNotCase() {
        #expect(TaskString("t|r||||u| TASK_LIST ").category == .list)
        #expect(TaskString("t|r||||u|task_list").category == nil)
        #expect(TaskString("x|y").category == nil)
        #expect(TaskString("x|y").categoryName == nil)
    }

    @Test("a web-server cache task has the fields of C30")
    func webServerCacheTask() throws {
        let origin = TaskOrigin.webServer(serverName: "localhost", scriptName: "/das/server", remoteAddress: "10.0.0.5", user: "apache")
        let task = try TaskString(
            cache: CacheTask(dataset: "Examples/Spectra", begin: "1979-03-01", end: "1979-03-02", level: "10"),
            requestTime: "2019-08-24T02:09:27.690", origin: origin)
        #expect(task.text == "2019-08-24T02:09:27.690|localhost/das/server||10.0.0.5||apache|TASK_CACHE|Examples/Spectra|1979-03-01|1979-03-02|10")
        #expect(task.jobKey == "TASK_CACHE|Examples/Spectra|1979-03-01|1979-03-02|10")
    }

    @Test func commandLineOrigin() throws {
        let task = try TaskString(
            requestTime: "2015-03-25T10:37:43.334", origin: .commandLine(hostName: "jupiter", realName: "Jane Doe"),
            category: .cache, jobFields: ["juno/fgm/MagComponentsSCSE", "2014-01-01", "2014-01-05", "ALL"])
        #expect(task.text == Self.examples[1])
    }

    @Test func pipesInCommonFieldsBecomeSpaces() throws {
        let task = try TaskString(
            requestTime: "2019-08-24T02:09:27.690", origin: TaskOrigin(requester: "a|b", user: "x|y|z"), category: .list, jobFields: [])
        #expect(task.fields == ["2019-08-24T02:09:27.690", "a b", "", "", "", "x y z", "TASK_LIST"])
    }

    @Test func pipesInJobFieldsAreRefused() {
        #expect(throws: WorkQueueError.self) {
            try TaskString(origin: TaskOrigin(requester: "r", user: "u"), category: .cache, jobFields: ["a|b", "1", "2", "ALL"])
        }
    }

    @Test func jobFieldCountMustSuitTheCategory() {
        #expect(throws: WorkQueueError.self) {
            try TaskString(origin: TaskOrigin(requester: "r", user: "u"), category: .cache, jobFields: ["a", "1", "2"])
        }
    }

    @Test("in-process and finished forms are those of §5.3")
    func forms() {
        let task = TaskString("…|localhost/das/server||127.0.0.1||apache|TASK_CACHE|Examples/Spectra|1979-03-01T11:30|1979-03-01T13:10|ALL")
        let started = task.inProcess(beginTime: "2019-08-24T02:09:28.001")
        #expect(started.text.hasSuffix("|ALL|2019-08-24T02:09:28.001||0/100"))
        let progress = task.inProcess(
            beginTime: "2019-08-24T02:09:28.001", status: "Writing: 1979-03-01T12_bin-250ms.d2s",
            progress: TaskString.progressText(0.25))
        #expect(progress.text.hasSuffix("|ALL|2019-08-24T02:09:28.001|Writing: 1979-03-01T12_bin-250ms.d2s|0.25"))
        let finished = task.finished(
            beginTime: "2019-08-24T02:09:28.001", status: "Successfully processed 4 of 4 cache blocks",
            endTime: "2019-08-24T02:09:31.470", returnCode: 0)
        #expect(finished.text.hasSuffix(
            "|ALL|2019-08-24T02:09:28.001|Successfully processed 4 of 4 cache blocks|2019-08-24T02:09:31.470|0"))
        #expect(started.form == .inProcess)
        #expect(progress.form == .inProcess)
        #expect(finished.form == .finished)
        #expect(started.queuedTask == task)
        #expect(progress.queuedTask == task)
        #expect(finished.queuedTask == task)
    }

    @Test func statusPipesBecomeSpaces() {
        let task = TaskString(Self.examples[0])
        let finished = task.finished(beginTime: "2019-08-24T02:09:28.001", status: "bad | worse", endTime: "2019-08-24T02:09:29.000", returnCode: 13)
        #expect(finished.fields.count == 15)
        #expect(finished.fields[12] == "bad   worse")
        #expect(finished.queuedTask == task)
    }

    @Test(
        "progress is written like C %.2f",
        arguments: [(0.0, "0.00"), (0.25, "0.25"), (1.0 / 3.0, "0.33"), (0.125, "0.12"), (0.375, "0.38"), (1.0, "1.00")])
    func progressText(_ fraction: Double, _ text: String) {
        #expect(TaskString.progressText(fraction) == text)
    }

    @Test func timeStamps() {
        #expect(TaskTime.format(seconds: 0, milliseconds: 0) == "1970-01-01T00:00:00.000")
        #expect(TaskTime.format(seconds: 1_566_612_567, milliseconds: 690) == "2019-08-24T02:09:27.690")
        #expect(TaskTime.format(seconds: 951_782_400, milliseconds: 7) == "2000-02-29T00:00:00.007")
        let now = TaskTime.now()
        #expect(TaskTime.isTimeStamp(now))
        #expect(now.wholeMatch(of: /\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}/) != nil)
        #expect(!TaskTime.isTimeStamp("2019-08-24T02:09:27"))
        #expect(!TaskTime.isTimeStamp("2019-08-24 02:09:27.690"))
    }

    @Test func queuedTasksThatLookLikeTimesStayQueued() {
        // A TASK_CACHE task with exactly 11 fields is queued whatever its fields contain.
        let task = TaskString("t|r||||u|TASK_CACHE|2019-08-24T02:09:27.690|b|2019-08-24T02:09:27.690|10")
        #expect(task.form == .queued)
        #expect(TaskString("x|y").form == .queued)
    }
}

/// `WORK_QUEUE_CONN` (cache-and-queue.md §5.1).
@Suite("Redis endpoint")
struct RedisEndpointTests {
    @Test(
        "host[:port[:db]] with defaults",
        arguments: [
            ("localhost:6379:0", "localhost", 6379, 0), ("localhost:6379:15", "localhost", 6379, 15),
            ("redis.example.org", "redis.example.org", 6379, 0), ("10.0.0.2:7000", "10.0.0.2", 7000, 0),
            (":6380:2", "localhost", 6380, 2), ("", "localhost", 6379, 0), ("h::3", "h", 6379, 3),
        ])
    func parses(_ text: String, _ host: String, _ port: Int, _ database: Int) throws {
        #expect(try RedisEndpoint(parsing: text) == RedisEndpoint(host: host, port: port, database: database))
    }

    @Test("bad values are configuration errors", arguments: ["h:x", "h:0", "h:70000", "h:1:-1", "h:1:db", "h:1:2:3"])
    func refuses(_ text: String) {
        #expect {
            try RedisEndpoint(parsing: text)
        } throws: { error in
            (error as? WorkQueueError)?.kind == .configuration
        }
    }

    @Test func describesItselfAsTheReferenceDoes() {
        #expect(RedisEndpoint(host: "localhost", port: 6379, database: 15).description == "localhost:6379, db=15")
    }
}
