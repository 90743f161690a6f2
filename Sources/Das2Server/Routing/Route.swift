import Das2Core

/// Which handler answers a request (server-protocol.md §2): the `server` query key first, then
/// the path.
enum Route: Sendable {
    case landingPage
    case list
    case discovery
    case dsdf
    case dataset
    case identity
    case logo
    case peers
    case image
    case debug
    case source
    case authenticator
    case badServerKeyword
    case hapi
    case services
    case catalog
    case staticResource
    case directory
    case sourceDefinition
    case data
    case coverage
    case unknownPath

    init(_ context: RequestContext) {
        // Under an enabled HAPI every query key follows HAPI's rules, `server` included
        // (hapi.md §2.5, DEV-H11).
        if context.request.pathInfo.hasPrefix("/hapi"), context.configuration.enableHAPI {
            self = .hapi
            return
        }
        if let keyword = context.query["server"] {
            switch keyword.lowercased() {
            case "list": self = .list
            case "discovery": self = .discovery
            case "dsdf": self = .dsdf
            case "dataset", "compactdataset": self = .dataset
            case "id": self = .identity
            case "logo": self = .logo
            case "peers": self = .peers
            case "image": self = .image
            case "debug": self = .debug
            case "source": self = .source
            case "authenticator": self = .authenticator
            default: self = .badServerKeyword
            }
            return
        }
        let path = context.request.pathInfo
        if path.hasPrefix("/hapi") {
            self = .hapi
        } else if path.isEmpty || path == "/" {
            self = .landingPage
        } else if path.hasPrefix("/services") {
            self = .services
        } else if path.hasPrefix("/debug") {
            self = .debug
        } else if path.hasPrefix("/peers") {
            self = .peers
        } else if path.hasPrefix("/catalog") {
            self = .catalog
        } else if path.hasPrefix("/logo") {
            self = .logo
        } else if path.hasPrefix("/static") {
            self = .staticResource
        } else if path.hasPrefix("/source") {
            self = path.hasSuffix("/") || path.hasSuffix("index.json") ? .directory : .sourceDefinition
        } else if path.hasPrefix("/data") {
            self = .data
        } else if path.hasPrefix("/coverage") {
            self = .coverage
        } else {
            self = .unknownPath
        }
    }

    /// The reference's request-type name, for the log.
    var requestType: String {
        switch self {
        case .landingPage: "HANDLE_NONE"
        case .list: "HANDLE_DSDF_LIST_ALL"
        case .discovery: "HANDLE_DSDF_EXAMPLE_LIST"
        case .dsdf: "HANDLE_DSDF_DESCRIBE"
        case .dataset: "HANDLE_DSDF_DATASET"
        case .identity: "HANDLE_ID"
        case .logo: "HANDLE_LOGO"
        case .peers: "HANDLE_PEERS"
        case .image: "HANDLE_IMAGE"
        case .debug: "HANDLE_DEBUG"
        case .source: "HANDLE_SOURCE"
        case .authenticator: "HANDLE_AUTHENTICATOR"
        case .badServerKeyword: "HANDLE_UNKNOWN"
        case .hapi: "HANDLE_H_API"
        case .services: "HANDLE_SERVICES"
        case .catalog: "HANDLE_CATALOG"
        case .staticResource: "HANDLE_RESOURCE"
        case .directory: "HANDLE_DIRECTORY"
        case .sourceDefinition: "HANDLE_SOURCE"
        case .data: "HANDLE_DATA"
        case .coverage: "HANDLE_COVERAGE"
        case .unknownPath: "HANDLE_UNKNOWN"
        }
    }

    /// Static resources are not logged (config.md §4.2).
    var isLogged: Bool { self != .staticResource }

    /// Whether the answer comes from memory: no program, no file read whole, no password
    /// check, no log written to disk at once, and for `list` and `discovery` a walk of the
    /// DSDF tree that is still current at the request's instant
    /// (``Das2Server/immediateResponse(to:)``).
    func answersFromMemory(_ context: RequestContext) -> Bool {
        // A log written to disk at once is not memory either.
        if context.log.writesToDisk, !context.state.logFiles.batches { return false }
        switch self {
        case .list, .discovery:
            guard let root = context.configuration.dsdfRoot else { return true }
            return context.state.sources.currentTree(root: root, now: context.startedAt) != nil
        case .landingPage, .dsdf, .identity, .source, .sourceDefinition, .services, .authenticator, .badServerKeyword,
            .coverage, .unknownPath:
            return true
        case .dataset, .data, .image, .hapi, .logo, .staticResource, .peers, .debug, .directory, .catalog:
            return false
        }
    }

    func respond(_ context: RequestContext) async throws(Das2ServerError) -> Das2Response {
        switch self {
        case .dataset, .data: try await context.dataset()
        case .image: try await context.image()
        case .hapi: try await context.hapi()
        default: try respondWithoutWaiting(context)
        }
    }

    /// The answer of a route that runs no program: every route but dataset, data, image and
    /// hapi.
    func respondWithoutWaiting(_ context: RequestContext) throws(Das2ServerError) -> Das2Response {
        switch self {
        case .landingPage: return context.landingPage()
        case .list: return try context.listSources()
        case .discovery: return try context.discoverSources()
        case .dsdf: return try context.describeSource()
        case .identity: return try context.identity()
        case .logo: return try context.logo()
        case .peers: return try context.peers()
        case .debug: return try context.debugPage()
        case .source: return try context.sourceInfo()
        case .authenticator:
            throw Das2ServerError(
                .notImplemented, "The queries: server=authenticator and server=id have not been implemented"
            )
        case .badServerKeyword:
            throw Das2ServerError(
                .badRequest, "Bad server keyword.  Server must be [dataset|dsdf|logo|list|discovery]"
            )
        case .services: return context.services()
        case .catalog: return try context.catalog()
        case .staticResource: return try context.staticResource()
        case .directory: return try context.directoryListing()
        case .sourceDefinition: return try context.sourceDefinition()
        case .coverage: throw Das2ServerError(.notImplemented, "The coverage query is not implemented on this server")
        case .unknownPath: throw Das2ServerError(.notFound, "No such resource: \(context.request.pathInfo)")
        case .dataset, .data, .image, .hapi: preconditionFailure("\(self) waits for a program: respond(_:) answers it")
        }
    }
}
