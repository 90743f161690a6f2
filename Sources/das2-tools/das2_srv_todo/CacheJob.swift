import Das2Cache
import Das2Core

/// The `cache` task of `das2_srv_todo`: queue the building of cache blocks (§8).
enum CacheJob {
    static let name = "cache"
    static let summary = "generate pre-reduced dataset cache blocks"
    static let parameters: [(name: String, help: String)] = [
        ("dataset", "The name of the data source to cache, e.g. Examples/Spectra"),
        ("begin", "The first time to cache"),
        ("end", "The time at which caching stops"),
        ("level", "The cache level number from the source's DSDF, or ALL for every level"),
    ]
    static let description = """
           A das2 server can keep pre-reduced copies of a data source's output in a cache, one
           file per block period at each resolution level its DSDF defines with cacheLevel_NN.
           Requests at a coarse resolution are then answered from these files. This task asks
           the arbiter (das2_srv_arbiter) to build every block of the given level, or of every
           level, that covers BEGIN to END. Blocks start and end on whole block periods.
        """
    static let example = (
        title: "Build the cache of Juno MAG data at cache level 2 over a 4 day range",
        arguments: "juno/fgm/MagComponetsSCSE 2014-01-01 2014-01-05 2"
    )

    /// Checks the arguments and builds the task (§8): exactly four arguments, a dataset, a
    /// parsable BEGIN, a level that is `ALL` or a number. An END that does not parse only
    /// draws a warning, as in the reference.
    /// - Parameters:
    ///   - arguments: DATASET BEGIN END LEVEL.
    ///   - warn: Receives warnings.
    /// - Returns: The 11-field task.
    /// - Throws: ``TodoFailure`` with status 13.
    static func task(_ arguments: [String], warn: (String) -> Void) throws(TodoFailure) -> TaskString {
        guard arguments.count == 4 else { throw TodoFailure(TodoFailure.arguments, "ERROR: Expected 4 arguments for CACHE jobs") }
        let dataset = arguments[0].trimmed
        guard !dataset.isEmpty, !dataset.hasPrefix("/") else {
            throw TodoFailure(TodoFailure.arguments, "ERROR: in 'dataset' argument '\(arguments[0])'")
        }
        do {
            _ = try DasTime(parsing: arguments[1].trimmed)
        } catch {
            throw TodoFailure(TodoFailure.arguments, "ERROR: in 'begin' argument, \(error.message)")
        }
        do {
            _ = try DasTime(parsing: arguments[2].trimmed)
        } catch {
            warn("WARNING: in 'end' argument, \(error.message)")
        }
        let level = arguments[3]
        guard level.lowercased() == "all" || (!level.isEmpty && level.utf8.allSatisfy { $0 >= 0x30 && $0 <= 0x39 }) else {
            throw TodoFailure(TodoFailure.arguments, "ERROR: in 'level' argument, '\(level)' is neither ALL nor a level number")
        }
        let origin = TaskOrigin.commandLine(hostName: SystemIdentity.hostName, realName: SystemIdentity.realName)
        let job = CacheTask(dataset: arguments[0], begin: arguments[1], end: arguments[2], level: level)
        do {
            return try TaskString(cache: job, origin: origin)
        } catch {
            throw TodoFailure(TodoFailure.arguments, "ERROR: \(error.message)")
        }
    }
}

extension String {
    /// The text without leading and trailing white space.
    fileprivate var trimmed: String {
        String(drop { $0.isWhitespace }.reversed().drop { $0.isWhitespace }.reversed())
    }
}
