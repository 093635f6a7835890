#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#elseif canImport(Darwin)
import Darwin
#endif
import Foundation

/// Who may use a state directory. By default its owner alone (0700, files 0600): the database holds sealed
/// tokens and every order. A directory that carries the set-group-id bit, as the Debian package makes
/// `/var/lib/ocopsync` (`ocopsync:ocopsync`, 2770), is shared with its group: the service's user and the
/// members of its group (and root) use the one database, and every file in it is 0660 and of that group.
public enum StateSharing: Sendable, Equatable {
    case owner
    case group

    /// The sharing a directory asks for; `.owner` when it does not exist yet.
    public static func of(directory: String) -> StateSharing {
        var info = stat()
        guard stat(directory, &info) == 0 else { return .owner }
        return info.st_mode & S_ISGID != 0 ? .group : .owner
    }

    /// The mode of the directory itself.
    public var directoryMode: mode_t { self == .group ? 0o2770 : 0o700 }
    /// The mode of every file ocopsync keeps in it.
    public var fileMode: mode_t { self == .group ? 0o660 : 0o600 }

    /// Sets `path` to `mode` when this process owns it and its mode differs (only the owner, or root, may).
    static func setMode(_ mode: mode_t, of path: String) {
        var info = stat()
        guard stat(path, &info) == 0, info.st_uid == getuid() || getuid() == 0, info.st_mode & 0o7777 != mode else { return }
        _ = chmod(path, mode)
    }
}
