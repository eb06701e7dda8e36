extension String {
    /// Whether every byte is ASCII: the text the byte-wise paths here take as it is.
    var isAllASCII: Bool { utf8.allSatisfy { $0 < 0x80 } }

    /// Whether `other`'s UTF-8 bytes occur in this string's (an empty `other` does not, as with
    /// Foundation's `contains`). Byte by byte: Foundation's `contains` builds `NSString`s and
    /// compares canonically equivalent spellings as equal, which text normalised on both sides
    /// does not need.
    func containsBytes(of other: String) -> Bool {
        var text = self, other = other
        return text.withUTF8 { text in
            other.withUTF8 { other in
                guard !other.isEmpty, other.count <= text.count else { return false }
                return (0...(text.count - other.count)).contains { text.has(other, at: $0) }
            }
        }
    }

    /// The parts between each occurrence of `separator` (empty parts kept), found byte by byte:
    /// the generic `split(separator:)` with a string separator was half of reading a product row.
    func splittingBytes(on separator: String) -> [String] {
        var text = self, separator = separator
        return text.withUTF8 { bytes in
            separator.withUTF8 { separator in
                guard !separator.isEmpty else { return [self] }
                var parts: [String] = [], start = 0, index = 0
                while index + separator.count <= bytes.count {
                    if bytes.has(separator, at: index) {
                        parts.append(String(decoding: UnsafeBufferPointer(rebasing: bytes[start..<index]), as: UTF8.self))
                        index += separator.count
                        start = index
                    } else {
                        index += 1
                    }
                }
                parts.append(String(decoding: UnsafeBufferPointer(rebasing: bytes[start...]), as: UTF8.self))
                return parts
            }
        }
    }
}

extension UnsafeBufferPointer<UInt8> {
    /// Whether `other`'s bytes start at `index` (which leaves room for all of them).
    fileprivate func has(_ other: UnsafeBufferPointer<UInt8>, at index: Int) -> Bool {
        self[index] == other[0] && UnsafeBufferPointer(rebasing: self[index..<(index + other.count)]).elementsEqual(other)
    }
}
