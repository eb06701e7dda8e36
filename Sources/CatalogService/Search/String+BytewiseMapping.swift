extension String {
    /// The string with each UTF-8 byte passed through `transform`, for swapping one ASCII
    /// character for another ("_" for " "). Far cheaper than Foundation's `replacingOccurrences`,
    /// which builds an `NSString` each call. `transform` must map ASCII to ASCII and leave every
    /// byte ≥ 0x80 alone, so the result stays valid UTF-8.
    func mappingBytes(_ transform: (UInt8) -> UInt8) -> String {
        String(decoding: utf8.map(transform), as: UTF8.self)
    }
}
