#if canImport(Glibc)
import Glibc
#endif

/// The C heap of a long-running process whose large buffers come and go (a plan of a large catalog, every
/// listing read back): given back to the system once freed, so the daemon's resident memory follows what
/// it holds rather than the largest thing it once held. glibc's `mallopt` and `malloc_trim` are looked up
/// at run time (Swift's Glibc module does not export malloc.h); elsewhere this does nothing.
enum HeapRelease {
    /// Allocations of 128 KiB and more get mappings of their own, unmapped when freed. glibc otherwise
    /// raises that threshold each time a large buffer is freed, after which large buffers come from the heap
    /// and leave holes in it.
    static func configure() {
        typealias Mallopt = @convention(c) (Int32, Int32) -> Int32
        let mmapThreshold: Int32 = -3  // M_MMAP_THRESHOLD in malloc.h
        _ = function("mallopt", as: Mallopt.self)?(mmapThreshold, 128 * 1024)
    }

    /// Gives the heap's free pages back to the system (after a planning turn freed its buffers).
    static func trim() {
        typealias MallocTrim = @convention(c) (Int) -> Int32
        _ = function("malloc_trim", as: MallocTrim.self)?(0)
    }

    private static func function<Function>(_ name: String, as type: Function.Type) -> Function? {
        #if canImport(Glibc)
        guard let symbol = dlsym(dlopen(nil, RTLD_NOW), name) else { return nil }
        return unsafeBitCast(symbol, to: type)
        #else
        return nil
        #endif
    }
}
