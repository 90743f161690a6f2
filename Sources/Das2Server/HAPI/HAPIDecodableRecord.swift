import Das2Stream

/// A das2 record the HAPI conversion decodes: a kept `Das2Record` from the event path or an
/// in-place `UnsafeDas2Record` from the batch path, so both take one code path.
protocol HAPIDecodableRecord {
    var packetID: Int { get }
    var valueCount: Int { get }
    func decode(into values: UnsafeMutableBufferPointer<Double>) throws(Das2StreamError)
}

extension Das2Record: HAPIDecodableRecord {}
extension UnsafeDas2Record: HAPIDecodableRecord {}
