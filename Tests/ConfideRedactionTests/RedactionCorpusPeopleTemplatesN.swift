/// Chat lines of held-out split N of the PERSON/ADDRESS corpus (`RedactionCorpusPeople`).
///
/// Written on 2026-12-05 by the fourteenth session before it changed the detector, and committed with its
/// value lists, script, README and tests before the detector was run on them; never edited to suit the
/// detector. Written fresh (not adapted from another split's lines), around situations no other split is
/// built on: a chimney sweep, a locksmith, a pet sitter and a kennel, a family photographer, a tailor's
/// alterations, a window cleaner, a roofer's scaffolding, an optician, a birthday cake, a florist, a race
/// registration, a campsite pitch, an allotment, blood donation, a sworn translation, lost property in a taxi,
/// a kindergarten, physiotherapy, a hairdresser, self-storage, ski hire, riding lessons.
/// Names on a cake in quotes, a runner in capitals before a bib number, a role with the name in
/// parentheses, a name as the subject of a question (`Could {first} …?`), a vocative at the start (`{first},
/// the key …`), `Dr {last}` after a possessive, `{name} and I`, `Driver's name was {first}`, `the ID of
/// {name}`, a child in a kindergarten form, a name before `+ 2` on a booking, a translation `for {name},
/// born …`; addresses followed by more of the sentence, a city line in parentheses or after ` / `, delivery
/// lines with a deadline, PO boxes (`Box`, `RR … Box`, `CS`, `Pf.`, `Pb`, `Apartado Postal`) and ship
/// addresses; cards with `_`, `/`, middle dots, ` | ` or a line break between the groups, in parentheses,
/// followed by an expiry or a CVV remark; IPv4 inside a URL, after `ip=`, at the end of a sentence, with
/// leading zeros and IPv4-mapped IPv6; e-mails in angle brackets and after `mailto:`.
/// PII-free lines (`clean`) hold look-alikes (race bibs, pitch numbers, lens prescriptions, photo file names,
/// key numbers, tyre sizes, storage units, dimensions, GPS coordinates, 12-digit codes in fours, donation
/// receipts, opening hours, orders, dates, prices) and capitalised words that are not names: dog breeds,
/// apple and rose varieties, cakes and dishes named after people, races, lens and lock brands, wards and
/// charities named after people.
/// Values: `RedactionCorpusPeopleListsN`.
enum RedactionCorpusPeopleTemplatesN {
    static let templates: [String: [String]] = [
        "en-US": [
            "Cake deposit, card {c:card} exp 11/28", "The storage place has {c:unkcard} as the card on file",
            "Locksmith callout, charge it (card: {c:card})", "Kennel fees, use the card ending... actually the full number is {c:card}",
            "Blood bank needs my SSN for the donor record: {c:ssn}", "Sworn translation of my social security card, number {c:ssn} please",
            "Pet sitter's cell — {c:phone}", "Call the chimney guy back at {c:phone}, he's free after 3", "At the campsite abroad, reach us at {c:exitphone}",
            "Send the photo proofs to <{c:email}>", "mailto:{c:email} is the tailor's address", "Refund the race entry to IBAN {c:iban}", "The kennel takes its fee by direct debit from {c:iban} each month",
            "The allotment shed camera is at http://{c:ip4}/live", "Somebody logged into the storage portal from {c:ip4}.", "Blocked sign-in, ip={c:ip6}",
            "Please write \"Happy birthday {first}\" on the cake", "Runner: {NAME}, bib {c:bib}", "The pet sitter ({first}) will pick up the keys.",
            "Could {first} do my color on Friday?", "{first}, the new key doesn't fit the back door.", "My physio, Dr {last}, wants another six sessions.",
            "{name} and I would like the family shoot on Sunday.", "Driver's name was {first}, I left my bag in the cab.",
            "Found in the taxi: a wallet with the ID of {name}", "Child: {first} {last}, Butterflies group", "Pitch reserved for {name} + 2",
            "Translation for {name}, born in Ohio", "Riding lesson booked by {first} {last} for her son",
            "Chimney sweep appointment at {street}, ring twice", "Locksmith needed urgently at {address}", "Scaffolding goes up at {street} ({c:cityline})",
            "Bring the dog back to {street} / {c:cityline}", "Flowers to {address} before noon please", "Our allotment is behind {street}, gate code on request",
            "Storage invoices go to {c:pobox}", "My son is stationed overseas: {c:military}", "Pick up the skis from {street}, {c:cityline}",
        ],
        "en-GB": [
            "Cake deposit on card {c:card}, expiry 11/28", "The storage firm has {c:unkcard} as the card on file",
            "Locksmith call-out, charge it (card: {c:card})", "Kennel fees: the long number on my card is {c:card}",
            "Our US blood donor form wants my SSN: {c:ssn}", "Certified translation of my US social security card, number {c:ssn}",
            "Dog sitter's mobile — {c:phone}", "Ring the chimney sweep back on {c:phone}, he's free after 3", "At the campsite abroad, reach us on {c:exitphone}",
            "Send the photo proofs to <{c:email}>", "mailto:{c:email} is the tailor's address", "Refund the race entry to IBAN {c:iban}", "The kennel collects its fee by direct debit from {c:iban} monthly",
            "The allotment shed camera is at http://{c:ip4}/live", "Someone logged into the storage portal from {c:ip4}.", "Blocked sign-in, ip={c:ip6}",
            "Please pipe \"Happy birthday {first}\" on the cake", "Runner: {NAME}, bib {c:bib}", "The dog sitter ({first}) will collect the keys.",
            "Could {first} do my highlights on Friday?", "{first}, the new key doesn't fit the back door.", "My physio, Dr {last}, wants another six sessions.",
            "{name} and I would like the family shoot on Sunday.", "Driver's name was {first}, I left my bag in the cab.",
            "Found in the taxi: a purse with the ID of {name}", "Child: {first} {last}, Hedgehogs room", "Pitch booked for {name} + 2",
            "Translation for {name}, born in Cardiff", "Riding lesson booked by {first} {last} for her daughter",
            "Chimney sweep booked at {street}, knock loudly", "Locksmith needed urgently at {address}", "Scaffolding goes up at {street} ({c:cityline})",
            "Bring the dog back to {street} / {c:cityline}", "Flowers to {address} before noon please", "Our allotment is behind {street}, gate code on request",
            "Storage invoices go to {c:pobox}", "My son is posted overseas: {c:military}", "Collect the skis from {street}, {c:cityline}",
        ],
        "de-DE": [
            "Anzahlung für die Torte, Karte {c:card} gültig bis 11/28", "Beim Lagerraum ist {c:unkcard} als Karte hinterlegt",
            "Schlüsseldienst-Einsatz bitte abbuchen (Karte: {c:card})", "Hundepension: die lange Nummer auf meiner Karte ist {c:card}",
            "Die US-Blutbank will für den Spenderausweis meine SSN: {c:ssn}", "Beglaubigte Übersetzung meiner Social-Security-Karte, Nummer {c:ssn}",
            "Handy der Tiersitterin — {c:phone}", "Den Schornsteinfeger bitte unter {c:phone} zurückrufen, ab 15 Uhr", "Wir sind auf einem Campingplatz im Ausland: {c:exitphone}",
            "Die Fotoabzüge bitte an <{c:email}>", "mailto:{c:email} ist die Adresse der Schneiderei", "Das Startgeld bitte auf IBAN {c:iban} erstatten", "Die Hundepension bucht monatlich per Lastschrift von {c:iban} ab",
            "Die Kamera in der Gartenlaube ist unter http://{c:ip4}/live", "Jemand hat sich von {c:ip4} im Lagerportal angemeldet.", "Anmeldung gesperrt, ip={c:ip6}",
            "Bitte „Alles Gute {first}“ auf die Torte schreiben", "Läufer: {NAME}, Startnummer {c:bib}", "Die Tiersitterin ({first}) holt die Schlüssel ab.",
            "Kann {first} mir am Freitag die Haare färben?", "{first}, der neue Schlüssel passt nicht in die Hintertür.", "Meine Physiotherapeutin, Dr. {last}, will noch sechs Termine.",
            "{name} und ich hätten gern das Familienshooting am Sonntag.", "Der Fahrer hieß {first}, meine Tasche liegt noch im Taxi.",
            "Im Taxi gefunden: ein Portemonnaie mit dem Ausweis von {name}", "Kind: {first} {last}, Gruppe Schmetterlinge", "Stellplatz reserviert für {name} + 2",
            "Übersetzung für {name}, geboren in Linz", "Reitstunde gebucht von {first} {last} für ihren Sohn",
            "Schornsteinfeger-Termin in der {street}, bitte zweimal klingeln", "Schlüsseldienst dringend an {address}", "Das Gerüst kommt an {street} ({c:cityline})",
            "Den Hund bitte zurück in die {street} / {c:cityline}", "Blumen bitte bis Mittag an {address}", "Unser Kleingarten liegt hinter {street}, Torcode auf Anfrage",
            "Rechnungen für den Lagerraum an {c:pobox}", "Mein Sohn ist im Auslandseinsatz: {c:military}", "Die Ski bitte in der {street}, {c:cityline} abholen",
        ],
        "fr-FR": [
            "Acompte pour le gâteau, carte {c:card} exp. 11/28", "Le garde-meuble a {c:unkcard} comme carte enregistrée",
            "Intervention du serrurier, prélevez (carte : {c:card})", "Pension du chien : le numéro long de ma carte est {c:card}",
            "La banque du sang américaine veut mon SSN pour le dossier donneur : {c:ssn}", "Traduction assermentée de ma carte de sécurité sociale US, numéro {c:ssn}",
            "Portable de la pet-sitter — {c:phone}", "Rappelez le ramoneur au {c:phone}, il est libre après 15 h", "On est dans un camping à l'étranger : {c:exitphone}",
            "Envoyez les épreuves photo à <{c:email}>", "mailto:{c:email} est l'adresse de la retoucheuse", "Remboursez l'inscription à la course sur l'IBAN {c:iban}", "La pension canine prélève chaque mois sur {c:iban}",
            "La caméra de l'abri du jardin est sur http://{c:ip4}/live", "Quelqu'un s'est connecté au portail du garde-meuble depuis {c:ip4}.", "Connexion bloquée, ip={c:ip6}",
            "Écrivez « Joyeux anniversaire {first} » sur le gâteau svp", "Coureur : {NAME}, dossard {c:bib}", "La pet-sitter ({first}) passera prendre les clés.",
            "Est-ce que {first} peut me faire la couleur vendredi ?", "{first}, la nouvelle clé n'entre pas dans la porte de derrière.", "Mon kiné, le Dr {last}, veut six séances de plus.",
            "{name} et moi voudrions la séance photo en famille dimanche.", "Le chauffeur s'appelait {first}, j'ai oublié mon sac dans le taxi.",
            "Trouvé dans le taxi : un portefeuille avec la pièce d'identité de {name}", "Enfant : {first} {last}, section des Papillons", "Emplacement réservé pour {name} + 2",
            "Traduction pour {name}, né à Namur", "Leçon d'équitation réservée par {first} {last} pour son fils",
            "Rendez-vous ramonage au {street}, sonnez deux fois", "Serrurier en urgence au {address}", "L'échafaudage sera monté au {street} ({c:cityline})",
            "Ramenez le chien au {street} / {c:cityline}", "Fleurs à livrer au {address} avant midi", "Notre jardin ouvrier est derrière le {street}, code du portail sur demande",
            "Les factures du garde-meuble à {c:pobox}", "Mon fils est en mission : {c:military}", "Récupérez les skis au {street}, {c:cityline}",
        ],
        "nl-NL": [
            "Aanbetaling voor de taart, kaart {c:card} geldig t/m 11/28", "Bij de opslagbox staat {c:unkcard} als kaart",
            "Slotenmaker-uitruk graag afschrijven (kaart: {c:card})", "Hondenpension: het lange nummer op mijn kaart is {c:card}",
            "De Amerikaanse bloedbank wil mijn SSN voor het donordossier: {c:ssn}", "Beëdigde vertaling van mijn social security-kaart, nummer {c:ssn}",
            "Mobiel van de dierenoppas — {c:phone}", "Bel de schoorsteenveger terug op {c:phone}, hij kan na drieën", "We staan op een camping in het buitenland: {c:exitphone}",
            "Stuur de fotoproeven naar <{c:email}>", "mailto:{c:email} is het adres van de kleermaker", "Stort het inschrijfgeld van de loop terug op IBAN {c:iban}", "Het hondenpension incasseert maandelijks van {c:iban}",
            "De camera in het tuinhuisje staat op http://{c:ip4}/live", "Iemand logde in op het opslagportaal vanaf {c:ip4}.", "Inloggen geblokkeerd, ip={c:ip6}",
            "Zet aub \"Gefeliciteerd {first}\" op de taart", "Loper: {NAME}, startnummer {c:bib}", "De dierenoppas ({first}) haalt de sleutels op.",
            "Kan {first} vrijdag mijn haar verven?", "{first}, de nieuwe sleutel past niet op de achterdeur.", "Mijn fysiotherapeut, dr. {last}, wil nog zes behandelingen.",
            "{name} en ik willen de familiefotoshoot op zondag.", "De chauffeur heette {first}, mijn tas ligt nog in de taxi.",
            "Gevonden in de taxi: een portemonnee met de ID-kaart van {name}", "Kind: {first} {last}, groep Vlinders", "Kampeerplek gereserveerd voor {name} + 2",
            "Vertaling voor {name}, geboren te Gent", "Rijles geboekt door {first} {last} voor haar zoon",
            "Afspraak schoorsteenveger op {street}, twee keer bellen", "Slotenmaker dringend nodig op {address}", "De steiger komt aan de {street} ({c:cityline})",
            "Breng de hond terug naar {street} / {c:cityline}", "Bloemen voor twaalf uur naar {address}", "Onze volkstuin ligt achter {street}, code van het hek op aanvraag",
            "Facturen van de opslag naar {c:pobox}", "Mijn zoon is uitgezonden: {c:military}", "Haal de ski's op bij {street}, {c:cityline}",
        ],
        "es-ES": [
            "Señal de la tarta con la tarjeta {c:card} cad. 11/28", "El trastero tiene {c:unkcard} como tarjeta guardada",
            "Salida del cerrajero, cóbrenlo (tarjeta: {c:card})", "Residencia canina: el número largo de mi tarjeta es {c:card}",
            "El banco de sangre de EE. UU. pide mi SSN para la ficha de donante: {c:ssn}", "Traducción jurada de mi tarjeta de la seguridad social de EE. UU., número {c:ssn}",
            "Móvil de la cuidadora del perro — {c:phone}", "Llamen al deshollinador al {c:phone}, está libre después de las 3", "Estamos en un camping en el extranjero: {c:exitphone}",
            "Manden las pruebas de las fotos a <{c:email}>", "mailto:{c:email} es el correo de la modista", "Devuelvan la inscripción de la carrera al IBAN {c:iban}", "La residencia canina domicilia la cuota mensual en {c:iban}",
            "La cámara de la caseta del huerto está en http://{c:ip4}/live", "Alguien entró en el portal del trastero desde {c:ip4}.", "Acceso bloqueado, ip={c:ip6}",
            "Pongan \"Feliz cumpleaños {first}\" en la tarta, por favor", "Corredor: {NAME}, dorsal {c:bib}", "La cuidadora ({first}) recogerá las llaves.",
            "¿Puede {first} hacerme el tinte el viernes?", "{first}, la llave nueva no entra en la puerta de atrás.", "Mi fisio, el Dr. {last}, quiere seis sesiones más.",
            "{name} y yo queremos la sesión de fotos familiar el domingo.", "El taxista se llamaba {first}, me dejé el bolso en el coche.",
            "Encontrado en el taxi: una cartera con el DNI de {name}", "Niño: {first} {last}, clase de las Mariposas", "Parcela reservada para {name} + 2",
            "Traducción para {name}, nacido en Lima", "Clase de equitación reservada por {first} {last} para su hijo",
            "Cita del deshollinador en {street}, llamen dos veces", "Cerrajero urgente en {address}", "El andamio se monta en {street} ({c:cityline})",
            "Devuelvan el perro a {street} / {c:cityline}", "Flores a {address} antes de mediodía", "Nuestro huerto está detrás de {street}, código de la verja a petición",
            "Las facturas del trastero a {c:pobox}", "Mi hijo está destinado fuera: {c:military}", "Recojan los esquís en {street}, {c:cityline}",
        ],
    ]

    /// PII-free lines full of look-alikes: numbers that are not PII and capitalised words that are not names.
    static let clean: [String: [String]] = [
        "en-US": ["Bib {c:bib}, pitch {c:pitch}", "New lenses: {c:lens}", "Photo {c:photo} is blurry", "Key number {c:keyno}", "Tires {c:tyre}",
                  "Storage unit {c:unit}, {c:dims}", "Meet at {c:gps}", "Code {c:code12} on the voucher", "Donation receipt {c:receipt}", "Open {c:hours}",
                  "Order {c:order} arrives {c:date}", "Paid {c:price} at {c:time}", "Our Jack Russell and the King Charles spaniel share a kennel.",
                  "Two Granny Smith and one Honeycrisp, please.", "Can the cake be a Boston cream pie instead of German chocolate?", "Eggs Benedict and a Caesar salad for the crew.",
                  "We signed up for the Boston Marathon and the Rock 'n' Roll Half.", "Carl Zeiss lenses or Ray-Ban frames?", "The Schlage lock was swapped for a Kwikset.",
                  "Ronald McDonald House thanked us for the donation."],
        "en-GB": ["Bib {c:bib}, pitch {c:pitch}", "New lenses: {c:lens}", "Photo {c:photo} is blurry", "Key number {c:keyno}", "Tyres {c:tyre}",
                  "Storage unit {c:unit}, {c:dims}", "Meet at {c:gps}", "Code {c:code12} on the voucher", "Donation receipt {c:receipt}", "Open {c:hours}",
                  "Order {c:order} arrives {c:date}", "Paid {c:price} at {c:time}", "Our Jack Russell and the Cavalier King Charles share a run.",
                  "A Victoria sponge and a Bakewell tart, please.", "The Gertrude Jekyll rose didn't survive the frost.", "Beef Wellington and Earl Grey for the wrap party.",
                  "We're running the Great North Run and the London Marathon.", "Specsavers or Boots Opticians for the eye test?", "The Yale lock was swapped for a Chubb.",
                  "St John Ambulance were at the finish line."],
        "de-DE": ["Startnummer {c:bib}, Stellplatz {c:pitch}", "Neue Gläser: {c:lens}", "Foto {c:photo} ist unscharf", "Schlüsselnummer {c:keyno}", "Reifen {c:tyre}",
                  "Lagerabteil {c:unit}, {c:dims}", "Treffpunkt {c:gps}", "Code {c:code12} auf dem Gutschein", "Spendenquittung {c:receipt}", "Geöffnet {c:hours}",
                  "Bestellung {c:order} kommt am {c:date}", "{c:price} um {c:time} bezahlt", "Unser Berner Sennenhund und der Rauhaardackel teilen sich den Zwinger.",
                  "Eine Sachertorte und eine Prinzregententorte, bitte.", "Die Sorte Boskoop ist aus, nur noch Elstar.", "Zum Nachtisch gibt es Kaiserschmarrn.",
                  "Wir laufen den Berlin-Marathon und den Rennsteiglauf.", "Gläser von Carl Zeiss oder die Fassung von Fielmann?", "Das ABUS-Schloss wurde gegen eins von BKS getauscht.",
                  "Die Albert-Schweitzer-Stiftung hat sich für die Spende bedankt."],
        "fr-FR": ["Dossard {c:bib}, emplacement {c:pitch}", "Nouveaux verres : {c:lens}", "La photo {c:photo} est floue", "Numéro de clé {c:keyno}", "Pneus {c:tyre}",
                  "Box {c:unit}, {c:dims}", "Rendez-vous à {c:gps}", "Code {c:code12} sur le bon", "Reçu de don {c:receipt}", "Ouvert {c:hours}",
                  "La commande {c:order} arrive le {c:date}", "Payé {c:price} à {c:time}", "Notre Jack Russell et le berger de Beauce partagent le chenil.",
                  "Une tarte Tatin et une pêche Melba, svp.", "La rose Pierre de Ronsard n'a pas supporté le gel.", "Un croque-monsieur et une crêpe Suzette pour l'équipe.",
                  "On court le marathon de Paris et les Foulées de Saint-Cloud.", "Des verres Essilor ou une monture Alain Afflelou ?", "La serrure Vachette a été remplacée par une Fichet.",
                  "La Fondation Abbé Pierre nous a remerciés pour le don."],
        "nl-NL": ["Startnummer {c:bib}, plek {c:pitch}", "Nieuwe glazen: {c:lens}", "Foto {c:photo} is wazig", "Sleutelnummer {c:keyno}", "Banden {c:tyre}",
                  "Opslagbox {c:unit}, {c:dims}", "Verzamelen bij {c:gps}", "Code {c:code12} op de bon", "Giftbewijs {c:receipt}", "Open {c:hours}",
                  "Bestelling {c:order} komt op {c:date}", "{c:price} betaald om {c:time}", "Onze Jack Russell en de Stabyhoun delen een kennel.",
                  "Een Bossche bol en een Tompouce, graag.", "De Elstar is op, alleen nog Jonagold.", "Een uitsmijter en een broodje Mario voor de ploeg.",
                  "We lopen de Dam tot Damloop en de Marathon Rotterdam.", "Glazen van Hoya of een montuur van Pearle?", "Het Nemef-slot is vervangen door een van Lips.",
                  "Het Prinses Máxima Centrum bedankte ons voor de gift."],
        "es-ES": ["Dorsal {c:bib}, parcela {c:pitch}", "Cristales nuevos: {c:lens}", "La foto {c:photo} salió movida", "Número de llave {c:keyno}", "Neumáticos {c:tyre}",
                  "Trastero {c:unit}, {c:dims}", "Quedamos en {c:gps}", "Código {c:code12} en el vale", "Recibo de donativo {c:receipt}", "Abierto {c:hours}",
                  "El pedido {c:order} llega el {c:date}", "Pagué {c:price} a las {c:time}", "Nuestro Jack Russell y el podenco comparten caseta.",
                  "Una tarta de Santiago y una Sacher, por favor.", "La manzana Golden se acabó, solo queda Reineta.", "Unos huevos a la Villaroy y una ensalada César.",
                  "Corremos la Behobia-San Sebastián y el Maratón de Valencia.", "¿Cristales de Essilor o montura de General Óptica?", "La cerradura Tesa se cambió por una Ezcurra.",
                  "La Fundación Vicente Ferrer agradeció el donativo."],
    ]
}
