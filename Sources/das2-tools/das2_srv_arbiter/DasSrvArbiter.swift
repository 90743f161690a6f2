#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#elseif canImport(Darwin)
import Darwin
#endif
import ArgumentParser
import Das2Cache
import Das2Core
import Das2Server
import Das2ToolSupport
import Logging

/// `das2_srv_arbiter [-D PID_FILE] [-c FILE]`: the background worker of the das2 server
/// (cache-and-queue.md §7).
@main
struct DasSrvArbiter: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "das2_srv_arbiter",
        abstract: "Run the background tasks of a das2 server's work queue.",
        discussion: """
            Takes tasks from the work queue that WORK_QUEUE_BROKER selects (the spool directory \
            CACHE_ROOT/.queue, or Redis at WORK_QUEUE_CONN) one at a time, builds the cache \
            blocks TASK_CACHE tasks ask for, probes and stores the HAPI metadata of \
            HAPI_INFO_CACHE tasks, and records every task in the finished list. Run \
            several arbiters for parallel work. The configuration file is --config, else the \
            environment variable DAS2_SERVER_CONF, else <prefix>/etc/das2server.conf next to \
            the program's bin directory. SIGTERM or SIGINT stop the running build, return its \
            task to the queue and exit 0. Exit status 17: configuration unusable; 13: daemon \
            mode failed.
            """,
        version: "das2_srv_arbiter (das2kit) 1.0"
    )

    @Option(
        name: [.customShort("D"), .customLong("daemon")],
        help: ArgumentHelp(
            "Detach from the terminal and become a daemon logging to LOG_PATH, writing the process ID to PID_FILE.",
            valueName: "PID_FILE"))
    var pidFile: String?

    @Option(
        name: [.customShort("c"), .customLong("config")],
        help: ArgumentHelp("The server configuration file.", valueName: "FILE"))
    var configPath: String?

    func run() throws {
        // A parent may have left the stop signals blocked; threads started below inherit
        // this thread's mask.
        var stopSignals = sigset_t()
        sigemptyset(&stopSignals)
        sigaddset(&stopSignals, SIGTERM)
        sigaddset(&stopSignals, SIGINT)
        sigprocmask(SIG_UNBLOCK, &stopSignals, nil)
        let path = ServerConfigurationFile.path(option: configPath)
        let configuration: ServerConfiguration
        do {
            configuration = try ServerConfigurationFile.load(path)
        } catch {
            Self.fail("Server definition: \(path)\n\(error.message)", status: 17)
        }
        let hostName = SystemIdentity.hostName
        let logDirectory = configuration.logPath.flatMap { FileSystem.isDirectory($0) ? $0 : nil }
        let log = ArbiterLog(directory: pidFile == nil ? nil : logDirectory, hostName: hostName)

        // Daemon mode forks, so it comes before anything that starts a thread.
        var writtenPIDFile: String?
        if let pidFile {
            do {
                writtenPIDFile = try Daemon.detach(pidFile: pidFile, logFile: log.filePath)
            } catch {
                Self.fail(error.message, status: 13)
            }
            log.newPrefix()
            log.record("das2_srv_arbiter started, PID written to \(writtenPIDFile!)")
        }
        log.record("Server definition: \(path)")
        for (variable, entries) in [("PATH", configuration.binPath), ("LD_LIBRARY_PATH", configuration.libPath)]
        where !entries.isEmpty {
            let current = getenv(variable).map { String(cString: $0) }
            setenv(variable, ServerConfiguration.prependingPaths(entries, to: current), 1)
        }
        _ = nice(5)
        log.record("Setting process umask to 0002")
        umask(0o002)
        signal(SIGPIPE, SIG_IGN)

        let logger = Logger(label: "das2_srv_arbiter") { _ in ArbiterLogHandler(log: log) }
        let queue: any WorkQueue
        do {
            queue = try WorkQueueFactory.make(for: configuration, role: .worker, logger: logger)
        } catch {
            log.record("ERROR: \(error.message)")
            if let writtenPIDFile { unlink(writtenPIDFile) }
            Self.fail(nil, status: 17)
        }
        let builder = CacheBuilder(configuration: configuration, environment: ProcessEnvironment.current, logger: logger)
        let hapiInfo = HAPIInfoTask(configurationPath: path, environment: ProcessEnvironment.current, logger: logger)
        let arbiter = Arbiter(queue: queue, builder: builder, hapiInfo: hapiInfo, log: log, logger: logger)
        SignalWatcher.start { arbiter.stop(signal: $0) }
        Task {
            let status = await arbiter.run()
            if let writtenPIDFile { unlink(writtenPIDFile) }
            terminate(status)
        }
        while true { pause() }
    }

    private static func fail(_ message: String?, status: Int32) -> Never {
        if let message {
            let bytes = Array((message + "\n").utf8)
            _ = bytes.withUnsafeBytes { write(STDERR_FILENO, $0.baseAddress, $0.count) }
        }
        terminate(status)
    }
}

/// Ends the process (`exit` inside a `ParsableCommand` names the command's own method).
private func terminate(_ status: Int32) -> Never {
    exit(status)
}
