/// Chat lines of held-out split F of the PERSON/ADDRESS corpus (`RedactionCorpusPeople`).
///
/// Written on 2026-12-04 by the sixth session and committed, with its value lists and test,
/// before that session changed the detector; never edited to suit the detector. Written fresh
/// (not adapted from another split's lines) to cover every type and the number patterns of
/// issue 22: card keywords in the same or an earlier sentence, also with issuer prefixes no
/// network uses (`{c:unkcard}`) and every length 13–19; SSNs with a keyword an earlier clause or
/// sentence away and any separator; phones after plain nouns ("best number to reach me", "text
/// the code to") and with exit codes (`{c:exitphone}`); names after titles, introductions,
/// greetings, sign-offs and form labels, in capitals, first or last name alone; street
/// addresses, city lines, PO boxes and military addresses, on one line or pasted over several.
/// PII-free lines (`clean`) hold look-alikes: Luhn-valid 13–19 digit ids and 15-digit IMEIs
/// with no card keyword, RF creditor references, 9-digit references written like SSNs, 4-part
/// build numbers, EAN barcodes, meter numbers, orders, tracking and invoice numbers, prices,
/// dates, times, versions and place names. Values: `RedactionCorpusPeopleListsF`.
enum RedactionCorpusPeopleTemplatesF {
    static let templates: [String: [String]] = [
        "en-US": [
            "Hi, {name} here. My Mastercard was charged twice, the number is {c:card}.",
            "I'm writing about the gas card you sent me. It's {c:unkcard} and it won't activate.",
            "Your app lost my card details. Re-entering: {c:card}, exp {c:date}",
            "The loyalty card at checkout didn't scan. On the back it says {c:unkcard}.",
            "HR asked me to send my social security number through here, so: {c:ssn}",
            "You have my SSN wrong. Please change it. The right one is {c:ssn}, thanks.",
            "My wife's social was entered instead of mine — mine reads {c:ssn}.",
            "Best number to reach me is {c:phone} after 5.", "Text the code to {c:phone} please, the old phone is gone.",
            "Calling from abroad this week, try {c:exitphone}.", "My 2FA number changed to {c:exitphone}",
            "Dear {first}, thanks for the quick reply.", "Talk soon,\n{first} {last}", "Mr. {last} said you would call back.",
            "Full name: {NAME}", "Ship to:\n{name}\n{street}\n{c:cityline}", "My new address is {street}, {c:cityline}",
            "Please mail the check to {c:pobox}", "I'm deployed, use {c:military}", "Contact e-mail: {c:email}",
            "Wire it to {c:iban}, that's my German account.", "Logins from {c:ip4} and {c:ip6} are not mine.",
        ],
        "en-GB": [
            "Morning, it's {first} again. My Barclaycard number is {c:card}.",
            "I've a fuel card from you lot. Its number, if you need it, is {c:unkcard}",
            "Card ending wrong on your system. Whole number: {c:card}",
            "My Nectar-style reward card is {c:unkcard} and the points vanished.",
            "I lived in Boston for a while. The IRS still writes to me about my social security number; it is {c:ssn}",
            "SSN as requested: {c:ssn}", "Can you ring me on {c:phone}? Landline's dead.", "Best to reach me on {c:phone}, cheers.",
            "From Spain I'm on {c:exitphone}", "Hiya {first}, any update?", "Kind regards,\n{NAME}", "Mrs {last} is the account holder.",
            "Name: {name}", "Please send it to {street}\n{c:cityline}", "Deliver to {street}, {c:cityline}", "Post it to {c:pobox}",
            "BFPO won't work, use {c:military}", "Email me at {c:email}", "Sort code etc. are in the IBAN: {c:iban}",
            "Odd sign-in from {c:ip4}.", "My router shows {c:ip6}",
        ],
        "de-DE": [
            "Guten Tag, mein Name ist {name}. Meine Mastercard wurde zweimal belastet, Nummer {c:card}.",
            "Es geht um meine Tankkarte. Die Nummer darauf lautet {c:unkcard}",
            "Die Kreditkarte ist abgelaufen, die neue hat die Nummer {c:card}.",
            "Meine Bonuskarte {c:unkcard} wird nicht angenommen.",
            "Mein US-Arbeitgeber braucht meine Social Security Number. Hier ist sie: {c:ssn}",
            "Die SSN im Profil stimmt nicht, richtig wäre {c:ssn}.", "Am besten erreichen Sie mich unter {c:phone}.",
            "Schicken Sie den Code bitte an {c:phone}", "Aus dem Ausland: {c:exitphone}", "Hallo {first}, danke für die Hilfe.",
            "Mit freundlichen Grüßen\n{name}", "Herr {last} hat angerufen.", "Vor- und Nachname: {NAME}",
            "Lieferadresse:\n{name}\n{street}\n{c:cityline}", "Ich bin umgezogen: {street}, {c:cityline}", "Bitte an {c:pobox} senden.",
            "Mein Sohn ist bei der Army: {c:military}", "E-Mail: {c:email}", "Überweisen Sie es auf {c:iban}",
            "Anmeldung von {c:ip4}, das war ich nicht.", "IPv6: {c:ip6}",
        ],
        "fr-FR": [
            "Bonjour, ici {name}. Ma Mastercard a été débitée deux fois, numéro {c:card}.",
            "C'est au sujet de ma carte essence. Elle porte le numéro {c:unkcard}",
            "Ma nouvelle carte Visa : {c:card}", "La carte de fidélité {c:unkcard} ne cumule plus de points.",
            "Mon employeur américain me demande mon social security number. Le voici : {c:ssn}",
            "Le SSN enregistré est faux, le bon est {c:ssn}.", "Le mieux est de me joindre au {c:phone}.",
            "Envoyez le code par SMS au {c:phone}", "Depuis l'étranger : {c:exitphone}", "Bonjour {first}, merci pour votre retour.",
            "Cordialement,\n{name}", "M. {last} m'a dit de vous écrire.", "Nom et prénom : {NAME}",
            "Adresse de livraison :\n{name}\n{street}\n{c:cityline}", "J'ai déménagé au {street}, {c:cityline}",
            "Écrivez-nous à {c:pobox}", "Mon fils est militaire américain : {c:military}", "Mail : {c:email}", "Mon IBAN : {c:iban}",
            "Connexion depuis {c:ip4}, ce n'est pas moi.", "IPv6 de la box : {c:ip6}",
        ],
        "nl-NL": [
            "Goedemiddag, u spreekt met {name}. Mijn Mastercard is twee keer belast, nummer {c:card}.",
            "Het gaat om mijn tankpas. Het nummer daarop is {c:unkcard}",
            "Mijn nieuwe creditcard: {c:card}", "Mijn spaarkaart {c:unkcard} spaart geen punten meer.",
            "Mijn Amerikaanse werkgever wil mijn social security number. Hier is het: {c:ssn}",
            "Het SSN in mijn profiel klopt niet, het moet {c:ssn} zijn.", "Ik ben het best bereikbaar op {c:phone}.",
            "Stuur de code naar {c:phone} aub", "Vanuit het buitenland: {c:exitphone}", "Hoi {first}, bedankt!",
            "Groetjes,\n{name}", "Meneer {last} belde gisteren.", "Voor- en achternaam: {NAME}",
            "Afleveradres:\n{name}\n{street}\n{c:cityline}", "Ik ben verhuisd naar {street}, {c:cityline}", "Stuur het naar {c:pobox}",
            "Mijn zoon zit in het Amerikaanse leger: {c:military}", "E-mail: {c:email}", "Mijn rekening: {c:iban}",
            "Inlog vanaf {c:ip4}, dat was ik niet.", "IPv6 van de router: {c:ip6}",
        ],
        "es-ES": [
            "Hola, soy {name}. Me cobraron dos veces en la Mastercard, número {c:card}.",
            "Es por mi tarjeta de gasolinera. El número que lleva es {c:unkcard}",
            "Mi nueva Visa: {c:card}", "La tarjeta de puntos {c:unkcard} ya no suma.",
            "Mi empresa de EE. UU. me pide el social security number. Aquí lo tiene: {c:ssn}",
            "El SSN de mi ficha está mal, el correcto es {c:ssn}.", "El mejor número para localizarme es el {c:phone}.",
            "Mándenme el código al {c:phone}", "Desde fuera de España: {c:exitphone}", "Hola {first}, gracias por todo.",
            "Un saludo,\n{name}", "El señor {last} me dijo que escribiera.", "Nombre y apellidos: {NAME}",
            "Dirección de envío:\n{name}\n{street}\n{c:cityline}", "Me he mudado a {street}, {c:cityline}", "Envíenlo al {c:pobox}",
            "Mi hijo es militar estadounidense: {c:military}", "Correo: {c:email}", "Mi cuenta: {c:iban}",
            "Acceso desde {c:ip4}, no fui yo.", "IPv6 del router: {c:ip6}",
        ],
    ]

    /// PII-free lines full of look-alikes.
    static let clean: [String: [String]] = [
        "en-US": ["Gift card serial {c:luhnid} shows no balance.", "Device IMEI {c:imei}, still locked.", "Payment reference {c:rf}",
                  "Claim number {c:nine}", "Windows build {c:build} after the update.", "Barcode {c:ean} won't scan.", "Meter {c:meter} was read twice.",
                  "Order {c:order} shipped {c:date}.", "Tracking {c:tracking}", "Invoice {c:invoice} for {c:price}.", "Is {c:place} in your delivery area?",
                  "Version {c:version}, {c:qty}."],
        "en-GB": ["Parcel {c:luhnid} went to the depot.", "IMEI {c:imei} is barred.", "Reference {c:rf} on the bill.", "Case number {c:nine}",
                  "Build {c:build}", "EAN {c:ean}", "Meter serial {c:meter}", "Order {c:order}, due {c:date} at {c:time}.", "Invoice {c:invoice}: {c:price}",
                  "Anyone near {c:place}?", "Firmware {c:version}"],
        "de-DE": ["Gutscheincode {c:luhnid} funktioniert nicht.", "IMEI {c:imei} ist gesperrt.", "Verwendungszweck {c:rf}", "Aktenzeichen {c:nine}",
                  "Build {c:build}", "EAN {c:ean}", "Zählernummer {c:meter}", "Bestellung {c:order} vom {c:date}.", "Rechnung {c:invoice} über {c:price}.",
                  "Liefern Sie auch nach {c:place}?", "Version {c:version}, {c:qty}."],
        "fr-FR": ["Le bon cadeau {c:luhnid} est refusé.", "IMEI {c:imei} bloqué.", "Référence de paiement {c:rf}", "Numéro de dossier {c:nine}",
                  "Build {c:build}", "Code-barres {c:ean}", "Compteur {c:meter}", "Commande {c:order} du {c:date}.", "Facture {c:invoice} : {c:price}",
                  "Livrez-vous à {c:place} ?", "Version {c:version}, {c:qty}."],
        "nl-NL": ["Cadeaubon {c:luhnid} werkt niet.", "IMEI {c:imei} is geblokkeerd.", "Betalingskenmerk {c:rf}", "Dossiernummer {c:nine}",
                  "Build {c:build}", "EAN {c:ean}", "Meternummer {c:meter}", "Bestelling {c:order} van {c:date}.", "Factuur {c:invoice}: {c:price}",
                  "Bezorgen jullie in {c:place}?", "Versie {c:version}, {c:qty}."],
        "es-ES": ["El cheque regalo {c:luhnid} no funciona.", "IMEI {c:imei} bloqueado.", "Referencia de pago {c:rf}", "Número de expediente {c:nine}",
                  "Compilación {c:build}", "Código de barras {c:ean}", "Contador {c:meter}", "Pedido {c:order} del {c:date}.", "Factura {c:invoice}: {c:price}",
                  "¿Reparten en {c:place}?", "Versión {c:version}, {c:qty}."],
    ]
}
