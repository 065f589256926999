/// Chat lines of held-out split E of the PERSON/ADDRESS corpus (`RedactionCorpusPeople`).
///
/// Written on 2026-12-04 by the fifth session and committed, with its value lists and test,
/// before that session changed the detector; never edited to suit the detector. Weighted toward
/// the number patterns of issue 22: cards of every length 13–19 (`{c:card}`: real networks;
/// `{c:unkcard}`: Luhn-valid with a first digit no network uses) after card keywords in the six
/// languages, also a clause or sentence before the number; SSNs with spaces, dots, dashes,
/// slashes, dashes of other kinds or no separator, the keyword often in an earlier clause or
/// sentence; and PII-free look-alikes: Luhn-valid 13–19 digit order, tracking, invoice,
/// customer and loyalty-account numbers with no card keyword (`{c:luhnid}`, `{c:member}`),
/// 9-digit references (`{c:nine}`), prices, dates, versions. Names and addresses as in the
/// other splits, fewer of them. Values: `RedactionCorpusPeopleListsE` (a slice of split D's
/// sources disjoint from every other split's values). Measured once, when tuning is done.
enum RedactionCorpusPeopleTemplatesE {
    static let templates: [String: [String]] = [
        "en-US": [
            "I updated the credit card on my profile, the new one is {c:card}.", "Please use this card instead: {c:card}",
            "Charge my debit card please. It's {c:card}, expiry {c:date}.", "The store credit card you issued me has number {c:unkcard}",
            "My company card got declined. Number on the front: {c:unkcard}", "card # {c:unkcard}", "Prepaid card {c:card} shows zero balance.",
            "Could you refund to the card I paid with? That's {c:card}", "My transit card, {c:unkcard}, was charged twice.",
            "I need to give you my Social Security number for the 1099. Ready? {c:ssn}",
            "The IRS letter mentions my social security number, and it's wrong on your side. It should read {c:ssn}.",
            "SSN verification failed again. I typed {c:ssn} exactly.", "Re: the tax form — my social is on it, {c:ssn}, please fix the name.",
            "You wanted the last four of my social, but here is the whole thing so you can match it: {c:ssn}",
            "Hey, it's {first} {last}. Any news on the chargeback?", "Account holder: {name}", "Regards,\n{first}",
            "Send the replacement to {street}, {c:cityline}.", "Cell is {c:phone}, email {c:email}.", "Reply to {c:email}, not the old address.", "Blocked sign-in from {c:ip4} this morning.", "Wire the refund to my account in Europe, {c:iban}.", "Router WAN address {c:ip6}",
        ],
        "en-GB": [
            "Paid with my debit card yesterday, number {c:card}, and it went through twice.", "New Visa card: {c:card}",
            "Amex card number is {c:card} if that helps.", "My store card number {c:unkcard} isn't showing the points.",
            "The fuel card we use for the vans is {c:unkcard}", "Card no {c:unkcard} — please unblock it.", "Credit card {c:card}, expires {c:date}.",
            "My partner's card was used, not mine. Mine is {c:card}.",
            "I work in the States part of the year. My social security number, in case payroll asks, is {c:ssn}",
            "For the W-8 you need my SSN. Here: {c:ssn}", "SSN {c:ssn} — that's the one HMRC doesn't have, obviously.",
            "Hello, {name} speaking.", "Many thanks,\n{name}", "Ask for {first} when you ring.",
            "Deliver to {street}, {c:cityline}, please.", "Mobile {c:phone}", "Email {c:email}", "Refund to {c:iban}", "Someone logged in from {c:ip4}, not me.", "IPv6 on my box: {c:ip6}",
        ],
        "de-DE": [
            "Ich habe mit meiner Kreditkarte bezahlt, die Nummer ist {c:card}.", "Meine Karte: {c:card}", "EC-Karte {c:card} wurde doppelt belastet.",
            "Meine Kundenkarte {c:unkcard} wird an der Kasse nicht erkannt.", "Die Tankkarte der Firma hat die Nummer {c:unkcard}",
            "Kartennummer {c:unkcard}, bitte sperren.", "Die Karte wurde abgelehnt. Auf der Vorderseite steht {c:unkcard}",
            "Kreditkarte: {c:card}, gültig bis {c:date}", "Bitte auf die Girokarte {c:card} zurückbuchen.",
            "Ich arbeite für eine US-Firma und brauche meine Social Security Number im Profil. Die Nummer lautet {c:ssn}",
            "Meine amerikanische Sozialversicherungsnummer ist falsch hinterlegt, richtig ist {c:ssn}.", "SSN: {c:ssn}",
            "Hier schreibt {name}.", "Viele Grüße\n{name}", "Frau {last} hat das bestätigt.",
            "Neue Adresse: {street}, {c:cityline}", "Handy: {c:phone}", "Mail: {c:email}", "IBAN {c:iban}", "Fremder Login von {c:ip4}.", "Meine IPv6-Adresse: {c:ip6}",
        ],
        "fr-FR": [
            "J'ai payé par carte bancaire, le numéro est {c:card}.", "Ma carte : {c:card}", "Carte de crédit {c:card}, expire le {c:date}.",
            "Ma carte de fidélité {c:unkcard} n'a pas été prise en compte.", "La carte carburant de la société porte le numéro {c:unkcard}",
            "Carte n° {c:unkcard}, merci de la bloquer.", "On m'a refusé la carte. Le numéro dessus : {c:unkcard}",
            "Remboursez sur la carte bleue {c:card} svp.", "Numéro de CB : {c:card}",
            "Pour mon employeur américain, il me faut mon numéro de sécurité sociale US. Le voici : {c:ssn}",
            "Mon SSN est mal saisi dans le dossier ; le bon est {c:ssn}.", "SSN {c:ssn}",
            "C'est {name} qui vous écrit.", "Bien cordialement,\n{name}", "Mme {last} a validé la demande.",
            "Nouvelle adresse : {street}, {c:cityline}", "Portable : {c:phone}", "Courriel : {c:email}", "IBAN : {c:iban}", "Connexion inconnue depuis {c:ip4}.", "Adresse IPv6 de la box : {c:ip6}",
        ],
        "nl-NL": [
            "Ik heb met mijn creditcard betaald, het nummer is {c:card}.", "Mijn kaart: {c:card}", "Pinpas {c:card} is twee keer belast.",
            "Mijn klantenkaart {c:unkcard} wordt niet herkend.", "De tankpas van de zaak, kaart {c:unkcard}, werkt niet.",
            "Kaartnummer {c:unkcard}, graag blokkeren.", "De kaart werd geweigerd. Het nummer erop is {c:unkcard}",
            "Creditcard {c:card}, geldig tot {c:date}", "Terugboeken op bankpas {c:card} graag.",
            "Ik werk voor een Amerikaans bedrijf en ze vragen mijn social security number. Dat is {c:ssn}",
            "Mijn SSN staat verkeerd in het systeem, het moet {c:ssn} zijn.", "SSN: {c:ssn}",
            "U spreekt met {name}.", "Met vriendelijke groet,\n{name}", "Mevrouw {last} heeft het goedgekeurd.",
            "Nieuw adres: {street}, {c:cityline}", "Mobiel: {c:phone}", "Mail: {c:email}", "IBAN {c:iban}", "Onbekende login vanaf {c:ip4}.", "IPv6 van mijn modem: {c:ip6}",
        ],
        "es-ES": [
            "Pagué con la tarjeta de crédito, el número es {c:card}.", "Mi tarjeta: {c:card}", "Tarjeta de débito {c:card}, caduca el {c:date}.",
            "Mi tarjeta de fidelización {c:unkcard} no suma puntos.", "La tarjeta de combustible de la empresa es la {c:unkcard}",
            "Tarjeta nº {c:unkcard}, por favor bloquéenla.", "Me rechazaron la tarjeta. El número que pone es {c:unkcard}",
            "Devuélvanlo a la tarjeta {c:card}, gracias.", "Número de tarjeta: {c:card}",
            "Trabajo para una empresa de EE. UU. y me piden el número de la Seguridad Social americana. Es el {c:ssn}",
            "Mi SSN está mal en el sistema; el correcto es {c:ssn}.", "SSN: {c:ssn}",
            "Le escribe {name}.", "Atentamente,\n{name}", "La señora {last} lo autorizó.",
            "Nueva dirección: {street}, {c:cityline}", "Móvil: {c:phone}", "Correo: {c:email}", "IBAN {c:iban}", "Inicio de sesión desconocido desde {c:ip4}.", "La IPv6 del router: {c:ip6}",
        ],
    ]

    /// PII-free lines: Luhn-valid order, tracking, invoice, customer and loyalty-account numbers with
    /// no card keyword, 9-digit references, prices, dates, versions, place names.
    static let clean: [String: [String]] = [
        "en-US": ["Order {c:luhnid} arrived damaged.", "Tracking {c:luhnid} hasn't moved since {c:date}.", "Invoice no. {c:luhnid}, total {c:price}.",
                  "My customer number is {c:member}", "Loyalty account {c:member} is missing points.", "Reference {c:nine}, still open.",
                  "Confirmation number {c:nine}", "Version {c:version} broke sync.", "Shipped {c:qty} on {c:date}.", "Is the {c:place} branch open?",
                  "Rewards member ID {c:luhnid}"],
        "en-GB": ["Order number {c:luhnid}, still not here.", "Parcel {c:luhnid} is stuck.", "Invoice {c:luhnid} says {c:price}.",
                  "Customer account {c:member}", "Membership number {c:member}, points gone.", "Case ref {c:nine}", "Booking ref {c:nine}",
                  "App {c:version} crashes.", "Due {c:date} at {c:time}.", "The {c:place} depot rang me."],
        "de-DE": ["Bestellung {c:luhnid} kam beschädigt an.", "Sendung {c:luhnid} hängt seit {c:date}.", "Rechnung {c:luhnid} über {c:price}.",
                  "Meine Kundennummer ist {c:member}", "Mitgliedsnummer {c:member}, Punkte fehlen.", "Vorgangsnummer {c:nine}", "Auftrag {c:nine} ist offen.",
                  "Version {c:version} stürzt ab.", "Termin am {c:date} um {c:time}.", "Die Filiale {c:place} war zu."],
        "fr-FR": ["Commande {c:luhnid} reçue abîmée.", "Colis {c:luhnid} bloqué depuis le {c:date}.", "Facture {c:luhnid} de {c:price}.",
                  "Mon numéro client est {c:member}", "Numéro d'adhérent {c:member}, points manquants.", "Dossier {c:nine}", "Référence {c:nine}",
                  "La version {c:version} plante.", "Rendez-vous le {c:date} à {c:time}.", "L'agence de {c:place} était fermée."],
        "nl-NL": ["Bestelling {c:luhnid} kwam beschadigd aan.", "Zending {c:luhnid} staat stil sinds {c:date}.", "Factuur {c:luhnid} van {c:price}.",
                  "Mijn klantnummer is {c:member}", "Lidnummer {c:member}, punten kwijt.", "Dossiernummer {c:nine}", "Referentie {c:nine}",
                  "Versie {c:version} crasht.", "Afspraak op {c:date} om {c:time}.", "Het filiaal in {c:place} was dicht."],
        "es-ES": ["El pedido {c:luhnid} llegó roto.", "El envío {c:luhnid} no se mueve desde el {c:date}.", "Factura {c:luhnid} por {c:price}.",
                  "Mi número de cliente es {c:member}", "Número de socio {c:member}, faltan puntos.", "Expediente {c:nine}", "Referencia {c:nine}",
                  "La versión {c:version} se cuelga.", "Cita el {c:date} a las {c:time}.", "La oficina de {c:place} estaba cerrada."],
    ]
}
