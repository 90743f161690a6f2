import Das2Cache

/// The tables of `das2_srv_todo -t`, `-w` and `-d` (§8): left-aligned columns as wide as
/// their widest cell, a row of dashes under the headers, one row per task, job parameters
/// last as `Param 1`, `Param 2`, ….
struct TaskTable {
    private(set) var headers: [String]
    private(set) var rows: [[String]] = []

    /// The table of a list's task strings.
    init(_ list: WorkQueueList, entries: [String]) {
        switch list {
        case .todo: headers = ["Submitted On", "Entered By", "Job Type"]
        case .working: headers = ["Submitted On", "Entered By", "Job Type", "Started On", "Progress"]
        case .finished: headers = ["Status", "Submitted On", "Entered By", "Job Type", "Finished On"]
        }
        let fixed = headers.count
        for entry in entries {
            let fields = TaskString(entry).fields
            let row = Self.row(list, fields)
            while headers.count < row.count {
                headers.append("Param \(headers.count - fixed + 1)")
            }
            rows.append(row)
        }
    }

    /// The rendered table, one line per row, lines ending in a newline.
    var text: String {
        var widths = headers.map(\.count)
        for row in rows {
            for (column, cell) in row.enumerated() { widths[column] = max(widths[column], cell.count) }
        }
        func line(_ cells: [String]) -> String {
            let padded = widths.indices.map { column -> String in
                let cell = column < cells.count ? cells[column] : ""
                return cell + String(repeating: " ", count: widths[column] - cell.count)
            }
            return String(padded.joined(separator: " ").reversed().drop { $0 == " " }.reversed()) + "\n"
        }
        return line(headers) + line(widths.map { String(repeating: "-", count: $0) }) + rows.map(line).joined()
    }

    private static func row(_ list: WorkQueueList, _ fields: [String]) -> [String] {
        func field(_ index: Int) -> String { index >= 0 && index < fields.count ? fields[index] : "" }
        let jobType = field(6).lowercased().replacing("task_", with: "")
        let count = fields.count
        switch list {
        case .todo:
            return [field(0), field(1), jobType] + (count > 7 ? Array(fields[7...]) : [])
        case .working:
            let suffix = 3
            let parameters = count - suffix > 7 ? Array(fields[7..<(count - suffix)]) : []
            return [field(0), field(1), jobType, field(count - 3), field(count - 1)] + parameters
        case .finished:
            let suffix = 4
            let parameters = count - suffix > 7 ? Array(fields[7..<(count - suffix)]) : []
            let status = field(count - 1) == "0" ? "OKAY" : "ERROR"
            return [status, field(0), field(1), jobType, field(count - 2)] + parameters
        }
    }
}
