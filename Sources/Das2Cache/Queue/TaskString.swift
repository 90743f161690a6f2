#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#elseif canImport(Darwin)
import Darwin
#endif

/// A work-queue task string (cache-and-queue.md §5.3): fields joined by `|`, without escaping.
///
/// Fields 0–6 are common (`req_time`, requester, requester extra, remote requester, remote
/// extra, user, category), the job fields follow. A task being worked on carries three more
/// fields (`begin_time|status|progress`), a finished one four (`begin_time|status|end_time|
/// return_code`); ``form`` tells them apart and ``queuedTask`` recovers the task as queued.
public struct TaskString: Sendable, Hashable, CustomStringConvertible {
    /// The fields, in order; empty fields are empty strings.
    public var fields: [String]

    /// The stage of a task string.
    public enum Form: Sendable, Hashable {
        /// As queued in `das2_todo`.
        case queued
        /// In a worker's list: `…|begin_time|status|progress`.
        case inProcess
        /// In `das2_finished`: `…|begin_time|status|end_time|return_code`.
        case finished
    }

    /// Creates a task from its fields.
    public init(fields: [String]) {
        self.fields = fields
    }

    /// Splits a task string on `|`, keeping empty fields.
    public init(_ text: String) {
        fields = text.split(separator: "|", omittingEmptySubsequences: false).map(String.init)
    }

    /// Builds a new task (§5.3).
    ///
    /// Common fields have `|` replaced by a space; job fields must not contain `|`.
    /// - Parameters:
    ///   - requestTime: Field 0, default the current time.
    ///   - origin: Fields 1–5.
    ///   - category: Field 6.
    ///   - jobFields: The fields after the category; their number must suit the category.
    /// - Throws: ``WorkQueueError`` of kind `invalidTask` when a job field contains `|` or
    ///   the number of job fields is wrong.
    public init(
        requestTime: String = TaskTime.now(), origin: TaskOrigin, category: TaskCategory, jobFields: [String]
    ) throws(WorkQueueError) {
        guard jobFields.count == category.fieldCount - 7 else {
            throw WorkQueueError(
                .invalidTask,
                "A \(category.rawValue) task needs \(category.fieldCount - 7) job fields, not \(jobFields.count)")
        }
        if let field = jobFields.first(where: { $0.contains("|") }) {
            throw WorkQueueError(.invalidTask, "Task field '\(field)' contains '|'")
        }
        fields = [Self.fieldText(requestTime)] + origin.fields + [category.rawValue] + jobFields
    }

    /// Builds a `TASK_CACHE` task for one cache job (§5.4 step 3).
    /// - Parameters:
    ///   - task: Dataset, begin, end and level.
    ///   - requestTime: Field 0, default the current time.
    ///   - origin: Fields 1–5.
    /// - Throws: ``WorkQueueError`` of kind `invalidTask` when a field contains `|`.
    public init(cache task: CacheTask, requestTime: String = TaskTime.now(), origin: TaskOrigin) throws(WorkQueueError) {
        try self.init(
            requestTime: requestTime, origin: origin, category: .cache,
            jobFields: [task.dataset, task.begin, task.end, task.level])
    }

    /// The fields joined with `|`.
    public var text: String { fields.joined(separator: "|") }

    public var description: String { text }

    /// Field 6 as written, nil when the task has fewer than 7 fields.
    public var categoryName: String? { fields.count > 6 ? fields[6] : nil }

    /// The category of field 6 (surrounding blanks ignored, as the reference does), nil
    /// when the field is missing or names no known category.
    public var category: TaskCategory? {
        categoryName.flatMap { TaskCategory(rawValue: Self.trimmed($0)) }
    }

    /// The fields after the category (for a queued task: the job fields).
    public var jobFields: ArraySlice<String> { fields.count > 7 ? fields[7...] : [] }

    /// The `TASK_CACHE` job of a queued task with exactly 11 fields, else nil.
    public var cacheTask: CacheTask? {
        guard category == .cache, fields.count == TaskCategory.cache.fieldCount else { return nil }
        return CacheTask(dataset: fields[7], begin: fields[8], end: fields[9], level: fields[10])
    }

    /// Category and job fields, `TASK_CACHE|dataset|begin|end|level`: two queued tasks with
    /// the same key ask for the same work (the duplicate check of §5.4 step 2).
    public var jobKey: String? {
        guard let categoryName else { return nil }
        return ([categoryName] + jobFields).joined(separator: "|")
    }

    /// Which stage this string is in, told by the shape of its trailing fields.
    ///
    /// A task whose category has a known field count and that has exactly that many fields
    /// is queued; otherwise three trailing fields `<time stamp>|status|<progress>` mean in
    /// process and four `<time stamp>|status|<time stamp>|<integer>` mean finished.
    public var form: Form {
        let count = fields.count
        if let category, count == category.fieldCount { return .queued }
        if count >= 11, TaskTime.isTimeStamp(fields[count - 4]), TaskTime.isTimeStamp(fields[count - 2]),
            Int32(fields[count - 1]) != nil
        {
            return .finished
        }
        if count >= 10, TaskTime.isTimeStamp(fields[count - 3]), Self.isProgress(fields[count - 1]) {
            return .inProcess
        }
        return .queued
    }

    /// The task as it was queued: the trailing fields of the in-process or finished form
    /// removed.
    public var queuedTask: TaskString {
        switch form {
        case .queued: self
        case .inProcess: TaskString(fields: Array(fields.dropLast(3)))
        case .finished: TaskString(fields: Array(fields.dropLast(4)))
        }
    }

    /// The in-process form (§5.3): `task|begin_time|status|progress`.
    /// - Parameters:
    ///   - beginTime: When work began (``TaskTime``).
    ///   - status: The status text; `|` becomes a space.
    ///   - progress: `0/100` at the start, then ``progressText(_:)``.
    public func inProcess(beginTime: String, status: String = "", progress: String = "0/100") -> TaskString {
        TaskString(fields: fields + [beginTime, Self.fieldText(status), Self.fieldText(progress)])
    }

    /// The finished form (§5.3): `task|begin_time|status|end_time|return_code`.
    /// - Parameters:
    ///   - beginTime: When work began.
    ///   - status: The final status; `|` becomes a space.
    ///   - endTime: When work ended.
    ///   - returnCode: 0 for success.
    public func finished(beginTime: String, status: String, endTime: String, returnCode: Int32) -> TaskString {
        TaskString(fields: fields + [beginTime, Self.fieldText(status), endTime, String(returnCode)])
    }

    /// A progress fraction as the reference writes it, C `%.2f` (`0.25`).
    public static func progressText(_ fraction: Double) -> String {
        var buffer = [CChar](repeating: 0, count: 64)
        _ = withVaList([fraction]) { vsnprintf(&buffer, buffer.count, "%.2f", $0) }
        return String(decoding: buffer.prefix { $0 != 0 }.map { UInt8(bitPattern: $0) }, as: UTF8.self)
    }

    /// A text made safe for one field: every `|` replaced by a space.
    public static func fieldText(_ text: String) -> String {
        text.contains("|") ? String(text.map { $0 == "|" ? " " : $0 }) : text
    }

    /// The text without leading and trailing blanks, TABs, CRs and LFs.
    private static func trimmed(_ text: String) -> String {
        let isBlank: (Character) -> Bool = { $0 == " " || $0 == "\t" || $0 == "\r" || $0 == "\n" }
        guard let first = text.firstIndex(where: { !isBlank($0) }), let last = text.lastIndex(where: { !isBlank($0) }) else {
            return ""
        }
        return String(text[first...last])
    }

    /// `0/100` or a decimal fraction such as `0.25`.
    private static func isProgress(_ text: String) -> Bool {
        if text == "0/100" { return true }
        let parts = text.split(separator: ".", omittingEmptySubsequences: false)
        return parts.count == 2 && !parts[0].isEmpty && !parts[1].isEmpty
            && parts.allSatisfy { $0.utf8.allSatisfy { (UInt8(ascii: "0")...UInt8(ascii: "9")).contains($0) } }
    }
}
