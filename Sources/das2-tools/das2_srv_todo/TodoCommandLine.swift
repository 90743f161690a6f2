/// The command line of `das2_srv_todo` (cache-and-queue.md §8), parsed as Python's `optparse`
/// parses the reference's: options may come anywhere, short flags may be combined (`-tw`),
/// `--` ends the options.
struct TodoCommandLine: Equatable {
    /// `-c FILE`, `-cFILE`, `--config FILE`, `--config=FILE`.
    var configPath: String?
    /// `-g`, `--generic`: documented by the reference but never used; accepted and ignored.
    var generic = false
    /// `-t`, `--list-todo`.
    var listTodo = false
    /// `-w`, `--list-working`.
    var listWorking = false
    /// `-d`, `--list-done`.
    var listDone = false
    /// `-h`, `--help`.
    var help = false
    /// `--version`.
    var version = false
    /// The task name and its arguments, or `help [TASK]`.
    var arguments: [String] = []

    /// Whether a list was asked for; the task arguments are then ignored.
    var lists: Bool { listTodo || listWorking || listDone }

    /// Parses the arguments after the program name.
    /// - Throws: ``TodoFailure`` (status 13) for an unknown option or a missing value.
    init(_ words: [String]) throws(TodoFailure) {
        var index = 0
        func value(for option: String) throws(TodoFailure) -> String {
            index += 1
            guard index < words.count else { throw TodoFailure.usage("\(option) option requires an argument") }
            return words[index]
        }
        while index < words.count {
            let word = words[index]
            if word == "--" {
                arguments += words[(index + 1)...]
                break
            } else if word.hasPrefix("--") {
                let (name, attached) = Self.split(word)
                switch name {
                case "--config":
                    if let attached { configPath = attached } else { configPath = try value(for: name) }
                case "--generic", "--list-todo", "--list-working", "--list-done", "--help", "--version":
                    guard attached == nil else { throw TodoFailure.usage("\(name) option does not take a value") }
                    switch name {
                    case "--generic": generic = true
                    case "--list-todo": listTodo = true
                    case "--list-working": listWorking = true
                    case "--list-done": listDone = true
                    case "--help": help = true
                    default: version = true
                    }
                default: throw TodoFailure.usage("no such option: \(name)")
                }
            } else if word.hasPrefix("-") && word.count > 1 {
                var letters = word.dropFirst()
                while let letter = letters.popFirst() {
                    switch letter {
                    case "c":
                        configPath = letters.isEmpty ? try value(for: "-c") : String(letters)
                        letters = ""
                    case "g": generic = true
                    case "t": listTodo = true
                    case "w": listWorking = true
                    case "d": listDone = true
                    case "h": help = true
                    default: throw TodoFailure.usage("no such option: -\(letter)")
                    }
                }
            } else {
                arguments.append(word)
            }
            index += 1
        }
    }

    private static func split(_ word: String) -> (String, String?) {
        guard let equals = word.firstIndex(of: "=") else { return (word, nil) }
        return (String(word[..<equals]), String(word[word.index(after: equals)...]))
    }
}
