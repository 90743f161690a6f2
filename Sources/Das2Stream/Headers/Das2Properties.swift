/// The ordered properties of a stream, packet or plane descriptor.
///
/// Order is preserved, and replacing a property follows das2C's storage rule so that filters
/// write headers byte-identical to the reference tools (tools.md §1.6): each property owns a
/// slot sized for the text it was created with; a new value that fits the slot stays in
/// place, a longer one leaves the old slot empty and moves to the end.
public struct Das2Properties: Sendable {
    struct Slot: Sendable {
        var property: Das2Property
        var isValid: Bool
        var capacity: Int
    }

    private(set) var slots: [Slot] = []

    /// Creates an empty property list.
    public init() {}

    /// Creates a list holding these properties in order.
    public init(_ properties: some Sequence<Das2Property>) {
        for property in properties { set(property) }
    }

    /// The property with this name, if any.
    public subscript(name: String) -> Das2Property? {
        for slot in slots where slot.isValid && slot.property.name == name { return slot.property }
        return nil
    }

    /// Adds a property or replaces the one with the same name.
    ///
    /// - Parameters:
    ///   - property: the new property.
    ///   - sourceText: the text the slot size is computed from; defaults to the value text.
    ///     Header parsing passes the full attribute value (units included), as das2C does.
    public mutating func set(_ property: Das2Property, sourceText: String? = nil) {
        let needed = Self.slotSize(name: property.name, value: sourceText ?? property.value)
        // das2C finds a slot by name even when it was emptied by an earlier move.
        if let index = slots.firstIndex(where: { $0.property.name == property.name }) {
            if needed <= slots[index].capacity {
                slots[index].property = property
                slots[index].isValid = true
                return
            }
            slots[index].isValid = false
        }
        slots.append(Slot(property: property, isValid: true, capacity: needed))
    }

    /// Removes the property with this name; returns whether there was one.
    @discardableResult
    public mutating func remove(_ name: String) -> Bool {
        guard let index = slots.firstIndex(where: { $0.isValid && $0.property.name == name }) else { return false }
        slots[index].isValid = false
        return true
    }

    /// A copy holding only the live properties, each keeping its slot size (das2C's copy of a
    /// descriptor, used when filters clone planes).
    func compacted() -> Das2Properties {
        var copy = Das2Properties()
        copy.slots = slots.filter(\.isValid)
        return copy
    }

    /// das2C's merge of another descriptor's properties into this one: a property whose name
    /// is already here overwrites it in place when its slot fits, and is otherwise dropped
    /// (leaving the old one emptied); new names are appended.
    mutating func copyIn(_ other: Das2Properties) {
        for slot in other.slots where slot.isValid {
            if let index = slots.firstIndex(where: { $0.property.name == slot.property.name }) {
                if slot.capacity <= slots[index].capacity {
                    slots[index].property = slot.property
                    slots[index].isValid = true
                } else {
                    slots[index].isValid = false
                }
            } else {
                slots.append(slot)
            }
        }
    }

    /// The number of properties.
    public var count: Int { slots.reduce(0) { $0 + ($1.isValid ? 1 : 0) } }

    /// Whether there are no properties.
    public var isEmpty: Bool { !slots.contains(where: \.isValid) }

    /// das2C's storage size of a property: two 8-byte words, the name and the value with their
    /// terminating NULs, at least 20 bytes.
    static func slotSize(name: String, value: String) -> Int {
        Swift.max(20, 16 + name.utf8.count + 1 + value.utf8.count + 1)
    }
}

extension Das2Properties: Sequence {
    public func makeIterator() -> some IteratorProtocol<Das2Property> {
        slots.lazy.filter(\.isValid).map(\.property).makeIterator()
    }
}

extension Das2Properties: Hashable {
    public static func == (lhs: Das2Properties, rhs: Das2Properties) -> Bool {
        lhs.elementsEqual(rhs)
    }

    public func hash(into hasher: inout Hasher) {
        for property in self { hasher.combine(property) }
    }
}

extension Das2Properties: ExpressibleByArrayLiteral {
    public init(arrayLiteral elements: Das2Property...) {
        self.init(elements)
    }
}
