import Foundation

/// SHA-256 computed by Python's `hashlib`, independent of the server's own implementation.
enum Digest {
    /// The base64 of the SHA-256 of `bytes`.
    static func sha256Base64(_ bytes: [UInt8]) -> String {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = [
            "python3", "-c",
            "import base64, hashlib, sys; print(base64.b64encode(hashlib.sha256(sys.stdin.buffer.read()).digest()).decode())",
        ]
        let input = Pipe()
        let output = Pipe()
        process.standardInput = input
        process.standardOutput = output
        guard (try? process.run()) != nil else { return "" }
        let writer = input.fileHandleForWriting
        let data = Data(bytes)
        Thread { writer.write(data); try? writer.close() }.start()
        let result = output.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        return String(decoding: result, as: UTF8.self).trimmingCharacters(in: .whitespacesAndNewlines)
    }
}
