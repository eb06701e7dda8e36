/// Splits a byte stream into lines (`\n`, with a trailing `\r` dropped), holding at most one line
/// plus one chunk in memory. A line longer than `maximumLineLength` is reported as `.tooLong` once
/// and its bytes are discarded, so memory stays bounded whatever the input.
struct LineSplitter {
    enum Line {
        case text([UInt8])
        case tooLong
    }

    let maximumLineLength: Int
    private var pending: [UInt8] = []
    private var isDiscarding = false

    init(maximumLineLength: Int = 1 << 20) {
        self.maximumLineLength = maximumLineLength
    }

    /// Feeds a chunk, calling `emit` for each complete line in it.
    mutating func feed(_ chunk: some Collection<UInt8>, _ emit: (Line) throws -> Void) rethrows {
        var start = chunk.startIndex
        while let newline = chunk[start...].firstIndex(of: UInt8(ascii: "\n")) {
            let piece = chunk[start..<newline]
            if isDiscarding {
                isDiscarding = false
            } else if pending.count + piece.count > maximumLineLength {
                pending.removeAll(keepingCapacity: true)
                try emit(.tooLong)
            } else {
                pending.append(contentsOf: piece)
                if pending.last == UInt8(ascii: "\r") { pending.removeLast() }
                try emit(.text(pending))
                pending.removeAll(keepingCapacity: true)
            }
            start = chunk.index(after: newline)
        }
        let rest = chunk[start...]
        guard !isDiscarding, !rest.isEmpty else { return }
        if pending.count + rest.count > maximumLineLength {
            pending.removeAll(keepingCapacity: true)
            isDiscarding = true
            try emit(.tooLong)
        } else {
            pending.append(contentsOf: rest)
        }
    }

    /// The last line when the input did not end with a newline.
    mutating func finish(_ emit: (Line) throws -> Void) rethrows {
        if !isDiscarding, !pending.isEmpty {
            if pending.last == UInt8(ascii: "\r") { pending.removeLast() }
            try emit(.text(pending))
        }
        pending.removeAll()
        isDiscarding = false
    }
}
