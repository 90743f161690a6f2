/// One packet of a QStream, as delivered by ``QStreamReader``.
///
/// Every packet of the input produces exactly one event, so a pass-through can forward the
/// packet behind each event (``QStreamReader/withUnsafeLastPacket(_:)``) and reproduce the
/// input byte for byte.
public enum QStreamEvent: Sendable {
    /// A `[00]` stream descriptor (the first, or a repeat with the same id and byte order).
    case streamDescriptor(QStreamDescriptor)
    /// A `[NN]` packet descriptor (a new id or a redefinition).
    case packetDescriptor(QStreamPacketDescriptor)
    /// A `:NN:` data packet.
    case record(QStreamRecord)
    /// A `<comment>` packet; its `value` holds the QStream `message` attribute.
    case comment(Das2Comment)
    /// An `<exception>`; it ends the stream: ``QStreamReader/next()`` returns `nil` after it.
    case exception(Das2Exception)
    /// An `<enumerationUnit>` packet: a label for a code of a declared enumeration unit.
    case enumerationLabel(QStreamEnumerationLabel)
    /// A packet the reader ignores with a warning: an `[xx]` packet with an unknown root, or
    /// a `<stream>` in a packet that is not `[00]` (the reference reader ignores both).
    case skipped(element: String)
}
