/// Cuts a byte stream into lines for the log, bounding the length of every line.
///
/// A child that writes megabytes without a newline produces lines of at most
/// ``maximumLineLength`` bytes instead of one unbounded buffer.
struct LineAssembler {
    /// The longest line handed out; longer runs are cut.
    let maximumLineLength: Int
    private var pending: [UInt8] = []

    /// Creates an assembler.
    ///
    /// - Parameter maximumLineLength: The longest line handed out, at least 1.
    init(maximumLineLength: Int) {
        precondition(maximumLineLength > 0)
        self.maximumLineLength = maximumLineLength
    }

    /// Adds bytes and hands out every line they complete, without the line terminator.
    ///
    /// - Parameters:
    ///   - bytes: The next bytes of the stream.
    ///   - emit: Called with each complete line (a trailing carriage return removed).
    mutating func append(_ bytes: UnsafeRawBufferPointer, emit: ([UInt8]) -> Void) {
        var rest = bytes[...]
        while let newline = rest.firstIndex(of: 0x0A) {
            pending.append(contentsOf: rest[rest.startIndex..<newline])
            if pending.last == 0x0D {
                pending.removeLast()
            }
            emitPending(emit)
            rest = rest[(newline + 1)...]
        }
        pending.append(contentsOf: rest)
        if pending.count >= maximumLineLength {
            emitPending(emit)
        }
    }

    /// Hands out the unterminated rest of the stream, if any.
    ///
    /// - Parameter emit: Called with the last line.
    mutating func finish(emit: ([UInt8]) -> Void) {
        if !pending.isEmpty {
            emitPending(emit)
        }
    }

    private mutating func emitPending(_ emit: ([UInt8]) -> Void) {
        if pending.count <= maximumLineLength {
            emit(pending)
        } else {
            var start = 0
            while start < pending.count {
                let end = min(start + maximumLineLength, pending.count)
                emit(Array(pending[start..<end]))
                start = end
            }
        }
        pending.removeAll(keepingCapacity: true)
    }
}
