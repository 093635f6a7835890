/// Outer dimensions of a packed product in whole millimetres.
public struct Dimensions: Hashable, Codable, Sendable {
    public var lengthMM: Int
    public var widthMM: Int
    public var heightMM: Int

    public init(lengthMM: Int, widthMM: Int, heightMM: Int) {
        self.lengthMM = lengthMM
        self.widthMM = widthMM
        self.heightMM = heightMM
    }
}
