/// The `etc` files of the bundled site: `das2server.conf` (config.md §1-§2) and
/// `das2peers.ini` (config.md §3).
enum SiteConfiguration {
    /// The configuration of a site installed at `root` (absolute, no trailing slash), with
    /// `BIN_PATH` when `binPath` is given. Values are double-quoted so that `#` in a path is
    /// not a comment (config.md §1.2).
    static func configuration(root: String, binPath: String? = nil) -> String {
        let sample = ExampleSources.sample
        let path = { (relative: String) in SiteFileSystem.join(root, relative) }
        return """
            # das2server.conf of the das2kit example site. das2-server writes this file when it
            # starts without --config and rewrites it at every such start: to customise the
            # site, copy the whole directory elsewhere and start das2-server --config <copy>.
            SITE_NAME = "das2kit example site"
            SERVER_ID = "examples"
            DSDF_ROOT = "\(path("datasets"))"
            CACHE_ROOT = "\(path("cache"))"
            RESOURCE_PATH = "\(path("static"))"
            LOG_PATH = "\(path("log"))"
            PEERS_FILE = "\(path("etc/das2peers.ini"))"
            D2S_TO_UTF8 = "das2_ascii"
            ENABLE_HAPI_SUBSYS = true
            SAMPLE_DSDF = "\(sample.source)"
            SAMPLE_START = "\(sample.start)"
            SAMPLE_END = "\(sample.end)"
            SITE_PATHURI = "tag:das2.org,2012:site:/das2kit/examples"
            TEST_FROM = "127.0.0.1 ::1"

            """ + (binPath.map { "BIN_PATH = \"\($0)\"\n" } ?? "")
    }

    /// Real das2 servers, listed by `server=peers`.
    static let peers = """
        # das2 servers this site knows of (server=peers). INI format: one section per server.

        [planet]
        url = http://planet.physics.uiowa.edu/das/das2Server
        description = Primary das2 server at the University of Iowa. Plasma wave data from
          Cassini, Galileo, Juno, Mars Express and Voyager.

        [jupiter]
        url = http://jupiter.physics.uiowa.edu/das/server
        description = Takes Juno processing off the central server, planet.

        """
}
