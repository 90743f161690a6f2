#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#elseif canImport(Darwin)
import Darwin
#endif
import Das2Cache
import Das2Core
import Das2ToolSupport
import Logging

/// `das2_srv_todo`: adds tasks to the das2 server's work queue and lists it
/// (cache-and-queue.md §8).
@main
enum DasSrvTodo {
    static func main() async {
        do throws(TodoFailure) {
            try await run(TodoCommandLine(Array(CommandLine.arguments.dropFirst())))
            exit(0)
        } catch {
            standardError(error.message + "\n")
            exit(error.status)
        }
    }

    /// The checks of §8 in order: everything about the arguments before the configuration,
    /// the configuration before the queue.
    private static func run(_ commandLine: TodoCommandLine) async throws(TodoFailure) {
        if commandLine.version { return standardOutput(TodoHelp.version) }
        let configPath = ServerConfigurationFile.path(option: commandLine.configPath)
        if commandLine.help { return standardOutput(TodoHelp.long(configPath: configPath)) }
        var task: TaskString?
        if !commandLine.lists {
            let arguments = commandLine.arguments
            guard let name = arguments.first?.lowercased() else { return standardOutput(TodoHelp.hint) }
            if name == "help" {
                guard arguments.count > 1 else { return standardOutput(TodoHelp.long(configPath: configPath)) }
                guard arguments[1].lowercased() == CacheJob.name else {
                    throw TodoFailure(
                        TodoFailure.arguments,
                        "ERROR: Task type '\(arguments[1])' is unknown. (Run das2_srv_todo -h to get a list of known task types)")
                }
                return standardOutput(TodoHelp.cache)
            }
            guard name == CacheJob.name else {
                throw TodoFailure(
                    TodoFailure.arguments,
                    "ERROR: Job type '\(arguments[0])' is unknown. (Run das2_srv_todo help to get a list of known job types)")
            }
            task = try CacheJob.task(Array(arguments.dropFirst())) { standardError($0 + "\n") }
        }

        standardError("Server definition: \(configPath)\n")
        let configuration: ServerConfiguration
        do {
            configuration = try ServerConfigurationFile.load(configPath)
        } catch {
            throw TodoFailure(TodoFailure.configuration, error.message)
        }
        let queue = try await connectedQueue(configuration)

        if let task {
            standardError("Adding task '\(task.text)'\n")
            do {
                try await queue.enqueue(task)
            } catch {
                throw TodoFailure(TodoFailure.broker, "ERROR: Job broker error, \(error.message).")
            }
            return
        }
        for list in WorkQueueList.allCases {
            switch list {
            case .todo where !commandLine.listTodo, .working where !commandLine.listWorking,
                .finished where !commandLine.listDone:
                continue
            default:
                break
            }
            let entries: [String]
            do {
                entries = try await queue.entries(of: list)
            } catch {
                throw TodoFailure(TodoFailure.broker, "ERROR: Job broker error, \(error.message).")
            }
            if entries.isEmpty {
                standardError("\(list.name) list contains no tasks\n")
            } else {
                standardOutput(TaskTable(list, entries: entries).text)
            }
        }
    }

    private static func connectedQueue(_ configuration: ServerConfiguration) async throws(TodoFailure) -> any WorkQueue {
        let logger = Logger(label: "das2_srv_todo") { _ in StreamLogHandler.standardError(label: "das2_srv_todo") }
        do {
            let queue = try WorkQueueFactory.make(for: configuration, role: .worker, logger: logger)
            try await queue.connect()
            return queue
        } catch {
            throw TodoFailure(TodoFailure.broker, "ERROR: \(error.message)")
        }
    }

    private static func standardOutput(_ text: String) {
        DescriptorOutput.write(text, to: STDOUT_FILENO)
    }

    private static func standardError(_ text: String) {
        DescriptorOutput.write(text, to: STDERR_FILENO)
    }
}
