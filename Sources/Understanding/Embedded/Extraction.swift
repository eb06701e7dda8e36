import Shared

/// What one utterance says, before it is merged into the session's spec.
struct Extraction: Sendable {
    /// In the order they were mentioned; the first one is the category of the request.
    var categories: [String] = []
    /// Categories named only as a spec's noun ("16gb ram"): used when no other category is.
    var weakCategories: [String] = []
    /// The kind such a noun names of its category ("ssd" of "1tb ssd", "ddr5" of "32gb ddr5"), by
    /// the category: kind words when that category is the one asked for.
    var weakKindWords: [String: [String]] = [:]
    var brands: [String] = []
    var excludedBrands: [String] = []
    /// Whether the brands are all that may be shown: "nvidia only", "just sony", "no other brands"
    /// (`RequirementSpec.brandsOnlyKey`).
    var brandsOnly = false
    /// Brands of `brands` named by an ordinary word without "from" or "by" ("an instant camera"),
    /// with the word: the brand only of a category it makes, else the word is searched for.
    var ordinaryWordBrands: [String: String] = [:]
    var colors: [String] = []
    var excludedColors: [String] = []
    var minPrice: Double?
    var maxPrice: Double?
    var currency: String?
    /// Numbers with no price cue and no unit ("800" answering "what's your budget?").
    var bareNumbers: [Double] = []
    var attributes: [String: String] = [:]
    /// Gigabytes with no "RAM" or "SSD" after them, decided once the category is known.
    var pendingCapacity: (value: Double, unit: String)?
    var features: [String] = []
    /// Parts asked for as the product talked about has them: "storage" of "a cheaper one with the
    /// same storage".
    var sameParts: [String] = []
    var useCase: String?
    /// Whether another use said after `useCase` replaces it: a child's ("a laptop for my daughter
    /// starting college") or a student's said as "studies" ("she studies graphic design").
    var useIsReplaceable = false
    var condition: String?
    var sort: RequirementSpec.SortOrder?
    var softSize: String?
    /// Unknown words said after a negation ("not a standing one"): what the products' titles
    /// must not have (`RequirementSpec.excludedWordsKey`).
    var excludedWords: [String] = []
    /// A number said after "in" ("in 32", "in a 10") or after whom it is for ("women's 7"): a size
    /// if the category has sizes, decided once the category is known; else what it was (a
    /// keyword, a budget answered).
    var numberMaybeSize: String?
    var refinements: Set<Refinement> = []
    var keywords: [String] = []
    /// Keywords that say which kind of the category is wanted: the words of its phrase that
    /// narrow it ("espresso" of "espresso machines"), or an unknown word right before its name
    /// ("sleeping" of "sleeping bags").
    var kindWords: [String] = []
    /// An unknown word right before the use case ("trail" of "trail running"): a kind of the
    /// category when the category is named by the use ("trail running shoes").
    var useQualifiers: [String] = []
    /// The unknown words after "by" ("by agatha christie"): an author, if the search is for books.
    var nameAfterBy: [String] = []
    /// The utterance asks for a thing by a word the lexicon does not know ("a doll for my
    /// niece", "do you have a kettle"): a new search, not a detail of the last one.
    var asksForUnknownThing = false
    /// The utterance asks what there is for a use ("what do you have for running?", "anything
    /// for the garden?") and names no product: after a search with no category, a new search.
    var asksForUse = false
    /// Tokens that meant something; for the confidence.
    var recognised = 0
    var tokenCount = 0

    var hasBudget: Bool { minPrice != nil || maxPrice != nil }
}
