/// What a sync does when a listing was edited on the platform.
public enum RemoteEditRule: String, CaseIterable, Equatable, Sendable {
    /// The catalog wins.
    case overwrite
    /// The platform's value is taken into the catalog.
    case adopt
    /// Reported, left as is.
    case report
}
