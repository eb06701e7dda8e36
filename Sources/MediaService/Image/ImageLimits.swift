/// What the service accepts, checked before any pixel is decoded.
public struct ImageLimits: Sendable, Equatable {
    /// Largest request body, in bytes.
    public var maxBytes: Int
    /// Largest width × height the header may declare: a decompression bomb is refused from its header.
    public var maxPixels: Int
    /// Largest width or height on its own.
    public var maxSide: Int

    public init(maxBytes: Int = 20 << 20, maxPixels: Int = 50_000_000, maxSide: Int = 20_000) {
        self.maxBytes = maxBytes
        self.maxPixels = maxPixels
        self.maxSide = maxSide
    }
}
