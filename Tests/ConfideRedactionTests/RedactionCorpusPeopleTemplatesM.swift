/// Chat lines of held-out split M of the PERSON/ADDRESS corpus (`RedactionCorpusPeople`).
///
/// Written on 2026-12-05 by the thirteenth session before it changed the detector, and committed with its
/// value lists, script, README and tests before the detector was run on them; never edited to suit the
/// detector. Written fresh (not adapted from another split's lines), around situations no other split is
/// built on: a dentist, a gym membership, a bicycle repair, a driving school, a language course, a
/// babysitter, a car at the garage, solar panels, funeral arrangements, lost luggage, switching a mobile
/// contract, a library card, a removal company, a tax adviser, a boat mooring. Names as patient, member,
/// learner driver, deceased, next of kin, babysitter, `Account name:`, `Best wishes,` on its own line before
/// the name, `— {first}` after a message, `cc {name}`, a name in quotes, `Mr/Mrs` in the six languages with the
/// surname alone, a name as the object of `ask for`, `speak to`, `ask`; addresses as the pick-up and drop-off
/// of a removal, the garage, the mooring, the installation site, a luggage delivery, a funeral home; PO
/// boxes (`Post Office Box`, `Freepost`, `Packstation`, `TSA`, `Apartado de Correos`) and military addresses;
/// cards, IBANs, SSNs and phones for deposits, refunds and call-backs; IPs with ports and brackets after
/// `router`, `camera`, `inverter`, `login from`.
/// PII-free lines (`clean`) hold look-alikes (membership, booking and policy numbers, odometer readings,
/// frame numbers, tax years, vouchers that fail Luhn written in card layouts, version and product codes
/// shaped like IP addresses, company hotlines, orders, tracking numbers, dates, prices) and capitalised
/// words that are not names: brands and designers, buildings, prizes, teams, streets and stations named
/// after people with no house number, festivals, software, job titles, signatures of a company.
/// Values: `RedactionCorpusPeopleListsM`.
enum RedactionCorpusPeopleTemplatesM {
    static let templates: [String: [String]] = [
        "en-US": [
            "Dentist deposit on {c:card}, please", "Gym membership card on file is {c:unkcard}", "Bike shop says charge {c:card} when it's ready",
            "For the driving lessons I'd like to pay with this one: {c:card}", "The tax adviser needs my social for the return. {c:ssn}",
            "Funeral home form, SSN of the deceased: {c:ssn}", "Text me on {c:phone} when the removal van leaves",
            "Babysitter's number is {c:phone}", "We're overseas for the funeral; call {c:exitphone}", "Send the luggage claim to {c:email}",
            "My tax adviser is {c:email}, please copy her", "Refund the gym fees to {c:iban}", "The mooring fee is debited from {c:iban}",
            "The solar inverter reports from {c:ip4}", "Someone logged in from {c:ip6} and changed my library PIN",
            "Patient: {name}", "Member name: {NAME}", "Learner driver {first} {last} passed!", "The deceased, {name}, was my uncle.",
            "Next of kin: {last}, {first}", "Our babysitter {first} has the key.", "Account name: {name}", "Best wishes,\n{name}",
            "Can we move it to Thursday? — {first}", "cc {name}", "The booking is under \"{name}\".", "Please ask for Mrs {last} at reception.",
            "I spoke to {first} on the phone yesterday.", "Mr. {last} from the garage never called back.",
            "Pick up at {street}, drop off at {address}", "The car is at the garage on {street}.", "Mooring address: {street}, {c:cityline}",
            "Install the panels at {street}\n{c:cityline}", "Deliver the lost suitcase to {address}", "The funeral home is at {street}, {c:cityline}",
            "Send the library card to {c:pobox}", "My brother is deployed: {c:military}",
        ],
        "en-GB": [
            "Dentist's deposit on {c:card} please", "The gym has {c:unkcard} on file", "Bike shop, take payment from {c:card} when it's fixed",
            "For the driving lessons use this card: {c:card}", "The US tax adviser needs my social security number. {c:ssn}",
            "Funeral director's US form, the deceased's SSN: {c:ssn}", "Text {c:phone} when the removal lorry sets off",
            "Childminder's mobile: {c:phone}", "We're abroad for the funeral, ring {c:exitphone}", "Send the baggage claim to {c:email}",
            "My accountant is {c:email}, please copy her in", "Refund the gym fees to {c:iban}", "Mooring fees come out of {c:iban}",
            "The solar inverter reports from {c:ip4}", "Somebody signed in from {c:ip6} and changed my library PIN",
            "Patient: {name}", "Member: {NAME}", "Learner driver {first} {last} passed!", "The deceased, {name}, was my aunt.",
            "Next of kin: {last}, {first}", "Our childminder {first} has a key.", "Account name: {name}", "Kind regards,\n{name}",
            "Could we do Thursday instead? — {first}", "cc {name}", "It's booked under \"{name}\".", "Please ask for Mrs {last} at the front desk.",
            "I spoke to {first} on the phone yesterday.", "Mr {last} from the garage never rang back.",
            "Collect from {street}, deliver to {address}", "The car's at the garage on {street}.", "Mooring: {street}, {c:cityline}",
            "Fit the panels at {street}\n{c:cityline}", "Deliver the lost case to {address}", "The funeral directors are at {street}, {c:cityline}",
            "Post the library card to {c:pobox}", "My brother is posted abroad: {c:military}",
        ],
        "de-DE": [
            "Die Anzahlung beim Zahnarzt bitte über {c:card}", "Im Fitnessstudio ist {c:unkcard} hinterlegt", "Der Fahrradladen soll {c:card} belasten, wenn es fertig ist",
            "Für die Fahrstunden zahle ich mit dieser Karte: {c:card}", "Der Steuerberater in den USA braucht meine Social Security Number. {c:ssn}",
            "US-Formular des Bestatters, SSN des Verstorbenen: {c:ssn}", "Bitte eine SMS an {c:phone}, wenn der Umzugswagen losfährt",
            "Die Nummer der Babysitterin ist {c:phone}", "Wir sind zur Beerdigung im Ausland, Tel. {c:exitphone}", "Die Gepäckreklamation an {c:email}",
            "Meine Steuerberaterin ist {c:email}, bitte in Kopie", "Die Studiogebühren bitte zurück auf {c:iban}", "Die Liegeplatzgebühr wird von {c:iban} abgebucht",
            "Der Wechselrichter meldet sich von {c:ip4}", "Jemand hat sich von {c:ip6} angemeldet und meine Bibliotheks-PIN geändert",
            "Patient: {name}", "Mitglied: {NAME}", "Fahrschüler {first} {last} hat bestanden!", "Der Verstorbene, {name}, war mein Onkel.",
            "Nächste Angehörige: {last}, {first}", "Unsere Babysitterin {first} hat den Schlüssel.", "Kontoinhaber: {name}", "Beste Grüße\n{name}",
            "Geht auch Donnerstag? — {first}", "cc {name}", "Die Buchung läuft auf „{name}“.", "Bitte fragen Sie am Empfang nach Frau {last}.",
            "Ich habe gestern mit {first} telefoniert.", "Herr {last} von der Werkstatt hat nie zurückgerufen.",
            "Abholung {street}, Lieferung an {address}", "Das Auto steht in der Werkstatt, {street}.", "Liegeplatz: {street}, {c:cityline}",
            "Die Module bitte hier montieren: {street}\n{c:cityline}", "Den verlorenen Koffer bitte an {address}", "Das Bestattungshaus ist in der {street}, {c:cityline}",
            "Den Bibliotheksausweis bitte an {c:pobox}", "Mein Bruder ist im Einsatz: {c:military}",
        ],
        "fr-FR": [
            "L'acompte du dentiste sur {c:card}, svp", "La salle de sport a {c:unkcard} en mémoire", "Le vélociste débitera {c:card} quand ce sera prêt",
            "Pour les leçons de conduite, payez avec cette carte : {c:card}", "Mon conseiller fiscal américain veut mon social security number. {c:ssn}",
            "Formulaire US des pompes funèbres, SSN du défunt : {c:ssn}", "Un SMS au {c:phone} quand le camion de déménagement part",
            "Le numéro de la baby-sitter : {c:phone}", "Nous sommes à l'étranger pour les obsèques, appelez le {c:exitphone}", "La réclamation bagage à {c:email}",
            "Mon expert-comptable : {c:email}, mettez-la en copie", "Remboursez l'abonnement de sport sur {c:iban}", "L'anneau du port est prélevé sur {c:iban}",
            "L'onduleur solaire remonte depuis {c:ip4}", "Quelqu'un s'est connecté depuis {c:ip6} et a changé mon code de bibliothèque",
            "Patient : {name}", "Adhérent : {NAME}", "L'élève {first} {last} a eu son permis !", "Le défunt, {name}, était mon oncle.",
            "Personne à prévenir : {last}, {first}", "Notre baby-sitter {first} a la clé.", "Titulaire du compte : {name}", "Bien à vous,\n{name}",
            "On peut décaler à jeudi ? — {first}", "cc {name}", "La réservation est au nom de « {name} ».", "Demandez Mme {last} à l'accueil.",
            "J'ai eu {first} au téléphone hier.", "M. {last} du garage n'a jamais rappelé.",
            "Chargement au {street}, livraison au {address}", "La voiture est au garage, {street}.", "Anneau : {street}, {c:cityline}",
            "Posez les panneaux au {street}\n{c:cityline}", "Livrez la valise perdue au {address}", "Les pompes funèbres sont au {street}, {c:cityline}",
            "Envoyez la carte de bibliothèque à {c:pobox}", "Mon frère est en opération : {c:military}",
        ],
        "nl-NL": [
            "De aanbetaling bij de tandarts graag via {c:card}", "De sportschool heeft {c:unkcard} opgeslagen", "De fietsenmaker mag {c:card} belasten als hij klaar is",
            "Voor de rijlessen betaal ik met deze kaart: {c:card}", "Mijn Amerikaanse belastingadviseur wil mijn social security number. {c:ssn}",
            "Amerikaans formulier van de uitvaart, SSN van de overledene: {c:ssn}", "Stuur een sms naar {c:phone} als de verhuiswagen vertrekt",
            "Het nummer van de oppas: {c:phone}", "We zijn in het buitenland voor de uitvaart, bel {c:exitphone}", "De bagageclaim naar {c:email}",
            "Mijn belastingadviseur is {c:email}, zet haar in de cc", "Stort het sportabonnement terug op {c:iban}", "Het ligplaatsgeld gaat van {c:iban} af",
            "De omvormer meldt zich vanaf {c:ip4}", "Iemand logde in vanaf {c:ip6} en wijzigde mijn bibliotheekpincode",
            "Patiënt: {name}", "Lid: {NAME}", "Leerling {first} {last} is geslaagd!", "De overledene, {name}, was mijn oom.",
            "Contactpersoon: {last}, {first}", "Onze oppas {first} heeft de sleutel.", "Tenaamstelling: {name}", "Met vriendelijke groet,\n{name}",
            "Kan het ook donderdag? — {first}", "cc {name}", "De boeking staat op naam van \"{name}\".", "Vraag aan de balie naar mevrouw {last}.",
            "Ik heb gisteren met {first} gebeld.", "Meneer {last} van de garage heeft nooit teruggebeld.",
            "Ophalen op {street}, afleveren op {address}", "De auto staat bij de garage aan de {street}.", "Ligplaats: {street}, {c:cityline}",
            "Plaats de panelen op {street}\n{c:cityline}", "Bezorg de verloren koffer op {address}", "De uitvaartonderneming zit aan de {street}, {c:cityline}",
            "Stuur de bibliotheekpas naar {c:pobox}", "Mijn broer is uitgezonden: {c:military}",
        ],
        "es-ES": [
            "La señal del dentista con {c:card}, por favor", "El gimnasio tiene guardada {c:unkcard}", "El taller de bicis cobrará {c:card} cuando esté lista",
            "Para las clases de la autoescuela pago con esta: {c:card}", "Mi asesor fiscal de EE. UU. pide mi social security number. {c:ssn}",
            "Formulario americano de la funeraria, SSN del difunto: {c:ssn}", "Mándame un SMS al {c:phone} cuando salga el camión de la mudanza",
            "El teléfono de la canguro es {c:phone}", "Estamos fuera por el entierro, llamad al {c:exitphone}", "La reclamación de equipaje a {c:email}",
            "Mi gestora es {c:email}, ponedla en copia", "Devolved la cuota del gimnasio a {c:iban}", "El amarre se cobra de {c:iban}",
            "El inversor solar informa desde {c:ip4}", "Alguien entró desde {c:ip6} y cambió mi PIN de la biblioteca",
            "Paciente: {name}", "Socio: {NAME}", "¡{first} {last} aprobó el carné!", "El difunto, {name}, era mi tío.",
            "Persona de contacto: {last}, {first}", "Nuestra canguro {first} tiene la llave.", "Titular de la cuenta: {name}", "Un saludo,\n{name}",
            "¿Lo pasamos al jueves? — {first}", "cc {name}", "La reserva está a nombre de «{name}».", "Pregunten en recepción por la Sra. {last}.",
            "Ayer hablé por teléfono con {first}.", "El Sr. {last} del taller nunca devolvió la llamada.",
            "Recogida en {street}, entrega en {address}", "El coche está en el taller de {street}.", "Amarre: {street}, {c:cityline}",
            "Instalen las placas en {street}\n{c:cityline}", "Entreguen la maleta perdida en {address}", "La funeraria está en {street}, {c:cityline}",
            "Manden el carné de la biblioteca a {c:pobox}", "Mi hermano está destinado: {c:military}",
        ],
    ]

    /// PII-free lines full of look-alikes: numbers that are not PII and capitalised words that are not names.
    static let clean: [String: [String]] = [
        "en-US": ["Membership {c:member}, booking {c:booking}", "Odometer {c:odometer}", "Frame number {c:frame}", "Tax year {c:taxyear}, policy {c:policy}",
                  "Gift voucher {c:voucher} doesn't scan", "Firmware {c:dotcode} on the inverter", "Call the hotline {c:hotline}",
                  "Order {c:order} shipped {c:date}", "Tracking {c:tracking}", "Paid {c:price} at {c:time}, app {c:version}", "Invoice {c:invoice}",
                  "The Tommy Hilfiger jacket and the Kate Spade bag came in one box.", "Is the Empire State Building tour included?",
                  "We took the train to Grand Central from the Martin Luther King Jr. Blvd station.", "Pulitzer Prize winners get a discount, apparently.",
                  "The Green Bay Packers shirt is the wrong size.", "Billing Operations Lead will follow up.", "Happy Thanksgiving from the Customer Care Team!",
                  "Sent via Microsoft Teams", "Ben & Jerry's was out of stock at Trader Joe's."],
        "en-GB": ["Membership {c:member}, booking {c:booking}", "Mileage {c:odometer}", "Frame number {c:frame}", "Tax year {c:taxyear}, policy {c:policy}",
                  "Gift voucher {c:voucher} won't scan", "Firmware {c:dotcode} on the inverter", "Ring the helpline {c:hotline}",
                  "Order {c:order} dispatched {c:date}", "Tracking {c:tracking}", "Paid {c:price} at {c:time}, app {c:version}", "Invoice {c:invoice}",
                  "The Paul Smith shirt and the Laura Ashley curtains came together.", "Is Buckingham Palace open on the bank holiday?",
                  "Meet me at King's Cross by the Harry Potter shop.", "Victoria Beckham perfume was missing from the hamper.",
                  "The Manchester United scarf is the wrong colour.", "Head of Customer Operations will be in touch.", "Merry Christmas from all at Sales Support!",
                  "Sent from Mail for Windows", "Our Lady of Lourdes primary school fête is on Saturday."],
        "de-DE": ["Mitgliedschaft {c:member}, Buchung {c:booking}", "Kilometerstand {c:odometer}", "Rahmennummer {c:frame}", "Steuerjahr {c:taxyear}, Police {c:policy}",
                  "Gutschein {c:voucher} lässt sich nicht scannen", "Firmware {c:dotcode} am Wechselrichter", "Hotline {c:hotline}",
                  "Bestellung {c:order} verschickt am {c:date}", "Sendungsnummer {c:tracking}", "{c:price} um {c:time} bezahlt, App {c:version}", "Rechnung {c:invoice}",
                  "Die Jacke von Jil Sander und die Tasche von Wolfgang Joop kamen zusammen.", "Hat das Schloss Neuschwanstein am Pfingstmontag offen?",
                  "Treffpunkt Konrad-Adenauer-Platz, Ausgang Hauptbahnhof.", "Der Karl-May-Band fehlte in der Lieferung.",
                  "Das Trikot von Borussia Dortmund ist zu klein.", "Der Leiter Kundenbetreuung meldet sich.", "Frohe Weihnachten vom Serviceteam!",
                  "Von meinem iPad gesendet", "Im Goethe-Institut gibt es keinen Parkplatz."],
        "fr-FR": ["Adhésion {c:member}, réservation {c:booking}", "Kilométrage {c:odometer}", "Numéro de cadre {c:frame}", "Année fiscale {c:taxyear}, contrat {c:policy}",
                  "Le bon d'achat {c:voucher} ne passe pas", "Firmware {c:dotcode} sur l'onduleur", "Service client {c:hotline}",
                  "Commande {c:order} expédiée le {c:date}", "Suivi {c:tracking}", "Payé {c:price} à {c:time}, appli {c:version}", "Facture {c:invoice}",
                  "La veste Agnès b. et le sac Jean Paul Gaultier sont arrivés ensemble.", "La tour Eiffel est-elle ouverte le lundi de Pentecôte ?",
                  "RDV place Charles de Gaulle, sortie Étoile.", "Le prix Goncourt est en rupture.",
                  "Le maillot du Paris Saint-Germain est trop petit.", "La Responsable Relation Client reviendra vers vous.", "Joyeux Noël de toute l'équipe Service Client !",
                  "Envoyé de mon iPhone", "Le collège Jules Ferry ferme à midi."],
        "nl-NL": ["Lidmaatschap {c:member}, boeking {c:booking}", "Kilometerstand {c:odometer}", "Framenummer {c:frame}", "Belastingjaar {c:taxyear}, polis {c:policy}",
                  "Cadeaubon {c:voucher} scant niet", "Firmware {c:dotcode} op de omvormer", "Klantenservice {c:hotline}",
                  "Bestelling {c:order} verzonden op {c:date}", "Track & trace {c:tracking}", "{c:price} betaald om {c:time}, app {c:version}", "Factuur {c:invoice}",
                  "De jas van Scotch & Soda en de tas van Mart Visser kwamen samen.", "Is het Rijksmuseum open op Koningsdag?",
                  "Afspraak bij station Amsterdam Zuid, uitgang Gustav Mahlerplein.", "De Gouden Boekenuil-winnaar is uitverkocht.",
                  "Het shirt van Ajax is te klein.", "De Teamleider Klantcontact belt u terug.", "Prettige feestdagen namens het Serviceteam!",
                  "Verzonden vanaf mijn iPhone", "De Willem de Kooning Academie is gesloten."],
        "es-ES": ["Socio {c:member}, reserva {c:booking}", "Kilometraje {c:odometer}", "Número de cuadro {c:frame}", "Ejercicio {c:taxyear}, póliza {c:policy}",
                  "El vale regalo {c:voucher} no funciona", "Firmware {c:dotcode} en el inversor", "Atención al cliente {c:hotline}",
                  "El pedido {c:order} salió el {c:date}", "Seguimiento {c:tracking}", "Pagué {c:price} a las {c:time}, app {c:version}", "Factura {c:invoice}",
                  "La chaqueta de Adolfo Dominguez y el bolso de Purificación García llegaron juntos.", "¿Abre la Sagrada Familia el Jueves Santo?",
                  "Quedamos en la estación de Atocha Almudena Grandes.", "El Premio Cervantes está agotado.",
                  "La camiseta del Atlético de Madrid es pequeña.", "La Jefa de Atención al Cliente le contestará.", "¡Feliz Navidad de parte del Equipo de Soporte!",
                  "Enviado desde mi iPhone", "El colegio Miguel de Cervantes cierra a las dos."],
    ]
}
