/// The help texts of `das2_srv_todo` (§8).
enum TodoHelp {
    static let hint = "Type 'das2_srv_todo help' for usage.\n"

    static let version = "das2_srv_todo (das2kit) 1.0\n"

    /// `das2_srv_todo help` and `-h`: description, options, task list.
    static func long(configPath: String) -> String {
        """

        NAME:
           das2_srv_todo - Add tasks to a das2 server's work queue, or list the queue

        SYNOPSIS:
           das2_srv_todo [options] help [TASK]
           das2_srv_todo [options] TASK ARG1 ARG2 ARG3 ...
           das2_srv_todo [options] -t | -w | -d

        DESCRIPTION:
           das2_srv_todo checks a task of type TASK and adds it to the work queue of the
           das2 server defined by the configuration file. Tasks are strings of fields
           separated by '|'; they wait in the das2_todo list until a das2_srv_arbiter
           process takes them, move to that worker's das2_working_<pid> list while it
           runs them, and end in the das2_finished list with a return code.

           The queue is the one WORK_QUEUE_BROKER selects: without the key, the spool
           directory CACHE_ROOT/.queue shared by the programs of this machine; with
           WORK_QUEUE_BROKER = redis, the Redis server at WORK_QUEUE_CONN
           (host:port:database), which workers on several machines may share.

        OPTIONS:
           --version   Print the program's version and exit.

           -h, --help  Print this help and exit.

           -c FILE, --config=FILE
                       Use FILE as the das2 server configuration instead of the
                       DAS2_SERVER_CONF environment variable or the installed default.

           -g, --generic
                       Reserved for generic tasks (TASK_<NAME> with unchecked arguments);
                       not implemented, as in the reference program.

           -t, --list-todo
                       List the tasks waiting to be processed. Task arguments are ignored.

           -w, --list-working
                       List the tasks being processed. Task arguments are ignored.

           -d, --list-done
                       List the finished tasks. Task arguments are ignored.

        TASKS:
           The following task types are checked before they are queued:

              '\(CacheJob.name)' - \(CacheJob.summary)

           Type

              das2_srv_todo help TASK

           for the arguments of a task type.

        EXIT STATUS:
           0 success, 13 bad arguments or unknown task, 17 configuration file missing or
           invalid, 21 work queue not available.

        FILES:
           This run reads the configuration from:

              \(configPath)

        SEE ALSO:
           das2_srv_arbiter, das2_cache_rdr


        """
    }

    /// `das2_srv_todo help cache`.
    static var cache: String {
        let width = CacheJob.parameters.map(\.name.count).max() ?? 0
        var text = "Task:    \(CacheJob.name.uppercased())\nSummary: \(CacheJob.summary)\n\nParameters:\n"
        for (number, parameter) in CacheJob.parameters.enumerated() {
            let name = parameter.name + String(repeating: " ", count: max(5, width) - parameter.name.count)
            text += "   \(number + 1)) \(name) - \(parameter.help)\n"
        }
        text += "\nDescription:\n\(CacheJob.description)\n\n"
        text += "Example:\n   \(CacheJob.example.title):\n\n"
        text += "      das2_srv_todo \(CacheJob.name) \(CacheJob.example.arguments)\n\n"
        return text
    }
}
