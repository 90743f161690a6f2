/// ISO 8601 durations of the forms HAPI uses for limits (hapi.md §7.7): `PnW` or
/// `P[nY][nM][nD][T[nH][nM][nS]]`, the last number possibly with a fraction. Years count 365
/// days and months 30, which is enough for a request limit.
enum ISODuration {
    /// The length in seconds, or nil when the text is not such a duration.
    static func seconds(_ text: String) -> Double? {
        var bytes = Array(text.utf8)[...]
        guard bytes.popFirst() == UInt8(ascii: "P"), !bytes.isEmpty else { return nil }
        let dateUnits: [UInt8: Double] = [
            UInt8(ascii: "Y"): 365 * 86_400, UInt8(ascii: "M"): 30 * 86_400, UInt8(ascii: "W"): 7 * 86_400, UInt8(ascii: "D"): 86_400,
        ]
        let timeUnits: [UInt8: Double] = [UInt8(ascii: "H"): 3600, UInt8(ascii: "M"): 60, UInt8(ascii: "S"): 1]
        var total = 0.0
        var inTime = false
        var sawNumber = false
        var number: [UInt8] = []
        while let byte = bytes.popFirst() {
            switch byte {
            case UInt8(ascii: "0")...UInt8(ascii: "9"), UInt8(ascii: "."):
                number.append(byte)
            case UInt8(ascii: "T"):
                guard !inTime, number.isEmpty, !bytes.isEmpty else { return nil }
                inTime = true
            default:
                guard let factor = (inTime ? timeUnits : dateUnits)[byte], !number.isEmpty,
                    let value = Double(String(decoding: number, as: UTF8.self)), value.isFinite
                else { return nil }
                total += value * factor
                number.removeAll()
                sawNumber = true
            }
        }
        return sawNumber && number.isEmpty ? total : nil
    }
}
