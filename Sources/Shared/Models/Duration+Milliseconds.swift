extension Duration {
    /// The duration in whole milliseconds (truncated), for wire fields such as `duration_ms`.
    public var wholeMilliseconds: Int {
        Int(components.seconds * 1000 + components.attoseconds / 1_000_000_000_000_000)
    }

    /// The duration in whole nanoseconds (truncated).
    public var wholeNanoseconds: Int {
        Int(components.seconds * 1_000_000_000 + components.attoseconds / 1_000_000_000)
    }
}
