#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#elseif canImport(Darwin)
import Darwin
#endif

/// A serial executor that runs its jobs on one dedicated thread.
///
/// The queue backends call blocking APIs (hiredis, file locks); an actor whose
/// `unownedExecutor` is one of these keeps those calls off the cooperative thread pool, so a
/// slow or dead broker never starves other tasks. The thread ends when the executor is
/// released and its queue is empty.
final class ThreadExecutor: SerialExecutor, @unchecked Sendable {
    private let jobs = JobList()

    /// Starts the thread.
    init() {
        let jobs = jobs
        let executor = UnownedSerialExecutor(ordinary: self)
        let body = Unmanaged.passRetained(ThreadBody { jobs.run(on: executor) }).toOpaque()
        var thread = pthread_t()
        let created = pthread_create(&thread, nil, { argument in
            let body = Unmanaged<ThreadBody>.fromOpaque(argument!).takeRetainedValue()
            body.run()
            return nil
        }, body)
        precondition(created == 0, "cannot start a queue thread: error \(created)")
        pthread_detach(thread)
    }

    func enqueue(_ job: consuming ExecutorJob) {
        jobs.push(UnownedJob(job))
    }

    func asUnownedSerialExecutor() -> UnownedSerialExecutor {
        UnownedSerialExecutor(ordinary: self)
    }

    deinit {
        jobs.stop()
    }
}

/// The closure a new thread runs.
private final class ThreadBody {
    let run: () -> Void
    init(_ run: @escaping () -> Void) { self.run = run }
}

/// Jobs waiting for the thread, guarded by a pthread mutex and condition variable.
private final class JobList: @unchecked Sendable {
    private let mutex = UnsafeMutablePointer<pthread_mutex_t>.allocate(capacity: 1)
    private let condition = UnsafeMutablePointer<pthread_cond_t>.allocate(capacity: 1)
    private var pending: [UnownedJob] = []
    private var stopped = false

    init() {
        pthread_mutex_init(mutex, nil)
        pthread_cond_init(condition, nil)
    }

    func push(_ job: UnownedJob) {
        pthread_mutex_lock(mutex)
        pending.append(job)
        pthread_cond_signal(condition)
        pthread_mutex_unlock(mutex)
    }

    func stop() {
        pthread_mutex_lock(mutex)
        stopped = true
        pthread_cond_signal(condition)
        pthread_mutex_unlock(mutex)
    }

    /// Runs jobs in order until stopped with nothing left to run.
    func run(on executor: UnownedSerialExecutor) {
        var batch: [UnownedJob] = []
        while true {
            pthread_mutex_lock(mutex)
            while pending.isEmpty && !stopped {
                pthread_cond_wait(condition, mutex)
            }
            if pending.isEmpty {
                pthread_mutex_unlock(mutex)
                return
            }
            swap(&batch, &pending)
            pthread_mutex_unlock(mutex)
            for job in batch {
                job.runSynchronously(on: executor)
            }
            batch.removeAll(keepingCapacity: true)
        }
    }

    deinit {
        pthread_cond_destroy(condition)
        pthread_mutex_destroy(mutex)
        condition.deallocate()
        mutex.deallocate()
    }
}
