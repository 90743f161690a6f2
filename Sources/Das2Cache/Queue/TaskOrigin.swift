/// Who submitted a task: common fields 1–5 of a task string (cache-and-queue.md §5.3).
public struct TaskOrigin: Sendable, Hashable {
    /// Field 1: `SERVER_NAME` + `SCRIPT_NAME` for the web server, `das2_srv_todo` for the tool.
    public var requester: String
    /// Field 2: empty for the web server, the host name for `das2_srv_todo`.
    public var requesterExtra: String
    /// Field 3: the client address (`REMOTE_ADDR`) for the web server, else empty.
    public var remoteRequester: String
    /// Field 4: extra client information, normally empty.
    public var remoteRequesterExtra: String
    /// Field 5: the server process's login name, or for `das2_srv_todo` the real-name (GECOS)
    /// field of the invoking account.
    public var user: String

    /// Creates an origin from its fields.
    public init(
        requester: String, requesterExtra: String = "", remoteRequester: String = "",
        remoteRequesterExtra: String = "", user: String
    ) {
        self.requester = requester
        self.requesterExtra = requesterExtra
        self.remoteRequester = remoteRequester
        self.remoteRequesterExtra = remoteRequesterExtra
        self.user = user
    }

    /// The origin of tasks the web server queues (§5.4).
    /// - Parameters:
    ///   - serverName: `SERVER_NAME`, e.g. `localhost`.
    ///   - scriptName: `SCRIPT_NAME`, e.g. `/das/server`.
    ///   - remoteAddress: `REMOTE_ADDR` of the client.
    ///   - user: The login name of the server process (``SystemIdentity/loginName``).
    public static func webServer(serverName: String, scriptName: String, remoteAddress: String, user: String) -> TaskOrigin {
        TaskOrigin(requester: serverName + scriptName, remoteRequester: remoteAddress, user: user)
    }

    /// The origin of tasks `das2_srv_todo` queues (§8): requester `das2_srv_todo`, the host
    /// name, and the real name of the invoking account.
    public static func commandLine(hostName: String, realName: String) -> TaskOrigin {
        TaskOrigin(requester: "das2_srv_todo", requesterExtra: hostName, user: realName)
    }

    /// The five fields, each with `|` replaced by a space so that it stays one field.
    var fields: [String] {
        [requester, requesterExtra, remoteRequester, remoteRequesterExtra, user].map(TaskString.fieldText)
    }
}
