/// NUL-terminated copies of strings in one buffer, with a NULL-terminated array of pointers into it, in the shape
/// libpq's `const char *const *` arguments take.
struct CStringArray {
    private var storage: [CChar] = []
    private var offsets: [Int?] = []

    /// Copies of `strings`; a `nil` string becomes a NULL pointer.
    init(_ strings: [String?]) {
        for string in strings {
            guard let string else {
                offsets.append(nil)
                continue
            }
            offsets.append(storage.count)
            storage.append(contentsOf: string.utf8.map { CChar(bitPattern: $0) })
            storage.append(0)
        }
    }

    /// Calls `body` with the pointer array, valid only during the call.
    func withPointers<R, E: Error>(_ body: (UnsafePointer<UnsafePointer<CChar>?>) throws(E) -> R) throws(E) -> R {
        try storage.withUnsafeBufferPointer { (buffer) throws(E) -> R in
            let pointers = offsets.map { offset in offset.map { buffer.baseAddress! + $0 } } + [nil]
            return try pointers.withUnsafeBufferPointer { (pointers) throws(E) -> R in try body(pointers.baseAddress!) }
        }
    }
}
