/// Chat lines of held-out split I of the PERSON/ADDRESS corpus (`RedactionCorpusPeople`).
///
/// Written on 2026-12-04 by the ninth session, after its tuning on split H was committed, and
/// committed with its value lists, script, README and tests before the detector was run on them;
/// never edited to suit the detector. Written fresh (not adapted from another split's lines), around
/// situations no other split is built on: a rental car or flat, a lease and a co-signer, a warranty
/// claim, a refund to another card or account, a gift sent to someone else, a move, a pharmacy
/// delivery, an emergency contact. Names as beneficiary, tenant, driver, authorised user, account
/// owner, `signed for by`, `gift for`, `cc`, `forwarded by`, after `Best,` and `Cheers`, and a first
/// name alone later in the line; addresses as new and old address, a gift's or a pharmacy's
/// delivery address, with house names, unit forms (`Spc`, `Trlr`, `Maisonette`, `App.`, `Stock`,
/// `hs`, `-hoog`, `bâtiment`, `RDC`, `BAL`, `portal`, `bloque`, `s/n`, `km`), rural routes, PO
/// boxes (`Drawer`, `Pf.`, `TSA`, `Ap. de Correos`), military and ship addresses with ZIP+4; cards for a
/// deposit, a rental or a refund (unknown prefixes too); SSNs for tenant screening, a W-9 or a co-signer;
/// phones of a driver, a reception desk or an emergency contact. PII-free lines (`clean`) hold
/// look-alikes: licence plates, claim and incident ids, UPC-A codes, pick-up PINs, invoice numbers
/// grouped like landlines, coordinates, ISO timestamps, dimensions, gift-card numbers that fail Luhn,
/// parcel-shop ids, plus orders, tracking numbers, prices, dates, times, versions and place names.
/// Values: `RedactionCorpusPeopleListsI`.
enum RedactionCorpusPeopleTemplatesI {
    static let templates: [String: [String]] = [
        "en-US": [
            "Please put the deposit on my company card {c:unkcard}, not the personal one.",
            "Card for the rental pickup: {c:card}, expires 09/29.",
            "The warranty was paid with card number {c:card} back in March.",
            "Tenant screening form asks for the SSN, mine is {c:ssn}",
            "W-9 attached, taxpayer SSN {c:ssn}. My co-signer will send hers.",
            "Text the driver at {c:phone} when you arrive.", "Emergency contact: {name}, {c:phone}",
            "WhatsApp works best, {c:exitphone}", "Send the invoice to {c:email} please",
            "My login email changed to {c:email} last week.",
            "Refund to IBAN {c:iban} please, it's my German account.", "Payout account is {c:iban}, holder {name}.", "Blocked login from {c:ip4} was not me.",
            "Admin panel lists {c:ip6} as my last session.",
            "Authorized user: {name}", "Beneficiary {name} should receive the payout.", "Signed for by {name}",
            "Gift for {name}, please include a note.", "Please cc {name} on the reply.", "Best,\n{first}",
            "Cheers {first}", "Tenant: {name}. {first} moved in on the 1st.",
            "New address from March 1: {street}, {c:cityline}", "Old address, please delete: {street}",
            "Deliver the gift to {name} at {street}\n{c:cityline}", "Mail the check to {c:pobox}",
            "Pharmacy delivery for {name}:\n{street}\n{c:cityline}", "Ship to my son, he's deployed: {c:military}",
        ],
        "en-GB": [
            "Put the deposit on my business card {c:unkcard}, cheers.",
            "Card for the hire car: {c:card}, expiry 11/28.",
            "The extended warranty went on my card {c:card}.",
            "The US letting agent wants my Social Security number: {c:ssn}",
            "For the American lease my co-signer's SSN is {c:ssn}.",
            "The driver can text me on {c:phone}.", "Emergency contact is {name} on {c:phone}",
            "I'm in Portugal till May, ring {c:exitphone}", "Invoices to {c:email} from now on",
            "My account email is now {c:email}.",
            "Refund it to {c:iban}, that's my Irish account.", "Payout to {c:iban}, account in my name.", "Someone logged in from {c:ip4}",
            "Last session shows {c:ip6}", "Account owner: {name}", "Beneficiary: {name}",
            "It was signed for by {name}?", "It's a gift for {name}, no invoice in the box please.",
            "Could you cc {name} please", "Cheers,\n{first}", "Best, {first}",
            "Tenant: {name}. {first} is away this week.", "From 1 March my address is {street}, {c:cityline}",
            "Please remove my old address {street}", "Send the gift to {name}, {street}, {c:cityline}",
            "Post to {c:pobox}", "Prescription delivery for {name}\n{street}\n{c:cityline}",
            "My brother is at {c:military}",
        ],
        "de-DE": [
            "Bitte die Kaution auf meine Firmenkarte {c:unkcard} buchen.",
            "Karte für den Mietwagen: {c:card}, gültig bis 09/29.",
            "Die Garantieverlängerung habe ich mit der Karte {c:card} bezahlt.",
            "Der US-Vermieter will meine Social Security Number, sie lautet {c:ssn}",
            "Für das W-9-Formular: SSN {c:ssn}",
            "Der Fahrer kann mir an {c:phone} schreiben.", "Notfallkontakt: {name}, {c:phone}",
            "Am besten per WhatsApp: {c:exitphone}", "Rechnungen bitte an {c:email}",
            "Meine Login-Adresse ist jetzt {c:email}.",
            "Erstattung bitte auf {c:iban}", "Auszahlung an {c:iban}, Inhaber {name}.", "Der Login von {c:ip4} war nicht ich.",
            "Als letzte Sitzung steht {c:ip6} da.", "Begünstigter: {name}", "Kontoinhaberin laut Vertrag: {name}",
            "Unterschrieben hat {name}", "Ein Geschenk für {name}, bitte ohne Rechnung.", "Bitte {name} in CC setzen.",
            "Beste Grüße\n{first}", "Mieter: {name}. {first} zieht am Ersten ein.",
            "Ab 1. März neue Adresse: {street}, {c:cityline}", "Alte Adresse bitte löschen: {street}",
            "Das Geschenk bitte an {name}, {street}\n{c:cityline}", "Post an {c:pobox}",
            "Apothekenlieferung für {name}:\n{street}\n{c:cityline}", "Mein Sohn ist stationiert: {c:military}",
        ],
        "fr-FR": [
            "Merci de prendre la caution sur ma carte pro {c:unkcard}.",
            "Carte pour la location de voiture : {c:card}, expire 09/29.",
            "L'extension de garantie a été réglée avec la carte {c:card}.",
            "Le propriétaire américain demande mon SSN : {c:ssn}",
            "Pour le formulaire W-9 : numéro de sécurité sociale américain {c:ssn}",
            "Le chauffeur peut m'écrire au {c:phone}.", "Contact d'urgence : {name}, {c:phone}",
            "Plutôt WhatsApp : {c:exitphone}", "Factures à envoyer à {c:email}",
            "Mon adresse de connexion est désormais {c:email}.",
            "Remboursement sur {c:iban} svp", "Versement sur {c:iban}, au nom de {name}.", "La connexion depuis {c:ip4} n'était pas moi.",
            "Dernière session : {c:ip6}", "Bénéficiaire : {name}", "Titulaire du contrat de location : {name}",
            "Colis signé par {name}", "C'est un cadeau pour {name}, sans facture dans le colis.", "Mettez {name} en copie svp.",
            "Bonne journée,\n{first}", "Locataire : {name}. {first} arrive lundi.",
            "Nouvelle adresse à partir du 1er mars : {street}, {c:cityline}", "Ancienne adresse à supprimer : {street}",
            "Livrez le cadeau à {name}, {street}\n{c:cityline}", "Courrier : {c:pobox}",
            "Livraison de la pharmacie pour {name} :\n{street}\n{c:cityline}", "Mon fils est déployé : {c:military}",
        ],
        "nl-NL": [
            "De borg graag op mijn zakelijke kaart {c:unkcard}.",
            "Kaart voor de huurauto: {c:card}, geldig tot 09/29.",
            "De garantie heb ik met kaart {c:card} betaald.",
            "De Amerikaanse verhuurder vraagt mijn SSN: {c:ssn}",
            "Voor het W-9-formulier: social security number {c:ssn}",
            "De chauffeur kan me appen op {c:phone}.", "Noodcontact: {name}, {c:phone}",
            "Liefst WhatsApp: {c:exitphone}", "Facturen graag naar {c:email}",
            "Mijn inlogadres is nu {c:email}.",
            "Terugbetalen op {c:iban} graag", "Uitbetalen op {c:iban}, t.n.v. {name}.", "De login vanaf {c:ip4} was ik niet.",
            "Laatste sessie: {c:ip6}", "Begunstigde: {name}", "Huurder volgens contract: {name}",
            "Getekend door {name}", "Het is een cadeau voor {name}, zonder factuur graag.", "Zet {name} in de cc aub.",
            "Groetjes,\n{first}", "Huurder: {name}. {first} komt maandag.",
            "Vanaf 1 maart nieuw adres: {street}, {c:cityline}", "Oud adres graag verwijderen: {street}",
            "Bezorg het cadeau bij {name}, {street}\n{c:cityline}", "Post naar {c:pobox}",
            "Apotheeklevering voor {name}:\n{street}\n{c:cityline}", "Mijn zoon is uitgezonden: {c:military}",
        ],
        "es-ES": [
            "Carguen la fianza en mi tarjeta de empresa {c:unkcard}.",
            "Tarjeta para el coche de alquiler: {c:card}, caduca 09/29.",
            "La garantía ampliada la pagué con la tarjeta {c:card}.",
            "El casero de EE. UU. pide mi SSN: {c:ssn}",
            "Para el formulario W-9: número de la seguridad social {c:ssn}",
            "El conductor me puede escribir al {c:phone}.", "Contacto de emergencia: {name}, {c:phone}",
            "Mejor por WhatsApp: {c:exitphone}", "Las facturas a {c:email}, por favor",
            "Mi correo de acceso ahora es {c:email}.",
            "Devolución a {c:iban}, gracias", "Abono en {c:iban}, a nombre de {name}.", "El acceso desde {c:ip4} no fui yo.",
            "Última sesión: {c:ip6}", "Beneficiario: {name}", "Titular del contrato de alquiler: {name}",
            "Lo firmó {name}", "Es un regalo para {name}, sin factura dentro.", "Pongan a {name} en copia.",
            "Un abrazo,\n{first}", "Inquilino: {name}. {first} entra el lunes.",
            "Desde el 1 de marzo mi dirección es {street}, {c:cityline}", "Borren la dirección antigua: {street}",
            "Entreguen el regalo a {name}, {street}\n{c:cityline}", "Correo al {c:pobox}",
            "Entrega de farmacia para {name}:\n{street}\n{c:cityline}", "Mi hijo está destinado: {c:military}",
        ],
    ]

    /// PII-free lines full of look-alikes.
    static let clean: [String: [String]] = [
        "en-US": ["Plate {c:plate} is the rental.", "Claim {c:claim} was approved.", "UPC {c:upc}", "Pickup PIN {c:pin}",
                  "Invoice {c:landlineref} is overdue?", "Meet at {c:coords}", "Error logged at {c:stamp}", "Box is {c:dims}.",
                  "Gift card {c:gift} shows no balance.", "Drop-off point {c:shopid}", "Order {c:order} arrived damaged.",
                  "Tracking {c:tracking}", "It was {c:price} on {c:date}.", "Phone updated to iOS {c:version} and the app still crashes.", "Is the {c:place} location open at {c:time}?"],
        "en-GB": ["Hire car reg {c:plate}", "Claim ref {c:claim}", "Barcode on the box: {c:upc}", "Locker PIN {c:pin}",
                  "Invoice no {c:landlineref}", "Pin dropped at {c:coords}", "Timestamp {c:stamp}", "Parcel size {c:dims}",
                  "Gift card {c:gift} doesn't work", "Collection point {c:shopid}", "Order {c:order}", "Tracking {c:tracking}",
                  "Paid {c:price} on {c:date}.", "Still on {c:version} of the app", "Does the {c:place} shop open at {c:time}?"],
        "de-DE": ["Kennzeichen {c:plate}", "Schadennummer {c:claim}", "UPC {c:upc}", "Abhol-PIN {c:pin}",
                  "Rechnung {c:landlineref}", "Treffpunkt {c:coords}", "Zeitstempel {c:stamp}", "Paketmaße {c:dims}",
                  "Geschenkkarte {c:gift} hat kein Guthaben", "Paketshop {c:shopid}", "Bestellung {c:order}", "Sendung {c:tracking}",
                  "{c:price} am {c:date}", "Update auf {c:version} installiert", "Hat die Filiale in {c:place} um {c:time} offen?"],
        "fr-FR": ["Immatriculation {c:plate}", "Sinistre {c:claim}", "Code UPC {c:upc}", "Code de retrait {c:pin}",
                  "Facture {c:landlineref}", "Rendez-vous à {c:coords}", "Horodatage {c:stamp}", "Dimensions du colis {c:dims}",
                  "Carte cadeau {c:gift} sans solde", "Point relais {c:shopid}", "Commande {c:order}", "Suivi {c:tracking}",
                  "{c:price} le {c:date}", "Mise à jour {c:version} installée", "Le magasin de {c:place} ouvre à {c:time} ?"],
        "nl-NL": ["Kenteken {c:plate}", "Schadenummer {c:claim}", "UPC {c:upc}", "Ophaal-pin {c:pin}",
                  "Factuur {c:landlineref}", "Afspreken op {c:coords}", "Tijdstempel {c:stamp}", "Pakketmaat {c:dims}",
                  "Cadeaukaart {c:gift} heeft geen saldo", "Pakketpunt {c:shopid}", "Bestelling {c:order}", "Track & trace {c:tracking}",
                  "{c:price} op {c:date}", "Nieuwste versie {c:version} geïnstalleerd", "Is de winkel in {c:place} om {c:time} open?"],
        "es-ES": ["Matrícula {c:plate}", "Siniestro {c:claim}", "Código UPC {c:upc}", "PIN de recogida {c:pin}",
                  "Factura {c:landlineref}", "Quedamos en {c:coords}", "Marca de tiempo {c:stamp}", "Medidas del paquete {c:dims}",
                  "Tarjeta regalo {c:gift} sin saldo", "Punto de recogida {c:shopid}", "Pedido {c:order}", "Seguimiento {c:tracking}",
                  "{c:price} el {c:date}", "Actualicé a la {c:version}", "¿Abre la tienda de {c:place} a las {c:time}?"],
    ]
}
