import Foundation

/// Where the seed data of Quang Ninh is found: `--seeds`, `$OCOPSYNC_SEEDS`, `./seeds`, or
/// `share/ocopsync/seeds` beside the installed binary.
enum SeedFiles {
    static let catalogFileName = "quang-ninh-catalog.csv"

    static func directory(explicit: String?) throws -> String {
        try ProjectFiles.directory(named: "seeds", containing: catalogFileName, explicit: explicit, environmentKey: "OCOPSYNC_SEEDS")
    }
}
