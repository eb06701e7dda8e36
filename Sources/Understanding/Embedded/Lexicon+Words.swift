import Foundation
import Shared

/// The engine's word lists: shopping language that no catalog lists.
extension Lexicon {
    static let colors: [(String, [String])] = [
        ("black", ["black", "jet black", "matte black"]), ("white", ["white", "off white", "ivory"]),
        ("red", ["red", "crimson", "scarlet"]), ("blue", ["blue", "royal blue", "sky blue", "light blue"]),
        ("navy", ["navy", "navy blue", "dark blue"]), ("green", ["green", "dark green", "forest green"]),
        ("olive", ["olive", "olive green", "khaki green"]), ("yellow", ["yellow", "mustard"]),
        ("orange", ["orange"]), ("purple", ["purple", "violet", "lavender", "lilac"]), ("pink", ["pink", "hot pink"]),
        ("brown", ["brown", "chocolate", "tan", "camel"]), ("beige", ["beige", "cream", "khaki", "sand"]),
        ("grey", ["grey", "gray", "charcoal", "graphite", "space gray", "space grey"]),
        ("silver", ["silver"]), ("gold", ["gold", "golden"]), ("rose gold", ["rose gold"]),
        ("burgundy", ["burgundy", "maroon", "wine"]), ("teal", ["teal", "turquoise"]),
    ]

    static let conditions: [(String, [String])] = [
        ("new", ["brand new", "new condition", "only new", "new only", "factory sealed", "sealed"]),
        ("used", ["used", "second hand", "secondhand", "pre owned", "preowned", "preloved", "pre loved"]),
        ("refurbished", ["refurbished", "refurb", "refurbed", "renewed", "reconditioned", "certified refurbished"]),
        ("open box", ["open box", "openbox"]),
    ]

    static let useCases: [(String, [String])] = [
        ("gaming", ["gaming", "gamer", "gamers", "games", "esports", "fortnite", "video games", "cyberpunk",
                    "call of duty", "elden ring", "gta", "valorant", "league of legends", "aaa games"]),
        ("running", ["running", "jogging", "marathon", "marathons", "runs"]),
        ("work", ["work", "office", "business", "remote work", "working from home", "wfh"]),
        ("school", ["school", "student", "students", "college", "university", "class", "classes", "homework",
                    "note taking", "taking notes", "lectures"] + Array(studyWords)),
        ("travel", ["travel", "traveling", "travelling", "trips", "flights", "commute", "commuting",
                    // "A camera for my trip to japan": before, the keywords "trip" and "japan".
                    "trip", "vacation", "vacations"]),
        ("hiking", ["hiking", "hikes", "trekking", "backpacking", "trails"]),
        ("camping", ["camping", "campsite"]),
        ("video editing", ["video editing", "editing videos", "edit videos", "content creation"]),
        ("photography", ["photography", "photo editing", "photos", "taking pictures", "taking photos", "takes photos", "take photos",
                          "takes pictures", "take pictures"]),
        ("programming", ["programming", "coding", "software development", "developer", "developers"]),
        ("fitness", ["gym", "workout", "workouts", "exercise", "fitness", "training", "lifting", "crossfit",
                     // "I want to start working out at home": before, the keyword "working".
                     "working out", "work out", "home workouts", "home gym", "exercising"]),
        ("music", ["music", "listening to music", "music production", "podcasts"]),
        ("streaming", ["streaming", "netflix", "movies", "watching movies", "binge watching"]),
        // Fast motion: a TV's refresh rate (`useNeeds`).
        ("sports", ["sports", "watching sports", "live sports", "watching the game", "watching football"]),
        ("kids", ["kids", "kid", "children", "child", "toddler", "toddlers", "boys", "girls", "my son",
                  "my daughter", "boy", "girl", "a boy", "a girl", "little boy", "little girl"]),
        ("calls", ["calls", "zoom calls", "zoom meetings", "meetings", "video calls", "conference calls", "on zoom", "for zoom"]),
        ("winter", ["winter", "winters", "snow", "cold weather", "skiing", "freezing"]),
        ("swimming", ["swimming", "swim", "swims", "the pool", "laps", "diving", "snorkeling", "snorkelling"]),
        // Not a name: "a speaker for the beach" listed a Hamilton Beach blender as the closest.
        ("beach", ["beach", "the beach", "beaches", "beach trip", "beach trips"]),
        ("rain", ["rain", "rainy", "wet weather"]),
        ("yoga", ["yoga", "pilates"]),
        ("basketball", ["basketball"]), ("tennis", ["tennis"]), ("walking", ["walking", "walks"]),
        ("cooking", ["cooking", "baking", "meal prep", "cook", "to cook", "cooks", "bake", "to bake"]), ("reading", ["reading"]),
        ("weddings", ["wedding", "weddings", "a wedding"]), ("parties", ["party", "parties", "a party"]),
        // Rooms say where a thing goes, not what it is: "a coffee table for a small living room"
        // searched for "coffee table living" by name.
        ("living room", ["living room", "the living room", "living rooms", "lounge"]),
        ("bedroom", ["bedroom", "the bedroom", "bedrooms"]), ("bathroom", ["bathroom", "the bathroom", "bathrooms"]),
        ("dining room", ["dining room", "the dining room"]),
        ("drawing", ["drawing", "sketching", "doodling", "digital drawing", "drawing and painting"]),
        ("graphic design", ["graphic design", "graphic designer", "graphic designers", "digital art", "illustration",
                            "photoshop", "design work", "designing"]),
    ]

    /// "A laptop for my son who studies engineering": a student's, for school (before, "laptops
    /// for kids"), unless what is studied is a use of its own ("studies graphic design").
    static let studyWords: Set<String> = ["studies", "studying"]

    /// The use a child is said with ("my daughter", "kids"): who the product is for, which any
    /// other use said with it overrides.
    static let childrenUse = "kids"

    /// Uses as a sentence says them after "for", where the use's name alone would not do.
    static let spokenUses: [String: String] = [
        "beach": "the beach", "living room": "the living room", "bedroom": "the bedroom", "bathroom": "the bathroom",
        "dining room": "the dining room",
    ]

    /// Words of the catalog's category names and departments that serve a use case: what the
    /// clarifying question offers for "a gift for my mom, she loves cooking".
    static let useCaseCategoryWords: [String: [String]] = [
        "gaming": ["gaming", "laptops", "graphics", "keyboards", "mice", "headsets", "monitors"],
        "running": ["running"], "walking": ["sneakers", "walking"],
        "work": ["laptops", "monitors", "office", "desks"], "school": ["laptops", "tablets", "backpacks"],
        "travel": ["backpacks", "luggage", "headphones", "bags"], "hiking": ["hiking", "backpacks", "boots", "tents"],
        // Not "outdoors": a department of that name holds yoga mats too ("Sports & Outdoors").
        "camping": ["camping", "tents", "backpacks"], "video editing": ["laptops", "monitors"],
        "photography": ["cameras"], "programming": ["laptops", "keyboards", "monitors"],
        "fitness": ["smartwatches", "yoga", "fitness", "sports"], "music": ["headphones", "speakers"],
        "streaming": ["tvs", "streaming"], "kids": ["toys", "building"], "calls": ["headphones", "headsets", "webcams"],
        "winter": ["jackets", "boots"], "swimming": ["smartwatches", "swim"], "rain": ["jackets", "boots"], "yoga": ["yoga"],
        "basketball": ["basketball", "sneakers"], "tennis": ["tennis", "sneakers"],
        "cooking": ["kitchen", "cookware", "coffee", "blenders", "fryers"], "reading": ["books", "fiction", "tablets"],
        "drawing": ["tablets"],
    ]

    /// What a use asks of a product of a category (by its lower-cased name), as amounts the
    /// catalog ranks by, of which more serves as well: video editing on a laptop wants 16GB of
    /// memory, and the reply says why those come first. Set when the shopper names the use or
    /// the category, unless the search asks for that amount already.
    static let useNeeds: [String: [String: [String: String]]] = [
        "laptops": ["video editing": ["ram": "16GB"], "photography": ["ram": "16GB"], "programming": ["ram": "16GB"],
                    "gaming": ["ram": "16GB"], "graphic design": ["ram": "16GB"]],
        "desktops": ["video editing": ["ram": "16GB"], "photography": ["ram": "16GB"], "programming": ["ram": "16GB"],
                     "gaming": ["ram": "16GB"]],
        "monitors": ["gaming": ["refresh_rate": "144Hz"]],
        // Fast motion is smooth at 120Hz.
        "tvs": ["sports": ["refresh_rate": "120Hz"], "gaming": ["refresh_rate": "120Hz"]],
        "phones": ["gaming": ["ram": "8GB"]],
        // 50 m (5 ATM) is what a watch needs for swimming.
        "smartwatches": ["swimming": ["water_resistance": "50m"]],
    ]

    /// Single words that name a category and a kind of it: "ssd" is Storage, but not a hard
    /// drive; "earbuds" are Headphones, but not over-ear ones. Searched as the kind too (a title
    /// with the word comes first), where "notebook" or "television" only name the category.
    static let kindNames: Set<String> = [
        "ssd", "ssds", "hdd", "hdds", "nvme", "earbud", "earbuds", "headset", "headsets", "dslr", "dslrs",
        "ddr4", "ddr5", "parka", "parkas", "raincoat", "raincoats", "windbreaker", "windbreakers", "trackball",
        "chromebook", "chromebooks", "macbook", "macbooks", "ipad", "ipads", "kindle", "kindles", "ereader",
        "daypack", "daypacks", "serum", "serums", "moisturizer", "moisturizers", "moisturiser", "moisturisers",
        "paperback", "paperbacks", "hardcover", "hardcovers", "sweatshirt", "sweatshirts", "pullover", "pullovers",
        "espresso",
    ]

    /// Kind names that qualify the category's name rather than replace it: "espresso" coffee
    /// makers are espresso machines, not "espressos".
    static let kindQualifiers: Set<String> = ["espresso"]

    /// Category synonyms that name it by what it is for ("make smoothies": Blenders), which say
    /// no kind of it.
    static let purposeNames: Set<String> = ["make smoothies", "making smoothies"]

    /// What a product of a category needs to go with one of another, as a feature its listings
    /// state: a backpack for a laptop has a laptop sleeve (lower-cased category names).
    static let companionFeatures: [String: [String: String]] = [
        "backpacks": ["laptops": "laptop sleeve", "tablets": "laptop sleeve"],
    ]

    /// What a part goes in, said with it ("ram for my pc", "ddr5 for my laptop"), as the kind
    /// word its listings use (lower-cased category names): a laptop takes "laptop memory"
    /// (SODIMM), a desktop "desktop memory" (before, a laptop module came first for a pc).
    static let partHosts: [String: [(kind: String, words: Set<String>)]] = [
        "memory": [("laptop", ["laptop", "laptops", "notebook", "macbook"]),
                   ("desktop", ["pc", "desktop", "computer", "tower", "rig"])],
    ]

    static let features: [(String, [String])] = [
        ("wireless", ["wireless", "cable free"]), ("bluetooth", ["bluetooth", "bt"]),
        // A mattress's or a pillow's foam, not computer memory (before, "memory foam" after a
        // mattress searched memory kits).
        ("memory foam", ["memory foam"]),
        // What vacuums, drills and kettles say, where a cordless one is no wireless one.
        ("cordless", ["cordless", "battery powered", "no cord"]),
        ("pet hair", ["pet hair", "pet hairs", "dog hair", "cat hair", "pet fur",
                      // "A vacuum for a house with two dogs": what pets leave behind.
                      "pets", "dogs", "cats", "shedding",
                      // "A small apartment and a cat": before, the keyword "cat".
                      "a cat", "a dog", "my cat", "my dog", "two cats", "two dogs", "a pet", "my pet"]),
        ("bagless", ["bagless", "no bags"]),
        ("lumbar support", ["lumbar support", "lumbar", "back support", "lower back support", "back pain", "bad back",
                            "backache", "back problems", "lower back pain", "back hurts", "back ache", "sore back",
                            "back issues", "back aches", "bad posture"]),
        ("adjustable arms", ["adjustable arms", "adjustable armrests", "adjustable arm rests"]),
        ("noise cancelling", ["noise cancelling", "noise canceling", "noise cancellation", "anc",
                              "noise canceling headphones"]),
        ("waterproof", ["waterproof", "water resistant", "water proof", "water repellent"]),
        ("backlit", ["backlit", "backlight", "backlighting"]), ("mechanical", ["mechanical"]),
        ("touchscreen", ["touchscreen", "touch screen"]), ("oled", ["oled", "amoled"]),
        ("usb-c", ["usb c", "usbc", "type c"]), ("fast charging", ["fast charging", "quick charge"]),
        // A lamp's or a desk's port, not a search for USB hubs ("a desk lamp with a usb port").
        ("usb port", ["usb port", "usb ports", "usb charging port", "usb charging"]),
        // How a mattress or a pillow feels (before, "mattress firm" was a name no title had).
        ("firm", ["firm", "extra firm", "medium firm"]),
        ("5g", ["5g"]), ("gps", ["gps"]),
        // Sitting for long: what an ergonomic chair is for ("an office chair for long hours"
        // searched for no such thing; its listings say "ergonomic", none "comfortable").
        ("ergonomic", ["ergonomic", "ergo", "long hours", "sitting all day", "sit all day", "all day at a desk",
                       "long work days", "long workdays", "long days at the desk"]),
        // A power supply's cables and efficiency rating: "fully modular" was the desk brand Fully,
        // "80+ gold" a budget of $80 or more and the colour gold.
        ("fully modular", ["fully modular", "full modular"]), ("semi modular", ["semi modular"]),
        ("80 plus", ["80 plus certified", "80 plus rated"]),
        // "I spill a lot", "a vacuum for hardwood floors": before, the keywords "spill", "hardwood" and "floors".
        ("spill resistant", ["spill resistant", "spill proof", "spillproof", "spill", "spills", "i spill"]),
        ("hard floors", ["hard floors", "hard floor", "hardwood floors", "hardwood floor", "hardwood", "wood floors",
                         "tile floors", "tiled floors"]),
        // "A coffee maker that makes one cup at a time": before, a capacity of "1 cups" and the keyword "time".
        ("single serve", ["single serve", "single serving", "one cup at a time", "a cup at a time", "single cup", "one cup",
                          "just one cup", "pods", "coffee pods", "k cups", "kcups"]),
        ("numpad", ["numpad", "num pad", "number pad", "numeric keypad", "numpads", "ten key", "tenkey pad"]),
        // "A tv for gaming with low input lag": before, the keywords "low", "input" and "lag".
        ("low input lag", ["low input lag", "low lag", "input lag", "low latency", "no lag", "no input lag", "minimal input lag"]),
        // A camera's, not a call's: "with a long zoom" was the use "calls" (in place of photography).
        ("zoom", ["zoom", "long zoom", "optical zoom", "big zoom", "good zoom", "zoom lens", "superzoom", "super zoom"]),
        // What listings call it: "a mic" was a keyword no headphone listing has.
        ("microphone", ["microphone", "mic", "mics", "microphones", "built in mic", "builtin mic"]),
        ("lightweight", ["lightweight", "light weight", "ultralight", "ultra light", "lighter", "lighter one",
                         "lighter ones", "less heavy", "weighs less", "weigh less", "not so heavy", "too heavy",
                         // Said with "not", which would otherwise deny the feature.
                         "not too heavy", "not heavy", "isnt too heavy", "isnt heavy", "not that heavy",
                         // "Light enough to carry around all day": before, the keywords "carry" and "day".
                         "light enough to carry", "light enough to carry around", "light enough to carry around all day",
                         "easy to carry", "easy to carry around", "to carry around all day", "carry around all day"]),
        // "A TV for my living room, it's pretty bright in there": before, the keyword "bright".
        // Never "bright" alone, which is a shade ("bright red").
        ("bright", ["bright room", "bright in there", "bright rooms", "sunny room", "lots of sunlight", "lots of light",
                    "a lot of light", "a lot of sunlight", "pretty bright", "very bright", "really bright", "bright screen",
                    "bright display", "brightest", "high brightness", "sunlight"]),
        ("portable", ["portable"]), ("foldable", ["foldable", "folding", "collapsible"]), ("rgb", ["rgb"]),
        ("quiet", ["quiet", "silent", "quieter", "more quiet", "less noisy", "less noise", "quietest", "most quiet",
                   "least noisy",
                   // Said with a negation, which would otherwise deny them.
                   "not loud", "isnt loud", "not too loud", "isnt too loud", "not noisy", "isnt noisy", "not too noisy"]),
        ("comfortable", ["comfortable", "comfy", "more comfortable", "most comfortable", "comfiest", "standing all day",
                         "on my feet all day", "all day comfort"]), ("long battery life", ["long battery life", "good battery", "battery life",
                                                                "all day battery", "long battery", "long lasting battery", "great battery", "lasts all day",
                                                                "big battery", "large battery", "bigger battery",
                                                                // Whole, so "life" is no keyword left over.
                                                                "good battery life", "great battery life", "decent battery life",
                                                                "all day battery life", "big battery life", "long lasting battery life"]),
        ("leather", ["leather"]), ("cotton", ["cotton"]), ("wool", ["wool", "merino"]),
        // Its own feature: "are any of them organic cotton?" answered "All 8 shown are cotton".
        ("organic cotton", ["organic cotton"]), ("organic", ["organic"]),
        // A lamp's light: before, "warm light" was "insulated" and "lightweight".
        ("warm light", ["warm light", "warm white", "warm white light", "soft warm light", "warm glow"]),
        ("insulated", ["insulated", "warm", "warmer", "warmest", "more warm", "keeps me warm",
                       // "For my wife, she's always cold": before, the keywords "always" and "cold".
                       "always cold", "gets cold", "get cold", "runs cold", "feels the cold", "cold easily", "always freezing",
                       // A bottle or a mug that keeps its drink as it was: before, the keywords "drinks" and "cold".
                       "keeps drinks cold", "keep drinks cold", "keeps water cold", "keep water cold", "keeps it cold",
                       "keeps drinks hot", "keep drinks hot", "keeps coffee hot", "keep coffee hot", "keeps it hot"]),
        ("stainless steel", ["stainless steel", "stainless"]), ("vegan", ["vegan"]),
        // "A monitor for photo editing, color accurate": before, the keywords "color" and "accurate".
        ("color accurate", ["color accurate", "colour accurate", "color accuracy", "colour accuracy", "accurate color",
                            "accurate colour", "accurate colors", "accurate colours", "true colors", "true colours"]),
        // "An air fryer that's easy to clean": before, the keywords "easy" and "clean".
        ("easy to clean", ["easy to clean", "easy clean", "easier to clean", "easiest to clean", "easy cleanup",
                           "easy clean up", "easy to wash"]),
        ("fragrance free", ["fragrance free", "unscented", "without fragrance", "no fragrance", "free of fragrance",
                            "without perfume", "no perfume", "perfume free", "scent free", "no scent", "without scent",
                            // Before, the keyword "fragrance", which ranked scented ones first.
                            "nothing with fragrance", "nothing with perfume", "nothing scented", "not scented",
                            "isnt scented"]), ("smart", ["smart"]),
        ("hdr", ["hdr"]), ("dolby atmos", ["dolby atmos", "atmos"]), ("high refresh rate", ["high refresh rate"]),
        ("slim fit", ["slim fit", "skinny"]), ("wide", ["wide fit", "wide", "wide feet", "wide foot", "wide width"]),
        ("hooded", ["hooded", "with a hood"]),
        // "A gold necklace, something simpler": before, the keyword "simpler", which no listing says.
        ("simple", ["simple", "simpler", "simplest", "plain", "plainer", "minimal", "minimalist", "minimalistic",
                    "understated", "not flashy", "less flashy", "nothing fancy", "not fancy", "less fancy", "not too fancy"]),
        // "Any zip up ones?" of hoodies: "Full-Zip" titles (before, the same search again).
        ("full zip", ["zip up", "zip-up", "zipup", "full zip", "full-zip", "zip", "zipper", "zippered", "with a zipper",
                      "zip hoodie", "zip hoodies"]), ("standing", ["standing", "adjustable height", "height adjustable"]),
        ("dishwasher safe", ["dishwasher safe"]), ("programmable", ["programmable"]),
        // Children's headphones: before, the keywords "volume" and "limited".
        ("volume limited", ["volume limited", "volume limiting", "volume limit", "limited volume", "safe volume"]),
        // Cappuccinos and lattes need frothed milk.
        ("milk frother", ["milk frother", "frother", "steam wand", "milk steamer", "cappuccino", "cappuccinos", "latte",
                          "lattes", "frothed milk"]),
        ("headrest", ["headrest", "head rest", "neck support", "neck rest"]),
        // Jeans say it in their titles ("Ultra Stretch").
        ("stretch", ["stretch", "stretchy", "stretchable", "with stretch"]),
        // What a smartwatch tracks, as listings say it ("heart monitoring", "sleep coaching": catalog synonyms).
        ("heart rate", ["heart rate", "tracks heart rate", "track heart rate", "heart rate monitor", "heart rate tracking",
                        "heart monitor", "heart monitoring", "monitors heart rate"]),
        ("sleep tracking", ["sleep tracking", "tracks sleep", "track sleep", "track my sleep", "sleep tracker",
                            "sleep monitoring", "monitors sleep"]),
        // Earbuds for sport: "sport earbuds with flexible wingtips that stay put" (catalog synonyms).
        ("secure fit", ["secure fit", "dont fall out", "do not fall out", "wont fall out", "that stay in", "stay in",
                        "stays in", "stay put", "stays put", "ear hooks", "earhooks", "wingtips"]),
        // What running shoes for flat feet are sold as ("Stability Running Shoes", "GuideRails support").
        ("stability", ["stability", "flat feet", "flat foot", "flat footed", "overpronation", "overpronate", "overpronator",
                       "over pronation", "fallen arches", "low arches", "arch support", "motion control"]),
        // "A coffee maker that grinds beans": before, the keywords "grinds" and "beans".
        ("grinder", ["with a grinder", "built in grinder", "with grinder", "burr grinder", "with a built in grinder",
                     "grinds beans", "grinds the beans", "grinds coffee", "grinds its own beans", "grind and brew", "bean to cup",
                     // Said after: "with a grinder built in" (before, the keyword "built").
                     "with a grinder built in", "grinder built in", "with a grinder built into it", "grinder built into it"]),
        // "A rain jacket that packs small": no size S.
        ("packable", ["packable", "packs small", "packs down", "pack small", "packs down small", "packs into its pocket",
                      "stuffable", "folds small"]),
        // Tablets with a pen say so in their titles ("with Pen", "S Pen Included").
        ("pen", ["with a pen", "with pen", "stylus", "with a stylus", "s pen", "pen support", "apple pencil"]),
        // The catalog reads it from the prices, and says the discount ("20% off").
        ("on sale", ["on sale", "discounted", "discount", "deals", "any deals", "good deal", "a deal", "marked down",
                     "reduced", "clearance", "on offer", "sale items", "on discount", "cheaper than usual"]),
        ("2-in-1", ["2 in 1", "two in one", "convertible", "2in1"]),
        ("high waisted", ["high waisted", "high waist", "high rise", "highwaisted"]),
        ("left handed", ["left handed", "lefthanded", "lefty", "for lefties", "left hand", "for a lefty"]),
        ("non-slip", ["non slip", "nonslip", "anti slip", "antislip", "slip resistant", "no slip", "grippy",
                      "not slippery", "non slippery", "isnt slippery", "doesnt slip", "wont slip", "less slippery"]),
    ] + efficiencyRatings.map { ("80 plus \($0)", ["80 plus \($0)"]) }

    /// A power supply's efficiency ratings ("80 plus gold"): features, where "80 plus" is no $80
    /// or more (`SpecExtractor.namesEfficiencyRating`).
    static let efficiencyRatings = ["bronze", "silver", "gold", "platinum", "titanium"]

    /// The names `features` gives ("noise cancelling" for "anc").
    static let featureNames: Set<String> = Set(features.map(\.0))

    static let sorts: [(RequirementSpec.SortOrder, [String])] = [
        (.priceAscending, ["cheapest", "cheap", "affordable", "inexpensive", "least expensive", "lowest price",
                           "low cost", "budget friendly", "bargain", "lowest priced", "cheapo", "sort by price",
                           "sorted by price", "order by price", "by price", "price low to high", "lowest price first",
                           "cheapest first", "cheapest ones first", "low to high", "dont cost a fortune",
                           "doesnt cost a fortune", "wont break the bank", "dont break the bank", "without breaking the bank",
                           // A price level, not "cheaper than what was shown" ("too expensive").
                           "not too expensive", "not expensive", "not that expensive", "not too pricey", "nothing too expensive",
                           "isnt too expensive", "arent too expensive", "reasonably priced", "reasonable price",
                           "not too costly",
                           // "A blender for protein shakes, nothing fancy": a plain, cheap one (before, the keyword "fancy").
                           "nothing fancy", "nothing too fancy", "not fancy", "not too fancy", "nothing special",
                           "nothing crazy", "nothing too crazy", "nothing too wild",
                           // "Budget" as a kind of product, not an amount ("a budget of 500"): "the best budget
                           // graphics card", "I'm on a budget" (before, a question for the budget).
                           "on a budget", "on a tight budget", "tight budget", "best budget", "a budget option",
                           "budget options", "budget pick",
                           // "My budget is tight, like 400 max": before, the keyword "tight".
                           "budget is tight", "budgets tight", "money is tight", "moneys tight"]),
        (.priceDescending, ["most expensive", "priciest", "high end", "highend", "premium", "top of the line",
                            "luxury", "flagship", "top end", "fanciest", "price high to low", "high to low",
                            "most expensive first", "highest price first"]),
        (.rating, ["best rated", "top rated", "highest rated", "best reviewed", "best reviews", "highly rated",
                   "well reviewed", "most popular", "best selling", "bestselling", "best", "good reviews",
                   "best value", "good value", "great value", "value for money", "bang for the buck", "bang for your buck",
                   "great reviews", "top", "sort by rating", "sorted by rating", "order by rating", "by rating",
                   "sort by reviews", "by reviews", "best rated first", "highest rated first",
                   // "Which one has the best rating?": before, "best" sorted and "rating" was a word searched for.
                   "best rating", "best ratings", "highest rating", "highest ratings", "top rating", "top ratings",
                   // "Is it any good?" of the cheapest, then "something better": the best rated
                   // (before, the cheapest list's next page).
                   "something better", "anything better", "a better one", "better ones", "better quality",
                   "higher quality", "something nicer", "a nicer one"]),
    ]

    /// "For my wife" says whose clothes are wanted as plainly as "women's" does (a son or a niece
    /// may be a child, whose clothes are neither).
    /// "My wife's birthday" too: the tokenizer drops the apostrophe ("wifes"), which was a keyword.
    static let genders: [(String, [String])] = [
        ("men", ["men", "mens", "man", "male", "for him", "guys"]
            + ["husband", "boyfriend", "dad", "father", "brother", "grandpa", "grandfather", "uncle", "fiance"]
                .flatMap { ["my " + $0, "my " + $0 + "s"] }),
        ("women", ["women", "womens", "woman", "female", "ladies", "for her", "womans"]
            + ["wife", "girlfriend", "mom", "mum", "mother", "sister", "grandma", "grandmother", "aunt", "fiancee"]
                .flatMap { ["my " + $0, "my " + $0 + "s"] }),
    ]

    /// Every word of `genders` said alone ("women", "mens"): no category's name.
    static let genderWords: Set<String> = Set(genders.flatMap(\.1).filter { !$0.contains(" ") })

    /// Every word of `colors`: no brand's name alone.
    static let colorWords: Set<String> = Set(colors.flatMap(\.1))

    /// Values of attributes products state, by the words that ask for them. A feature would not
    /// do: the catalog reads "over" and "on" as stop words, so "over-ear" would be any "ear".
    static let attributeValues: [(key: String, value: String, words: [String])] = [
        ("type", "over-ear", ["over ear", "overear", "over the ear", "around ear", "around the ear"]),
        ("type", "on-ear", ["on ear", "onear", "on the ear"]),
        ("type", "in-ear", ["in ear", "inear", "in the ear"]),
        ("skin_type", "dry", ["dry skin"]), ("skin_type", "oily", ["oily skin"]),
        ("skin_type", "sensitive", ["sensitive skin"]), ("skin_type", "combination", ["combination skin"]),
        ("skin_type", "acne-prone", ["acne prone skin", "acne prone", "acne"]),
        ("cushioning", "high", ["more cushioning", "max cushioning", "maximum cushioning", "extra cushioning",
                                "lots of cushioning", "highly cushioned", "well cushioned", "more cushioned",
                                "more cushion", "max cushion",
                                // "Something with lots of cushion": before, the keyword "cushion".
                                "lots of cushion", "a lot of cushion", "a lot of cushioning", "plenty of cushion",
                                "plenty of cushioning", "extra cushion", "maximum cushion", "very cushioned"]),
        // What a chair holds, as chairs state it ("max_weight": "400 lb"): big-and-tall chairs hold 350 lb or more.
        ("max_weight", "350 lb", ["big and tall", "big guy", "a big guy", "big man", "a big man", "big person", "a big person",
                                  "heavy person", "a heavy person", "heavier person", "a heavier person", "larger person",
                                  "a larger person", "heavyset", "overweight", "someone heavy", "someone big"]),
        // What a toy is for, as the catalog reads an age range that starts at 14 or later.
        ("age", "adult", ["for adults", "for an adult", "for grown ups", "for grownups", "for a grown up", "adult",
                          "adults only"]),
        // Books by genre: "mystery" named no title of the one mystery in the demo catalog.
        // Without "novel" or "book", which name the category ("a mystery novel"); a genre alone
        // asks for books (`EmbeddedInterpreter.merge`).
        ("genre", "mystery", ["mystery", "mysteries", "detective", "whodunit", "whodunnit", "crime fiction"]),
        // A system Apple does not make asks for other brands' ("what about windows ones?" after MacBooks).
        ("os", "Windows", ["windows", "windows 11", "windows 10"]), ("os", "ChromeOS", ["chromeos", "chrome os"]),
        ("os", "Android", ["android"]),
        ("genre", "horror", ["horror", "scary", "spooky", "creepy", "ghost story", "ghost stories"]),
        ("genre", "romance", ["romance", "love story", "love stories"]),
        ("genre", "science fiction", ["science fiction", "sci fi", "scifi"]),
        ("genre", "fantasy", ["fantasy"]),
        ("genre", "gothic", ["gothic"]),
        ("genre", "historical fiction", ["historical fiction"]),
        ("genre", "thriller", ["thriller", "thrillers"]),
        ("genre", "literary fiction", ["literary fiction"]),
    ] + switchColors + phoneCompatibility

    /// "Brown switches", "Cherry MX Red": a mechanical keyboard's switches, not its colour. Titles
    /// name them ("… Cherry MX Red"), so the catalog finds them there.
    private static let switchColors: [(key: String, value: String, words: [String])] =
        ["red", "brown", "blue", "black", "silver", "yellow", "clear", "green", "white"].map { color in
            ("switches", color.capitalized, ["\(color) switches", "mx \(color)", "cherry mx \(color)",
                                             "\(color) switched", "\(color) keyswitches"])
        }

    /// "Works with my iPhone": what a watch or earbuds pair with (`compatibility`), not the brand
    /// Apple that "iphone" alone implies.
    private static let phoneCompatibility: [(key: String, value: String, words: [String])] =
        [("iPhone", ["iphone", "iphones", "an iphone", "my iphone"]), ("Android", ["android", "an android", "my android",
                                                                                  "android phones", "an android phone", "my android phone"])]
            .map { value, names in
                ("compatibility", value, names.flatMap { name in
                    ["works with \(name)", "work with \(name)", "compatible with \(name)", "pairs with \(name)",
                     "connects to \(name)", "for \(name) users"]
                } + ["\(value.lowercased()) compatible"])
            }

    static let sizes: [(String, [String])] = [
        ("XS", ["xs", "extra small", "size xs"]), ("S", ["size s", "size small"]), ("M", ["size m", "size medium"]),
        ("L", ["size l", "size large"]), ("XL", ["xl", "extra large", "size xl"]),
        ("XXL", ["xxl", "2xl", "size xxl"]), ("XXXL", ["xxxl", "3xl"]),
        // A bed's, its mattress's and its sheets' (before, "a mattress, queen size" searched "mattress queen").
        ("Queen", ["queen size", "queen sized", "queen bed"]), ("King", ["king size", "king sized", "king bed"]),
        ("California King", ["california king", "cal king"]), ("Twin", ["twin size", "twin sized", "twin bed"]),
    ]

    /// Words that size only sized categories (clothes, shoes): "a large hoodie".
    static let softSizes: [String: String] = ["small": "S", "medium": "M", "large": "L"]

    static let negations: [String] = [
        "not", "no", "without", "except", "excluding", "exclude", "avoid", "never", "non", "nothing from",
        "anything but", "other than", "dont want", "dont like", "do not want", "hate", "not a fan of", "skip",
        "besides", "apart from", "but not",
        // "A hoodie that isn't itchy", "shoes that aren't white".
        "isnt", "arent",
    ]

    static let refinements: [(Refinement, [String])] = [
        (.midRange, ["mid range", "midrange", "mid priced", "mid price", "middle of the range", "moderately priced",
                     "mid tier", "mid level"]),
        (.cheaper, ["cheaper", "something cheaper", "less expensive", "lower price", "lower priced", "too expensive",
                    "too pricey", "more affordable", "less pricey", "cheaper ones", "cheaper options", "lower budget",
                    "cost less", "costs less", "less money", "too much money", "over my budget", "out of my budget"]),
        (.pricier, ["more expensive", "pricier", "higher end", "more premium", "better quality", "nicer ones",
                    "higher budget", "spend more"]),
        (.clearBudget, ["forget the budget", "no budget", "any price", "ignore the budget", "ignore the price",
                        "price doesnt matter", "budget doesnt matter", "money is no object", "remove the budget",
                        "drop the budget", "no price limit", "whatever price", "any budget", "price is no object",
                        "doesnt matter", "dont care about the price", "dont care about price", "forget the price",
                        "no limit", "no budget limit", "regardless of price", "budget is flexible",
                        "not sure about the budget", "no idea"]),
        (.clearBrands, ["any brand", "forget the brand", "other brands", "brand doesnt matter", "any make",
                        "dont care about the brand", "whatever brand", "all brands"]),
        // Before, "no other brands" was "other brands": any brand.
        (.onlyBrands, ["no other brands", "no other brand", "only that brand", "only this brand", "only those brands",
                       "just that brand", "nothing from other brands", "none from other brands", "only the brand"]),
        (.clearColor, ["any color", "any colour", "color doesnt matter", "colour doesnt matter", "whatever color",
                       "forget the color", "forget the colour", "any colors"]),
        (.otherColor, ["other colors", "other colours", "other color", "other colour", "another color",
                       "another colour", "different color", "different colors", "different colour", "different colours",
                       "more colors", "more colours"]),
        (.orBigger, ["or bigger", "or larger", "or bigger screen", "or larger screen", "and bigger", "and larger",
                     "no smaller than", "not smaller than", "nothing smaller than", "isnt smaller than"]),
        (.orSmaller, ["or smaller", "or smaller screen", "and smaller", "no bigger than", "not bigger than",
                      "nothing bigger than", "no larger than", "not larger than", "nothing larger than",
                      "isnt bigger than", "isnt larger than"]),
        (.bigger, ["bigger screen", "larger screen", "bigger", "larger", "bigger display", "larger display",
                   "bigger one", "bigger ones", "size up", "wider", "wider one", "wider ones"]),
        (.smaller, ["smaller screen", "smaller", "more compact", "smaller display", "compact", "smaller one",
                    // "My kitchen is tiny": the smallest of the kind first (before, the keyword "tiny").
                    "small kitchen", "tiny kitchen", "kitchen is tiny", "kitchen is small", "small apartment",
                    "tiny apartment", "small space", "small spaces", "limited space", "not much space", "little space",
                    "counter space", "small counter", "tiny counter", "small dorm", "dorm room",
                    "not too big", "isnt too big", "not too large", "not so big",
                    "nothing too big", "nothing too large", "nothing huge", "not huge", "nothing big",
                    // "Anything narrower?" of desks: the narrowest first (it searched the word "narrower").
                    "narrower", "narrower one", "narrower ones",
                    // "Not too long" of books: the fewest pages first (before, the next page of the list).
                    "not too long", "nothing too long", "not that long", "quick read", "quicker read", "short read",
                    "shorter read", "shorter one", "shorter ones", "shorter", "something shorter", "anything shorter"]),
        (.moreOf("ram"), ["more ram", "more memory", "extra ram", "extra memory", "plenty of ram", "lots of ram",
                          "plenty of memory", "lots of memory", "bigger ram", "higher ram",
                          // A graphics card's memory: "one with more vram?" (before, the keyword "vram").
                          "more vram", "extra vram", "more video memory"]),
        (.moreOf("storage"), ["more storage", "more space", "more storage space", "extra storage", "bigger storage",
                              "bigger ssd", "larger ssd", "larger storage", "more disk space", "bigger hard drive"]),
        (.moreOf("battery_life"), ["longer battery life", "more battery life", "better battery life", "longer battery",
                                   "bigger battery", "longer lasting battery", "battery that lasts longer"]),
        // A cordless vacuum's, in minutes: "one that runs longer" (before, the keyword "longer").
        (.moreOf("runtime"), ["runs longer", "longer runtime", "longer run time", "more runtime", "more run time",
                              "runs for longer", "longer running time"]),
        (.moreOf("power"), ["more watts", "more wattage", "higher wattage", "more power", "stronger motor",
                            "more powerful motor", "bigger motor"]),
        // A processor's: "more cores" after CPUs were shown (before, the same list again).
        (.moreOf("cores"), ["more cores", "more cpu cores", "extra cores", "higher core count", "more processor cores"]),
        (.moreOf("refresh_rate"), ["higher refresh rate", "faster refresh rate", "more refresh rate", "higher refresh",
                                   "better refresh rate", "higher hz", "more hz"]),
        (.replace, ["instead", "what about", "how about", "rather", "actually", "switch to", "change to", "make that",
                    "make it", "change it to", "change that to", "lets say", "bump it to", "bump it up to", "raise it to"]),
        (.append, ["also", "too", "as well", "or"]),
    ]
}
