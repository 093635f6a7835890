import Foundation
import Synchronization

/// Threads of the daemon's own for the work that blocks while a request waits for it: the coverage and status
/// computations (and the coverage record after a pass). Swift's shared pool has one thread per core (two on the
/// province's server) and the admin API, the page and the webhooks answer on it: a computation of several
/// seconds there held one of its two threads. Work started with this executor as its preference runs here.
/// The account loops stay on the shared pool (see ``AccountSupervisor/run()``).
final class WorkerThreads: TaskExecutor, Sendable {
    /// The daemon's workers: twice as many as cores, at least four.
    static let shared = WorkerThreads(count: max(4, 2 * ProcessInfo.processInfo.activeProcessorCount), name: "ocopsync-w")

    private let queue = Mutex(JobQueue())
    private let waiting = DispatchSemaphore(value: 0)
    private let started = Mutex<Set<UInt>>([])

    init(count: Int, name: String) {
        for number in 0..<count {
            // Named from inside: on Linux the name is the thread's own (at most 15 bytes), shown by `top -H`.
            Thread { [self] in
                Thread.current.name = "\(name)-\(number)"
                started.withLock { _ = $0.insert(Self.currentThread) }
                self.work()
            }.start()
        }
    }

    /// The threads that have started, as ``currentThread`` names them.
    var threads: Set<UInt> { started.withLock { $0 } }

    /// The calling thread's identity (its POSIX thread id).
    static var currentThread: UInt { UInt(bitPattern: Int(bitPattern: pthread_self())) }

    func enqueue(_ job: consuming ExecutorJob) {
        let job = UnownedJob(job)
        queue.withLock { $0.push(job) }
        waiting.signal()
    }

    /// Runs jobs as they come, first in first out, for the life of the process.
    private func work() {
        while true {
            waiting.wait()
            guard let job = queue.withLock({ $0.pop() }) else { continue }
            job.runSynchronously(on: asUnownedTaskExecutor())
        }
    }

    /// First in, first out, in amortised constant time.
    private struct JobQueue {
        var incoming: [UnownedJob] = []
        var outgoing: [UnownedJob] = []

        mutating func push(_ job: UnownedJob) { incoming.append(job) }

        mutating func pop() -> UnownedJob? {
            if outgoing.isEmpty {
                outgoing = incoming.reversed()
                incoming.removeAll(keepingCapacity: true)
            }
            return outgoing.popLast()
        }
    }
}
