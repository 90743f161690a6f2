#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#elseif canImport(Darwin)
import Darwin
#endif

/// Blocking, unbuffered writes to standard output.
enum StandardOutput {
    /// Writes all of `bytes`, retrying partial and interrupted writes.
    /// - Returns: false when the write failed (the reader of the pipe is gone).
    @discardableResult
    static func writeAll(_ bytes: borrowing [UInt8]) -> Bool {
        bytes.withUnsafeBytes { buffer in
            var offset = 0
            while offset < buffer.count {
                let written = write(STDOUT_FILENO, buffer.baseAddress! + offset, buffer.count - offset)
                if written < 0 {
                    if errno == EINTR { continue }
                    return false
                }
                offset += written
            }
            return true
        }
    }
}
