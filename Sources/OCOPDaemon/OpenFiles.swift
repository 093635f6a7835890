import Foundation
import Logging

/// The open-files limit: every connection is one, so the daemon raises its soft limit to what its
/// listeners' caps need (up to the hard limit the unit's `LimitNOFILE=` sets), and says so when it cannot.
enum OpenFiles {
    static func raiseLimit(toAtLeast needed: Int, logger: Logger) {
        #if canImport(Glibc)
        let resource = __rlimit_resource_t(RLIMIT_NOFILE.rawValue)
        #else
        let resource = RLIMIT_NOFILE
        #endif
        var limit = rlimit()
        guard getrlimit(resource, &limit) == 0 else { return }
        let wanted = rlim_t(needed)
        if limit.rlim_cur < wanted {
            limit.rlim_cur = min(wanted, limit.rlim_max)
            _ = setrlimit(resource, &limit)
            _ = getrlimit(resource, &limit)
        }
        if limit.rlim_cur < wanted {
            logger.warning("open files are limited to \(limit.rlim_cur), below the \(needed) that limits.connections needs; raise LimitNOFILE= or lower limits.connections")
        }
    }
}
