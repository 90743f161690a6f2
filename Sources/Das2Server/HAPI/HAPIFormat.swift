/// The HAPI output formats (hapi.md §6).
enum HAPIFormat: String, Sendable {
    case csv, binary, json

    var contentType: String {
        switch self {
        case .csv: "text/csv; charset=utf-8"
        case .binary: "application/octet-stream"
        case .json: CommonHeaders.json
        }
    }
}
