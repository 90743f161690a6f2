public import Das2Core

/// Where cache blocks live below `CACHE_ROOT` (cache-and-queue.md §1):
/// `CACHE_ROOT/data/<dataset>/<normalized params>/<resolution dir>/<block dirs>/<block file>`.
///
/// ```swift
/// let layout = CacheLayout(root: "/var/cache/das2")
/// layout.blockPath(dataset: "Examples/Spectra", level: level, block: block, format: .das2)
/// // "/var/cache/das2/data/Examples/Spectra/_noparam/bin-1s/1979/03/1979-03-01_bin-1s.d2s"
/// ```
public struct CacheLayout: Hashable, Sendable {
    /// `CACHE_ROOT`, without a trailing `/`.
    public let root: String

    /// Creates the layout of a cache root.
    /// - Parameter root: The `CACHE_ROOT` directory; a trailing `/` is ignored.
    public init(root: String) {
        var root = root
        while root.count > 1 && root.hasSuffix("/") { root.removeLast() }
        self.root = root
    }

    /// `CACHE_ROOT/data/<dataset>`: the `CACHE_DIR` argument of the cache reader.
    /// - Parameter dataset: The source name, e.g. `Examples/Spectra`; each component is a directory.
    /// - Returns: The directory path.
    public func datasetDirectory(_ dataset: String) -> String {
        root + "/" + relativeDatasetDirectory(dataset)
    }

    /// The directory of a level's blocks: `<dataset directory>/<params dir>/<resolution dir>`.
    /// - Parameters:
    ///   - dataset: The source name.
    ///   - level: The cache level.
    /// - Returns: The directory path.
    public func levelDirectory(dataset: String, level: CacheLevel) -> String {
        root + "/" + relativeLevelDirectory(dataset: dataset, level: level)
    }

    /// The path of one block file.
    /// - Parameters:
    ///   - dataset: The source name.
    ///   - level: The cache level.
    ///   - block: The block.
    ///   - format: The stream type, which gives the extension.
    /// - Returns: The file path.
    public func blockPath(
        dataset: String, level: CacheLevel, block: CoverageBlock, format: CacheStreamFormat
    ) -> String {
        root + "/" + relativeBlockPath(dataset: dataset, level: level, block: block, format: format)
    }

    /// The path of one block file relative to `CACHE_ROOT` (`data/…`), the name of its
    /// cross-machine lock (cache-and-queue.md §7.4).
    /// - Parameters:
    ///   - dataset: The source name.
    ///   - level: The cache level.
    ///   - block: The block.
    ///   - format: The stream type.
    /// - Returns: The relative path.
    public func relativeBlockPath(
        dataset: String, level: CacheLevel, block: CoverageBlock, format: CacheStreamFormat
    ) -> String {
        relativeLevelDirectory(dataset: dataset, level: level) + "/"
            + block.relativePath(resolutionDirectory: level.resolutionDirectory, fileExtension: format.fileExtension)
    }

    /// The directory name of normalized parameters: every `/` replaced by `_` (DD-15), so that
    /// the cache stays inside its tree.
    /// - Parameter normalizedParameters: Normalized parameters, `_noparam` for none.
    /// - Returns: The directory name.
    public static func parameterDirectory(_ normalizedParameters: String) -> String {
        let bytes = normalizedParameters.utf8.map { $0 == UInt8(ascii: "/") ? UInt8(ascii: "_") : $0 }
        return String(decoding: bytes, as: UTF8.self)
    }

    private func relativeDatasetDirectory(_ dataset: String) -> String {
        "data/" + dataset.split(separator: "/").joined(separator: "/")
    }

    private func relativeLevelDirectory(dataset: String, level: CacheLevel) -> String {
        relativeDatasetDirectory(dataset) + "/" + Self.parameterDirectory(level.normalizedParameters) + "/"
            + level.resolutionDirectory
    }
}
