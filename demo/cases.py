"""The 22 innovation projects documented in the study Spre builds on, as demo data.

Source: an MPA master's thesis (Høgskolen i Lillehammer, about 2019), summarised in the shared
`domain.md` §4.2; line references (L1234) point into its plain text. The study anonymised its case
municipalities as Kommune A–I, and so does the demo: every case belongs to the fictional demo
organisation with the same letter (demo/people.py), never to a real municipality.

Rules followed when writing the cases:
- the text says what the thesis says; where a field is an interpretation (type, service area,
  phase, status) it is a demo classification, and where the thesis gives no figure the benefit says so;
- no numbers that the thesis does not give; dates only where the thesis gives a year;
- named actors are the shared registry entities the thesis names (Husbanken, NTNU, KS …);
  a county authority appears only generically («Fylkeskommunen»);
- contact persons are invented and obviously fictional, with addresses on reserved `.example` domains.

Vocabulary values are the slugs of the seeded `projects.Term` rows and the values of the
`Project`/`ProjectActor`/`Benefit`/`Presentation` choices. All text is Norwegian Bokmål (it is data).
"""

from dataclasses import dataclass, field, replace

# Values of Actor.Type (the study's 11 actor types, domain.md §5.1).
INTERNAL = "internal"
MUNICIPALITY = "municipality"
CITIZENS = "citizens"
PUBLIC_BODY = "public_body"
RESEARCH = "research"
COMMUNITY = "community"
VOLUNTARY = "voluntary"
INTEREST_ORGANISATION = "interest_organisation"
BUSINESS = "business"
OTHER = "other"
INTERNATIONAL = "international"


@dataclass(frozen=True)
class CaseActor:
    name: str
    actor_type: str  # Actor.Type value
    role: str  # ProjectActor.Role value
    description: str = ""


@dataclass(frozen=True)
class CaseChannel:
    channel: str  # Presentation.Channel value (domain.md §5.2)
    arena: str


@dataclass(frozen=True)
class CaseBenefit:
    indicator: str
    result: str
    documentation: str  # Benefit.Documentation value
    baseline: str = ""
    unit: str = ""


@dataclass(frozen=True)
class CaseContact:
    name: str
    role: str
    email: str


@dataclass(frozen=True)
class Case:
    number: int  # row in domain.md §4.2
    municipality: str  # demo organisation code, A–I
    title: str
    summary: str
    need: str
    trigger: str
    solution: str
    novelty: str
    service_areas: tuple[str, ...]
    innovation_types: tuple[str, ...]
    phase: str  # Project.Phase value
    status: str  # Project.Status value
    source: str  # thesis line references
    drivers: tuple[str, ...] = ()
    methods: tuple[str, ...] = ()
    degree: str = ""
    origin: str = "own"
    source_text: str = ""
    start_year: int | None = None
    anchoring: tuple[str, ...] = ()
    anchoring_plans: str = ""
    core: str = ""
    adaptation: str = ""
    needs_procurement: str = ""
    lessons: str = ""
    observability: str = ""
    actors: tuple[CaseActor, ...] = ()
    channels: tuple[CaseChannel, ...] = ()
    benefits: tuple[CaseBenefit, ...] = ()
    contacts: tuple[CaseContact, ...] = field(default_factory=tuple)

    @property
    def slug(self) -> str:
        return f"demo-case-{self.number:02d}"


NO_FIGURE = "Studien oppgir ikke tall."

# One (fictional) contact person per demo municipality, with the informant's role from the study (§4.3).
CONTACTS = {
    "A": CaseContact("Ada Eksempelsen (demo)", "Utviklingssjef", "ada.eksempelsen@kommune-a.example"),
    "B": CaseContact(
        "Bernt Prøvesen (demo)", "Fagansvarlig, innovasjonsprogrammet", "bernt.provesen@kommune-b.example"
    ),
    "C": CaseContact("Cecilie Testesen (demo)", "Spesialrådgiver", "cecilie.testesen@kommune-c.example"),
    "D": CaseContact(
        "Didrik Demosen (demo)", "Programkoordinator innovasjonsstrategi", "didrik.demosen@kommune-d.example"
    ),
    "E": CaseContact("Eva Fiktivsen (demo)", "Rådgiver økonomi og styring", "eva.fiktivsen@kommune-e.example"),
    "F": CaseContact(
        "Frode Oppdiktet (demo)", "Kvalitets- og innovasjonsrådgiver", "frode.oppdiktet@kommune-f.example"
    ),
    "G": CaseContact("Gro Plassholder (demo)", "Enhetsleder", "gro.plassholder@kommune-g.example"),
    "H": CaseContact(
        "Henrik Illustrasjon (demo)",
        "Leder, koordineringsteam for IT og digitalisering",
        "henrik.illustrasjon@kommune-h.example",
    ),
    "I": CaseContact("Ingrid Simulert (demo)", "Prosjektleder", "ingrid.simulert@kommune-i.example"),
}

# A second (fictional) contact where the case has a natural project lead, so the project survives turnover.
_SECOND = {
    1: CaseContact("Arne Attrapp (demo)", "Prosjektleder", "arne.attrapp@kommune-a.example"),
    4: CaseContact(
        "Bodil Boligsosial (demo)", "Prosjektleder, boligsosialt arbeid", "bodil.boligsosial@kommune-b.example"
    ),
    9: CaseContact("Dagny Dummy (demo)", "Prosjektleder, velferdslab", "dagny.dummy@kommune-d.example"),
    18: CaseContact("Geir Gjetning (demo)", "Rådgiver, konserninnkjøp", "geir.gjetning@kommune-g.example"),
}


def _contacts(number: int, code: str) -> tuple[CaseContact, ...]:
    second = _SECOND.get(number)
    return (CONTACTS[code], second) if second else (CONTACTS[code],)


FYLKESKOMMUNEN = "Fylkeskommunen"
FORSKNINGSINSTITUTT = "Forskningsinstitutt (ikke navngitt i studien)"

_RAW_CASES = [
    Case(
        number=1,
        municipality="A",
        title="Utviklingsprosjektet «Tenk Kommune A»",
        summary=(
            "Langsiktig utviklingsarbeid der næringsliv, lokalsamfunn, kompetansemiljøer, fylkeskommunen og "
            "kommunen samarbeider om samfunnsutvikling og innovasjon i en liten øykommune. Modellen er tatt opp "
            "av fylkeskommunen og anbefales for kommuner med lignende utfordringer."
        ),
        need=(
            "Kommunens hjørnesteinsbedrift var truet med nedleggelse, og kommunen stod i fare for å miste mange "
            "arbeidsplasser og deler av inntektsgrunnlaget. Kommunen trengte en bredere samfunnsutvikling med "
            "større variasjon i næringslivet, og nye måter å løse velferdsoppgaver på."
        ),
        trigger=(
            "I 2014 ble hjørnesteinsbedriften truet med nedleggelse. For å være i forkant av en krise og unngå å "
            "bli omstillingskommune startet kommunen «Utviklingsprosjektet»."
        ),
        solution=(
            "Et langsiktig utviklingsarbeid satt sammen av flere små prosjekter, for eksempel bolyst- og "
            "kompetanseprosjekter og et kunnskapsseminar og en vinterfestival for innovativ samfunnsutvikling.\n\n"
            "Gjennom utprøving, læring og dokumentasjon har de ansatte utviklet en metode for å arbeide på tvers av "
            "fag, sektorer, bransjer og organisasjoner. Prosjektet er en arena for utvikling av hele samfunnet."
        ),
        novelty=(
            "En metode for samarbeid på tvers av fag, sektorer, bransjer og organisasjoner i et lite samfunn, "
            "der kommunen opptrer som samfunnsutvikler sammen med næringsliv og lokalsamfunn. Prosjektmidler fra "
            "fylkeskommunen ble brukt til å ansette en utviklingssjef."
        ),
        service_areas=("naering-og-samfunnsutvikling", "kultur-og-frivillighet"),
        innovation_types=("organisasjon", "prosess"),
        drivers=("behovsdrevet",),
        methods=("samskaping",),
        degree="radical",
        phase="spreading",
        status="ongoing",
        start_year=2014,
        lessons=(
            "Ekstern prosjektstøtte ga kapasitet til å komme i gang: utviklingssjefen ble først finansiert med "
            "prosjektmidler fra fylkeskommunen, og funksjonen ble senere videreført med interne midler. "
            "Å åpne kommunen for forskningsprosjekter ga profesjonelle samarbeidspartnere med ny innsikt.\n\n"
            "Mange andre ønsker å lære av prosjektet: kommunen får «en rekke studiebesøk»."
        ),
        observability="Resultatene er dokumentert i en midtveisevaluering fra et forskningsinstitutt.",
        actors=(
            CaseActor("Lokalt næringsliv", BUSINESS, "partner", "Deltar i det langsiktige utviklingsarbeidet."),
            CaseActor("Lokalsamfunnet", COMMUNITY, "partner", "Deltar i utviklingsarbeidet."),
            CaseActor(
                FYLKESKOMMUNEN,
                PUBLIC_BODY,
                "funder",
                "Ga prosjektmidler som ble brukt til å ansette en utviklingssjef; tok senere opp modellen som "
                "fylkeskommunal satsning.",
            ),
            CaseActor(FORSKNINGSINSTITUTT, RESEARCH, "researcher", "Gjennomførte en midtveisevaluering."),
            CaseActor(
                "Norges forskningsråd",
                RESEARCH,
                "partner",
                "Kommunen er partner i et FORKOMMUNE-prosjekt og deltar i Idelab.",
            ),
            CaseActor(
                "Innovasjon Norge", RESEARCH, "partner", "Samarbeidspart i et innovasjonsprosjekt kommunen startet."
            ),
            CaseActor(
                "Husbanken",
                PUBLIC_BODY,
                "funder",
                "Støtte til bygging av boliger i forbindelse med et innovasjonsprosjekt.",
            ),
            CaseActor(
                "Kulturdepartementet",
                PUBLIC_BODY,
                "other",
                "Startet et tilsvarende prosjekt i en annen kommune etter samme oppskrift og inviterte "
                "prosjektlederen inn i styret.",
            ),
            CaseActor(
                "Utenlandske utdanningsinstitusjoner innen design og arkitektur",
                INTERNATIONAL,
                "partner",
                "Har lagt deler av kurs og utdanning til kommunen som resultat av et innovasjonsprosjekt.",
            ),
        ),
        channels=(
            CaseChannel("study_visit", "Studiebesøk fra andre kommuner og steder"),
            CaseChannel(
                "regional", "Fylkeskommunal satsning og anbefalt politikk for kommuner med lignende utfordringer"
            ),
            CaseChannel("research", "Midtveisevaluering og forskningsrapport fra et forskningsinstitutt"),
            CaseChannel("research", "Norges forskningsråd: FORKOMMUNE og Idelab; Urban Living Labs"),
        ),
        benefits=(
            CaseBenefit(
                "Dokumenterte resultater av utviklingsarbeidet",
                "Tydelige resultater ifølge midtveisevalueringen. " + NO_FIGURE,
                "evaluation",
            ),
            CaseBenefit(
                "Utviklingssjef som fast funksjon",
                "Videreført med interne midler etter at prosjektmidlene tok slutt",
                "self_assessment",
            ),
        ),
        source=(
            "Masteroppgave, L2752–2794, L3401–3404, L3424–3426, L3456–3465, L3640–3648, L4093–4097, "
            "L4963–4965, L5042–5044, L5080–5091, L5302–5322"
        ),
    ),
    Case(
        number=2,
        municipality="B",
        title="Innbyggerne vurderer kommunens tjenester",
        summary=(
            "Innbyggerne kan gi direkte og umiddelbar tilbakemelding på kommunale tjenester, slik man er vant "
            "til fra hoteller og andre private aktører."
        ),
        need="Kommunen ønsket å forbedre tjenestene sine og trengte rask tilbakemelding fra dem som bruker dem.",
        trigger="Et ønske om å forbedre tjenestene.",
        solution=(
            "En løsning der innbyggerne kan rate kommunens tjenester. Som etter et hotellopphold, der man får en "
            "e-post med spørsmål om hvordan oppholdet var og forslag til forbedringer, kan innbyggerne her gi "
            "direkte og umiddelbar tilbakemelding på kommunale tjenester."
        ),
        novelty="Tilbakemeldingsformer fra privat sektor tatt i bruk for kommunale tjenester.",
        service_areas=("innbyggerdialog-og-demokrati", "digitalisering-og-it"),
        innovation_types=("tjeneste", "kommunikasjon-innbyggerdialog", "teknologi-digital"),
        drivers=("brukerdrevet",),
        methods=("brukerinvolvering",),
        degree="incremental",
        origin="inspired",
        source_text="Tilbakemeldings-e-poster fra hoteller og andre private aktører",
        phase="transition",
        status="in_operation",
        actors=(CaseActor("Innbyggere og brukere", CITIZENS, "user", "Gir tilbakemelding på tjenestene."),),
        source="Masteroppgave, L2825–2835",
    ),
    Case(
        number=3,
        municipality="B",
        title="Språkplanleggingsmøter og språkmiljøverktøy i barnehagen",
        summary=(
            "Tidlig innsats fra barnehagen: språkplanleggingsmøter og et målrettet verktøy for å utforske og "
            "utvikle barnehagenes språkmiljø."
        ),
        need=(
            "Svake leseresultater blant barne- og ungdomsskoleelever sammenlignet med nabokommunen og landet for øvrig."
        ),
        trigger="Kommunen ville sette inn et tidlig tiltak allerede fra barnehagen av.",
        solution=(
            "Språkplanleggingsmøter og et målrettet verktøy for å utforske og utvikle språkmiljøet i barnehagene."
        ),
        novelty="Innsatsen mot svake leseresultater flyttes fra skolen til barnehagen, med et eget verktøy.",
        service_areas=("oppvekst",),
        innovation_types=("tjeneste", "prosess"),
        drivers=("behovsdrevet",),
        degree="incremental",
        phase="transition",
        status="in_operation",
        actors=(
            CaseActor("Barnehagene i kommunen", INTERNAL, "initiator", "Bruker verktøyet i arbeidet med språkmiljøet."),
        ),
        source="Masteroppgave, L2835–2843",
    ),
    Case(
        number=4,
        municipality="B",
        title="Hjemveien – Boligsosialtjeneste på brukernes premisser",
        summary=(
            "Tjenestedesign tilpasset brukerne for en helhetlig koordinering av det boligsosiale arbeidet, "
            "bygget på funn fra to forskningsrapporter."
        ),
        need=(
            "Brukere med boligsosiale utfordringer trengte helhetlige og koordinerte løsninger på tvers av "
            "kommunens tjenesteområder."
        ),
        trigger="Funn fra to studier på det boligsosiale feltet, gjennomført av et forskningsinstitutt.",
        solution=(
            "Kommunen brukte tjenestedesign for å finne helhetlige og koordinerte løsninger på brukernes "
            "boligsosiale utfordringer. De boligsosiale tjenestene er forbedret på tvers av kommuneområder, og "
            "innsatsen er blitt mer målrettet og enklere for brukerne."
        ),
        novelty=(
            "Behovsdrevet innovasjon: alle interessenter regnes som brukere, og riktig tiltak settes inn til "
            "riktig tid ut fra helheten i brukerens situasjon."
        ),
        service_areas=("sosiale-tjenester-og-nav", "plan-bygg-og-eiendom"),
        innovation_types=("tjeneste", "organisasjon"),
        drivers=("behovsdrevet",),
        methods=("tjenestedesign", "brukerinvolvering"),
        phase="benefits",
        status="in_operation",
        anchoring=("council", "organisation", "citizens"),
        anchoring_plans="Forankret politisk via planverket og organisatorisk gjennom nye rutiner.",
        core="Helhetlig koordinering på tvers av tjenesteområder, med utgangspunkt i brukernes behov.",
        lessons=(
            "Et forskningsbasert kunnskapsgrunnlag ga retning for prosjektet. Ved å se helheten og sette inn "
            "riktig tiltak til riktig tid får man mer motiverte brukere som vil endring og å hjelpe seg selv."
        ),
        actors=(
            CaseActor("Brukere med boligsosiale utfordringer", CITIZENS, "user", "Involvert gjennom tjenestedesign."),
            CaseActor(FORSKNINGSINSTITUTT, RESEARCH, "researcher", "Gjennomførte de to studiene prosjektet bygger på."),
            CaseActor("Husbanken", PUBLIC_BODY, "partner", "Samarbeidspartner i det boligsosiale arbeidet."),
        ),
        benefits=(
            CaseBenefit(
                "Mer målrettet og enklere boligsosial innsats for brukerne",
                "Forbedret på tvers av kommuneområder. " + NO_FIGURE,
                "self_assessment",
            ),
        ),
        source="Masteroppgave, L2843–2845, L3359–3373, L3420–3422, L3465–3469, L3733–3737",
    ),
    Case(
        number=5,
        municipality="C",
        title="Transport i rus – psykiatri (eksponeringsterapi)",
        summary=(
            "Ved hjelp av eksponeringsterapi reiser brukere i rus- og psykiatritjenesten selv med offentlig "
            "transport i stedet for å bli kjørt av kommunens ansatte."
        ),
        need=(
            "Brukerne var avhengige av at kommunens ansatte kjørte dem, og fryktet å reise kollektivt. Kommunen "
            "måtte samtidig tilpasse seg reduserte inntekter."
        ),
        trigger=(
            "Oljeprisfallet svekket kommunens økonomiske handlingsrom. (At dette utløste akkurat dette prosjektet, "
            "er en tolkning.)"
        ),
        solution=(
            "Gjennom eksponeringsterapi er brukerne satt i stand til selv å bruke offentlige transportmidler. De "
            "har blitt tryggere i en situasjon de i utgangspunktet fryktet, og er blitt «aktive deltakere» i eget liv."
        ),
        novelty=(
            "Brukerne driver selv innovasjonsprosessen fram og tar eierskap til den. Hjelpen er tilpasset "
            "brukernes behov og ikke kommunens organisering."
        ),
        service_areas=("helse-og-omsorg",),
        innovation_types=("tjeneste",),
        drivers=("brukerdrevet",),
        methods=("brukerinvolvering", "samskaping"),
        phase="benefits",
        status="in_operation",
        core="Brukerne deltar aktivt og tar eierskap; de ansatte har direkte kontakt med brukerne.",
        lessons=(
            "Synergier: brukerne blir mer selvstendige, ansatte får tid til å utvikle nye tiltak, og kommunen "
            "sparer penger ved mindre bruk av bil."
        ),
        actors=(
            CaseActor("Brukere i rus- og psykiatritjenesten", CITIZENS, "user", "Driver prosessen og tar eierskap."),
            CaseActor(
                "Ansatte i rus- og psykiatritjenesten", INTERNAL, "initiator", "Gjennomfører eksponeringsterapien."
            ),
        ),
        benefits=(
            CaseBenefit(
                "Brukernes selvstendighet",
                "Mindre avhengige av hjelp fra kommunen. " + NO_FIGURE,
                "self_assessment",
            ),
            CaseBenefit(
                "Frigjort tid for ansatte og reduserte bilkostnader",
                "Ressursene brukes til nye prosjekter for brukerne. " + NO_FIGURE,
                "self_assessment",
            ),
        ),
        source="Masteroppgave, L2865–2890, L3332–3353, L4270–4278",
    ),
    Case(
        number=6,
        municipality="C",
        title="Velferdsteknologi for brukere med utviklingshemming",
        summary=(
            "Velferdsteknologi gir brukere med utviklingshemming en mer aktiv og forutsigbar hverdag. Arbeidet er "
            "presentert for kommuner i to regioner og i et interkommunalt nettverk for velferdsteknologi."
        ),
        need="Brukere med utviklingshemming trengte en mer aktiv og forutsigbar hverdag.",
        trigger="",
        solution="Bruk av velferdsteknologi i tjenestene til brukere med utviklingshemming.",
        novelty="Velferdsteknologi tatt i bruk for en brukergruppe der den er lite brukt.",
        service_areas=("helse-og-omsorg",),
        innovation_types=("teknologi-digital", "tjeneste"),
        phase="spreading",
        status="in_operation",
        actors=(
            CaseActor("Brukere med utviklingshemming", CITIZENS, "user", "Tar teknologien i bruk i hverdagen."),
            CaseActor(
                "Interkommunalt nettverk for velferdsteknologi",
                MUNICIPALITY,
                "partner",
                "Arena der arbeidet ble presentert for alle kommunene i regionen.",
            ),
        ),
        channels=(
            CaseChannel("study_visit", "Studiebesøk fra andre kommuner"),
            CaseChannel("conference", "Virksomhetsleder informerte kommuner i en annen region om arbeidet"),
            CaseChannel("network", "Samlinger i interkommunalt nettverk for velferdsteknologi"),
        ),
        benefits=(
            CaseBenefit(
                "Mer aktiv og forutsigbar hverdag for brukerne", "Rapportert bedring. " + NO_FIGURE, "self_assessment"
            ),
        ),
        source="Masteroppgave, L2890–2894, L4969–4977 (at sitatet gjelder dette prosjektet, er en tolkning)",
    ),
    Case(
        number=7,
        municipality="C",
        title="Fra plan til praksis",
        summary=(
            "Alle som arbeider i barnehagesektoren ble involvert i planarbeidet for å utvikle en felles forståelse "
            "av god praksis ut fra barnas behov og ståsted."
        ),
        need="Barnehagesektoren manglet en felles forståelse av hva som er god praksis i barnehagen.",
        trigger="",
        solution=(
            "Et planarbeid der alle ansatte i barnehagesektoren deltok, for å utvikle en felles forståelse av hva "
            "som er god praksis i barnehagen ut fra barnas behov og ståsted."
        ),
        novelty="Planen lages av alle som skal bruke den, ikke bare av ledelsen.",
        service_areas=("oppvekst",),
        innovation_types=("prosess", "organisasjon"),
        drivers=("medarbeiderdrevet",),
        degree="incremental",
        phase="benefits",
        status="completed",
        anchoring=("organisation",),
        actors=(CaseActor("Alle ansatte i barnehagesektoren", INTERNAL, "initiator", "Deltok i planarbeidet."),),
        benefits=(
            CaseBenefit("Kvalitet i barnehagetjenestene", "Bedre kommunale tjenester. " + NO_FIGURE, "self_assessment"),
        ),
        source="Masteroppgave, L2894–2900",
    ),
    Case(
        number=8,
        municipality="D",
        title="Fremtidsbygg – Norges mest energieffektive svømmehall",
        summary=(
            "Gjennom innovative anskaffelser med dialogkonferanser, nye tekniske løsninger og nye "
            "samarbeidspartnere ble svømmehallen Norges mest energieffektive."
        ),
        need="En ny svømmehall skulle bygges, og kommunen ville ha en løsning med svært lav energibruk.",
        trigger="",
        solution=(
            "Kommunen gjennomførte flere innovative anskaffelser. I dialogkonferanser med ulike leverandører "
            "dannet kommunen seg etter hvert et bilde av hvordan løsningen skulle være og hvilke tekniske "
            "kvaliteter den skulle ha. Kombinasjonen av nye tekniske løsninger og nye samarbeidspartnere gjorde "
            "svømmehallen til Norges mest energieffektive."
        ),
        novelty="Kravene ble utviklet i dialog med leverandørmarkedet i stedet for å spesifiseres på forhånd.",
        service_areas=("plan-bygg-og-eiendom", "kultur-og-frivillighet", "teknisk-og-miljo"),
        innovation_types=("teknologi-digital", "prosess"),
        methods=("innovative-anskaffelser",),
        phase="benefits",
        status="completed",
        core="Dialogkonferanser med leverandørene før kravene låses.",
        lessons=(
            "Dialog med flere leverandører gjorde det mulig å beskrive tekniske kvaliteter kommunen ikke "
            "kunne spesifisere alene."
        ),
        actors=(
            CaseActor(
                "Leverandører i byggmarkedet",
                BUSINESS,
                "supplier",
                "Deltok i dialogkonferanser og leverte tekniske løsninger.",
            ),
        ),
        benefits=(
            CaseBenefit(
                "Energibruk i svømmehallen",
                "Norges mest energieffektive svømmehall. " + NO_FIGURE,
                "self_assessment",
            ),
        ),
        source="Masteroppgave, L2916–2921, L3811–3817",
    ),
    Case(
        number=9,
        municipality="D",
        title="«Kommune D» velferdslab",
        summary=(
            "Et innbyggerorientert tjenestekonsept der ansatte på tvers av tjenester og eksterne partnere "
            "arbeider sammen med enkeltfamilier om arbeid, helse, utdanning og bolig samtidig."
        ),
        need=(
            "Innbyggere med komplekse bo- og livssituasjoner fikk ikke dekket behovene sine, og de ansatte "
            "opplevde ikke å få gjort jobben på en hensiktsmessig måte."
        ),
        trigger="Dialog med innbyggere og ansatte i startfasen viste udekkede behov og frustrasjon hos ansatte.",
        solution=(
            "Et nytt tjenestekonsept innen de boligsosiale tjenestene, der alle velferdspilarene – arbeid, helse, "
            "utdanning og bolig – arbeides med samtidig.\n\n"
            "Et sammensatt og tverrfaglig investeringsteam har utvidet mandat og myndighet til å fatte beslutninger "
            "sammen med brukeren og pårørende om en helhetlig, bærekraftig og langsiktig løsning."
        ),
        novelty=(
            "Et tjenestedesign som utfordrer den tradisjonelle «forvaltningstankegangen»: «ingen beslutninger om "
            "meg skal tas uten meg»."
        ),
        service_areas=("sosiale-tjenester-og-nav", "helse-og-omsorg", "plan-bygg-og-eiendom"),
        innovation_types=("tjeneste", "organisasjon"),
        drivers=("behovsdrevet", "brukerdrevet"),
        methods=("tjenestedesign", "samskaping", "brukerinvolvering"),
        degree="radical",
        phase="spreading",
        status="in_operation",
        core=(
            "Alle velferdspilarene sees i sammenheng; investeringsteamet har mandat til å beslutte sammen med brukeren."
        ),
        adaptation="",
        lessons=(
            "Målet er at investeringsteamene også skal ha med representanter utenfor kommunen, som frivillighet, "
            "næringsliv og familiens nettverk, slik at familiens egne ressurser sees i sammenheng med kommunens."
        ),
        actors=(
            CaseActor(
                "Investeringsteam (helse, bolig, utdanning, personlig økonomi, ytelser)",
                INTERNAL,
                "initiator",
                "Tverrfaglig team med mandat til å fatte beslutninger sammen med brukeren.",
            ),
            CaseActor("Brukere og pårørende", CITIZENS, "user", "Beslutter sammen med investeringsteamet."),
            CaseActor("Husbanken", PUBLIC_BODY, "partner", "Samarbeidspartner i det boligsosiale arbeidet."),
            CaseActor(
                "Regionalt innovasjonsnettverk (fire kommuner og tre fylkeskommuner)",
                MUNICIPALITY,
                "partner",
                "Samler, deler og sprer kunnskap og erfaring om innovasjon.",
            ),
            CaseActor(
                FORSKNINGSINSTITUTT,
                RESEARCH,
                "researcher",
                "Undersøkelser og evalueringer av kommunens innovasjonsprosjekter.",
            ),
        ),
        channels=(
            CaseChannel("study_visit", "Besøk fra andre kommuner som vil høre hvordan kommunen arbeider"),
            CaseChannel("research", "Doktorgrads- og masteroppgaver; forskningsrapporter på kommunens nettsider"),
            CaseChannel("network", "Regionalt innovasjonsnettverk"),
        ),
        source=(
            "Masteroppgave, L2921–2931, L3235–3249, L3271–3275, L3420–3422, L3513–3538, L4280–4300, "
            "L4989–4991, L5032–5058"
        ),
    ),
    Case(
        number=10,
        municipality="D",
        title="Løsningsjakten – samskapende lokalsamfunnsutvikling",
        summary=(
            "Innbyggerne er invitert til å utvikle lokalsamfunnet til et aktivt, inkluderende og åpent "
            "lokalsamfunn, i en åpen prosess der nye metoder og arenaer kom til underveis."
        ),
        need="Kommunen ville utvikle et aktivt, inkluderende og åpent lokalsamfunn sammen med innbyggerne.",
        trigger="",
        solution=(
            "En åpen prosess der innbyggerne og lokalsamfunnet for øvrig kunne supplere det kommunen hadde planlagt. "
            "Flere metoder og arenaer kom til underveis."
        ),
        novelty="Kommunen inviterer til samskaping i stedet for å planlegge alene.",
        service_areas=("innbyggerdialog-og-demokrati", "naering-og-samfunnsutvikling"),
        innovation_types=("prosess", "kommunikasjon-innbyggerdialog"),
        drivers=("innbyggerdrevet",),
        methods=("samskaping",),
        phase="spreading",
        status="completed",
        lessons="Prosessen måtte være åpen nok til at innbyggerne kunne endre den underveis.",
        actors=(
            CaseActor(
                "Innbyggerne og lokalsamfunnet", CITIZENS, "partner", "Supplerte kommunens planer med egne forslag."
            ),
            CaseActor(FORSKNINGSINSTITUTT, RESEARCH, "researcher", "Skrev en forskningsrapport om prosjektet."),
        ),
        channels=(
            CaseChannel("research", "Forskningsrapport som kan lastes ned fra kommunens nettsider"),
            CaseChannel("study_visit", "Besøk fra andre kommuner"),
        ),
        source=(
            "Masteroppgave, L2932–2935, L3312–3316, L3463–3465, L4989–4991 (status er en tolkning: studien "
            "nevner rapporten, ikke om prosjektet pågår)"
        ),
    ),
    Case(
        number=11,
        municipality="E",
        title="Felles innsats overfor språklige minoriteter",
        summary=(
            "En helhetlig og tverrfaglig innsats på tvers av virksomheter og tjenesteområder, slik at flyktninger "
            "raskere kommer i utdanning eller arbeid, får egen bolig og blir økonomisk uavhengige."
        ),
        need="Flyktninger trengte en samordnet innsats på tvers av tjenesteområder.",
        trigger="Satt i gang under kommunens satsning «Kultur for endring» (fra 2015).",
        solution=(
            "En helhetlig og tverrfaglig innsats for flyktningers behov på tvers av virksomheter og tjenesteområder."
        ),
        novelty="Tjenesteområdene arbeider mot felles mål for brukergruppen i stedet for hver for seg.",
        service_areas=("sosiale-tjenester-og-nav", "oppvekst", "plan-bygg-og-eiendom"),
        innovation_types=("organisasjon", "tjeneste"),
        drivers=("behovsdrevet",),
        phase="innovation",
        status="ongoing",
        start_year=2015,
        anchoring=("management", "organisation"),
        actors=(
            CaseActor(
                "Ansatte på tvers av tjenesteområdene", INTERNAL, "initiator", "Samordnet innsats for flyktninger."
            ),
            CaseActor("Flyktninger og språklige minoriteter", CITIZENS, "user", "Målgruppen for innsatsen."),
        ),
        channels=(CaseChannel("internal", "Spredning av gode løsninger internt i kommunen («Kultur for endring»)"),),
        source="Masteroppgave, L2949–2969",
    ),
    Case(
        number=12,
        municipality="E",
        title="Utsikten, et velferdsteknologirom",
        summary=(
            "Et velferdsteknologirom der eldre hjemmeboende får opplæring og veiledning, slik at de blir trygge i "
            "eget hjem med velferdsteknologiske løsninger."
        ),
        need="Eldre hjemmeboende trengte opplæring og veiledning for å bli trygge med velferdsteknologi.",
        trigger="En del av kommunens satsning «Kultur for endring».",
        solution="Et rom der eldre kan prøve velferdsteknologi og få nødvendig opplæring og veiledning.",
        novelty="Et fast sted der innbyggerne selv kan bli kjent med velferdsteknologien før de tar den i bruk.",
        service_areas=("helse-og-omsorg",),
        innovation_types=("teknologi-digital", "tjeneste"),
        phase="transition",
        status="in_operation",
        actors=(CaseActor("Eldre hjemmeboende", CITIZENS, "user", "Får opplæring og veiledning i rommet."),),
        source="Masteroppgave, L2969–2975",
    ),
    Case(
        number=13,
        municipality="E",
        title="Nærværssamtalen",
        summary=(
            "En forebyggende samtale med medarbeidere som har hyppig fravær, for jobbmestring, utvikling og "
            "motivasjon. Fraværet har gått ned der samtalen er innført."
        ),
        need="Hyppig fravær blant enkelte medarbeidere.",
        trigger="En del av kommunens satsning «Kultur for endring».",
        solution=(
            "En forebyggende samtale mellom leder og medarbeider med hyppig fravær. Samtalen skal bidra til "
            "jobbmestring, utvikling og motivasjon."
        ),
        novelty="Samtalen handler om nærvær og mestring, ikke om fraværet i seg selv.",
        service_areas=("administrasjon-og-hr",),
        innovation_types=("prosess", "organisasjon"),
        drivers=("medarbeiderdrevet",),
        degree="incremental",
        phase="benefits",
        status="in_operation",
        anchoring=("management",),
        actors=(
            CaseActor("Ledere i kommunen", INTERNAL, "initiator", "Gjennomfører samtalene."),
            CaseActor("Medarbeidere med hyppig fravær", INTERNAL, "user", "Deltar i samtalene."),
        ),
        benefits=(
            CaseBenefit(
                "Sykefravær hos dem som har innført Nærværssamtalen",
                "Nedgang i fraværet. " + NO_FIGURE,
                "self_assessment",
            ),
        ),
        source="Masteroppgave, L2975–2981",
    ),
    Case(
        number=14,
        municipality="F",
        title="Framtidas omsorg skapes i fellesskap",
        summary=(
            "Hele lokalsamfunnet, næringslivet, medarbeidere og kommunestyret ble invitert til å skape løsninger "
            "for framtidas omsorg. Resultatet ble et humoristisk kart over kommunen."
        ),
        need="Innbyggerne trengte informasjon, sosial kontakt og møteplasser.",
        trigger="Ideen kom da kommuneplanens samfunnsdel skulle revideres.",
        solution=(
            "Et samskapingsprosjekt som munnet ut i et kart over kommunen med formell og uformell informasjon på en "
            "humoristisk form, som svarer på behovet for informasjon, sosial kontakt og møteplasser."
        ),
        novelty=(
            "Omsorg for framtiden utviklet sammen med hele lokalsamfunnet, ikke bare av helse- og omsorgstjenesten."
        ),
        service_areas=("helse-og-omsorg", "innbyggerdialog-og-demokrati", "naering-og-samfunnsutvikling"),
        innovation_types=("kommunikasjon-innbyggerdialog", "tjeneste"),
        drivers=("innbyggerdrevet",),
        methods=("samskaping",),
        phase="transition",
        status="completed",
        anchoring=("council", "organisation", "citizens"),
        anchoring_plans="Kommuneplanens samfunnsdel.",
        actors=(
            CaseActor("Lokalsamfunnet", COMMUNITY, "partner", "Invitert til å skape løsninger."),
            CaseActor("Lokalt næringsliv", BUSINESS, "partner", "Invitert til å skape løsninger."),
            CaseActor("Medarbeidere i kommunen", INTERNAL, "partner", "Invitert til å skape løsninger."),
            CaseActor("Kommunestyret", INTERNAL, "partner", "Invitert til å skape løsninger."),
        ),
        channels=(CaseChannel("portal", "KomINN (kommunen registrerer prosjektene sine der)"),),
        source="Masteroppgave, L3002–3010, L4837–4845 (at KomINN gjelder dette prosjektet, er en tolkning)",
    ),
    Case(
        number=15,
        municipality="F",
        title="Attraktiv arbeidsgiver",
        summary="Arbeidsgiver og arbeidstakere skaper sammen en attraktiv arbeidsplass.",
        need="Kommunen ville være en attraktiv arbeidsplass.",
        trigger="",
        solution=(
            "Et prosjekt der både arbeidsgiver og arbeidstakere er involvert for sammen å skape en attraktiv "
            "arbeidsplass."
        ),
        novelty="Arbeidsgiverpolitikken utvikles sammen med de ansatte.",
        service_areas=("administrasjon-og-hr",),
        innovation_types=("organisasjon",),
        drivers=("medarbeiderdrevet",),
        phase="transition",
        status="completed",
        actors=(
            CaseActor("Arbeidsgiver (kommunens ledelse)", INTERNAL, "initiator", "Deltok i prosjektet."),
            CaseActor("Arbeidstakere i kommunen", INTERNAL, "partner", "Deltok i prosjektet."),
        ),
        source="Masteroppgave, L3010–3016",
    ),
    Case(
        number=16,
        municipality="F",
        title="Cafe samfunnshuset",
        summary=(
            "Et møtested og en sosial arena for ansatte som fremmer tverrfaglighet, samarbeid, felles læring og "
            "kunnskapsdeling."
        ),
        need="Ansatte trengte et sted for samarbeid og kunnskapsdeling på tvers av fagområder.",
        trigger="",
        solution=(
            "Et møtested og en sosial arena som fremmer tverrfaglighet og samarbeid på tvers av fagområder, et sted "
            "for felles læring og kunnskapsdeling og et velferdstilbud for ansatte."
        ),
        novelty="En fysisk møteplass brukt som virkemiddel for tverrfaglig samarbeid og læring.",
        service_areas=("administrasjon-og-hr",),
        innovation_types=("organisasjon",),
        drivers=("medarbeiderdrevet",),
        phase="innovation",
        status="ongoing",
        actors=(CaseActor("Ansatte på tvers av fagområder", INTERNAL, "user", "Bruker møtestedet."),),
        source="Masteroppgave, L3016–3022",
    ),
    Case(
        number=17,
        municipality="G",
        title="Aldersvennlig transport",
        summary=(
            "En fleksibel transportløsning for innbyggere som har fylt 67 år, der de kan ta med seg en venn "
            "uansett alder."
        ),
        need="Eldre ønsker og trenger å bo lenger i egen bolig.",
        trigger=(
            "Kommunen venter stor befolkningsvekst med flere eldre, og har færre ressurser til å levere tjenester på "
            "dagens nivå."
        ),
        solution="En fleksibel transportløsning for folk over 67 år, der de kan ta med en venn på tur, uansett alder.",
        novelty="Transporttilbudet ses i sammenheng med at eldre skal kunne bo lenger hjemme; en venn kan bli med.",
        service_areas=("helse-og-omsorg", "teknisk-og-miljo"),
        innovation_types=("tjeneste",),
        drivers=("behovsdrevet",),
        phase="transition",
        status="in_operation",
        actors=(CaseActor("Innbyggere over 67 år", CITIZENS, "user", "Målgruppen for tilbudet."),),
        source="Masteroppgave, L3038–3065",
    ),
    Case(
        number=18,
        municipality="G",
        title="HMSREG – leverandøroppfølging innenfor bygg, anlegg og vedlikehold",
        summary=(
            "Et fagsystem der byggherre og entreprenør følger opp og kontrollerer sammen. Resultat av en innovativ "
            "anskaffelse som støtter målet om å bekjempe arbeidslivskriminalitet."
        ),
        need=(
            "Kommunen trengte et fagsystem for oppfølgings- og byggherreansvaret, og den politiske målsettingen om "
            "seriøsitetskrav og bekjempelse av arbeidslivskriminalitet skulle følges opp."
        ),
        trigger="Vinteren 2015 inviterte kommunen leverandørmarkedet til dialog om en innovativ anskaffelse.",
        solution=(
            "Et fagsystem som gir både byggherre/oppdragsgiver og utførende entreprenør ett felles system for "
            "oppfølging og kontroll."
        ),
        novelty=(
            "IKT-systemet var nytt i kommunen og fantes ikke i markedet. Det ble utviklet gjennom en konkurranse med "
            "forhandling i to trinn."
        ),
        service_areas=("plan-bygg-og-eiendom", "digitalisering-og-it"),
        innovation_types=("teknologi-digital", "prosess"),
        methods=("innovative-anskaffelser",),
        phase="transition",
        status="in_operation",
        start_year=2015,
        anchoring=("management", "organisation"),
        anchoring_plans=(
            "Forankret på ledernivå i etaten og i konserninnkjøp, med tydelige føringer om innovasjon som metode."
        ),
        needs_procurement=(
            "Konkurranse med forhandling i to trinn, fordi behovet ikke kunne spesifiseres tilstrekkelig før "
            "kunngjøringen."
        ),
        lessons=(
            "Grensesnittene mot andre systemer var kompliserte og krevde dialog mellom leverandør og oppdragsgiver "
            "for å komme fram til et resultat som kunne implementeres med rimelig risiko. Samarbeidet med "
            "Leverandørutviklingsprogrammet ble en viktig læringsarena for nye innovasjonsprosesser."
        ),
        actors=(
            CaseActor(
                "NHO Leverandørutviklingsprogrammet",
                INTEREST_ORGANISATION,
                "partner",
                "Anskaffelsen ble gjennomført i samarbeid med Nasjonalt program for leverandørutvikling.",
            ),
            CaseActor(
                "Leverandørmarkedet", BUSINESS, "supplier", "Invitert til dialog og konkurranse med forhandling."
            ),
            CaseActor("Entreprenører", BUSINESS, "user", "Bruker fagsystemet sammen med byggherren."),
            CaseActor(
                "Konserninnkjøp", INTERNAL, "partner", "Forankret anskaffelsen og stilte krav om innovasjon som metode."
            ),
        ),
        channels=(CaseChannel("network", "Nasjonalt program for leverandørutvikling (LUP) som læringsarena"),),
        source="Masteroppgave, L3065–3075, L3566–3576, L3597–3621, L3819–3831",
    ),
    Case(
        number=19,
        municipality="G",
        title="HFG – Helsestasjon for gutter",
        summary=(
            "En lavterskel inngangsdør til hjelpeapparatet bare for gutter mellom 12 og 25 år, med et rent mannlig "
            "personale."
        ),
        need="Gutter og unge menn trengte en lav terskel inn til hjelpeapparatet.",
        trigger="",
        solution=(
            "En helsestasjon kun for gutter mellom 12 og 25 år, der hele personalet er menn: psykolog, lege og "
            "«helsebror»."
        ),
        novelty="At personalet er rent mannlig.",
        service_areas=("helse-og-omsorg", "oppvekst"),
        innovation_types=("tjeneste",),
        phase="transition",
        status="completed",
        actors=(
            CaseActor(
                "Helsestasjonens personale (psykolog, lege og helsebror)",
                INTERNAL,
                "initiator",
                "Et rent mannlig personale.",
            ),
            CaseActor("Gutter mellom 12 og 25 år", CITIZENS, "user", "Målgruppen for tilbudet."),
        ),
        source=(
            "Masteroppgave, L3075–3079 (studien sier at prosjektet er gjennomført, ikke om tilbudet fortsatt drives)"
        ),
    ),
    Case(
        number=20,
        municipality="H",
        title="Tjenesteplattform",
        summary="En plattform for gjenbruk av informasjon og for utvikling og forvaltning av digitale tjenester.",
        need="Digitale tjenester skulle utvikles og forvaltes uten at informasjon må registreres flere ganger.",
        trigger=(
            "Kommunens systematiske innovasjons- og digitaliseringsarbeid, med innovative anskaffelser der det passer."
        ),
        solution=(
            "En tjenesteplattform utformet for gjenbruk av informasjon og for utvikling og forvaltning av "
            "digitale tjenester."
        ),
        novelty=(
            "Plattformen er resultat av en innovativ anskaffelsesprosess basert på innbyggernes og kommunens "
            "funksjonelle behov."
        ),
        service_areas=("digitalisering-og-it",),
        innovation_types=("teknologi-digital",),
        methods=("innovative-anskaffelser",),
        phase="innovation",
        status="ongoing",
        lessons=(
            "Samspillet mellom kommune og leverandører har vært helt avgjørende for at kommunen har god "
            "bestillerkompetanse, basert på innbyggernes og kommunens funksjonelle behov."
        ),
        actors=(
            CaseActor("Leverandører av digitale tjenester", BUSINESS, "supplier", "Samspill om funksjonelle behov."),
        ),
        source="Masteroppgave, L3105–3111, L3587–3593 (status er en tolkning)",
    ),
    Case(
        number=21,
        municipality="H",
        title="Helhetlig løsning for velferdsteknologi for hjemmeboende",
        summary=(
            "En plattform for mottak, behandling og videreformidling av trygghetsskapende teknologi for hjemmeboende."
        ),
        need="Hjemmeboende trenger trygghet, og varsler fra trygghetsskapende teknologi må tas imot og følges opp.",
        trigger="",
        solution=(
            "En plattform for mottak, behandling og videreformidling av trygghetsskapende teknologi for hjemmeboende."
        ),
        novelty="Én helhetlig løsning i stedet for enkeltstående teknologier.",
        service_areas=("helse-og-omsorg", "digitalisering-og-it"),
        innovation_types=("teknologi-digital", "tjeneste"),
        phase="innovation",
        status="ongoing",
        actors=(CaseActor("Hjemmeboende brukere", CITIZENS, "user", "Målgruppen for løsningen."),),
        source="Masteroppgave, L3111–3117",
    ),
    Case(
        number=22,
        municipality="I",
        title="Kommunikasjonsverktøy med arrangements- og aktivitetskalender",
        summary=(
            "Et kommunikasjonsverktøy tilpasset brukernes behov, integrert i en arrangements- og aktivitetskalender "
            "på kommunens nettsted, som skal endre måten demokratiet utøves på."
        ),
        need=(
            "Kommunen vil møte endringer i demografi og lavere inntekter ved å bli en fellesskapskommune som "
            "involverer innbyggerne på en helt annen måte."
        ),
        trigger="Strategien om å bli en fellesskapskommune (kommune 3.0).",
        solution=(
            "Et kommunikasjonsverktøy tilpasset brukernes behov, integrert i en arrangements- og aktivitetskalender "
            "som kan deles på ulike nivåer i kommunen og er tilgjengelig på kommunens nettsted.\n\n"
            "Plattformen er en «Big Data hub» for integrasjon med flere systemer, og de fleste politikkområdene "
            "skal knyttes til den."
        ),
        novelty="Verktøyet skal endre måten demokratiet utøves på, og involverer alle, fra politikere til frivillige.",
        service_areas=("innbyggerdialog-og-demokrati", "kultur-og-frivillighet", "digitalisering-og-it"),
        innovation_types=("kommunikasjon-innbyggerdialog", "teknologi-digital"),
        drivers=("innbyggerdrevet",),
        methods=("samskaping", "brukerinvolvering"),
        phase="spreading",
        status="in_operation",
        anchoring=("council", "citizens", "voluntary"),
        actors=(
            CaseActor("Politikere", INTERNAL, "partner", "Involvert i aktivitetene."),
            CaseActor("Musikkråd", VOLUNTARY, "partner", "Involvert i aktivitetene."),
            CaseActor("Idrettsforbund", VOLUNTARY, "partner", "Involvert i aktivitetene."),
            CaseActor("Frivillige", VOLUNTARY, "partner", "Flere hundre frivillige er involvert."),
        ),
        channels=(
            CaseChannel(
                "study_visit", "Kontaktet av lignende enheter i andre kommuner som vil etablere lignende tilbud"
            ),
        ),
        source="Masteroppgave, L3136–3156, L3542–3546, L4981–4985",
    ),
]


def _with_contacts(case: Case) -> Case:
    return replace(case, contacts=_contacts(case.number, case.municipality))


CASES: list[Case] = [_with_contacts(case) for case in _RAW_CASES]
