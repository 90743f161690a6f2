#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#elseif canImport(Darwin)
import Darwin
#endif
@testable import Das2Cache
import Testing

/// Queue actors run on threads of their own, so their blocking calls never occupy the
/// cooperative pool.
@Suite("Thread executor")
struct ThreadExecutorTests {
    actor QueueActor {
        private let executor = ThreadExecutor()
        nonisolated var unownedExecutor: UnownedSerialExecutor { executor.asUnownedSerialExecutor() }
        private var order: [Int] = []

        func thread() -> UInt {
            UInt(pthread_self())
        }

        func append(_ value: Int) {
            order.append(value)
        }

        var values: [Int] { order }
    }

    @Test("each queue actor runs on a thread of its own")
    func ownThread() async {
        let one = QueueActor()
        let two = QueueActor()
        let first = await one.thread()
        #expect(first != UInt(pthread_self()))
        #expect(await one.thread() == first)
        #expect(await two.thread() != first)
    }

    @Test("jobs run one at a time in order")
    func serial() async {
        let queueActor = QueueActor()
        for value in 0..<200 { await queueActor.append(value) }
        #expect(await queueActor.values == Array(0..<200))
    }
}
