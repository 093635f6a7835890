/// The legal form of an OCOP producer.
public enum ProducerType: String, CaseIterable, Codable, Sendable {
    /// Hợp tác xã.
    case cooperative
    /// A small or medium enterprise (công ty).
    case enterprise
    /// A household business (hộ kinh doanh).
    case household
}
