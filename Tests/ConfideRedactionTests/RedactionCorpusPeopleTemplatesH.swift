/// Chat lines of held-out split H of the PERSON/ADDRESS corpus (`RedactionCorpusPeople`).
///
/// Written on 2026-12-04 by the eighth session and committed, with its value lists, script,
/// README and test, before that session changed the detector and before the detector was run on
/// them; never edited to suit the detector. Written fresh (not adapted from another split's lines):
/// cards read out from an app, a receipt or a chargeback, the keyword a clause or a sentence
/// away, issuer prefixes no network uses (`{c:unkcard}`); SSNs for a loan, a 1099, a background
/// check or a benefits form, the keyword in an earlier sentence; phones after `call me back on`,
/// `Signal`, `office line`, `my daughter's number`, `Festnetz`, `fixe`, `vast nummer`, `fijo`
/// and with exit codes; names as a contact person, `Attn`, `z. Hd.`, `à l'attention de`,
/// `ter attentie van`, `Atención`, a neighbour who signs for a parcel, `Name on the account`,
/// a reply quote header (`On … wrote`), initials-free signatures, capitals, a first name
/// alone later in the same line; addresses as a work or holiday address, a return label, a
/// one-line paste with commas, PO boxes, military and ship addresses. PII-free lines (`clean`)
/// hold look-alikes: booking references, parcel-locker and voucher codes, VAT and company
/// registration numbers, meter and article numbers, EAN-13, room numbers, 10-digit order numbers
/// grouped like US phones, plus G's kinds (Luhn-valid ids and IMEIs without a card word, 9-digit
/// references in the SSN shape, policy, serial, contract numbers, ISBNs, flights), prices, dates,
/// times, versions and place names. Values: `RedactionCorpusPeopleListsH`.
enum RedactionCorpusPeopleTemplatesH {
    static let templates: [String: [String]] = [
        "en-US": [
            "The app shows the card I saved as {c:card}. I didn't add that one.",
            "Receipt says paid by card. Long number underneath: {c:unkcard}",
            "Filing a chargeback. Which card? The Discover, {c:card}, and the amount was {c:price}.",
            "Name on the account: {name}. Last payment came from card {c:card}.",
            "The loan application wants my Social Security number. Here it is: {c:ssn}",
            "For the 1099 please use SSN {c:ssn}, not my husband's.",
            "Background check form asked for social security. I typed {c:ssn} but it says invalid.",
            "Call me back on {c:phone} please.", "I'm on Signal, same number: {c:exitphone}",
            "Office line {c:phone}, ext 14.", "My daughter's number is {c:phone}, she handles this for me.",
            "On Tue, {name} <{c:email}> wrote:", "Contact person: {name}", "Attn: {name}, Accounts Payable",
            "Hi, {first} here again. {first} {last}, order from last week.", "My neighbor {name} will sign for it.",
            "Thanks, {NAME}", "Ship it to my office: {street}, {c:cityline}", "Return label address:\n{name}\n{street}\n{c:cityline}",
            "Send the form to {c:pobox}", "APO address: {c:military}", "Wire it to {c:iban}",
            "My IP shows as {c:ip4} on your site, and {c:ip6} on the phone.",
        ],
        "en-GB": [
            "Your app has my card saved as {c:card}, which isn't mine.",
            "The receipt from the till shows {c:unkcard} as the card. Is that right?",
            "I'd like a chargeback. It went on my Barclaycard, {c:card}.",
            "Name on the account is {name}, card ending... actually full number {c:card}.",
            "I'm a dual national and my US Social Security number is needed for the form: {c:ssn}",
            "They asked for my SSN again. It's {c:ssn}.",
            "Call me back on {c:phone} after 3.", "Office line: {c:phone}", "I'm abroad, try {c:exitphone}",
            "My daughter's mobile is {c:phone}.", "On 3 March, {name} <{c:email}> wrote:", "Contact: {name}",
            "FAO {name}", "Kind regards\n{first}", "Thanks {first}. {first} {last} (Mrs)", "My neighbour {name} at number 4 will take it in.",
            "NAME: {NAME}", "Please send it to my work address: {street}, {c:cityline}", "Returns to:\n{name}\n{street}\n{c:cityline}",
            "Post to {c:pobox}", "BFPO is not accepted? It's {c:military}", "Sort it via {c:iban}",
            "Logged from {c:ip4}, and also {c:ip6}",
        ],
        "de-DE": [
            "In der App ist die Karte {c:card} hinterlegt, die kenne ich nicht.",
            "Auf dem Kassenbon steht als Karte {c:unkcard}.",
            "Ich möchte die Abbuchung zurückbuchen lassen. Betroffen ist meine Mastercard {c:card}.",
            "Ansprechpartner: {name}. Die Kreditkartennummer lautet {c:card}.",
            "Für den US-Kredit brauche ich meine Social Security Number. Sie ist {c:ssn}",
            "Meine SSN für das Formular: {c:ssn}",
            "Rufen Sie mich bitte unter {c:phone} zurück.", "Festnetz: {c:phone}", "Ich bin in Spanien, erreichbar unter {c:exitphone}",
            "Die Nummer meiner Tochter ist {c:phone}.", "Am 12.03. schrieb {name} <{c:email}>:", "z. Hd. {name}",
            "Kontaktperson: {name}", "Mit freundlichen Grüßen\n{first} {last}", "Hallo, hier ist {first}. {first} {last}, Kundin seit Jahren.",
            "Mein Nachbar {name} nimmt das Paket an.", "NAME: {NAME}", "Bitte an meine Arbeitsadresse: {street}, {c:cityline}",
            "Rücksendeadresse:\n{name}\n{street}\n{c:cityline}", "Post bitte an {c:pobox}", "Meine Schwester ist in der US Army: {c:military}",
            "Überweisen Sie auf {c:iban}", "Zugriff von {c:ip4}, danach {c:ip6}",
        ],
        "fr-FR": [
            "L'appli affiche la carte {c:card} enregistrée, ce n'est pas la mienne.",
            "Sur le ticket de caisse, la carte indiquée est {c:unkcard}.",
            "Je conteste un paiement. Il a été fait avec ma Mastercard {c:card}.",
            "Contact : {name}. Numéro de la carte : {c:card}",
            "Pour le prêt aux États-Unis il faut mon numéro de sécurité sociale américain. Le voici : {c:ssn}",
            "Mon SSN pour le formulaire : {c:ssn}",
            "Rappelez-moi au {c:phone} s'il vous plaît.", "Fixe : {c:phone}", "Je suis en Italie, joignable au {c:exitphone}",
            "Le numéro de ma fille : {c:phone}", "Le 12 mars, {name} <{c:email}> a écrit :", "À l'attention de {name}",
            "Personne à contacter : {name}", "Cordialement,\n{first} {last}", "Bonjour, c'est {first}. {first} {last}, cliente depuis 2018.",
            "Mon voisin {name} réceptionnera le colis.", "NOM : {NAME}", "Envoyez-le à mon bureau : {street}, {c:cityline}",
            "Adresse de retour :\n{name}\n{street}\n{c:cityline}", "Courrier à {c:pobox}", "Ma sœur est dans l'armée américaine : {c:military}",
            "Virement sur {c:iban}", "Accès depuis {c:ip4} puis {c:ip6}",
        ],
        "nl-NL": [
            "In de app staat kaart {c:card} opgeslagen, die ken ik niet.",
            "Op de kassabon staat als kaart {c:unkcard}.",
            "Ik wil een terugboeking. Het ging om mijn Mastercard {c:card}.",
            "Contactpersoon: {name}. Creditcardnummer: {c:card}",
            "Voor de Amerikaanse lening is mijn social security number nodig. Dit is het: {c:ssn}",
            "Mijn SSN voor het formulier: {c:ssn}",
            "Bel me terug op {c:phone} alsjeblieft.", "Vast nummer: {c:phone}", "Ik zit in Frankrijk, bereikbaar op {c:exitphone}",
            "Het nummer van mijn dochter is {c:phone}.", "Op 12 mrt. schreef {name} <{c:email}>:", "Ter attentie van {name}",
            "Contact: {name}", "Met vriendelijke groet,\n{first} {last}", "Hoi, met {first}. {first} {last}, al jaren klant.",
            "Mijn buurman {name} neemt het pakket aan.", "NAAM: {NAME}", "Stuur het naar mijn werkadres: {street}, {c:cityline}",
            "Retouradres:\n{name}\n{street}\n{c:cityline}", "Post naar {c:pobox}", "Mijn zus zit in het Amerikaanse leger: {c:military}",
            "Overmaken naar {c:iban}", "Toegang vanaf {c:ip4} en daarna {c:ip6}",
        ],
        "es-ES": [
            "En la app aparece guardada la tarjeta {c:card}, no es mía.",
            "En el tique de compra pone como tarjeta {c:unkcard}.",
            "Quiero reclamar un cargo. Fue con mi Mastercard {c:card}.",
            "Persona de contacto: {name}. Número de la tarjeta: {c:card}",
            "Para el préstamo en EE. UU. me piden el número de la seguridad social americano. Aquí está: {c:ssn}",
            "Mi SSN para el formulario: {c:ssn}",
            "Llámenme al {c:phone}, por favor.", "Fijo: {c:phone}", "Estoy en Portugal, localizable en el {c:exitphone}",
            "El número de mi hija es {c:phone}.", "El 12 mar, {name} <{c:email}> escribió:", "Atención: {name}",
            "Contacto: {name}", "Un saludo,\n{first} {last}", "Hola, soy {first} otra vez. {first} {last}, clienta desde hace años.",
            "Mi vecino {name} recogerá el paquete.", "NOMBRE: {NAME}", "Envíenlo a mi trabajo: {street}, {c:cityline}",
            "Dirección de devolución:\n{name}\n{street}\n{c:cityline}", "Correo a {c:pobox}", "Mi hermana está en el ejército de EE. UU.: {c:military}",
            "Transferencia a {c:iban}", "Acceso desde {c:ip4} y luego {c:ip6}",
        ],
    ]

    /// PII-free lines full of look-alikes.
    static let clean: [String: [String]] = [
        "en-US": ["Booking reference {c:booking}", "Locker code {c:locker}", "Our {c:vat}", "Company no. {c:regno}", "Meter {c:meterno} reading is wrong.",
                  "Barcode {c:ean}", "Item {c:article}", "Room {c:room}, checkout at {c:time}.", "Order # {c:order10}", "Member ID {c:luhnid}",
                  "Case {c:nine} is still open.", "Policy {c:policy}", "Serial {c:serial}", "Seat on {c:flight}", "Price went from {c:price} to {c:price}.",
                  "Does the {c:place} store open on {c:date}?", "Running {c:version}."],
        "en-GB": ["Booking ref {c:booking}", "Parcel locker code {c:locker}", "VAT reg {c:vat}", "Companies House number {c:regno}", "Meter serial {c:meterno}",
                  "Barcode {c:ean}", "Product code {c:article}", "Room {c:room}", "Order {c:order10}", "Loyalty ID {c:luhnid}",
                  "Case ref {c:nine}", "Policy {c:policy}", "Device IMEI {c:imei}", "ISBN {c:isbn}", "Paid {c:price} on {c:date}.", "Is there a branch in {c:place}?",
                  "Updated to {c:version}."],
        "de-DE": ["Buchungsnummer {c:booking}", "Abholcode {c:locker}", "USt-IdNr. {c:vat}", "Handelsregister {c:regno}", "Zählernummer {c:meterno}",
                  "EAN {c:ean}", "Artikel {c:article}", "Zimmer {c:room}, Abreise um {c:time}", "Auftrag {c:order10}", "Mitgliedsnummer {c:luhnid}",
                  "Fallnummer {c:nine}", "Police {c:policy}", "Gerätenummer {c:serial}", "Flug {c:flight}", "Preis {c:price} statt {c:price}", "Gibt es eine Filiale in {c:place}?",
                  "Version {c:version}"],
        "fr-FR": ["Référence de réservation {c:booking}", "Code consigne {c:locker}", "N° TVA {c:vat}", "SIREN {c:regno}", "Numéro de compteur {c:meterno}",
                  "Code-barres {c:ean}", "Référence article {c:article}", "Chambre {c:room}, départ à {c:time}", "Commande {c:order10}", "Numéro d'adhérent {c:luhnid}",
                  "Dossier {c:nine}", "Police {c:policy}", "IMEI {c:imei}", "ISBN {c:isbn}", "Prix {c:price} au lieu de {c:price}", "Avez-vous un magasin à {c:place} ?",
                  "Version {c:version}"],
        "nl-NL": ["Boekingsnummer {c:booking}", "Ophaalcode {c:locker}", "Btw-nummer {c:vat}", "KvK-nummer {c:regno}", "Meternummer {c:meterno}",
                  "Barcode {c:ean}", "Artikelnummer {c:article}", "Kamer {c:room}, uitchecken om {c:time}", "Order {c:order10}", "Lidnummer {c:luhnid}",
                  "Dossiernummer {c:nine}", "Polis {c:policy}", "Serienummer {c:serial}", "Vlucht {c:flight}", "Prijs {c:price} in plaats van {c:price}", "Hebben jullie een winkel in {c:place}?",
                  "Versie {c:version}"],
        "es-ES": ["Localizador {c:booking}", "Código de taquilla {c:locker}", "NIF-IVA {c:vat}", "Registro mercantil {c:regno}", "Número de contador {c:meterno}",
                  "Código de barras {c:ean}", "Referencia {c:article}", "Habitación {c:room}, salida a las {c:time}", "Pedido {c:order10}", "Número de socio {c:luhnid}",
                  "Expediente {c:nine}", "Póliza {c:policy}", "IMEI {c:imei}", "ISBN {c:isbn}", "Precio {c:price} en vez de {c:price}", "¿Tienen tienda en {c:place}?",
                  "Versión {c:version}"],
    ]
}
