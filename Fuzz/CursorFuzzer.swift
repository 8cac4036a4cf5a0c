import Foundation

/// libFuzzer's entry point: decodes the input as a stored cursor, and traps when a property of `FuzzProperties`
/// does not hold.
@_cdecl("LLVMFuzzerTestOneInput")
public func fuzz(_ start: UnsafePointer<UInt8>, _ count: Int) -> CInt {
    let violations = FuzzProperties.cursorViolations(Data(bytes: start, count: count))
    precondition(violations.isEmpty, violations.joined(separator: "\n"))
    return 0
}
