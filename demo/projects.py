"""Demo projects for `make run`: the study's 22 cases plus generated projects for realistic browsing.

Every project created here has `is_demo=True` and is owned by one of the fictional demo organisations
Kommune A–I (demo/people.py), never by a municipality in the registry. Both loaders are idempotent:
a second run creates nothing new.

- `load_demo_projects()` creates the 22 cases of `cases.py` through the project services
  (create → publish), so they get a version history like any other project, plus a few drafts.
- `generate_projects(n, seed)` creates `n` generated projects with bulk inserts (fast enough for
  benchmarks with thousands). Their titles end in «(generert eksempel)» so nobody takes them for real.
"""

from __future__ import annotations

import itertools
import random
import unicodedata
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import UTC, date, datetime, time, timedelta

from django.db import transaction

from accounts.models import User
from municipalities.models import slugify_name
from projects.models import Actor, Benefit, Contact, Presentation, Project, ProjectActor, Tag, Term
from projects.search import index_projects
from projects.services import create_project, publish_project, resolve_actor

from .cases import CASES, Case
from .people import demo_organisations

CASE_TAG = "Case fra studien"
GENERATED_TAG = "Generert eksempel"
GENERATED_MARK = "(generert eksempel)"
GENERATED_SLUG_MARK = "-gen"
DEFAULT_SEED = 2019

# Demo editors who appear as the creators of their organisation's demo projects.
DEMO_AUTHORS = {"A": "radgiver@kommune-a.example", "D": "radgiver@kommune-d.example"}


def _terms() -> dict[tuple[str, str], Term]:
    return {(t.vocabulary, t.slug): t for t in Term.objects.all()}


def _term_list(terms, vocabulary: str, slugs) -> list[Term]:
    missing = [slug for slug in slugs if (vocabulary, slug) not in terms]
    if missing:
        raise LookupError(f"Unknown {vocabulary} terms in demo data: {', '.join(missing)}")
    return [terms[(vocabulary, slug)] for slug in slugs]


def _authors() -> dict[str, User]:
    users = {u.email: u for u in User.objects.filter(email__in=DEMO_AUTHORS.values())}
    return {code: users[email] for code, email in DEMO_AUTHORS.items() if email in users}


# The 22 cases


def case_fields(case: Case, terms) -> dict:
    """The keyword arguments for create_project describing one case."""
    solution = (
        f"{case.solution}\n\n"
        f"Kilde: {case.source}. Eksempeldata: beskrivelsen bygger på en anonymisert case i studien og "
        f"beskriver ikke en virkelig kommune."
    )
    return {
        "title": case.title,
        "summary": case.summary,
        "need": case.need,
        "trigger": case.trigger,
        "solution": solution,
        "novelty": case.novelty,
        "origin": case.origin,
        "source_text": case.source_text,
        "degree": case.degree,
        "phase": case.phase,
        "status": case.status,
        "start_date": date(case.start_year, 1, 1) if case.start_year else None,
        "anchoring": list(case.anchoring),
        "anchoring_plans": case.anchoring_plans,
        "core": case.core,
        "adaptation": case.adaptation,
        "needs_procurement": case.needs_procurement,
        "lessons": case.lessons,
        "observability": case.observability,
        "service_areas": _term_list(terms, Term.Vocabulary.SERVICE_AREA, case.service_areas),
        "innovation_types": _term_list(terms, Term.Vocabulary.INNOVATION_TYPE, case.innovation_types),
        "drivers": _term_list(terms, Term.Vocabulary.DRIVER, case.drivers),
        "methods": _term_list(terms, Term.Vocabulary.METHOD, case.methods),
        "tags": [CASE_TAG],
        "actors": [
            {"actor": a.name, "actor_type": a.actor_type, "role": a.role, "description": a.description}
            for a in case.actors
        ],
        "presentations": [{"channel": c.channel, "arena": c.arena} for c in case.channels],
        "benefits": [
            {
                "indicator": b.indicator,
                "result": b.result,
                "baseline": b.baseline,
                "unit": b.unit,
                "documentation": b.documentation,
            }
            for b in case.benefits
        ],
        "contacts": [{"name": c.name, "role": c.role, "email": c.email} for c in case.contacts],
    }


# Drafts that show the copy workflow: a demo organisation adapting one of the cases (fictional).
DRAFTS = [
    # (owner code, title, source case number, origin, summary)
    (
        "A",
        "Nærværssamtale i Kommune A (utkast)",
        13,
        Project.Origin.ADAPTED,
        "Utkast: Kommune A vurderer å innføre en forebyggende samtale med medarbeidere som har hyppig fravær, "
        "etter modell fra Kommune E.",
    ),
    (
        "D",
        "Velferdsteknologirom i Kommune D (utkast)",
        12,
        Project.Origin.INSPIRED,
        "Utkast: et rom der eldre hjemmeboende kan prøve velferdsteknologi og få opplæring, inspirert av Kommune E.",
    ),
    (
        "A",
        "Aldersvennlig transport i øysamfunnet (utkast)",
        17,
        Project.Origin.INSPIRED,
        "Utkast: fleksibel transport for eldre over 67 år, tilpasset et lite øysamfunn.",
    ),
]


@transaction.atomic
def load_demo_projects() -> dict[str, int]:
    """Create the 22 published case projects and a few drafts (idempotent). Returns what was created."""
    organisations = demo_organisations()
    authors = _authors()
    terms = _terms()
    created = {"cases": 0, "drafts": 0}
    by_number = {}
    for case in CASES:
        owner = organisations[case.municipality]
        project = Project.objects.filter(owner=owner, title=case.title, is_demo=True).first()
        if project is None:
            by = authors.get(case.municipality)
            project = create_project(owner=owner, by=by, is_demo=True, **case_fields(case, terms))
            publish_project(project=project, by=by)
            created["cases"] += 1
        by_number[case.number] = project
    for code, title, source_number, origin, summary in DRAFTS:
        owner = organisations[code]
        if Project.objects.filter(owner=owner, title=title, is_demo=True).exists():
            continue
        source = by_number[source_number]
        create_project(
            owner=owner,
            by=authors.get(code),
            is_demo=True,
            title=title,
            summary=summary,
            origin=origin,
            source_project=source,
            phase=Project.Phase.PREPARATION,
            status=Project.Status.ONGOING,
            service_areas=list(source.service_areas.all()),
        )
        created["drafts"] += 1
    return created


# Generated projects

# Building blocks per service area: (slug, places/units, target groups, solutions, challenges).
AREAS = {
    "helse-og-omsorg": (
        ["hjemmetjenesten", "sykehjemmet", "helsestasjonen", "legevakten", "omsorgsboligene", "rehabiliteringen"],
        ["eldre hjemmeboende", "pårørende", "personer med demens", "ungdom", "brukere med utviklingshemming"],
        [
            "digitalt tilsyn",
            "medisindispenser",
            "velferdsteknologirom",
            "tverrfaglig hverdagsrehabilitering",
            "videokonsultasjon",
            "trygghetsalarm med sensorer",
            "frisklivssentral",
        ],
        "flere eldre og færre hender i omsorgstjenestene",
    ),
    "oppvekst": (
        ["barnehagene", "barneskolen", "ungdomsskolen", "PPT", "skolefritidsordningen"],
        ["elever", "barnehagebarn", "foreldre", "nyankomne elever", "lærere"],
        ["språkløype", "digital foreldredialog", "lesestrategi", "tidlig innsats-team", "uteskole", "mestringsgrupper"],
        "svake resultater og for sen innsats",
    ),
    "sosiale-tjenester-og-nav": (
        ["NAV-kontoret", "boligkontoret", "flyktningtjenesten", "rus- og psykiatritjenesten"],
        ["unge uten arbeid", "flyktninger", "vanskeligstilte på boligmarkedet", "familier med lav inntekt"],
        [
            "helhetlig oppfølging",
            "bolig først-modell",
            "arbeidstrening i kommunen",
            "familiekoordinator",
            "felles inntaksteam",
        ],
        "brukere som faller mellom tjenestene",
    ),
    "kultur-og-frivillighet": (
        ["biblioteket", "kulturskolen", "frivilligsentralen", "fritidsklubben", "samfunnshuset"],
        ["frivillige lag og foreninger", "ungdom", "seniorer", "innbyggerne"],
        [
            "meråpent bibliotek",
            "felles utlånsordning for utstyr",
            "frivillighetsportal",
            "aktivitetskalender",
            "møteplass for generasjoner",
        ],
        "få møteplasser og lite samordning med frivilligheten",
    ),
    "plan-bygg-og-eiendom": (
        ["eiendomsforvaltningen", "byggesaksavdelingen", "planavdelingen", "kommunale bygg"],
        ["byggesøkere", "entreprenører", "innbyggerne", "leietakere i kommunale boliger"],
        [
            "digital byggesøknad",
            "energistyring i kommunale bygg",
            "innovativ anskaffelse av skolebygg",
            "3D-modell i planarbeidet",
            "sirkulær ombruk av byggematerialer",
        ],
        "lange saksbehandlingstider og høye energikostnader",
    ),
    "teknisk-og-miljo": (
        ["vann og avløp", "renovasjonen", "veivedlikeholdet", "parkavdelingen"],
        ["innbyggerne", "næringslivet", "hytteeiere"],
        ["sensorbasert tømming", "digital lekkasjesøking", "fossilfri anleggsplass", "ombruksstasjon", "smart gatelys"],
        "økte kostnader og krav til klimakutt",
    ),
    "naering-og-samfunnsutvikling": (
        ["sentrum", "næringsavdelingen", "øysamfunnet", "bygdene"],
        ["gründere", "lokalt næringsliv", "tilflyttere", "unge voksne"],
        ["bolystprosjekt", "næringshage", "samskapende stedsutvikling", "kunnskapsseminar", "felles kontorfellesskap"],
        "fraflytting og sårbart næringsliv",
    ),
    "administrasjon-og-hr": (
        ["rådhuset", "lønnsavdelingen", "HR-avdelingen", "servicetorget"],
        ["medarbeidere", "ledere", "nyansatte", "lærlinger"],
        [
            "nærværssamtale",
            "digital onboarding",
            "innovasjonsagenter",
            "heltidskultur",
            "lederutviklingsprogram",
            "robotisert fakturabehandling",
        ],
        "høyt sykefravær og vanskelig rekruttering",
    ),
    "digitalisering-og-it": (
        ["IT-avdelingen", "servicetorget", "arkivet", "hele kommunen"],
        ["innbyggerne", "saksbehandlere", "næringslivet"],
        [
            "chatbot",
            "tjenesteplattform",
            "selvbetjeningsløsning",
            "digital postkasse",
            "datadeling mellom systemer",
            "prosessautomatisering",
        ],
        "manuelle rutiner og mange systemer som ikke snakker sammen",
    ),
    "innbyggerdialog-og-demokrati": (
        ["kommunestyret", "ungdomsrådet", "eldrerådet", "nærmiljøene"],
        ["innbyggerne", "ungdom", "nabolag", "brukerorganisasjoner"],
        [
            "digitalt innbyggerpanel",
            "medborgermøter",
            "innbyggerbudsjett",
            "åpen planverksted",
            "innbyggerforslag på nett",
        ],
        "lav deltakelse i lokaldemokratiet",
    ),
}

TITLE_TEMPLATES = [
    "{Solution} i {place}",
    "{Solution} for {group}",
    "Samskaping med {group}: {solution}",
    "Ny arbeidsform i {place}: {solution}",
    "Pilot med {solution} i {place}",
    "{Solution} på tvers av tjenestene",
]

# (name, actor type, role, description) drawn for generated projects; all generic or shared registry entities.
ACTOR_POOL = [
    ("Husbanken", Actor.Type.PUBLIC_BODY, ProjectActor.Role.FUNDER, "Tilskudd og faglig støtte."),
    ("KS", Actor.Type.INTEREST_ORGANISATION, ProjectActor.Role.PARTNER, "Nettverk og veiledning."),
    ("Innovasjon Norge", Actor.Type.RESEARCH, ProjectActor.Role.FUNDER, "OFU-kontrakt."),
    ("Norges forskningsråd", Actor.Type.RESEARCH, ProjectActor.Role.FUNDER, "Forskningsmidler."),
    ("NTNU", Actor.Type.RESEARCH, ProjectActor.Role.RESEARCHER, "Følgeforskning."),
    ("Høgskolen i Innlandet", Actor.Type.RESEARCH, ProjectActor.Role.RESEARCHER, "Evaluering."),
    (
        "NHO Leverandørutviklingsprogrammet",
        Actor.Type.INTEREST_ORGANISATION,
        ProjectActor.Role.PARTNER,
        "Veiledning i innovativ anskaffelse.",
    ),
    ("Kulturdepartementet", Actor.Type.PUBLIC_BODY, ProjectActor.Role.FUNDER, "Tilskudd."),
    ("Fylkeskommunen", Actor.Type.PUBLIC_BODY, ProjectActor.Role.FUNDER, "Prosjektmidler."),
    ("Frivilligsentralen", Actor.Type.VOLUNTARY, ProjectActor.Role.PARTNER, "Rekrutterte frivillige."),
    ("Lokalt næringsliv", Actor.Type.BUSINESS, ProjectActor.Role.PARTNER, "Deltok i utviklingen."),
    ("Leverandører", Actor.Type.BUSINESS, ProjectActor.Role.SUPPLIER, "Utviklet og leverte løsningen."),
    ("Brukere og pårørende", Actor.Type.CITIZENS, ProjectActor.Role.USER, "Deltok i utforming og testing."),
    ("Innbyggere", Actor.Type.CITIZENS, ProjectActor.Role.USER, "Ga innspill underveis."),
    ("Ansatte i tjenesten", Actor.Type.INTERNAL, ProjectActor.Role.INITIATOR, "Kom med ideen."),
    (
        "Interkommunalt nettverk for velferdsteknologi",
        Actor.Type.MUNICIPALITY,
        ProjectActor.Role.PARTNER,
        "Erfaringsdeling med andre kommuner.",
    ),
    ("Bibliotek og museum", Actor.Type.COMMUNITY, ProjectActor.Role.PARTNER, "Stilte lokaler til rådighet."),
    ("Forskningsinstitutt (ikke navngitt)", Actor.Type.RESEARCH, ProjectActor.Role.RESEARCHER, "Evaluering."),
]

CHANNEL_POOL = [
    (Presentation.Channel.CONFERENCE, "Arendalskonferansen"),
    (Presentation.Channel.CONFERENCE, "Velferdens Innovasjonsdag"),
    (Presentation.Channel.CONFERENCE, "Regional fagkonferanse"),
    (Presentation.Channel.STUDY_VISIT, "Studiebesøk fra nabokommuner"),
    (Presentation.Channel.NETWORK, "Interkommunalt nettverk for velferdsteknologi"),
    (Presentation.Channel.NETWORK, "KS Innovasjonsalliansen"),
    (Presentation.Channel.NETWORK, "Regionalt innovasjonsnettverk"),
    (Presentation.Channel.SOCIAL_MEDIA, "Kommunens nettsider og Facebook"),
    (Presentation.Channel.SOCIAL_MEDIA, "Artikkel i fagblad"),
    (Presentation.Channel.INTERNAL, "Spredning til andre enheter i kommunen"),
    (Presentation.Channel.RESEARCH, "Evalueringsrapport"),
    (Presentation.Channel.PORTAL, "KomINN"),
]

BENEFIT_POOL = [
    ("Sykefravær", "%", 8.5, 6.9, Benefit.Documentation.MEASUREMENT),
    ("Frigjort tid for ansatte", "timer per uke", 0, 12, Benefit.Documentation.SELF_ASSESSMENT),
    ("Brukertilfredshet", "skår 1–6", 4.1, 4.9, Benefit.Documentation.EVALUATION),
    ("Saksbehandlingstid", "dager", 21, 9, Benefit.Documentation.MEASUREMENT),
    ("Energibruk", "kWh per m²", 180, 120, Benefit.Documentation.MEASUREMENT),
    ("Kjøring med kommunal bil", "km per måned", 2400, 1500, Benefit.Documentation.SELF_ASSESSMENT),
]

FIRST_NAMES = [
    "Anne",
    "Bjørn",
    "Camilla",
    "Dag",
    "Elin",
    "Fredrik",
    "Guro",
    "Håkon",
    "Ida",
    "Jon",
    "Kari",
    "Lars",
    "Marit",
    "Nils",
    "Oda",
    "Pål",
    "Randi",
    "Sindre",
    "Tone",
    "Vegard",
]
FAKE_SURNAMES = [
    "Eksempelsen",
    "Demosen",
    "Testesen",
    "Prøvesen",
    "Fiktivsen",
    "Plassholder",
    "Attrapp",
    "Oppdiktet",
    "Simulert",
    "Dummy",
]
ROLES = ["Prosjektleder", "Enhetsleder", "Innovasjonsrådgiver", "Fagansvarlig", "Rådgiver"]

START = date(2016, 1, 1)
END = date(2026, 10, 31)


def _ascii(text: str) -> str:
    table = str.maketrans({"æ": "ae", "ø": "o", "å": "aa", "Æ": "Ae", "Ø": "O", "Å": "Aa"})
    text = unicodedata.normalize("NFKD", text.translate(table))
    return text.encode("ascii", "ignore").decode().lower()


@dataclass
class GeneratedSpec:
    index: int
    slug: str
    owner_code: str
    co_owner_code: str | None
    title: str
    summary: str
    need: str
    solution: str
    novelty: str
    service_areas: list[str]
    innovation_types: list[str]
    drivers: list[str]
    methods: list[str]
    degree: str
    phase: str
    status: str
    state: str
    start_date: date
    end_date: date | None
    updated: datetime
    anchoring: list[str]
    actors: list[tuple]
    channels: list[tuple]
    benefits: list[tuple]
    contacts: list[tuple]


def _cap(text: str) -> str:
    return text[:1].upper() + text[1:]


def _repeats_a_word(text: str) -> bool:
    """«Samskaping med innbyggerne: innbyggerbudsjett», «Digital digitalt tilsyn»: two neighbours, one stem."""
    words = text.lower().replace(":", "").split()
    return any(first[:6] == second[:6] for first, second in itertools.pairwise(words))


def _title(template: str, *, solution: str, place: str, group: str) -> str:
    """The template drawn, or the next one that does not say the same word twice in a row."""
    start = TITLE_TEMPLATES.index(template)
    for candidate in TITLE_TEMPLATES[start:] + TITLE_TEMPLATES[:start]:
        title = candidate.format(solution=solution, Solution=_cap(solution), place=place, group=group)
        if not _repeats_a_word(title):
            return title
    return title


def _phase_status(rng: random.Random) -> tuple[str, str]:
    phase = rng.choices([p.value for p in Project.Phase], weights=[10, 30, 20, 20, 20], k=1)[0]
    if phase in (Project.Phase.PREPARATION, Project.Phase.INNOVATION):
        status = rng.choices([Project.Status.ONGOING, Project.Status.DISCONTINUED], weights=[9, 1], k=1)[0]
    else:
        status = rng.choices(
            [Project.Status.IN_OPERATION, Project.Status.COMPLETED, Project.Status.ONGOING], weights=[6, 3, 1], k=1
        )[0]
    return phase, str(status)


def build_specs(n: int, seed: int = DEFAULT_SEED) -> list[GeneratedSpec]:
    """The n generated projects for a seed, as plain data (deterministic: same n and seed, same list)."""
    rng = random.Random(seed)
    codes = list("ABCDEFGHI")
    area_slugs = list(AREAS)
    type_slugs = ["tjeneste", "prosess", "organisasjon", "teknologi-digital", "kommunikasjon-innbyggerdialog"]
    driver_slugs = ["medarbeiderdrevet", "brukerdrevet", "behovsdrevet", "innbyggerdrevet"]
    method_slugs = [
        "tjenestedesign",
        "lean",
        "innovative-anskaffelser",
        "veikart-for-tjenesteinnovasjon",
        "gevinstrealisering",
        "samskaping",
        "brukerinvolvering",
        "ofu-kontrakt",
    ]
    span = (END - START).days
    specs = []
    for index in range(n):
        code = rng.choice(codes)
        area = rng.choice(area_slugs)
        places, groups, solutions, challenge = AREAS[area]
        place, group, solution = rng.choice(places), rng.choice(groups), rng.choice(solutions)
        title = _title(rng.choice(TITLE_TEMPLATES), solution=solution, place=place, group=group)
        title = f"{_cap(title)} {GENERATED_MARK}"
        areas = [area] + ([rng.choice(area_slugs)] if rng.random() < 0.3 else [])
        areas = list(dict.fromkeys(areas))
        types = rng.sample(type_slugs, k=rng.choice([1, 1, 2, 2, 3]))
        phase, status = _phase_status(rng)
        start = START + timedelta(days=rng.randrange(span))
        end = None
        if status in (Project.Status.COMPLETED, Project.Status.DISCONTINUED):
            end = min(start + timedelta(days=rng.randrange(90, 1100)), END)
        updated_day = min(start + timedelta(days=rng.randrange(0, 900)), END)
        updated = datetime.combine(updated_day, time(rng.randrange(7, 17), rng.randrange(60)), tzinfo=UTC)
        state = rng.choices(
            [Project.State.PUBLISHED, Project.State.DRAFT, Project.State.ARCHIVED], weights=[85, 10, 5], k=1
        )[0]
        first, surname = rng.choice(FIRST_NAMES), rng.choice(FAKE_SURNAMES)
        contacts = [
            (
                f"{first} {surname} (demo)",
                rng.choice(ROLES),
                f"{_ascii(first)}.{_ascii(surname)}@kommune-{code.lower()}.example",
            )
        ]
        benefits = []
        if phase in (Project.Phase.BENEFITS, Project.Phase.SPREADING) and rng.random() < 0.6:
            indicator, unit, before, after, how = rng.choice(BENEFIT_POOL)
            benefits.append((indicator, f"{before:g}".replace(".", ","), f"{after:g}".replace(".", ","), unit, how))
        channel_count = 0 if phase == Project.Phase.PREPARATION else rng.choice([0, 1, 1, 2, 3])
        specs.append(
            GeneratedSpec(
                index=index,
                slug=f"{slugify_name(title.replace(GENERATED_MARK, ''))[:160]}{GENERATED_SLUG_MARK}{seed}-{index}",
                owner_code=code,
                co_owner_code=rng.choice([c for c in codes if c != code]) if rng.random() < 0.1 else None,
                title=title,
                summary=(
                    f"{_cap(solution)} i {place} for {group}. Generert eksempelprosjekt som viser hvordan "
                    f"portalen ser ut med mange prosjekter; det beskriver ikke et virkelig prosjekt."
                ),
                need=f"Kommunen opplever {challenge}, og {group} får ikke et godt nok tilbud i dag.",
                solution=(
                    f"{_cap(solution)} ble utviklet og prøvd ut i {place}, sammen med {group}. "
                    f"(Generert eksempeltekst.)"
                ),
                novelty=f"Nytt for kommunen: {solution} som fast del av tjenesten.",
                service_areas=areas,
                innovation_types=types,
                drivers=rng.sample(driver_slugs, k=rng.choice([0, 1, 1, 2])),
                methods=rng.sample(method_slugs, k=rng.choice([0, 1, 1, 2])),
                degree=rng.choice(["", Project.Degree.INCREMENTAL, Project.Degree.INCREMENTAL, Project.Degree.RADICAL]),
                phase=phase,
                status=status,
                state=str(state),
                start_date=start,
                end_date=end,
                updated=updated,
                anchoring=sorted(rng.sample(list(Project.Anchoring.values), k=rng.choice([0, 1, 2, 3]))),
                actors=rng.sample(ACTOR_POOL, k=rng.choice([1, 1, 2, 3])),
                channels=rng.sample(CHANNEL_POOL, k=channel_count),
                benefits=benefits,
                contacts=contacts,
            )
        )
    return specs


COSTS = [
    "Om lag 150 000 kr i oppstart, deretter lisenser på 40 000 kr i året.",
    "Ingen nye utgifter; om lag 200 timer for prosjektgruppen det første året.",
    "Utstyr for 80 000 kr og en halv stilling i prøveperioden.",
    "Lav kostnad: kurs for de ansatte og litt utstyr, under 50 000 kr.",
]


def _conditions(spec: GeneratedSpec, seed: int) -> dict:
    """What a taker needs to know (the core, what to adapt, the cost), filled in for some projects as in real
    life: more often the further a project has come. Its own random stream, so the rest of the demo is unchanged."""
    rng = random.Random(f"{seed}-{spec.index}-conditions")
    mature = spec.phase in (Project.Phase.TRANSITION, Project.Phase.BENEFITS, Project.Phase.SPREADING)
    odds = 0.6 if mature else 0.2
    solution = spec.solution.split(" ble ")[0]
    fields = {}
    if rng.random() < odds:
        fields["core"] = f"<p>{solution} med faste rutiner og en ansvarlig i tjenesten. (Generert eksempeltekst.)</p>"
    if rng.random() < odds * 0.8:
        fields["adaptation"] = (
            "<p>Organiseringen og samarbeidet med leverandøren må tilpasses størrelsen på kommunen. "
            "(Generert eksempeltekst.)</p>"
        )
    if rng.random() < odds * 0.7:
        fields["needs_cost"] = rng.choice(COSTS)
    return fields


def _timestamps(spec: GeneratedSpec) -> dict:
    """Creation, update and publication times spread over 2016–2026, as if registered over the years."""
    created = datetime.combine(spec.start_date, time(9), tzinfo=UTC)
    updated = max(spec.updated, created)
    return {
        "created_at": created,
        "updated_at": updated,
        "published_at": updated if spec.state != Project.State.DRAFT else None,
        "archived_at": updated if spec.state == Project.State.ARCHIVED else None,
    }


@contextmanager
def _explicit_timestamps():
    """Let bulk_create keep the timestamps set on the instances (auto_now would overwrite them with now)."""
    fields = [Project._meta.get_field("created_at"), Project._meta.get_field("updated_at")]
    saved = [(f.auto_now, f.auto_now_add) for f in fields]
    try:
        for f in fields:
            f.auto_now = f.auto_now_add = False
        yield
    finally:
        for f, (auto_now, auto_now_add) in zip(fields, saved, strict=True):
            f.auto_now, f.auto_now_add = auto_now, auto_now_add


def generated_projects():
    """The generated demo projects in the database (any seed)."""
    return Project.objects.filter(is_demo=True, title__endswith=GENERATED_MARK)


def delete_generated_projects() -> int:
    """Delete every generated demo project (any seed); returns how many projects went."""
    _total, per_model = generated_projects().delete()
    return per_model.get(Project._meta.label, 0)


@transaction.atomic
def generate_projects(n: int, seed: int = DEFAULT_SEED, *, batch_size: int = 500) -> int:
    """Create the generated projects for (n, seed) that do not exist yet; returns how many were created."""
    specs = build_specs(n, seed)
    existing = set(Project.objects.filter(slug__in=[s.slug for s in specs]).values_list("slug", flat=True))
    specs = [s for s in specs if s.slug not in existing]
    if not specs:
        return 0
    organisations = demo_organisations()
    terms = _terms()
    projects = [
        Project(
            slug=s.slug,
            title=s.title,
            summary=s.summary,
            need=s.need,
            solution=s.solution,
            novelty=s.novelty,
            degree=s.degree,
            phase=s.phase,
            status=s.status,
            state=s.state,
            start_date=s.start_date,
            end_date=s.end_date,
            owner=organisations[s.owner_code],
            anchoring=s.anchoring,
            is_demo=True,
            **_conditions(s, seed),
            **_timestamps(s),
        )
        for s in specs
    ]
    with _explicit_timestamps():
        Project.objects.bulk_create(projects, batch_size=batch_size)
    if any(p.pk is None for p in projects):  # backends that do not return primary keys
        by_slug = dict(Project.objects.filter(slug__in=[s.slug for s in specs]).values_list("slug", "pk"))
        for project in projects:
            project.pk = by_slug[project.slug]

    m2m = {
        "service_areas": Term.Vocabulary.SERVICE_AREA,
        "innovation_types": Term.Vocabulary.INNOVATION_TYPE,
        "drivers": Term.Vocabulary.DRIVER,
        "methods": Term.Vocabulary.METHOD,
    }
    for field_name, vocabulary in m2m.items():
        through = getattr(Project, field_name).through
        rows = [
            through(project_id=project.pk, term_id=term.pk)
            for project, spec in zip(projects, specs, strict=True)
            for term in _term_list(terms, vocabulary, getattr(spec, field_name))
        ]
        through.objects.bulk_create(rows, batch_size=batch_size)
    tag, _created = Tag.objects.get_or_create(slug=slugify_name(GENERATED_TAG), defaults={"name": GENERATED_TAG})
    Project.tags.through.objects.bulk_create(
        [Project.tags.through(project_id=p.pk, tag_id=tag.pk) for p in projects], batch_size=batch_size
    )
    Project.co_owners.through.objects.bulk_create(
        [
            Project.co_owners.through(project_id=p.pk, organisation_id=organisations[s.co_owner_code].pk)
            for p, s in zip(projects, specs, strict=True)
            if s.co_owner_code
        ],
        batch_size=batch_size,
    )
    actors = {name: resolve_actor(name=name, actor_type=actor_type) for name, actor_type, _r, _d in ACTOR_POOL}
    ProjectActor.objects.bulk_create(
        [
            ProjectActor(project_id=p.pk, actor=actors[name], role=role, description=description)
            for p, s in zip(projects, specs, strict=True)
            for name, _type, role, description in s.actors
        ],
        batch_size=batch_size,
    )
    Presentation.objects.bulk_create(
        [
            Presentation(
                project_id=p.pk,
                channel=channel,
                arena=arena,
                date=min(s.start_date + timedelta(days=200 + 90 * i), END),
            )
            for p, s in zip(projects, specs, strict=True)
            for i, (channel, arena) in enumerate(s.channels)
        ],
        batch_size=batch_size,
    )
    Benefit.objects.bulk_create(
        [
            Benefit(
                project_id=p.pk,
                indicator=indicator,
                baseline=baseline,
                result=result,
                unit=unit,
                documentation=how,
                measured_on=s.updated.date(),
            )
            for p, s in zip(projects, specs, strict=True)
            for indicator, baseline, result, unit, how in s.benefits
        ],
        batch_size=batch_size,
    )
    Contact.objects.bulk_create(
        [
            Contact(project_id=p.pk, name=name, role=role, email=email)
            for p, s in zip(projects, specs, strict=True)
            for name, role, email in s.contacts
        ],
        batch_size=batch_size,
    )
    index_projects(Project.objects.filter(pk__in=[p.pk for p in projects]))
    return len(projects)
