/// A JSON object: members in their original order, each name present at most once.
///
/// Order is kept so replies are written predictably and values round-trip unchanged; unique
/// names are enforced because the daemon rejects duplicate members rather than guessing which
/// one wins. Names are compared by their exact Unicode code points (UTF-8 bytes), not by Swift's
/// canonical equivalence, so NFC and NFD spellings are different names, as in RFC 8259.
public struct JSONObject: Sendable, Equatable, Sequence, CustomStringConvertible,
    ExpressibleByDictionaryLiteral {
    /// One member, the element type of the sequence.
    ///
    /// A labelled tuple so `for (key, value) in object` and `member.key` both read naturally.
    public typealias Element = (key: String, value: JSONValue)

    private var storage: [Element]

    /// Creates an empty object.
    ///
    /// The starting point for building replies member by member.
    public init() { storage = [] }

    /// Creates an object from members in the given order.
    ///
    /// Names must be unique (a precondition): duplicates are a programming error here, whereas
    /// the parser reports them in untrusted input as a `JSONParseError`.
    public init(_ members: [(String, JSONValue)]) {
        storage = members.map { (key: $0.0, value: $0.1) }
        precondition(JSONObject.namesAreUnique(storage), "JSONObject: duplicate member name")
    }

    /// Creates an object from a dictionary literal, keeping the literal's order.
    ///
    /// Lets code write `["jsonrpc": "2.0", "id": 1]` where a `JSONObject` is expected.
    public init(dictionaryLiteral elements: (String, JSONValue)...) {
        self.init(elements)
    }

    /// Wraps members the parser has already proven unique, skipping the check.
    init(uniqueMembers: [Element]) { storage = uniqueMembers }

    /// The members in order.
    ///
    /// Gives read access to the whole ordered list, e.g. for writing or inspection.
    public var members: [(key: String, value: JSONValue)] { storage }

    /// The number of members.
    ///
    /// Cheap size check, e.g. to reject an empty `params`.
    public var count: Int { storage.count }

    /// Whether the object has no members.
    ///
    /// Reads better than `count == 0`.
    public var isEmpty: Bool { storage.isEmpty }

    /// The member names in order.
    ///
    /// Useful for validating that a request carries no unknown members.
    public var keys: [String] { storage.map(\.key) }

    /// The value for `key`, or nil if absent; setting appends or replaces, setting nil removes.
    ///
    /// The one accessor for reading requests and building replies; lookups are a linear scan,
    /// which beats hashing for the handful of members a JSON-RPC object has.
    public subscript(key: String) -> JSONValue? {
        get {
            guard let i = index(of: key) else { return nil }
            return storage[i].value
        }
        set {
            let i = index(of: key)
            switch (i, newValue) {
            case let (i?, value?): storage[i].value = value
            case let (i?, nil): storage.remove(at: i)
            case let (nil, value?): storage.append((key: key, value: value))
            case (nil, nil): break
            }
        }
    }

    /// Returns an iterator over the members in order.
    ///
    /// Makes the object usable in `for (key, value) in object` loops.
    public func makeIterator() -> IndexingIterator<[Element]> { storage.makeIterator() }

    /// Whether both objects have the same members in the same order.
    ///
    /// Order matters because the object is an ordered list; names compare by code points.
    public static func == (lhs: JSONObject, rhs: JSONObject) -> Bool {
        guard lhs.storage.count == rhs.storage.count else { return false }
        for (a, b) in zip(lhs.storage, rhs.storage) {
            guard ExactKey.equal(a.key, b.key), a.value == b.value else { return false }
        }
        return true
    }

    /// The object as compact JSON.
    ///
    /// Handy in logs and test failure messages.
    public var description: String { JSONWriter.string(.object(self)) }

    private func index(of key: String) -> Int? {
        storage.firstIndex { ExactKey.equal($0.key, key) }
    }

    private static func namesAreUnique(_ members: [Element]) -> Bool {
        if members.count <= 12 {
            for i in members.indices {
                for j in members.indices where j > i {
                    if ExactKey.equal(members[i].key, members[j].key) { return false }
                }
            }
            return true
        }
        var seen = Set<ExactKey>(minimumCapacity: members.count)
        for member in members where !seen.insert(ExactKey(member.key)).inserted { return false }
        return true
    }
}
