extension StringProtocol {
    /// Whether the text has `part`, ASCII letters compared without their case, read by bytes:
    /// `String.contains` of a string and Foundation's case-insensitive search read characters, a
    /// cost that showed in every reply. `nil` when either has a byte past ASCII, whose letters
    /// only Unicode's case rules fold: the caller compares characters then.
    public func containsASCII(caseInsensitive part: some StringProtocol) -> Bool? {
        var text = String(self), part = String(part)  // a native string is not copied
        text.makeContiguousUTF8()
        part.makeContiguousUTF8()
        return text.utf8.withContiguousStorageIfAvailable { bytes -> Bool? in
            part.utf8.withContiguousStorageIfAvailable { wanted -> Bool? in
                func folded(_ byte: UInt8) -> UInt8 { byte >= 0x41 && byte <= 0x5A ? byte | 0x20 : byte }
                guard !wanted.contains(where: { $0 >= 0x80 }) else { return nil }
                guard !wanted.isEmpty else { return true }
                var result = false
                if bytes.count >= wanted.count {
                    search: for start in 0...(bytes.count - wanted.count) {
                        var index = 0
                        while index < wanted.count, folded(bytes[start + index]) == folded(wanted[index]) { index += 1 }
                        if index == wanted.count {
                            result = true
                            break search
                        }
                    }
                }
                // Not found, and the text has a letter past ASCII that may be one of `part`'s folded.
                if !result, bytes.contains(where: { $0 >= 0x80 }) { return nil }
                return result
            } ?? nil
        } ?? nil
    }
}
