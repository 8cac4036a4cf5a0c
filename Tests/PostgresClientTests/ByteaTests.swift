import PostgresClient
import Testing

@Suite struct ByteaTests {
    @Test func decodesTheHexFormat() {
        #expect(PostgresBytea.decode(#"\x00ff10"#) == [0, 255, 16])
        #expect(PostgresBytea.decode(#"\xDEADbeef"#) == [0xde, 0xad, 0xbe, 0xef])
        #expect(PostgresBytea.decode(#"\x"#) == [])
    }

    @Test func refusesWhatIsNotTheHexFormat() {
        for text in [#"\x0"#, #"\x0g"#, "abc", #"\001abc"#, "", "x00"] {
            #expect(PostgresBytea.decode(text) == nil, "\(text)")
        }
    }

    @Test func encodesWhatItDecodes() {
        let bytes = (0...255).map(UInt8.init)
        #expect(PostgresBytea.encode([0, 171, 255]) == #"\x00abff"#)
        #expect(PostgresBytea.decode(PostgresBytea.encode(bytes)) == bytes)
    }
}
