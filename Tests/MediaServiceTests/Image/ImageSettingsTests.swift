import Logging
import MediaService
import Shared
import Testing

/// The image settings read from the environment, and a bad value names its variable.
@Suite struct ImageSettingsTests {
    @Test func defaultsArePixelsWithLimits() throws {
        let settings = try ImageSettings(from: ConfigSource(environment: [:]))
        #expect(settings.engine == .pixels)
        #expect(settings.limits == ImageLimits())
        #expect(settings.vision == nil)
        #expect(settings.makeAnalyzer(logger: .init(label: "test")).describer == nil)
    }

    @Test func visionReadsItsEndpoint() throws {
        let settings = try ImageSettings(from: ConfigSource(environment: [
            "MEDIA_IMAGE_ENGINE": "vision", "MEDIA_VISION_BASE_URL": "http://127.0.0.1:9999/v1/",
            "MEDIA_VISION_MODEL": "llava", "MEDIA_VISION_TIMEOUT_S": "2.5", "MEDIA_IMAGE_MAX_PIXELS": "1000000",
        ]))
        #expect(settings.engine == .vision)
        #expect(settings.limits.maxPixels == 1_000_000)
        #expect(settings.vision == VisionSettings(baseURL: "http://127.0.0.1:9999/v1", model: "llava",
                                                  timeout: .milliseconds(2500)))
        #expect(settings.makeAnalyzer(logger: .init(label: "test")).describer?.name == "vision")
    }

    @Test(arguments: [
        ("MEDIA_IMAGE_ENGINE", "magic"), ("MEDIA_IMAGE_MAX_BYTES", "12"), ("MEDIA_IMAGE_MAX_PIXELS", "lots"),
    ])
    func badValuesNameTheirVariable(variable: String, value: String) {
        #expect {
            _ = try ImageSettings(from: ConfigSource(environment: [variable: value]))
        } throws: { error in
            (error as? ConfigurationError)?.variable == variable
        }
    }
}
