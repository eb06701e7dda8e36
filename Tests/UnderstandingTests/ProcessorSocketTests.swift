import Shared
import Testing
@testable import Understanding

/// A processor named as what a part is for asks for the socket it fits: "a motherboard for a ryzen
/// 7 7800x3d" is an AM5 board (before, the keywords "ryzen", "7" and "x3d", and "None of the best
/// matches mentions "7"").
@Suite(.timeLimit(.minutes(1)))
struct ProcessorSocketTests {
    let interpreter = EmbeddedInterpreter()

    @Test func aProcessorAPartIsForAsksForItsSocket() {
        let cases: [(String, String)] = [
            ("a motherboard for a ryzen 7 7800x3d", "AM5"), ("a motherboard for my ryzen 5 5600x", "AM4"),
            ("motherboard for an intel core i5 12400f", "LGA1700"), ("a motherboard that works with the i7-14700k", "LGA1700"),
            ("a motherboard for a core ultra 7 265k", "LGA1851"), ("a motherboard for my old i7 8700k", "LGA1151"),
            ("a motherboard for an i9-10900k", "LGA1200"),
        ]
        for (text, socket) in cases {
            let spec = interpreter.spec(for: TurnContext(text: text))
            #expect(spec.attributes["socket"] == socket, "\(text): \(spec)")
            #expect(!spec.keywords.contains("7") && !spec.keywords.contains("x3d") && !spec.keywords.contains("ryzen"), "\(text): \(spec)")
        }
        // Asked for itself, or a number that names no processor: no socket.
        #expect(interpreter.spec(for: TurnContext(text: "a ryzen 7 7800x3d")).attributes["socket"] == nil)
        #expect(interpreter.spec(for: TurnContext(text: "a motherboard for a ryzen 6 6000")).attributes["socket"] == nil)
        #expect(AttributeName.reason(key: "socket", value: "AM5") == "fits AM5")
    }
}
