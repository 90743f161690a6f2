/// A data record whose values can be decoded: a kept ``Das2Record`` or an in-place
/// ``UnsafeDas2Record``, so filters (here and the server's HAPI conversion) handle both with
/// one code path.
package protocol DecodableRecord {
    var packetID: Int { get }
    var valueCount: Int { get }
    func decode(into values: UnsafeMutableBufferPointer<Double>) throws(Das2StreamError)
}

extension Das2Record: DecodableRecord {}
extension UnsafeDas2Record: DecodableRecord {}
