/// A cooperative, enterprise or household business whose products are in the programme.
public struct Producer: Hashable, Codable, Sendable {
    /// Stable slug, `[a-z0-9-]`.
    public var id: String
    public var name: String
    public var type: ProducerType
    /// District or town of the province (e.g. "Ba Chẽ").
    public var district: String
    /// Commune or ward.
    public var commune: String

    public init(id: String, name: String, type: ProducerType, district: String, commune: String) {
        self.id = id
        self.name = name
        self.type = type
        self.district = district
        self.commune = commune
    }
}
