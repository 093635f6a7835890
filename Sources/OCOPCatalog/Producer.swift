/// A cooperative, enterprise or household business whose products are in the programme.
public struct Producer: Hashable, Codable, Sendable {
    /// Stable slug, `[a-z0-9-]`.
    public var id: String
    public var name: String
    public var type: ProducerType
    /// The district or town the commune belonged to before 1 July 2025, when Vietnam's districts were
    /// abolished (e.g. "Ba Chẽ"); empty when not known. Kept for the reports that still use it.
    public var district: String
    /// Commune or ward: the producer's address in the province.
    public var commune: String
    /// A number the operator can call (as written, e.g. "0203 3845 123"); nil when not known.
    public var phone: String?

    public init(id: String, name: String, type: ProducerType, district: String, commune: String, phone: String? = nil) {
        self.id = id
        self.name = name
        self.type = type
        self.district = district
        self.commune = commune
        self.phone = phone
    }
}
