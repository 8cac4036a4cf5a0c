import Foundation

/// libFuzzer's entry point: parses the input as an update file, under a fixed name and under one made from its first
/// line, and traps when a property of `FuzzProperties` does not hold.
@_cdecl("LLVMFuzzerTestOneInput")
public func fuzz(_ start: UnsafePointer<UInt8>, _ count: Int) -> CInt {
    let violations = FuzzProperties.parserViolations(Data(bytes: start, count: count))
    precondition(violations.isEmpty, violations.joined(separator: "\n"))
    return 0
}
