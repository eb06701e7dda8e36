import Foundation
import Shared

/// Words that are no wish: never typos of a name, never searched for as keywords.
extension Lexicon {
    /// Common words that are never typos of a product name, brand or colour.
    static let stopwords: Set<String> = [
        "want", "need", "needs", "looking", "look", "something", "some", "with", "that", "this", "have", "good",
        "nice", "like", "show", "please", "more", "less", "than", "about", "around", "under", "over", "what",
        "which", "would", "could", "should", "thing", "things", "cool", "great", "really", "very", "much",
        "help", "find", "gift", "present", "wife", "husband", "friend", "home", "house", "room", "long",
        "price", "dollars", "bucks", "euros", "pounds", "rupees", "between", "below", "above", "maybe",
        "ones", "them", "they", "there", "here", "from", "your", "mine", "just", "only", "also", "still",
        "pair", "pairs", "kind", "sort", "type", "model", "models", "brand", "brands", "color", "colour",
        "size", "sizes", "colors", "colours", "screen", "inch", "inches", "budget", "cost", "costs", "spend", "cheaper", "buy",
        "buying", "purchase", "shopping", "store", "under", "within", "least", "most", "best", "better",
        "when", "where", "will", "into", "onto", "over", "then", "these", "those", "able", "make", "made",
        "other", "another", "same", "similar", "option", "options", "quality", "decent", "solid", "light",
        "dark", "mode", "fast", "slow", "high", "tall", "plus", "does", "doesnt", "dont", "didnt", "isnt",
        "wont", "cant", "know", "think", "thanks", "thank", "okay", "sure", "yeah", "mean", "each", "every",
        "send", "give", "lots", "pick", "sell", "sale", "deal", "deals", "items", "item", "products", "product",
        "stuff", "anything", "everything", "nothing", "hello", "hey", "want", "wants", "wanted", "looking",
        "search", "searching", "show", "shows", "showing", "list", "recommend", "suggest", "suggestions",
        "ideas", "idea", "first", "second", "third", "last", "next", "year", "years", "old", "tons", "work",
        // "For long hours, my back hurts": how long and why, not words of a listing.
        "hours", "hour", "hurts", "hurt", "getting",
        "well", "even", "ever", "once", "twice", "both", "either", "neither", "very", "good", "goods", "nice",
        "fine", "pretty", "kinda", "sorta", "gonna", "wanna", "gotta", "game", "games", "cooler", "newer",
        "range", "ranges", "mice", "roughly", "approximately", "tops", "upto", "grand", "dollar", "under",
        // Who a present is for, and asking to be told: context, not words to search for ("a gift for
        // my sister" searched for "sister", and kept it through the next turns).
        "sister", "sisters", "brother", "brothers", "sibling", "siblings", "mother", "father", "mom", "mum",
        "dad", "parents", "daughter", "daughters", "nephew", "niece", "aunt", "uncle", "cousin", "grandma",
        "grandpa", "grandmother", "grandfather", "boyfriend", "girlfriend", "fiance", "fiancee", "partner",
        "boss", "coworker", "coworkers", "colleague", "colleagues", "teacher", "tell", "son", "sons", "teenage",
        "teenager", "teenagers", "starting", "starts", "studies", "studying",
        // What someone is fond of says what to look for, not a word to find ("my dad who likes
        // coffee" searched for "likes").
        "likes", "liked", "love", "loves", "loved", "enjoy", "enjoys", "enjoyed", "prefer", "prefers",
    ]

    /// Words never read as typos of a name (`Lexicon.fuzzyMatch`): the stop words, common English
    /// words (a word spelled right is no slip: "tell" is not "Dell", "people" is not "purple",
    /// "sister" is not "Oster"), and a few common words the list lacks ("tony" is not "Sony").
    static let notTypos: Set<String> = stopwords.union(commonEnglishWords).union(productWords).union(["online", "demo", "tony"])

    /// `Words/common-english-words.txt`: SCOWL's common words, four letters or more
    /// (`scripts/make-common-words.sh`).
    static let commonEnglishWords: Set<String> = {
        guard let url = Bundle.module.url(forResource: "common-english-words", withExtension: "txt", subdirectory: "Words")
                ?? Bundle.module.url(forResource: "common-english-words", withExtension: "txt"),
              let text = try? String(contentsOf: url, encoding: .utf8) else {
            preconditionFailure("Words/common-english-words.txt is missing from the Understanding module's resources")
        }
        var words = Set<String>(minimumCapacity: 40_000)
        for line in text.split(separator: "\n") where !line.hasPrefix("#") { words.insert(String(line)) }
        return words
    }()

    /// Whether a brand's name is an ordinary word: a common one, or a word listings say things
    /// with (`productWords`: a brand "AirFlow" made "a pc case with good airflow" its cases).
    /// A name of two or three words is one when each is ("slim fit": "fit" is too short for the list).
    static func isOrdinaryWord(_ phrase: String) -> Bool {
        if commonEnglishWords.contains(phrase) || productWords.contains(phrase) { return true }
        let words = phrase.split(separator: " ").map(String.init)
        guard (2...3).contains(words.count), words.contains(where: commonEnglishWords.contains) else { return false }
        return words.allSatisfy { word in
            commonEnglishWords.contains(word) || productWords.contains(word) || stopwords.contains(word)
                || word.count <= 3 && word.allSatisfy(\.isLetter)
        }
    }

    /// Words of listings and shoppers that the common words (SCOWL's smaller lists) lack.
    static let productWords: Set<String> = [
        "airflow", "wireless", "bluetooth", "backlit", "breathable", "stainless", "handheld", "nonstick", "wifi",
    ]

    /// Words too common to become keywords.
    /// Words for who likes the thing before them ("a gift for a coffee lover"): the thing is the
    /// wish, not the person (before, "lover coffee"), and an ordinary word before them is no brand.
    static let likerWords: Set<String> = ["lover", "lovers", "enthusiast", "enthusiasts", "addict", "addicts", "junkie", "junkies"]

    static let keywordStopwords: Set<String> = likerWords.union(stopwords).union([
        "a", "an", "the", "i", "im", "me", "my", "we", "us", "our", "you", "it", "its", "is", "are", "be", "am",
        "for", "to", "of", "on", "at", "by", "and", "or", "but", "if", "so", "as", "up", "do", "can", "get", "go",
        "new", "any", "all", "one", "ok", "hi", "yes", "want", "need", "some", "got", "was", "has", "had",
        "how", "why", "who", "too", "now", "out", "off", "own", "per", "via", "let", "see", "try", "use",
        "lot", "bit", "way", "few", "many", "her", "him", "his", "she", "he", "them", "their", "please", "pls", "plz",
        // Contractions without their apostrophe, as the tokenizer leaves them ("what's" → "whats").
        "whats", "thats", "theres", "heres", "hows", "wheres", "whos", "lets", "ive", "youre", "theyre", "were",
        "hes", "shes", "theyll",
        // Asking what a measure is ("how much does the lightest one weigh?" before any was shown).
        "weigh", "weighs",
        // Who uses it ("a smartwatch for an iphone user"): no word of a title. What a part goes in
        // ("a power supply for my new build", "ram for my rig"): before, "build" found building sets.
        "user", "users", "build", "rig",
        // Sounds of thinking ("hmm, any from salomon?"): no word of a title.
        "hmm", "hmmm", "hm", "um", "umm", "uh", "uhh", "erm", "ah", "oh", "ooh", "well",
        // Chat spellings of "what" ("wat about sony").
        "wat", "wut", "whut",
        // Why it is wanted ("new headphones because mine broke", "is it worth getting a 4k monitor?"):
        // before, the keywords "because", "broke" and "worth"; the occasion and the shopper's
        // musing ("his birthday is next week and I was thinking maybe a headset").
        "because", "cause", "since", "broke", "broken", "died", "worth", "sessions", "session",
        "birthday", "bday", "anniversary", "christmas", "xmas", "week", "weeks", "thinking", "plays",
        // "Starting college next month": before, the keyword "month".
        "month", "months",
        // Words that soften or hedge ("under 700 though", "ideally blue"): before, "though" was a
        // thing searched for by name, which started a new search without a category.
        "though", "tho", "although", "anyway", "anyways", "honestly", "basically", "ideally", "preferably",
        "definitely", "perhaps", "alright", "kinda", "sorta",
        // Who is spoken to, and chat's asides ("under 700 mate", "under 700 lol"): a common noun
        // after a budget was a thing asked for by name, a new search without a category.
        "mate", "dude", "buddy", "bro", "pal", "lol", "haha", "hehe", "btw", "cheers", "thx", "ty",
        // Corrections: "sorry, I meant a tablet" (before, the keywords "sorry" and "meant").
        "sorry", "meant", "mean", "oops", "typo",
        "arent", "wasnt", "havent", "hasnt", "wouldnt", "couldnt", "shouldnt", "ill", "id", "youve", "weve", "itll",
        // Asking for more of the same search ("any others?", "next page"): no new requirement.
        "others", "other", "else", "options", "option", "next", "page", "results", "alternatives", "alternative",
        "anything", "ones", "different", "additional", "remaining", "rest", "keep", "going", "continue",
        // Measures asked about ("which has the biggest screen?" before anything was shown): no
        // title says "biggest".
        "biggest", "largest", "smallest", "highest", "lowest", "lightest", "heaviest", "longest", "fastest",
        // Leaving the choice to the assistant ("not sure, whatever is good").
        "whatever", "whichever", "anyhow", "makes", "making", "enough", "run", "handle", "handles", "person",
        // How it reaches a measure: "a desk that goes up to 48 inches" (before, the keyword "goes").
        "goes", "reaches",
        // Asking whether something exists ("do any of these come in white?").
        "come", "comes", "coming", "came", "exist", "exists",
        // Asking to compare what a search finds ("compare the first two laptops under 800"): the
        // comparison is of products shown, no word of a title.
        "compare", "comparing", "comparison", "versus",
        // When it is wanted ("a jacket by friday"): no word of a product.
        "today", "tonight", "tomorrow", "asap", "urgently", "monday", "tuesday", "wednesday", "thursday", "friday",
        "saturday", "sunday", "weekend",
        // What a thing holds or goes with is said by its amount ("a backpack that fits a 17 inch laptop").
        "fits", "fitting",
        // Saying what matters and how much ("battery life matters", "mostly note taking"): no word of a title.
        "matters", "matter", "counts", "important", "mostly", "mainly", "primarily", "usually", "probably",
        // Dropping the search ("start over, I need sneakers").
        "start", "scratch", "restart", "reset",
    ]).union(SmallTalk.words.values.joined())
}
