/// Chat lines of the PERSON/ADDRESS corpus (`RedactionCorpusPeople`), per locale.
///
/// `heldOut` and `heldOutClean` were written before the detector had been run on any of
/// this corpus and are never changed to suit it; `dev` and `devClean` may be.
/// Slots: `{name}` first and last name, `{first}`, `{last}`, `{NAME}` upper-case;
/// `{street}`, `{cityline}` (postcode and city), `{address}` (both, on one or two
/// lines), `{pobox}`, `{military}`; `{city}` is an unlabelled city name; number slots as
/// in `RedactionCorpusValues` plus `{phone10}`, `{exitphone}`, `{ssn9}`, `{unkcard}`,
/// `{d7}`, `{d10}` (unlabelled digits).
enum RedactionCorpusPeopleTemplates {
    static let dev: [String: [String]] = [
        "en-US": [
            "Hi, this is {name}, I ordered a blender last week.", "My name is {name} and my order {order} never arrived.",
            "Thanks,\n{first}", "Hello {first}, thanks for reaching out!", "Please ship it to {address}.",
            "I moved to {street}, {cityline}.", "Mr. {last} called about his refund.", "Name: {name}\nAddress: {address}",
            "Can you send the replacement to {pobox}?", "I'm deployed, my address is {military}.",
            "{name} here, the card on file is {card}.", "Spoke with {first} yesterday, she said {first} would call back.",
            "What's your social security number? It is {ssn9}", "My 2FA number changed to {phone10}.",
            "Best number to reach me is {phone10}", "Please text the code to {phone10}.",
            "From abroad dial {exitphone}", "Card number: {unkcard}", "Dear {name},\nyour ticket {ticket} is resolved.",
            "Ask for {name} at the front desk.", "Billing address: {address}", "Regards,\n{name}\n{phone}",
            "My email is {email}, my SSN is {ssn}.", "Refund to IBAN {iban} please.", "The router at {ip} keeps rebooting.",
            "Social security number {ssn}", "Reach me at {email}.", "Login from {ip} was not me.",
            "SSN: {ssn}", "My SSN is {ssn9}, please verify.", "Need to fix my social, it should read {ssn}",
        ],
        "en-GB": [
            "Hiya, I'm {name}, the parcel {tracking} is late.", "Mrs {last} rang about the boiler.",
            "Please deliver to {address}", "Flat 3, {street}, {cityline}", "Cheers,\n{first}",
            "Hello {first}, your engineer is booked.", "My name's {name}, account {custno}.",
            "Could you post it to {pobox}?", "Kind regards,\n{name}", "Dr {last} will sign for it.",
            "My social security number? It is {ssn9}", "Ring me from the US on {exitphone}",
            "The card is {unkcard}", "Best number to reach me is {phone}", "{name} here, mobile {phone}.",
            "Delivery address: {address}", "I spoke to {first} earlier and {first} said it was sorted.",
            "Email me at {email}.", "Bank details: IBAN {iban}", "Our office IP is {ip}.",
        ],
        "de-DE": [
            "Hallo, ich bin {name} und habe eine Frage zur Bestellung {order}.", "Mein Name ist {name}.",
            "Bitte an {address} schicken.", "Ich wohne in der {street}, {cityline}.", "Viele Grüße\n{name}",
            "Sehr geehrte Frau {last},\nvielen Dank für Ihre Nachricht.", "Herr {last} hat angerufen.",
            "Lieferadresse: {address}", "Postanschrift: {pobox}", "Hallo {first}, danke für die schnelle Antwort!",
            "Karteninhaber: {name}, Karte {card}", "Meine Handynummer hat sich geändert: {phone}",
            "Aus dem Ausland: {exitphone}", "Kartennummer {unkcard}", "Mit freundlichen Grüßen\n{name}\n{address}",
            "Ich habe mit {first} gesprochen, {first} meldet sich.", "Beste Nummer für Rückrufe ist {phone}",
            "Meine E-Mail-Adresse ist {email}.", "Bitte auf IBAN {iban} überweisen.", "Der Router hat die IP {ip}.",
        ],
        "fr-FR": [
            "Bonjour, je m'appelle {name}, ma commande {order} n'est pas arrivée.", "Je suis {name}.",
            "Merci d'envoyer le colis au {address}.", "J'habite au {street}, {cityline}.", "Cordialement,\n{name}",
            "Bonjour {first}, merci pour votre retour.", "Mme {last} a appelé ce matin.", "M. {last} attend un rappel.",
            "Adresse de livraison : {address}", "Adresse postale : {pobox}", "Titulaire : {name}, carte {card}",
            "Mon numéro a changé : {phone}", "Depuis l'étranger : {exitphone}", "Numéro de carte {unkcard}",
            "J'ai parlé avec {first}, {first} doit me rappeler.", "Bien à vous,\n{first}",
            "Mon e-mail : {email}", "Remboursement sur l'IBAN {iban}", "Mon adresse IP est {ip}.",
        ],
        "nl-NL": [
            "Hallo, ik ben {name} en mijn bestelling {order} is niet aangekomen.", "Mijn naam is {name}.",
            "Graag versturen naar {address}.", "Ik woon op {street}, {cityline}.", "Met vriendelijke groet,\n{name}",
            "Beste {first}, bedankt voor je bericht.", "Mevrouw {last} heeft gebeld.", "Dhr. {last} wacht op antwoord.",
            "Afleveradres: {address}", "Postadres: {pobox}", "Rekeninghouder: {name}, IBAN {iban}",
            "Mijn nummer is veranderd: {phone}", "Vanuit het buitenland: {exitphone}", "Kaartnummer {unkcard}",
            "Ik heb {first} gesproken en {first} belt terug.", "Groeten,\n{first}",
            "Mijn e-mail is {email}.", "Terugbetalen op IBAN {iban}", "Mijn IP-adres is {ip}.",
        ],
        "es-ES": [
            "Hola, soy {name} y mi pedido {order} no ha llegado.", "Me llamo {name}.", "Envíenlo a {address}, por favor.",
            "Vivo en {street}, {cityline}.", "Un saludo,\n{name}", "Hola {first}, gracias por escribir.",
            "La Sra. {last} llamó esta mañana.", "El Sr. {last} espera respuesta.", "Dirección de envío: {address}",
            "Apartado postal: {pobox}", "Titular: {name}, tarjeta {card}", "Mi móvil ha cambiado: {phone}",
            "Desde el extranjero: {exitphone}", "Número de tarjeta {unkcard}", "Hablé con {first} y {first} me llamará.",
            "Atentamente,\n{name}", "Mi correo es {email}.", "Devuelvan el dinero al IBAN {iban}", "Mi IP es {ip}.",
        ],
    ]

    static let devClean: [String: [String]] = [
        "en-US": ["Hi there, my order {order} is late.", "Hello team, the tracking number is {tracking}.",
                  "Thanks for the quick reply!", "The Apple Store on Main Street was closed.", "I paid {price} on {date}.",
                  "Invoice {invoice} shows the wrong amount.", "Will it ship by Monday?", "My order number is {order}.",
                  "Version {version} crashes on startup.", "New York office hours are 9 to 5.", "We have 3 Main St locations.",
                  "The best number of licences for us is 25.", "Text me when it ships, please.", "Case {ticket} is still open."],
        "en-GB": ["Cheers for sorting that.", "The parcel went to the depot in {city}.", "Order {order} arrived damaged.",
                  "Hello all, any update?", "Kind regards", "The Royal Mail tracking is {tracking}.", "Ta, {price} refunded?"],
        "de-DE": ["Hallo zusammen, wo bleibt meine Bestellung {order}?", "Vielen Dank für die Hilfe!", "Die Rechnung {invoice} stimmt nicht.",
                  "Viele Grüße", "Das Paket liegt in der Filiale in {city}.", "Sendungsnummer {tracking}", "Bezahlt am {date}: {price}."],
        "fr-FR": ["Bonjour, ma commande {order} est en retard.", "Merci beaucoup !", "Cordialement", "La facture {invoice} est fausse.",
                  "Le colis est au bureau de poste de {city}.", "Numéro de suivi {tracking}", "Payé {price} le {date}."],
        "nl-NL": ["Hallo, waar blijft bestelling {order}?", "Bedankt voor de hulp!", "Met vriendelijke groet", "Factuur {invoice} klopt niet.",
                  "Het pakket ligt bij het servicepunt in {city}.", "Trackingnummer {tracking}", "Betaald op {date}: {price}."],
        "es-ES": ["Hola, mi pedido {order} no ha llegado.", "¡Muchas gracias!", "Un saludo", "La factura {invoice} está mal.",
                  "El paquete está en la oficina de {city}.", "Número de seguimiento {tracking}", "Pagué {price} el {date}."],
    ]

    // Held-out: written before any run on this corpus; do not edit to suit the detector.
    static let heldOut: [String: [String]] = [
        "en-US": [
            "hey its {first} again, still waiting on my refund", "This is {name} from the Denver office.",
            "Please update my shipping address to {street}, {cityline}", "{address}", "Ms. {last} asked for a call back.",
            "Account holder: {NAME}", "Thank you!\n{name}", "Good morning {first}!", "Send it c/o {name}, {address}",
            "My mailing address is {pobox}", "We're stationed overseas: {military}", "The order is for my wife {first}.",
            "The SSN on file ends in 12. Please confirm {ssn9}", "Can you update my cell? New one: {phone10}",
            "You can reach me on this number: {phone10}", "Calling from Mexico, my number is {exitphone}",
            "Charge the card please, it's {unkcard}", "I talked to {name} last week about this.",
            "{first} {last} - {email}", "Dr. {name} will pick it up.",
        ],
        "en-GB": [
            "Morning, {first} here from flat 2.", "It's {name}, I rang yesterday.", "New address: {address}",
            "Send it to {street}, {cityline} please", "Ms {last} is the account holder.", "Many thanks,\n{name}",
            "Hi {first}, that's brilliant, thanks.", "Correspondence to {pobox}", "Your SSN? Yes. It is {ssn9}",
            "My number's changed, it's now {phone}", "From Spain I'd dial {exitphone}", "Pay with card {unkcard}",
            "I was speaking to {name} about the meter.", "Best,\n{first}",
        ],
        "de-DE": [
            "Guten Tag, hier spricht {name}.", "Neue Anschrift: {address}", "Bitte liefern an: {street}, {cityline}",
            "LG {first}", "Frau {name} ist die Kontoinhaberin.", "Danke {first}!", "Z. Hd. {name}, {address}",
            "Mein Postfach: {pobox}", "Meine neue Nummer lautet {phone}", "Ich rufe aus Kanada an: {exitphone}",
            "Bitte die Karte {unkcard} belasten", "Ich hatte mit Herrn {last} telefoniert.", "Gruß\n{name}",
            "Rechnung bitte an {address}",
        ],
        "fr-FR": [
            "Bonsoir, c'est {name}.", "Nouvelle adresse : {address}", "Livrez au {street}, {cityline} svp",
            "Merci {first} !", "Madame {name} est titulaire du compte.", "Bien cordialement,\n{name}",
            "Envoyez à {pobox}", "Mon nouveau numéro : {phone}", "J'appelle du Canada : {exitphone}",
            "Débitez la carte {unkcard}", "J'ai eu {name} au téléphone hier.", "À l'attention de {name}, {address}",
        ],
        "nl-NL": [
            "Goedemiddag, u spreekt met {name}.", "Nieuw adres: {address}", "Bezorgen op {street}, {cityline} aub",
            "Dank je {first}!", "Mevrouw {name} is de rekeninghouder.", "Groetjes,\n{first}", "Stuur het naar {pobox}",
            "Mijn nieuwe nummer: {phone}", "Ik bel vanuit Amerika: {exitphone}", "Schrijf het af van kaart {unkcard}",
            "Ik heb gisteren met {name} gebeld.", "T.a.v. {name}, {address}",
        ],
        "es-ES": [
            "Buenas tardes, le habla {name}.", "Nueva dirección: {address}", "Entregar en {street}, {cityline}",
            "¡Gracias {first}!", "La Sra. {name} es la titular.", "Saludos,\n{name}", "Enviar al {pobox}",
            "Mi nuevo número es {phone}", "Llamo desde Estados Unidos: {exitphone}", "Cárguelo a la tarjeta {unkcard}",
            "Ayer hablé con {name} por teléfono.", "A la atención de {name}, {address}",
        ],
    ]

    static let heldOutClean: [String: [String]] = [
        "en-US": ["Good morning! Quick question about order {order}.", "Do you ship to Puerto Rico?", "Best Buy had it cheaper.",
                  "Your number of returns this year: 2.", "The Golden Gate Bridge mug arrived broken.", "Happy Friday!",
                  "Tracking says {tracking}, delivered to the front porch.", "Order number {order}, please advise.",
                  "Is the Grand Canyon edition back in stock?", "I called twice on {date}."],
        "en-GB": ["Morning all!", "Is Marks & Spencer a stockist?", "The invoice number is {invoice}.",
                  "Arrived at the Birmingham hub on {date}.", "Lovely, cheers."],
        "de-DE": ["Guten Tag, die Rechnungsnummer ist {invoice}.", "Schöne Grüße aus dem Schwarzwald!", "Danke, alles klar.",
                  "Meine Kundennummer ist {custno}.", "Ist der Artikel in München vorrätig?"],
        "fr-FR": ["Bonsoir, le numéro de commande est {order}.", "Merci, bonne journée !", "Le magasin de Lyon est fermé.",
                  "Mon numéro client est {custno}.", "Livré le {date} ?"],
        "nl-NL": ["Goedemiddag, het ordernummer is {order}.", "Dank je wel!", "Is de winkel in Utrecht open?",
                  "Mijn klantnummer is {custno}.", "Bezorgd op {date}?"],
        "es-ES": ["Buenas tardes, el número de pedido es {order}.", "¡Gracias, buen día!", "¿La tienda de Sevilla abre hoy?",
                  "Mi número de cliente es {custno}.", "¿Entregado el {date}?"],
    ]
}
