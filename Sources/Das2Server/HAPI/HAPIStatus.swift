/// The HAPI status codes the server uses, with their messages and HTTP statuses (hapi.md §2.3).
enum HAPIStatus: Int, Sendable, CaseIterable {
    case ok = 1200
    case noData = 1201
    case userInputError = 1400
    case unknownParameterName = 1401
    case badStart = 1402
    case badStop = 1403
    case startNotBeforeStop = 1404
    case outsideValidRange = 1405
    case unknownDataset = 1406
    case unknownDatasetParameter = 1407
    case tooMuchRequested = 1408
    case unsupportedFormat = 1409
    case unsupportedInclude = 1410
    case parameterOrder = 1411
    case unsupportedResolveReferences = 1412
    case unsupportedDepth = 1413
    case internalError = 1500
    case upstreamError = 1501

    /// The HAPI 3.3 wording.
    var message: String {
        switch self {
        case .ok: "OK"
        case .noData: "OK - no data for time range"
        case .userInputError: "Bad request - user input error"
        case .unknownParameterName: "Bad request - unknown API parameter name"
        case .badStart: "Bad request - syntax error in start time"
        case .badStop: "Bad request - syntax error in stop time"
        case .startNotBeforeStop: "Bad request - start equal to or after stop"
        case .outsideValidRange: "Bad request - start < startDate and/or stop > stopDate"
        case .unknownDataset: "Bad request - unknown dataset id"
        case .unknownDatasetParameter: "Bad request - unknown dataset parameter"
        case .tooMuchRequested: "Bad request - too much time or data requested"
        case .unsupportedFormat: "Bad request - unsupported output format"
        case .unsupportedInclude: "Bad request - unsupported include value"
        case .parameterOrder: "Bad request - out-of-order or duplicate parameters"
        case .unsupportedResolveReferences: "Bad request - unsupported resolve_references value"
        case .unsupportedDepth: "Bad request - unsupported depth value"
        case .internalError: "Internal server error"
        case .upstreamError: "Internal server error - upstream request error"
        }
    }

    /// The HTTP status that goes with the code (401 and 405 are chosen by the caller).
    var httpStatus: Int {
        switch self {
        case .ok, .noData: 200
        case .unknownDataset, .unknownDatasetParameter: 404
        case .internalError, .upstreamError: 500
        default: 400
        }
    }

    /// `<standard phrase>; HAPI <code> <message>`, the recommended reason phrase.
    func reasonPhrase(httpStatus: Int) -> String {
        "\(Das2Response.standardReason(httpStatus)); HAPI \(rawValue) \(message)"
    }
}
