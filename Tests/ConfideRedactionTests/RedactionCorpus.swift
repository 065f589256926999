import ConfideRedaction
import TestSupport

/// A deterministic pseudo-random generator (SplitMix64), so the corpus is identical on every run.
struct RedactionRNG {
    private var base: SeededRandom

    init(seed: UInt64) { base = SeededRandom(seed: seed) }

    mutating func next() -> UInt64 { base.next() }

    /// A uniform integer in `range`.
    mutating func int(_ range: ClosedRange<Int>) -> Int {
        range.lowerBound + Int(next() % UInt64(range.count))
    }

    /// True with probability `p`.
    mutating func chance(_ p: Double) -> Bool {
        Double(next() >> 11) / Double(1 << 53) < p
    }

    mutating func pick<T>(_ items: [T]) -> T { items[int(0...(items.count - 1))] }

    /// `n` random decimal digits; the first one is drawn from `first` if given.
    mutating func digits(_ n: Int, first: ClosedRange<Int> = 0...9) -> String {
        var s = String(int(first))
        for _ in 1..<max(n, 1) { s += String(int(0...9)) }
        return n == 0 ? "" : s
    }
}

/// A labelled PII span in Unicode scalar offsets.
struct RedactionLabel: Equatable {
    var start: Int
    var end: Int
    var type: PIIType
}

/// One synthetic chat message with its ground truth.
struct RedactionLabelledMessage {
    var locale: String
    var text: String
    var spans: [RedactionLabel]
}

/// Builds a message piece by piece while tracking scalar offsets of labelled pieces.
struct RedactionMessageBuilder {
    private(set) var text = ""
    private(set) var spans: [RedactionLabel] = []
    private var offset = 0

    mutating func plain(_ s: String) {
        text += s
        offset += s.unicodeScalars.count
    }

    mutating func pii(_ s: String, _ type: PIIType) {
        let n = s.unicodeScalars.count
        spans.append(RedactionLabel(start: offset, end: offset + n, type: type))
        plain(s)
    }
}

/// Generates synthetic support chats in six locales with PII labelled, mixed with
/// lookalikes (orders, tracking and invoice ids, dates, times, prices, versions,
/// Luhn-failing numbers, mod-97-failing IBANs, never-issued SSNs).
///
/// Templates are written the way people write in each locale, including hard cases the
/// detector may miss (contiguous numbers without a label, full-width digits, glued CJK).
enum RedactionCorpus {
    static let locales = ["en-US", "en-GB", "de-DE", "fr-FR", "es-ES", "ja-JP"]

    /// `count` messages from `seed`; the same arguments always give the same corpus.
    /// With `holdout` 1 or 2, lines come from `RedactionCorpusHoldout.templates` or `.templatesB`
    /// instead: templates and formats written after the detector was tuned on the main set.
    static func generate(seed: UInt64, count: Int, holdout: Int = 0) -> [RedactionLabelledMessage] {
        var rng = RedactionRNG(seed: seed)
        var out: [RedactionLabelledMessage] = []
        out.reserveCapacity(count)
        for index in 0..<count {
            let locale = locales[index % locales.count]
            out.append(message(locale: locale, holdout: holdout, rng: &rng))
        }
        return out
    }

    private static func message(locale: String, holdout: Int, rng: inout RedactionRNG) -> RedactionLabelledMessage {
        var builder = RedactionMessageBuilder()
        let lines = rng.int(1...4)
        for line in 0..<lines {
            if line > 0 {
                // Chat lines end in punctuation, a line break, or (in Japanese) nothing.
                let last = builder.text.unicodeScalars.last ?? " "
                let ascii = last.isASCII, punctuated = ".!?:)»。".unicodeScalars.contains(last)
                if locale == "ja-JP" && !ascii {
                    builder.plain(punctuated ? (rng.chance(0.3) ? "\n" : "") : rng.pick(["\n", "。"]))
                } else if punctuated {
                    builder.plain(rng.chance(0.3) ? "\n" : " ")
                } else {
                    builder.plain(rng.pick(["\n", "\n", ". ", "! ", " - "]))
                }
            }
            let template = holdout == 1 ? rng.pick(RedactionCorpusHoldout.templates)
                : holdout == 2 ? rng.pick(RedactionCorpusHoldout.templatesB)
                : rng.chance(0.2)
                ? rng.pick(RedactionCorpusTemplates.shared)
                : rng.pick(RedactionCorpusTemplates.byLocale[locale] ?? [])
            render(template, locale: locale, into: &builder, rng: &rng)
        }
        return RedactionLabelledMessage(locale: locale, text: builder.text, spans: builder.spans)
    }

    /// Expands `{slot}` markers; PII slots are labelled, lookalike slots are plain text.
    private static func render(_ template: String, locale: String, into builder: inout RedactionMessageBuilder,
                               rng: inout RedactionRNG) {
        var rest = Substring(template)
        while let open = rest.firstIndex(of: "{") {
            builder.plain(String(rest[..<open]))
            guard let close = rest[open...].firstIndex(of: "}") else { break }
            let slot = String(rest[rest.index(after: open)..<close])
            if slot.hasPrefix("h:") {
                for (value, type) in RedactionCorpusHoldout.value(String(slot.dropFirst(2)), rng: &rng) {
                    if let type { builder.pii(value, type) } else { builder.plain(value) }
                }
            } else {
                let (value, type) = RedactionCorpusValues.value(slot, locale: locale, rng: &rng)
                if let type { builder.pii(value, type) } else { builder.plain(value) }
            }
            rest = rest[rest.index(after: close)...]
        }
        builder.plain(String(rest))
    }
}
