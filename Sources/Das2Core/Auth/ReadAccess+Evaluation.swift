extension ReadAccess {
    /// Evaluates the rule for a client whose password has already been checked (auth.md §3).
    ///
    /// Conditions are tried in order; the first that allows wins, the first ERROR ends the
    /// evaluation, and DENY moves on to the next. A trusted client (one whose address matches
    /// a `TEST_FROM` entry) is allowed at the first well-formed condition. `AGE` allows when
    /// `begin ≤ end` and `end` lies strictly before the lock point; a missing time denies.
    /// ``Authorizer`` applies the same rule with the password check interleaved, which is
    /// what a server needs; this form suits callers that authenticate separately.
    /// - Parameters:
    ///   - user: The authenticated login, or `nil` for an anonymous client.
    ///   - groups: The groups `user` belongs to.
    ///   - begin: The start of the requested time range; `nil` for a metadata request or a
    ///     time that does not parse.
    ///   - end: The end of the requested time range, likewise.
    ///   - now: The current UTC time.
    ///   - trustedHost: Whether the client address is a `TEST_FROM` entry.
    /// - Returns: ALLOW, DENY or ERROR with a message for the log.
    public func evaluate(
        user: String?, groups: [String], begin: DasTime?, end: DasTime?, now: DasTime, trustedHost: Bool = false
    ) -> AccessResult {
        var log: [String] = []
        return evaluate(
            begin: begin, end: end, now: now, trustedAddress: trustedHost ? "(trusted)" : nil, claimedLogin: user,
            authenticate: { _ in .allow },
            groups: { .success(groups) },
            log: &log
        )
    }

    /// The evaluation loop of auth.md §3 with the password and group checks supplied by the
    /// caller, so that they run only when a condition needs them, in the reference's order.
    /// - Parameters:
    ///   - trustedAddress: The client address when it matches a `TEST_FROM` entry, else `nil`.
    ///   - claimedLogin: The login of the client's credentials, not yet verified; `nil`
    ///     when the request has none.
    ///   - authenticate: Verifies the claimed login's password: ALLOW, DENY or ERROR; it
    ///     appends its own log lines to the log it is given.
    ///   - groups: The claimed login's groups, or the group-file problem.
    ///   - log: Receives the log lines of auth.md §8.
    func evaluate(
        begin: DasTime?, end: DasTime?, now: DasTime, trustedAddress: String?, claimedLogin: String?,
        authenticate: (inout [String]) -> AccessResult,
        groups: () -> Result<[String], Das2CoreError>,
        log: inout [String]
    ) -> AccessResult {
        guard !conditions.isEmpty else { return .allow }
        for condition in conditions {
            // The reference splits a condition before it looks at the client address, so a
            // syntax error reaches even trusted hosts; an unknown method does not.
            let isMalformed = if case .malformed = condition { true } else { false }
            if let trustedAddress, !isMalformed {
                log.append("Authorization: Host \(trustedAddress) allowed access")
                return .allow
            }
            let result: AccessResult
            switch condition {
            case .malformed(let message), .invalid(let message):
                log.append("Authorization: ERROR! \(message)")
                return .error(message)
            case .age(let age):
                log.append("Authorization: Checking access by data AGE")
                result = ReadAccess.checkAge(age, begin: begin, end: end, now: now, log: &log)
            case .group(let group):
                log.append("Authorization: Checking access by GROUP membership")
                result = ReadAccess.checkGroup(
                    group, claimedLogin: claimedLogin, authenticate: authenticate, groups: groups, log: &log)
            case .user(let user):
                log.append("Authorization: Checking access by USER account")
                result = ReadAccess.checkUser(user, claimedLogin: claimedLogin, authenticate: authenticate, log: &log)
            }
            switch result {
            case .allow:
                log.append("Authorizaiton: Access granted")
                return .allow
            case .error:
                return result
            case .deny:
                continue
            }
        }
        log.append("Authorizaiton: Access denied")
        return .deny
    }

    private static func checkAge(
        _ age: AccessAge, begin: DasTime?, end: DasTime?, now: DasTime, log: inout [String]
    ) -> AccessResult {
        guard let begin, let end else {
            log.append("Authorization: Can't determine query time range, start_time or end_time missing")
            return .deny
        }
        guard let lock = age.lockPoint(now: now) else {
            log.append("Authorization: Lockout begins before year 100, query ends \(end.isoC(fractionDigits: 0)).")
            return .deny
        }
        log.append(
            "Authorization: Lockout begins \(lock.isoC(fractionDigits: 0)), query ends \(end.isoC(fractionDigits: 0)).")
        return !end.isEarlier(than: begin) && end.isEarlier(than: lock) ? .allow : .deny
    }

    private static func checkGroup(
        _ group: String, claimedLogin: String?, authenticate: (inout [String]) -> AccessResult,
        groups: () -> Result<[String], Das2CoreError>, log: inout [String]
    ) -> AccessResult {
        guard let login = claimedLogin else {
            log.append("Authorization: no credentials")
            return .deny
        }
        log.append("User is: \(login)")
        let authenticated = authenticate(&log)
        guard authenticated == .allow else { return authenticated }
        switch groups() {
        case .failure(let error):
            log.append("Authorization: ERROR! \(error.message)")
            return .error(error.message)
        case .success(let names):
            if names.contains(where: { $0.hasSameScalars(as: group) }) { return .allow }
            log.append("Authorization: User \(login) is not in group \(group)")
            return .deny
        }
    }

    private static func checkUser(
        _ user: String, claimedLogin: String?, authenticate: (inout [String]) -> AccessResult, log: inout [String]
    ) -> AccessResult {
        guard let login = claimedLogin else {
            log.append("Authorization: no credentials")
            return .deny
        }
        guard login.hasSameScalars(as: user) else {
            log.append("Authorization: Username mismatch")
            return .deny
        }
        return authenticate(&log)
    }
}
