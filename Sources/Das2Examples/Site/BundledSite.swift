public import Das2Core

/// The example site `das2-server` serves when started without `--config` (hapi.md §10): a
/// configuration, a peers list, one DSDF per built-in reader and the static files.
///
/// ```
/// <root>/etc/das2server.conf     DSDF_ROOT, CACHE_ROOT, … point into <root>
/// <root>/etc/das2peers.ini
/// <root>/datasets/_dirinfo_.dsdf
/// <root>/datasets/Examples/_dirinfo_.dsdf, Random.dsdf, Waveform.dsdf, Spectrogram.dsdf,
///                          Survey.dsdf, Ephemeris.dsdf, QStream.dsdf
/// <root>/static/logo.png, das2server.css, das2server.xsl
/// <root>/cache/, <root>/log/
/// ```
public enum BundledSite {
    /// Writes, or rewrites, the whole site under `root` and returns the configuration path.
    ///
    /// Every file is written to a temporary name and renamed into place, and only when its
    /// bytes differ from what is there, so installing twice changes nothing. The `cache` and
    /// `log` directories are created when missing; their contents are kept. Other files in
    /// the tree are left alone.
    ///
    /// - Parameters:
    ///   - root: the site directory; a relative path is resolved against the working
    ///     directory. Created when missing.
    ///   - readerCommand: shell text naming the program that runs the built-in readers, such as
    ///     `das2-server example`. It is written verbatim (without surrounding blanks) into
    ///     each DSDF's `reader` key, followed by the reader name (``ExampleReader/names``);
    ///     the server appends the time arguments. DSDF substitution applies to it, so `$(…)`
    ///     is expanded.
    ///   - binPath: the directory of the program `readerCommand` names, written as `BIN_PATH`
    ///     so that every tool reading the configuration (the server, `das2_srv_arbiter`
    ///     building cache blocks, `das2-cgi`) finds it; nil leaves the program to `PATH`.
    /// - Returns: the absolute path of `etc/das2server.conf`.
    /// - Throws: ``Das2CoreError`` (`invalidConfiguration`) when the root path or the reader
    ///   command cannot be written into the configuration files (a line break, a double quote
    ///   in the root or the bin path, both quote characters in the command, an empty command), or a file
    ///   cannot be written; the message names the path and the system's reason.
    @discardableResult
    public static func install(at root: String, readerCommand: String, binPath: String? = nil) throws(Das2CoreError) -> String {
        let command = readerCommand.trimmingBlanks
        guard !command.isEmpty else {
            throw Das2CoreError(.invalidConfiguration, "The reader command is empty")
        }
        let unquotable = { (text: String) in text.contains(where: { $0 == "\"" || $0 == "\n" || $0 == "\r" || $0 == "\0" }) }
        guard !root.isEmpty, !unquotable(root) else {
            throw Das2CoreError(
                .invalidConfiguration,
                "The site directory '\(root)' is empty or holds a double quote or line break, which das2server.conf cannot carry"
            )
        }
        if let binPath, binPath.isEmpty || unquotable(binPath) {
            throw Das2CoreError(
                .invalidConfiguration,
                "The bin path '\(binPath)' is empty or holds a double quote or line break, which das2server.conf cannot carry"
            )
        }
        let base = try SiteFileSystem.absolute(root)
        let path = { (relative: String) in SiteFileSystem.join(base, relative) }

        var files: [(path: String, bytes: [UInt8])] = [
            (path("etc/das2server.conf"), Array(SiteConfiguration.configuration(root: base, binPath: binPath).utf8)),
            (path("etc/das2peers.ini"), Array(SiteConfiguration.peers.utf8)),
            (path("static/logo.png"), SiteResources.logo),
            (path("static/das2server.css"), Array(SiteResources.styleSheet.utf8)),
            (path("static/das2server.xsl"), Array(SiteResources.peersStyleSheet.utf8)),
        ]
        for file in ExampleSources.directoryFiles + (try ExampleSources.sourceFiles(readerCommand: command)) {
            files.append((path("datasets/" + file.path), Array(file.text.utf8)))
        }

        for directory in ["etc", "datasets/\(ExampleSources.directory)", "static", "cache", "log"] {
            try SiteFileSystem.makeDirectory(path(directory))
        }
        for file in files {
            try SiteFileSystem.replace(file.path, with: file.bytes)
        }
        return path("etc/das2server.conf")
    }
}
