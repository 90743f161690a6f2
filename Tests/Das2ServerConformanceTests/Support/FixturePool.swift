import Das2TestSupport
import Testing

/// The fixtures and standalone servers of one suite, created on first use and removed when
/// the suite ends (see ``FixturePoolTrait``): one fixture and at most one `das2-server` per
/// fixture variant, not one per case.
actor FixturePool {
    /// The pool of the running suite.
    @TaskLocal static var current: FixturePool?

    /// Bounds the `das2-cgi` processes running at once (the machine has few cores).
    let cgiLimiter = AsyncLimiter(limit: 4)

    private var fixtures: [ServerFixture.Options: ServerFixture] = [:]
    private var servers: [ServerFixture.Options: Task<StandaloneServer, any Error>] = [:]

    /// The pool of the running suite; fails when the suite lacks the `.fixturePool` trait.
    static func required() throws -> FixturePool {
        try #require(current, "the suite needs the .fixturePool trait")
    }

    /// The fixture for `options`, built on first use.
    func fixture(_ options: ServerFixture.Options) throws -> ServerFixture {
        if let fixture = fixtures[options] { return fixture }
        let fixture = try ServerFixture(options)
        fixtures[options] = fixture
        return fixture
    }

    /// The server for `options`, started on first use.
    func server(_ options: ServerFixture.Options) async throws -> StandaloneServer {
        if let task = servers[options] { return try await task.value }
        let fixture = try fixture(options)
        let task = Task { try await StandaloneServer.start(on: fixture) }
        servers[options] = task
        return try await task.value
    }

    /// Stops every server and removes every fixture.
    func shutdown() async {
        for task in servers.values {
            if let server = try? await task.value { await server.shutdown() }
        }
        servers = [:]
        for fixture in fixtures.values { fixture.remove() }
        fixtures = [:]
    }
}

/// Gives a suite a ``FixturePool`` for its whole run.
struct FixturePoolTrait: SuiteTrait, TestScoping {
    func provideScope(
        for test: Test, testCase: Test.Case?, performing function: @concurrent @Sendable () async throws -> Void
    ) async throws {
        let pool = FixturePool()
        do {
            try await FixturePool.$current.withValue(pool) { try await function() }
        } catch {
            await pool.shutdown()
            throw error
        }
        await pool.shutdown()
    }
}

extension Trait where Self == FixturePoolTrait {
    /// Fixtures and standalone servers shared by the suite's tests.
    static var fixturePool: Self { Self() }
}
