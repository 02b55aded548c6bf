import Dispatch
import HanText
#if canImport(Glibc)
import Glibc
#endif

/// The number of cores: the default of every `--jobs`.
func coreCount() -> Int {
    let count = Int(sysconf(Int32(_SC_NPROCESSORS_ONLN)))
    return count > 0 ? count : 1
}

/// A fixed set of per-worker resources (a tokenizer, an extractor: ICU objects are not
/// thread-safe) handed out one per running task.
final class WorkerPool<Resource>: @unchecked Sendable {
    private var free: [Resource]
    private var lock = pthread_mutex_t()

    init(count: Int, make: () throws -> Resource) rethrows {
        free = try (0..<max(1, count)).map { _ in try make() }
        pthread_mutex_init(&lock, nil)
    }

    deinit { pthread_mutex_destroy(&lock) }

    var count: Int { free.count }

    func with<T>(_ body: (Resource) throws -> T) rethrows -> T {
        pthread_mutex_lock(&lock)
        let resource = free.removeLast()
        pthread_mutex_unlock(&lock)
        defer {
            pthread_mutex_lock(&lock)
            free.append(resource)
            pthread_mutex_unlock(&lock)
        }
        return try body(resource)
    }
}

/// Maps `items` to results on up to `jobs` threads; results come back in input order.
func parallelMap<Item, Result>(_ items: [Item], jobs: Int, _ transform: (Item) -> Result) -> [Result] {
    if jobs <= 1 || items.count <= 1 { return items.map(transform) }
    let slots = UnsafeMutableBufferPointer<Result?>.allocate(capacity: items.count)
    slots.initialize(repeating: nil)
    defer {
        slots.deinitialize()
        slots.deallocate()
    }
    nonisolated(unsafe) let unsafeSlots = slots
    nonisolated(unsafe) let unsafeItems = items
    withoutActuallyEscaping(transform) { transform in
        nonisolated(unsafe) let work = transform
        DispatchQueue.concurrentPerform(iterations: unsafeItems.count) { index in
            unsafeSlots[index] = work(unsafeItems[index])
        }
    }
    return slots.map { $0! }
}

/// The peak resident set size of this process, in bytes.
///
/// Read from `VmHWM` in /proc/self/status: getrusage's `ru_maxrss` also counts the memory of the
/// parent process this one was forked from before it exec'd, which overstates a child started by
/// a large parent (a test harness holding its input).
func peakResidentBytes() -> Int {
    if let status = try? ByteSource(path: "/proc/self/status").readAll() {
        for line in String(decoding: status, as: UTF8.self).split(separator: "\n") where line.hasPrefix("VmHWM:") {
            let digits = line.filter(\.isNumber)
            if let kibibytes = Int(digits) { return kibibytes * 1024 }
        }
    }
    var usage = rusage()
    guard getrusage(RUSAGE_SELF.rawValue, &usage) == 0 else { return 0 }
    return Int(usage.ru_maxrss) * 1024
}
