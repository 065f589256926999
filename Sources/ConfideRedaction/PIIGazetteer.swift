/// Hashed word lists for the PERSON and ADDRESS detectors.
///
/// Words are looked up by a 64-bit FNV-1a hash of their lower-cased UTF-8 bytes, so a
/// lookup costs no allocation (`LexiconTable` keeps 48 bits of it). The name lists come
/// from public data (`Gazetteers/README.md`); the street-type, title and trigger words of the European
/// locales are small closed classes written here.
enum PIIGazetteer {
    /// Lower-cased FNV-1a hash of `v[range]`: ASCII letters and Latin-1 capitals
    /// (`À`–`Þ`, UTF-8 `C3 80`–`C3 9E`) fold to lower case; `’` folds to `'`.
    @inline(__always)
    static func hash(_ v: PIIByteView, _ range: Range<Int>) -> UInt64 {
        var h: UInt64 = 0xcbf29ce484222325
        var i = range.lowerBound
        while i < range.upperBound {
            var b = PIIByteClass.lower(v.base[i])
            if b == 0xC3 && i + 1 < range.upperBound {
                let c = v.base[i + 1]
                h = (h ^ UInt64(b)) &* 0x100000001b3
                b = (c >= 0x80 && c <= 0x9E && c != 0x97) ? c + 0x20 : c
                i += 1
            } else if b == 0xE2 && i + 2 < range.upperBound && v.base[i + 1] == 0x80 && v.base[i + 2] == 0x99 {
                b = 0x27
                i += 2
            }
            h = (h ^ UInt64(b)) &* 0x100000001b3
            i += 1
        }
        return h
    }

    /// Hash of a Swift string with the same folding as `hash(_:_:)`.
    static func hash(_ word: String) -> UInt64 {
        var copy = word
        return copy.withUTF8 { buffer in
            let v = PIIByteView(base: buffer)
            return hash(v, 0..<v.count)
        }
    }

    static func set(_ lines: String) -> Set<UInt64> {
        var s = Set<UInt64>()
        for line in lines.split(separator: "\n") { s.insert(hash(String(line))) }
        return s
    }

    static func set(_ words: [String]) -> Set<UInt64> { Set(words.map(hash)) }

    /// First names (US Census 1990, nam_dict.txt).
    static let firstNames = set(GazetteerData.firstNames)
    /// Frequent US surnames (US Census 1990).
    static let surnames = set(GazetteerData.surnames)
    /// Names that are also lower-case words (`will`, `rose`): need stronger evidence.
    static let commonWordNames = set(GazetteerData.commonWordNames)
    /// USPS street suffixes (`Street`, `St`, `Ave`, …) plus UK ones USPS lacks.
    static let englishStreetTypes = set(GazetteerData.usStreetSuffixes).union(set(["close", "gardens", "mews", "rise", "wharf", "grove", "row", "walk", "parade",
                                                                                 "vale", "yard", "chase", "croft", "wynd", "approach", "circus",
                                                                                 "embankment", "gate", "fold", "brow", "quay",
                                                                                 // Northern English and East Anglian types (`Garth`, `Dene`, `Loke`, `Ginnel`).
                                                                                 "garth", "mead", "dene", "loke", "ginnel", "wynd", "nook", "lea"]))
    /// USPS unit designators (`Apt`, `Suite`, …) plus UK `Flat`.
    static let unitDesignators = set(GazetteerData.usUnitDesignators).union(set(["flat", "studio", "piso", "puerta", "planta", "escalera", "esc", "wohnung", "appartement",
                                                                                  "appt", "app", "bus", "portal", "bloque",
                                                                                  // German flat, staircase; French building, door; Spanish shop unit.
                                                                                  "whg", "aufgang", "bât", "bat", "bâtiment", "porte", "local", "ent",
                                                                                  // Spanish door abbreviated (`pta. 12`; split T).
                                                                                  "pta"]))
    /// Two-letter US state abbreviations (upper-case in text), plus the territories USPS also uses.
    static let usStates = set(GazetteerData.usStates).union(set(["as", "gu", "mp", "pr", "vi", "fm", "mh", "pw"]))

    /// Street types written before the street name: French and Spanish.
    static let streetPrefixes = set(["rue", "avenue", "av", "bd", "boulevard", "place", "chemin", "allée", "impasse",
                                     "quai", "route", "cours", "square", "passage", "voie", "esplanade", "faubourg",
                                     "calle", "avenida", "avda", "paseo", "plaza", "pza", "camino", "carretera", "ctra",
                                     "ronda", "travesía", "glorieta", "carrer", "vía", "via", "pasaje", "rambla", "c",
                                     "cuesta", "urbanización", "urb", "callejón", "acceso", "cañada", "alameda",
                                     "bulevar", "polígono", "costanilla", "rúa", "rua", "ruelle", "sentier", "rond-point",
                                     // More of the Spanish street-type list (INE) and French voie types.
                                     "vial", "pasadizo", "bajada", "subida", "senda", "plazuela", "travesia",
                                     "avinguda", "passeig", "lotissement", "hameau", "traverse", "montée", "venelle",
                                     // `72 résidence Les Pins`, `Pl. del Pilar 1` (plaza abbreviated).
                                     "résidence", "pl",
                                     // Eleventh session: the rest of the common voie types of France's FANTOIR list and of
                                     // the Spanish Catastro/INE street-type list (Catalan and Galician forms included).
                                     "cité", "mail", "carrefour", "chaussée", "côte", "clos", "domaine", "parvis", "placette",
                                     "promenade", "quartier", "rampe", "sente", "calleja", "callejuela", "partida", "vereda",
                                     "barrio", "barriada", "carrera", "camí", "cami", "carreró", "explanada", "paraje",
                                     "plazoleta", "prolongación", "rinconada", "sendero", "travessera", "ronda", "muelle",
                                     // Twenty-first session (split T's misses): La Poste's abbreviations of the voie types
                                     // (`imp.`, `rte`, `ch.`, `all.`, `sq.`, `crs`, `fg`) and Spanish ones (`Cmno.`, `Trv.`,
                                     // `Trav.`, `Pje.`, `Rda.`, `Gta.`); those that are also words count only with their dot
                                     // (`PIIWordScanner.dottedStreetPrefixes`).
                                     "imp", "rte", "ch", "che", "all", "sq", "crs", "fg", "cmno", "cno", "trv", "trav", "trva",
                                     "pje", "rda", "gta"])
    /// German and Dutch street-name endings (`Hauptstraße`, `Kalverstraat`), matched as suffixes.
    static let streetSuffixes: [[UInt8]] = ["straße", "strasse", "str", "weg", "gasse", "platz", "allee", "ring",
                                            "damm", "ufer", "chaussee", "steig", "stieg", "pfad", "markt", "graben", "straat",
                                            "laan", "gracht", "plein", "kade", "singel", "dijk", "steeg", "dreef",
                                            "hof", "pad", "kai", "wal", "baan", "boulevard", "straatweg", "park", "plantsoen", "erf",
                                            "hoven", "veld", "wijk", "burg", "haven", "anger", "akker", "grund", "winkel", "polder", "feld",
                                            // German `-höhe`, `-zeile`, `-redder` and Dutch `-hoeve`, `-brink`, `-zijde` streets.
                                            "höhe", "zeile", "redder", "hoeve", "brink", "zijde",
                                            // Eleventh session: more German and Dutch street generics (`Lindenaue`,
                                            // `Seeblick`, `Sonnenhang`, `Mühlenbogen`, `Rosengärten`, `Eichenhain`, `Lindenhorst`,
                                            // `Brederodehout`, `Oosterwetering`, `Hoogvaart`, `Beukenhoek`); not `-berg`, `-tal`,
                                            // `-tor` or `-garten`, which end towns and nouns (`Heidelberg 2024`, `Kindergarten 2`).
                                            "aue", "blick", "hang", "bogen", "mühle", "gärten", "hain", "heide", "wiese", "brücke",
                                            "kamp", "koppel", "siedlung", "leite", "deich", "kehre", "twiete", "horst", "hout",
                                            "zoom", "wetering", "vaart", "tuin", "oord", "hoek"].map { Array($0.utf8) }
    /// German/Dutch street words that stand alone after an adjective (`Berliner Straße 5`).
    static let separateStreetWords = set(["straße", "strasse", "str", "weg", "platz", "allee", "ring", "gasse", "damm",
                                          "straat", "laan", "weg", "plein", "markt", "ufer", "steig", "pfad", "chaussee",
                                          "graben", "kade", "gracht", "singel", "dijk"])
    /// Lower-case words inside street and person names (`rue de la Paix`, `van der Berg`).
    static let particles = set(["de", "du", "des", "la", "le", "les", "l", "d", "del", "della", "di", "da", "dos",
                                "das", "y", "i", "van", "von", "der", "den", "ter", "ten", "te", "zu", "zum",
                                "zur", "am", "an", "auf", "im", "in", "het", "'t", "el", "los", "las", "of",
                                "the", "bin", "ben", "al", "st", "saint", "sainte", "san", "santa"])
    /// Words before a place name that is also a first name (`New York`, `Lake Leanne`, `in
    /// Florence`): a known first name right after one is not taken as a name on its own.
    static let placeWords = set(["new", "lake", "south", "north", "east", "west", "port", "mount", "mt", "fort",
                                 "saint", "st", "sainte", "san", "santa", "bad", "la", "le", "los", "las", "el",
                                 "de", "du", "des", "in", "at", "to", "à", "au", "en", "bei", "te", "naar", "nach",
                                 "from", "of", "near", "nahe", "près", "cerca", "bij", "aus", "uit", "depuis", "desde",
                                 "via", "über", "university", "college", "hotel", "street", "avenue", "road", "river",
                                 "cape", "glen", "isle", "upper", "lower", "great", "little", "old", "oude", "nieuw",
                                 "neu", "nouveau", "nueva", "nuevo", "villa", "ciudad", "puerto", "bahía", "sierra",
                                 "monte", "mont", "val", "castle", "bay", "gare", "station", "lac", "cap", "île",
                                 "hospital", "clinic", "school", "church", "park", "center", "centre",
                                 // An article or possessive before a capitalized word makes it a thing
                                 // or a place (`the Jordan 4`, `my Mercedes`), rarely a person.
                                 "the", "a", "an", "my", "our", "your", "his", "her", "their", "die", "das", "dem",
                                 "het", "een", "un", "une", "unos", "unas",
                                 // Catalan, Dutch and German saints in place names (`Sant Joan d'Alacant`).
                                 "sant", "sint", "sankt"])

    /// Directionals after a US street (`NW`).
    static let directionals = set(["n", "s", "e", "w", "ne", "nw", "se", "sw", "north", "south", "east", "west"])
    /// Capitalized words that are never a name after a greeting or title (`Hi Team`, `Hallo zusammen`).
    static let notNames = set(["i", "team", "there", "all", "everyone", "everybody", "support", "sir", "madam",
                               "madame", "monsieur", "customer", "service", "again", "guys", "folks", "friend",
                               "zusammen", "allerseits", "leute", "tous", "equipo", "todos", "allemaal", "iedereen",
                               "and", "the", "a", "an", "my", "our", "your", "this", "that", "it", "is", "am", "are",
                               "not", "just", "here", "so", "very", "sorry", "happy", "glad", "good", "fine",
                               "yes", "no", "ok", "okay", "thanks", "thank", "ta", "please", "hello", "hi", "hey",
                               "dear", "regards", "best", "cheers", "der", "die", "das", "ein", "eine", "ich",
                               "sie", "wir", "le", "la", "les", "un", "une", "je", "vous", "nous", "el", "los",
                               "las", "una", "yo", "usted", "de", "het", "een", "ik", "u", "jij", "we",
                               "monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday",
                               "january", "february", "march", "april", "may", "june", "july", "august",
                               "september", "october", "november", "december", "customer", "agent", "order",
                               "account", "card", "mr", "mrs", "ms", "dr", "calling", "writing", "contacting",
                               "trying", "having", "still", "also", "from", "with", "on", "at", "in", "for",
                               "afraid", "sure", "new", "back", "done", "going", "looking", "interested",
                               "unable", "able", "waiting", "ready", "available", "aware", "bien", "aqu\u{ed}",
                               "ici", "hier", "da", "de", "en", "le", "bei", "mit", "und", "et", "y", "en",
                               "hope", "kind", "sincerely", "merci", "danke", "gracias", "bedankt", "vielen",
                               "mucho", "muchas", "beaucoup", "liebe", "lieber", "chère", "cher", "estimado",
                               "estimada", "beste", "geachte", "sehr", "geehrte", "geehrter", "herr", "frau",
                               "señor", "señora",
                               // The number abbreviation (`mit Apostille Nr. 1770/2021`; split W).
                               "nr", "nro",
                               // Calendar words of the other four languages and the feasts every calendar of the six
                               // names (`till Easter`, `op Tweede Paasdag`, `bis Ostern`): months, weekdays, holidays.
                               // Not those that are also common first names or surnames (`Abril`, `Julio`, `Domingo`,
                               // `Avril`, `Mai`, `Mei`, `Mayo`, `Mars`, `Juli`, `Mardi`, `Silvester`, `Noël`, `Freitag`, `Agosto`,
                               // `Toussaint`, `Reyes`), nor the villages `Martes`.
                               "januar", "februar", "märz", "juni", "oktober", "dezember", "montag", "dienstag",
                               "mittwoch", "donnerstag", "samstag", "sonntag", "sonnabend",
                               "janvier", "février", "juin", "juillet", "août", "septembre", "octobre", "novembre", "décembre",
                               "lundi", "mercredi", "jeudi", "vendredi", "samedi", "dimanche",
                               "januari", "februari", "maart", "maandag", "dinsdag", "woensdag", "donderdag", "vrijdag",
                               "zaterdag", "zondag", "enero", "febrero", "junio", "septiembre", "octubre",
                               "noviembre", "diciembre", "lunes", "miércoles", "jueves", "viernes", "sábado",
                               "christmas", "xmas", "easter", "whitsun", "pentecost", "thanksgiving", "halloween",
                               "weihnachten", "ostern", "pfingsten", "neujahr", "pâques", "paques", "pentecôte",
                               "kerst", "kerstmis", "pasen", "pinksteren", "hemelvaart", "paasdag", "kerstdag", "pinksterdag",
                               "koningsdag", "sinterklaas", "navidad", "nochebuena", "nochevieja"])

    /// Membership of a word in the lists above, one bit per list, so a token is looked up
    /// once (`PIIWordToken.lexicon`) and every rule after that tests bits.
    struct Lexicon: OptionSet {
        let rawValue: UInt16
        static let firstNames = Lexicon(rawValue: 1 << 0)
        static let surnames = Lexicon(rawValue: 1 << 1)
        static let commonWordNames = Lexicon(rawValue: 1 << 2)
        static let englishStreetTypes = Lexicon(rawValue: 1 << 3)
        static let unitDesignators = Lexicon(rawValue: 1 << 4)
        static let usStates = Lexicon(rawValue: 1 << 5)
        static let streetPrefixes = Lexicon(rawValue: 1 << 6)
        static let separateStreetWords = Lexicon(rawValue: 1 << 7)
        static let particles = Lexicon(rawValue: 1 << 8)
        static let directionals = Lexicon(rawValue: 1 << 9)
        static let notNames = Lexicon(rawValue: 1 << 10)
        static let placeWords = Lexicon(rawValue: 1 << 11)
        /// First word of a trigger phrase (`PIIWordScanner`).
        static let phraseStart = Lexicon(rawValue: 1 << 12)
        /// First word of a greeting or sign-off (`Hola`, `Grüße`): never part of a name.
        static let greetingOrSignoff = Lexicon(rawValue: 1 << 13)
        /// Opens a PO box or military address (`PO`, `Postfach`, `PSC`, `APO`, …).
        static let boxWord = Lexicon(rawValue: 1 << 14)
    }

    /// `lexicon` as an open-addressing table indexed by the FNV hash itself (no second
    /// hashing as `Dictionary` does): one or two probes per word on the hot path.
    ///
    /// Each slot is one `UInt64`: the hash's upper 48 bits and the word's 16 lexicon bits,
    /// so a probe touches one cache line (the table is ~1 MiB and most probes miss the
    /// cache). With ~60,000 entries a false hit on 48 bits is about 1 in 4·10^9 per word.
    struct LexiconTable {
        private var slots: [UInt64]
        private let mask: Int
        private static let keyMask: UInt64 = ~0xFFFF

        init(_ entries: [UInt64: UInt16]) {
            var size = 1
            while size < entries.count * 2 { size <<= 1 }
            slots = [UInt64](repeating: 0, count: size)
            mask = size - 1
            for (key, value) in entries where key & Self.keyMask != 0 {
                var slot = Self.home(key) & mask
                while slots[slot] != 0 { slot = (slot + 1) & mask }
                slots[slot] = key & Self.keyMask | UInt64(value)
            }
        }

        @inline(__always)
        private static func home(_ key: UInt64) -> Int { Int(truncatingIfNeeded: key ^ (key >> 29)) }

        /// The bits of `key`, or 0 when it is in no list.
        @inline(__always)
        func bits(_ key: UInt64) -> UInt16 {
            let wanted = key & Self.keyMask
            var slot = Self.home(key) & mask
            return slots.withUnsafeBufferPointer { table in
                while true {
                    let entry = table[slot]
                    if entry & Self.keyMask == wanted { return UInt16(truncatingIfNeeded: entry) }
                    if entry == 0 { return 0 }
                    slot = (slot + 1) & mask
                }
            }
        }
    }

    static let lexiconTable = LexiconTable(lexicon)

    /// The bits the rules read on words that do not start with a capital: everything but
    /// the name lists (no rule takes a lower-case word for a name). A few thousand entries
    /// that stay in cache, so most words of running text never probe the large table.
    static let lowercaseLexiconTable: LexiconTable = {
        let nameBits = Lexicon([.firstNames, .surnames, .commonWordNames]).rawValue
        var closed: [UInt64: UInt16] = [:]
        for (hash, bits) in lexicon where bits & ~nameBits != 0 { closed[hash] = bits & ~nameBits }
        return LexiconTable(closed)
    }()

    /// Every listed word's hash and its `Lexicon` bits.
    static let lexicon: [UInt64: UInt16] = {
        var table: [UInt64: UInt16] = [:]
        func mark(_ set: Set<UInt64>, _ bit: Lexicon) {
            for h in set { table[h, default: 0] |= bit.rawValue }
        }
        mark(firstNames, .firstNames)
        mark(surnames, .surnames)
        mark(commonWordNames, .commonWordNames)
        mark(englishStreetTypes, .englishStreetTypes)
        mark(unitDesignators, .unitDesignators)
        mark(usStates, .usStates)
        mark(streetPrefixes, .streetPrefixes)
        mark(separateStreetWords, .separateStreetWords)
        mark(particles, .particles)
        mark(directionals, .directionals)
        mark(notNames, .notNames)
        mark(placeWords, .placeWords)
        mark(PIIWordScanner.phraseStarts, .phraseStart)
        mark(PIIWordScanner.greetingStarts, .greetingOrSignoff)
        mark(set(["po", "post", "p", "b", "bp", "postfach", "postbus", "apartado", "psc", "cmr", "unit", "apo",
                  "fpo", "dpo", "antwoordnummer", "apdo", "tsa", "cs", "uss", "postfach-nr",
                  // Twenty-first session (split T's misses): `Aptdo. 325`, `Pf. 99510`, `Boîte postale 242`.
                  "aptdo", "pf", "boîte", "boite",
                  // Twenty-seventh session (split AA's misses): `Pb 828, 4041-AT …`, `RR 7 Box 546`.
                  "pb", "rr"]), .boxWord)
        return table
    }()
}
