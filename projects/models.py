"""Innovation projects and what hangs off them: actors, benefits, presentations, documents, images,
contacts, and the version history. Visibility rules live in ProjectQuerySet; writes in services.py."""

import uuid
from pathlib import Path

from django.conf import settings
from django.contrib.postgres.search import SearchVectorField
from django.db import models
from django.db.models import Count, Q
from django.db.models.functions import Coalesce, Lower
from django.urls import reverse
from django.utils.text import format_lazy
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _

from common.pagecache import cached_for_user, request_memo
from municipalities.models import Organisation


class Term(models.Model):
    """One entry in a controlled vocabulary (service areas, innovation types, drivers, methods)."""

    class Vocabulary(models.TextChoices):
        SERVICE_AREA = "service_area", _("service area")
        INNOVATION_TYPE = "innovation_type", _("innovation type")
        DRIVER = "driver", _("driver")
        METHOD = "method", _("method")

    vocabulary = models.CharField(_("vocabulary"), max_length=20, choices=Vocabulary.choices)
    name = models.CharField(_("name"), max_length=100)
    name_en = models.CharField(
        _("English name"), max_length=100, blank=True, help_text=_("Shown in the English version of the portal.")
    )
    slug = models.SlugField(
        _("slug"), max_length=100, help_text=_("Used in filter links; letters, digits and hyphens.")
    )
    description = models.CharField(_("description"), max_length=300, blank=True)
    order = models.PositiveSmallIntegerField(_("order"), default=0, help_text=_("Lower numbers are shown first."))
    is_active = models.BooleanField(
        _("active"), default=True, help_text=_("Inactive terms cannot be chosen for new projects.")
    )

    class Meta:
        verbose_name = _("term")
        verbose_name_plural = _("terms")
        ordering = ["vocabulary", "order", "name"]
        constraints = [models.UniqueConstraint(fields=["vocabulary", "slug"], name="unique_term_slug")]

    def __str__(self):
        return self.localized_name

    @property
    def localized_name(self) -> str:
        """The name in the active language: English in the English UI when there is one, else Norwegian."""
        if self.name_en and (get_language() or "").startswith("en"):
            return self.name_en
        return self.name


class Tag(models.Model):
    """A free keyword."""

    name = models.CharField(_("name"), max_length=60)
    slug = models.SlugField(_("slug"), max_length=60, unique=True)

    class Meta:
        verbose_name = _("tag")
        verbose_name_plural = _("tags")
        ordering = ["name"]

    def __str__(self):
        return self.name


class Actor(models.Model):
    """An organisation in the innovation system, shared between projects (one «NTNU» everywhere)."""

    class Type(models.TextChoices):
        INTERNAL = "internal", _("internal collaboration in the municipal organisation")
        MUNICIPALITY = "municipality", _("other municipalities")
        CITIZENS = "citizens", _("citizens, users and relatives")
        PUBLIC_BODY = "public_body", _("other state or public bodies")
        RESEARCH = "research", _("research and education institutions")
        COMMUNITY = "community", _("local community life")
        VOLUNTARY = "voluntary", _("voluntary sector")
        INTEREST_ORGANISATION = "interest_organisation", _("interest organisations")
        BUSINESS = "business", _("suppliers and local business")
        OTHER = "other", _("other")
        INTERNATIONAL = "international", _("international partners")

    name = models.CharField(_("name"), max_length=200)
    actor_type = models.CharField(_("actor type"), max_length=30, choices=Type.choices)
    organisation = models.ForeignKey(
        Organisation,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="actors",
        verbose_name=_("municipality or county authority"),
        help_text=_("Set when the actor is a municipality or county authority in the portal."),
    )
    url = models.URLField(_("web address"), blank=True)
    created_at = models.DateTimeField(_("created"), auto_now_add=True)

    class Meta:
        verbose_name = _("actor")
        verbose_name_plural = _("actors")
        ordering = ["name"]
        constraints = [models.UniqueConstraint(Lower("name"), name="unique_actor_name_ci")]

    def __str__(self):
        return self.name


# The columns a project card needs (a row of a few hundred bytes instead of every text field).
CARD_FIELDS = ["title", "slug", "summary", "phase", "status", "state", "is_demo", "published_at", "updated_at"]
# A card also says whether the project tells a taker its core, what to adapt and its cost (short texts).
CARD_FIELDS += ["core", "adaptation", "needs_cost"]


def listed_condition(prefix: str = "") -> Q:
    """The one rule for «anyone may see this project», as a condition on a relation (`prefix="source__"`) for the
    apps above: published, or archived with `published_at` kept (archiving keeps it; a draft has none, and sending
    a project back to draft clears it)."""
    return Q(**{f"{prefix}state": Project.State.PUBLISHED}) | Q(
        **{f"{prefix}state": Project.State.ARCHIVED, f"{prefix}published_at__isnull": False}
    )


class ProjectQuerySet(models.QuerySet):
    """Which projects: each rule is written once here, and the single-object checks call it."""

    def published(self):
        return self.filter(state=Project.State.PUBLISHED)

    def listed(self):
        """Projects anyone may see (public lists, pages, the API, feeds): published, and archived after having been
        published. A project archived straight from draft (or after being sent back) stays with those who could
        see the draft (`visible_to`)."""
        return self.filter(listed_condition())

    def for_cards(self, *extra: str):
        """What a project card shows (templates/projects/_project_cards.html), without the long texts (but `extra`)."""
        # awards: the curation app's badges, reached by the reverse relation's name (curation sits above projects)
        return (
            self.select_related("owner").prefetch_related("service_areas", "awards").only(*CARD_FIELDS, "owner", *extra)
        )

    def owned_by_organisations(self, organisations, *, memo_key=None):
        """Owned or co-owned by any of these organisations (a queryset of organisations or their ids).

        The organisation ids and the co-owned project ids are read first, as short lists, so the database
        can answer `owner_id IN (…) OR id IN (…)` from two indexes (a BitmapOr); with subqueries it scans
        every project. With `memo_key` the lists are read once per request (a page asks for a user's several
        times: the project, its comments, its lineage)."""

        def ids() -> tuple[list, list]:
            org_ids = (
                list(organisations.values_list("pk", flat=True))
                if hasattr(organisations, "values_list")
                else list(organisations)
            )
            if not org_ids:
                return [], []
            through = Project.co_owners.through.objects.filter(organisation_id__in=org_ids)
            return org_ids, list(through.values_list("project_id", flat=True))

        org_ids, co_owned = request_memo(memo_key, ids) if memo_key else ids()
        if not org_ids:
            return self.none()
        if not co_owned:
            return self.filter(owner_id__in=org_ids)
        return self.filter(Q(owner_id__in=org_ids) | Q(pk__in=co_owned))

    def visible_to(self, user):
        """Listed projects for everyone; drafts (and drafts archived unpublished) for approved members of an owner;
        all for curators."""
        if user is None or not user.is_authenticated:
            return self.listed()
        if user.is_curator:
            return self
        own = self.owned_by_organisations(Organisation.objects.member_of(user), memo_key=("member-of", user.pk))
        return self.listed() | own

    def editable_by(self, user):
        """Projects the user may change: approved editors/admins of the owner or a co-owner, and curators."""
        if user is None or not user.is_authenticated:
            return self.none()
        if user.is_curator:
            return self
        return self.owned_by_organisations(Organisation.objects.editable_by(user), memo_key=("editor-of", user.pk))

    def with_adoption_count(self, *, distinct: bool = True):
        """Annotates `adoption_count`: the adoptions that count. The rule is diffusion's (`Adoption.counts()`,
        stored as `is_counted`); it is read here by name, so `projects` does not import `diffusion` and the
        project list agrees with every page that counts with `Adoption.objects.counted()`."""
        # `distinct=False` when no other join can repeat a project's rows: counting then needs no sort per project.
        counted = Count("adoptions", filter=Q(adoptions__is_counted=True), distinct=distinct)
        return self.annotate(adoption_count=counted)

    def adopted_by_others(self):
        """Projects with at least one adoption that counts."""
        return self.filter(pk__in=Project.objects.filter(adoptions__is_counted=True).values("pk"))

    def of_user_organisations(self, user):
        """Projects owned or co-owned by organisations the user is an approved member of."""
        if user is None or not user.is_authenticated:
            return self.none()
        return self.owned_by_organisations(Organisation.objects.member_of(user), memo_key=("member-of", user.pk))


def attach_adoption_counts(projects) -> list:
    """Sets `adoption_count` on each of a page of projects (one query), for the list cards."""
    projects = list(projects)
    if not projects:
        return projects
    counts = dict(
        Project.objects.filter(pk__in=[p.pk for p in projects])
        .with_adoption_count()
        .values_list("pk", "adoption_count")
    )
    for project in projects:
        project.adoption_count = counts.get(project.pk, 0)
    return projects


def editor_role_offer(user) -> str | None:
    """Where a member who may not register projects asks for the editor role, instead of being shown a button that
    ends in a 403: their organisation's role request page, or with several organisations the page explaining it.
    None for editors, curators and those who are no approved member anywhere."""
    return creation_offer(user)["editor_role_offer"]


def home_municipality_id(user) -> int | None:
    """The signed-in user's municipality (the first by name they are an approved member of), for the project list's
    «municipalities like mine»; read once per change of the site (memberships are logged)."""
    if not user.is_authenticated:
        return None

    def compute() -> int:
        found = Organisation.objects.member_of(user).municipalities().order_by("name").values_list("pk", flat=True)
        return found.first() or 0  # 0: none (None would not be kept in the cache)

    return cached_for_user("home-municipality", user, [], compute) or None


def can_create_projects(user) -> bool:
    """Whether the «Register a project» button leads somewhere: the user may register for some organisation."""
    return creation_offer(user)["can_create"]


def creation_offer(user) -> dict:
    """What the pages offer a user about registering projects, read once per change of the site (memberships are
    logged) or of the user (`make_curator`): only buttons and links, the views that act check again."""
    if not user.is_authenticated:
        return {"can_create": False, "editor_role_offer": None}

    def compute() -> dict:
        if Organisation.objects.editable_by(user).exists():
            return {"can_create": True, "editor_role_offer": None}
        organisations = list(Organisation.objects.member_of(user)[:2])
        if not organisations:
            offer = None
        else:
            offer = organisations[0].role_request_url if len(organisations) == 1 else reverse("projects:create")
        return {"can_create": False, "editor_role_offer": offer}

    return cached_for_user("creation-offer", user, [], compute)


class Project(models.Model):
    """An innovation project registered by a municipality or county authority."""

    class State(models.TextChoices):
        DRAFT = "draft", _("draft")
        PUBLISHED = "published", _("published")
        ARCHIVED = "archived", _("archived")

    class Origin(models.TextChoices):
        OWN = "own", _("own development")
        COPIED = "copied", _("copied")
        ADAPTED = "adapted", _("adapted")
        INSPIRED = "inspired", _("inspired by")

    class Degree(models.TextChoices):
        INCREMENTAL = "incremental", _("incremental")
        RADICAL = "radical", _("radical")

    class Phase(models.TextChoices):
        PREPARATION = "preparation", _("before project start / anchoring and preparation")
        INNOVATION = "innovation", _("service innovation (development and trial)")
        TRANSITION = "transition", _("transition to operation")
        BENEFITS = "benefits", _("benefits realisation")
        SPREADING = "spreading", _("spreading")

    class Status(models.TextChoices):
        ONGOING = "ongoing", _("ongoing")
        IN_OPERATION = "in_operation", _("in operation")
        COMPLETED = "completed", _("completed")
        DISCONTINUED = "discontinued", _("discontinued")

    class Anchoring(models.TextChoices):
        COUNCIL = "council", _("municipal council")
        MAYOR = "mayor", _("mayor")
        MANAGEMENT = "management", _("chief executive / management group")
        ORGANISATION = "organisation", _("own organisation")
        CITIZENS = "citizens", _("users and citizens")
        VOLUNTARY = "voluntary", _("voluntary sector")

    RICH_TEXT_HELP = _(
        "Blank lines separate paragraphs. You may also use simple HTML: paragraphs, lists, links, bold and italic "
        "(p, ul, ol, li, a, strong, em); anything else is removed."
    )

    # Publishing state (draft → published → archived: who can see it). Not to be confused with
    # `status`, which is where the project itself stands in its life (ongoing, in operation …).
    state = models.CharField(
        _("publishing state"),
        max_length=10,
        choices=State.choices,
        default=State.DRAFT,
        help_text=_("Draft, published or archived: who can see the project."),
    )
    title = models.CharField(_("title"), max_length=200)
    slug = models.SlugField(_("slug"), max_length=220, unique=True)
    summary = models.TextField(
        _("short summary"),
        max_length=600,
        blank=True,
        help_text=_("One or two sentences, shown in lists and search results."),
    )

    # The story
    need = models.TextField(_("need or challenge"), blank=True, help_text=RICH_TEXT_HELP)
    trigger = models.TextField(_("what triggered it"), blank=True, help_text=RICH_TEXT_HELP)
    solution = models.TextField(_("the solution"), blank=True, help_text=RICH_TEXT_HELP)
    novelty = models.TextField(_("what is new"), blank=True, help_text=RICH_TEXT_HELP)
    origin = models.CharField(_("how it was obtained"), max_length=10, choices=Origin.choices, default=Origin.OWN)
    source_project = models.ForeignKey(
        "self",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="derived_projects",
        verbose_name=_("source project"),
        help_text=_("The project in the portal this was copied from, adapted from or inspired by."),
    )
    source_text = models.CharField(
        _("other source"), max_length=300, blank=True, help_text=_("The source when it is not in the portal.")
    )
    # Adaptation (tilpasning): how a project taken from another organisation was fitted to this one.
    adapted_keep = models.TextField(
        _("what we keep of the core"),
        blank=True,
        help_text=_("Which parts of the source's core you keep as they are."),
    )
    adapted_change = models.TextField(
        _("what we change, and why"),
        blank=True,
        help_text=_("What you do differently from the source, and the reason for each change."),
    )
    adapted_context = models.TextField(
        _("how our context differs"),
        blank=True,
        help_text=_("Size, organisation, users, suppliers, economy: what is different here from the source."),
    )

    # Classification
    service_areas = models.ManyToManyField(
        Term,
        blank=True,
        related_name="service_area_projects",
        verbose_name=_("service areas"),
        limit_choices_to={"vocabulary": Term.Vocabulary.SERVICE_AREA},
    )
    innovation_types = models.ManyToManyField(
        Term,
        blank=True,
        related_name="innovation_type_projects",
        verbose_name=_("innovation types"),
        limit_choices_to={"vocabulary": Term.Vocabulary.INNOVATION_TYPE},
    )
    degree = models.CharField(_("degree of innovation"), max_length=12, choices=Degree.choices, blank=True)
    drivers = models.ManyToManyField(
        Term,
        blank=True,
        related_name="driver_projects",
        verbose_name=_("drivers"),
        limit_choices_to={"vocabulary": Term.Vocabulary.DRIVER},
    )
    methods = models.ManyToManyField(
        Term,
        blank=True,
        related_name="method_projects",
        verbose_name=_("methods"),
        limit_choices_to={"vocabulary": Term.Vocabulary.METHOD},
    )
    tags = models.ManyToManyField(Tag, blank=True, related_name="projects", verbose_name=_("tags"))

    # Progress
    phase = models.CharField(_("phase"), max_length=12, choices=Phase.choices, blank=True)
    # The project's own life (ongoing, in operation, completed, discontinued); see `state` for publishing.
    status = models.CharField(_("project status"), max_length=12, choices=Status.choices, default=Status.ONGOING)
    start_date = models.DateField(_("start date"), null=True, blank=True)
    end_date = models.DateField(_("end date"), null=True, blank=True)

    # Ownership
    owner = models.ForeignKey(
        Organisation, on_delete=models.PROTECT, related_name="projects", verbose_name=_("owner organisation")
    )
    co_owners = models.ManyToManyField(
        Organisation,
        blank=True,
        related_name="co_owned_projects",
        verbose_name=_("co-owner organisations"),
        help_text=_("Editors of co-owners may also edit the project."),
    )

    # Anchoring
    anchoring = models.JSONField(
        _("anchoring"), default=list, blank=True, help_text=_("Where is the project anchored?")
    )
    anchoring_plans = models.TextField(
        _("anchored in plans"), blank=True, help_text=_("For example the community part of the municipal master plan.")
    )

    # Conditions for adoption
    core = models.TextField(
        _("the core that must be kept"),
        blank=True,
        help_text=format_lazy(
            "{} {}",
            _("What must stay the same for the solution to work somewhere else? Others decide from this."),
            RICH_TEXT_HELP,
        ),
    )
    adaptation = models.TextField(
        _("what a taker should adapt"),
        blank=True,
        help_text=format_lazy(
            "{} {}",
            _("What should another municipality fit to its own size, organisation, users and suppliers?"),
            RICH_TEXT_HELP,
        ),
    )
    needs_competence = models.TextField(_("competence needed"), blank=True)
    needs_procurement = models.TextField(_("procurement needed"), blank=True)
    needs_cost = models.TextField(
        _("cost"),
        blank=True,
        help_text=_("Roughly what it cost you and what it costs to run: money, licences, equipment, working hours."),
    )
    needs_time = models.TextField(_("time needed"), blank=True)
    lessons = models.TextField(
        _("lessons learned"),
        blank=True,
        help_text=format_lazy("{} {}", _("Including what did not work."), RICH_TEXT_HELP),
    )
    relative_advantage = models.CharField(
        _("relative advantage"), max_length=500, blank=True, help_text=_("How much better is it than what it replaces?")
    )
    compatibility = models.CharField(
        _("compatibility"), max_length=500, blank=True, help_text=_("How well does it fit values, needs and practice?")
    )
    complexity = models.CharField(
        _("complexity"), max_length=500, blank=True, help_text=_("How hard is it to understand and use?")
    )
    trialability = models.CharField(
        _("trialability"), max_length=500, blank=True, help_text=_("Can it be tried on a small scale first?")
    )
    observability = models.CharField(
        _("observability"), max_length=500, blank=True, help_text=_("How visible are the results to others?")
    )

    # Bookkeeping
    is_demo = models.BooleanField(
        _("example data"), default=False, help_text=_("Fictional project used for demonstration only.")
    )
    version = models.PositiveIntegerField(
        _("version"), default=1, help_text=_("Increases on every save; used to refuse conflicting edits.")
    )
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("created by"),
    )
    created_at = models.DateTimeField(_("created"), auto_now_add=True)
    updated_at = models.DateTimeField(_("updated"), auto_now=True)
    published_at = models.DateTimeField(_("published"), null=True, blank=True)
    archived_at = models.DateTimeField(_("archived"), null=True, blank=True)
    # Every searchable word of the project and its related rows, lower case, one space apart (both databases;
    # the SQLite search and the word list read it). Kept current with SearchEntry.vector.
    search_text = models.TextField(default="", blank=True, editable=False)

    objects = ProjectQuerySet.as_manager()

    class Meta:
        verbose_name = _("project")
        verbose_name_plural = _("projects")
        ordering = ["-updated_at"]
        indexes = [
            models.Index(fields=["state", "-updated_at"], name="project_state_updated_idx"),
            # The list page's orders (and the front page's newest): a page's ids read in order from an index
            # alone, however deep the page (the list reads ids first, then the twenty projects).
            models.Index(
                fields=["-published_at", "-updated_at", "-id"],
                include=["state"],
                condition=Q(state__in=["published", "archived"]),
                name="project_listed_newest_idx",
            ),
            models.Index(
                fields=["-updated_at", "-id"],
                include=["state", "published_at"],
                condition=Q(state__in=["published", "archived"]),
                name="project_listed_updated_idx",
            ),
            models.Index(
                fields=["title", "id"],
                include=["state", "published_at"],
                condition=Q(state__in=["published", "archived"]),
                name="project_listed_title_idx",
            ),
            # An organisation's listed projects (listed() reads published_at too): answered from the index alone.
            models.Index(fields=["owner", "state"], include=["published_at", "id"], name="project_owner_listed_idx"),
            # «Is this project listed?» for rows that point at projects (adoptions, search entries), and what a
            # ranked search orders by: answered from the index alone.
            models.Index(
                fields=["id"],
                include=["state", "published_at", "updated_at", "owner"],
                name="project_listed_lookup_idx",
            ),
            # An organisation's page: its newest projects, read in order from the index and cut at ten.
            models.Index(fields=["owner", "-published_at", "-updated_at", "-id"], name="project_owner_order_idx"),
            # The published projects, read from the index alone: sitemap.xml's pages in id order (deep pages too),
            # the statistics' counts by phase, status, start year and owner, and joins that only ask "published?".
            models.Index(
                fields=["id"],
                include=["slug", "updated_at", "owner", "phase", "status", "start_date"],
                condition=Q(state="published"),
                name="project_published_idx",
            ),
            # The projects nobody outside their organisations sees (drafts, projects archived straight from draft):
            # "is this source listed?" is the absence of a row here (diffusion's of_listed_sources()).
            models.Index(
                fields=["id"],
                condition=~(Q(state="published") | Q(state="archived", published_at__isnull=False)),  # listed_condition
                name="project_unlisted_idx",
            ),
            # The API's list: newest listed first (`listed_at` in api.views), read in order and cut at a page.
            models.Index(
                Coalesce("published_at", "created_at").desc(),
                models.F("id").desc(),
                condition=Q(state__in=["published", "archived"]),
                name="project_listed_order_idx",
            ),
        ]

    def __str__(self):
        return self.title

    def get_absolute_url(self):
        return reverse("projects:detail", kwargs={"slug": self.slug})

    # Single-object rules
    @property
    def is_draft(self) -> bool:
        return self.state == self.State.DRAFT

    @property
    def is_published(self) -> bool:
        return self.state == self.State.PUBLISHED

    @property
    def is_archived(self) -> bool:
        return self.state == self.State.ARCHIVED

    @property
    def is_listed(self) -> bool:
        """Anyone may see it: `ProjectQuerySet.listed()` for one project."""
        return self.is_published or (self.is_archived and self.published_at is not None)

    def owner_ids(self) -> set[int]:
        return request_memo(
            ("owner-ids", self.pk), lambda: {self.owner_id, *self.co_owners.values_list("pk", flat=True)}
        )

    def can_edit(self, user) -> bool:
        """The single-object form of ProjectQuerySet.editable_by (no query for anonymous users and curators)."""
        if user is None or not user.is_authenticated:
            return False
        if user.is_curator:
            return True
        return request_memo(
            ("can-edit", user.pk, self.pk), lambda: Project.objects.editable_by(user).filter(pk=self.pk).exists()
        )

    def anchoring_labels(self) -> list[str]:
        labels = dict(self.Anchoring.choices)
        return [labels[value] for value in self.anchoring if value in labels]

    def recommended_for_publication(self) -> list[str]:
        """What a taker decides from and the project does not say yet (recommended, not required)."""
        recommended = []
        if not self.core.strip():
            recommended.append(_("the core that must be kept"))
        if not self.adaptation.strip():
            recommended.append(_("what a taker should adapt"))
        if not self.needs_cost.strip():
            recommended.append(_("cost"))
        return recommended

    @property
    def is_adaptation(self) -> bool:
        """Taken from another project (copied, adapted or inspired), which the adaptation section describes."""
        return self.origin != self.Origin.OWN or self.source_project_id is not None

    # What a taker needs before the project can be published: declared field and row names, in form order.
    REQUIRED_TO_PUBLISH = {
        "summary": _("short summary"),
        "need": _("need or challenge"),
        "solution": _("the solution"),
        "service_areas": _("service area"),
        "phase": _("phase"),
        "contacts": _("contact person"),
    }

    def missing_to_publish(self) -> list[str]:
        """The names (keys of REQUIRED_TO_PUBLISH) still empty; the edit form shows them per section."""
        checks = {
            "summary": lambda: not self.summary.strip(),
            "need": lambda: not self.need.strip(),
            "solution": lambda: not self.solution.strip(),
            "service_areas": lambda: self.pk is None or not self.service_areas.exists(),
            "phase": lambda: not self.phase,
            "contacts": lambda: self.pk is None or not self.contacts.exists(),
        }
        return [name for name in self.REQUIRED_TO_PUBLISH if checks[name]()]

    def missing_for_publication(self) -> list[str]:
        """What a taker needs before the project can be published, as labels (empty when complete)."""
        return [self.REQUIRED_TO_PUBLISH[name] for name in self.missing_to_publish()]


class FormerSlug(models.Model):
    """A slug the project had before it was renamed: links to it keep working (301 to the current one)."""

    project = models.ForeignKey(
        Project, on_delete=models.CASCADE, related_name="former_slugs", verbose_name=_("project")
    )
    slug = models.SlugField(_("slug"), max_length=220, unique=True)
    created_at = models.DateTimeField(_("created"), auto_now_add=True)

    class Meta:
        verbose_name = _("former slug")
        verbose_name_plural = _("former slugs")
        ordering = ["-created_at"]

    def __str__(self):
        return self.slug


class ProjectActor(models.Model):
    """An actor's role in one project."""

    class Role(models.TextChoices):
        INITIATOR = "initiator", _("initiator")
        PARTNER = "partner", _("partner")
        FUNDER = "funder", _("funder")
        SUPPLIER = "supplier", _("supplier")
        RESEARCHER = "researcher", _("researcher or evaluator")
        USER = "user", _("user")
        OTHER = "other", _("other")

    project = models.ForeignKey(
        Project, on_delete=models.CASCADE, related_name="project_actors", verbose_name=_("project")
    )
    actor = models.ForeignKey(Actor, on_delete=models.PROTECT, related_name="project_roles", verbose_name=_("actor"))
    role = models.CharField(_("role"), max_length=12, choices=Role.choices, default=Role.PARTNER)
    description = models.CharField(_("description"), max_length=500, blank=True, help_text=_("What the actor did."))

    class Meta:
        verbose_name = _("project actor")
        verbose_name_plural = _("project actors")
        ordering = ["actor__actor_type", "actor__name"]

    def __str__(self):
        return f"{self.actor} ({self.get_role_display()})"


class Benefit(models.Model):
    """A realised or measured benefit (gevinst)."""

    class Documentation(models.TextChoices):
        MEASUREMENT = "measurement", _("measurement")
        EVALUATION = "evaluation", _("evaluation")
        RESEARCH = "research", _("research report")
        SELF_ASSESSMENT = "self_assessment", _("self-assessment")

    project = models.ForeignKey(Project, on_delete=models.CASCADE, related_name="benefits", verbose_name=_("project"))
    indicator = models.CharField(_("indicator"), max_length=200, help_text=_("For example «sickness absence»."))
    baseline = models.CharField(_("baseline"), max_length=100, blank=True)
    result = models.CharField(_("result"), max_length=100, blank=True)
    unit = models.CharField(_("unit"), max_length=50, blank=True, help_text=_("For example «%» or «hours per week»."))
    measured_on = models.DateField(_("date"), null=True, blank=True)
    documentation = models.CharField(
        _("how it was documented"), max_length=20, choices=Documentation.choices, blank=True
    )

    class Meta:
        verbose_name = _("benefit")
        verbose_name_plural = _("benefits")
        ordering = ["pk"]

    def __str__(self):
        return self.indicator


class Presentation(models.Model):
    """Where the project was presented or spread."""

    class Channel(models.TextChoices):
        INTERNAL = "internal", _("internal spreading")
        PORTAL = "portal", _("digital sharing portal")
        CONFERENCE = "conference", _("conference, seminar or workshop")
        SOCIAL_MEDIA = "social_media", _("social media and web")
        STUDY_VISIT = "study_visit", _("study visit")
        RESEARCH = "research", _("research collaboration")
        REGIONAL = "regional", _("regional top-down")
        NETWORK = "network", _("network")

    project = models.ForeignKey(
        Project, on_delete=models.CASCADE, related_name="presentations", verbose_name=_("project")
    )
    channel = models.CharField(_("channel"), max_length=15, choices=Channel.choices)
    arena = models.CharField(_("arena"), max_length=200, blank=True, help_text=_("For example «Arendalskonferansen»."))
    date = models.DateField(_("date"), null=True, blank=True)
    url = models.URLField(_("link"), blank=True)

    class Meta:
        verbose_name = _("presentation")
        verbose_name_plural = _("presentations")
        ordering = ["-date", "pk"]

    def __str__(self):
        return self.arena or self.get_channel_display()


def _random_name(folder: str, filename: str) -> str:
    suffix = Path(filename).suffix.lower()[:10]
    return f"projects/{folder}/{uuid.uuid4().hex}{suffix}"


def document_upload_to(instance, filename):
    return _random_name("documents", filename)


def image_upload_to(instance, filename):
    return _random_name("images", filename)


class Document(models.Model):
    """An uploaded file or an external link."""

    class Kind(models.TextChoices):
        EVALUATION = "evaluation", _("evaluation")
        RESEARCH = "research", _("research report")
        KNOWLEDGE = "knowledge", _("knowledge base")
        THESIS = "thesis", _("thesis")
        PROCUREMENT = "procurement", _("procurement document")
        PRESENTATION = "presentation", _("presentation")
        VIDEO = "video", _("video")
        OTHER = "other", _("other")

    project = models.ForeignKey(Project, on_delete=models.CASCADE, related_name="documents", verbose_name=_("project"))
    kind = models.CharField(_("kind"), max_length=15, choices=Kind.choices, default=Kind.OTHER)
    title = models.CharField(_("title"), max_length=200)
    file = models.FileField(_("file"), upload_to=document_upload_to, max_length=200, blank=True)
    url = models.URLField(_("link"), blank=True, help_text=_("Instead of a file."))
    original_name = models.CharField(_("original file name"), max_length=200, blank=True)
    content_type = models.CharField(_("content type"), max_length=100, blank=True)
    size = models.PositiveBigIntegerField(_("size in bytes"), null=True, blank=True)
    created_at = models.DateTimeField(_("created"), auto_now_add=True)

    class Meta:
        verbose_name = _("document")
        verbose_name_plural = _("documents")
        ordering = ["pk"]

    def __str__(self):
        return self.title

    def get_absolute_url(self):
        if self.file:
            return reverse("projects:document", kwargs={"slug": self.project.slug, "pk": self.pk})
        return self.url


class ProjectImage(models.Model):
    project = models.ForeignKey(Project, on_delete=models.CASCADE, related_name="images", verbose_name=_("project"))
    image = models.FileField(_("image"), upload_to=image_upload_to, max_length=200)
    display = models.FileField(
        _("display version"),
        upload_to=image_upload_to,
        max_length=200,
        blank=True,
        help_text=_("A smaller version for the project page; empty when the image itself is small enough."),
    )
    alt_text = models.CharField(
        _("alternative text"), max_length=300, help_text=_("Describe the image for those who cannot see it.")
    )
    caption = models.CharField(_("caption"), max_length=300, blank=True)
    content_type = models.CharField(_("content type"), max_length=100, blank=True)
    created_at = models.DateTimeField(_("created"), auto_now_add=True)

    class Meta:
        verbose_name = _("image")
        verbose_name_plural = _("images")
        ordering = ["pk"]

    def __str__(self):
        return self.alt_text

    def get_absolute_url(self):
        return reverse("projects:image", kwargs={"slug": self.project.slug, "pk": self.pk})

    def get_original_url(self):
        return reverse("projects:image_original", kwargs={"slug": self.project.slug, "pk": self.pk})


class Contact(models.Model):
    project = models.ForeignKey(Project, on_delete=models.CASCADE, related_name="contacts", verbose_name=_("project"))
    name = models.CharField(_("name"), max_length=150)
    role = models.CharField(_("role"), max_length=150, blank=True, help_text=_("For example «project manager»."))
    email = models.EmailField(_("email address"), blank=True)
    phone = models.CharField(_("phone"), max_length=30, blank=True)

    class Meta:
        verbose_name = _("contact person")
        verbose_name_plural = _("contact persons")
        ordering = ["pk"]

    def __str__(self):
        return self.name


class SearchWord(models.Model):
    """A word seen in some project's searchable text: what query words are expanded against (compound parts,
    close spellings). Trigram-indexed on PostgreSQL; words are added on every save and pruned by a rebuild."""

    word = models.CharField(max_length=60, primary_key=True)

    class Meta:
        verbose_name = _("search word")
        verbose_name_plural = _("search words")

    def __str__(self):
        return self.word


class ProjectVersion(models.Model):
    """One saved state of a project: a JSON snapshot including related rows, and what changed."""

    class Action(models.TextChoices):
        CREATED = "created", _("created")
        EDITED = "edited", _("edited")
        PUBLISHED = "published", _("published")
        ARCHIVED = "archived", _("archived")
        UNARCHIVED = "unarchived", _("restored from archive")
        REVERTED = "reverted", _("earlier version restored")
        SENT_BACK = "sent_back", _("sent back to draft by a curator")

    project = models.ForeignKey(Project, on_delete=models.CASCADE, related_name="versions", verbose_name=_("project"))
    number = models.PositiveIntegerField(_("version number"))
    snapshot = models.JSONField(_("snapshot"))
    changed_fields = models.JSONField(_("changed fields"), default=list, blank=True)
    action = models.CharField(_("action"), max_length=20, choices=Action.choices, default=Action.EDITED)
    note = models.TextField(
        _("note"), blank=True, help_text=_("Why it was done, when someone said so (a curator sending it back).")
    )
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("changed by"),
    )
    created_at = models.DateTimeField(_("saved"), auto_now_add=True)

    class Meta:
        verbose_name = _("project version")
        verbose_name_plural = _("project versions")
        ordering = ["-number"]
        constraints = [models.UniqueConstraint(fields=["project", "number"], name="unique_project_version")]

    def __str__(self):
        return f"{self.project} v{self.number}"


# The project list's facet counts, kept ahead (projects/facets.py)


class ProjectFacet(models.Model):
    """One filter option a listed project matches, as a key ("phase:innovation"); see projects/facets.py."""

    project = models.ForeignKey(Project, on_delete=models.CASCADE, related_name="+")
    key = models.CharField(max_length=130)

    class Meta:
        verbose_name = _("project facet")
        constraints = [models.UniqueConstraint(fields=["project", "key"], name="projectfacet_unique")]
        indexes = [models.Index(fields=["key", "project"], name="projectfacet_key_idx")]

    def __str__(self):
        return self.key


class FacetCount(models.Model):
    """How many listed projects in `state` hold `key`: the running totals of ProjectFacet."""

    state = models.CharField(max_length=12)
    key = models.CharField(max_length=130)
    count = models.IntegerField(default=0)

    class Meta:
        verbose_name = _("facet count")
        constraints = [models.UniqueConstraint(fields=["state", "key"], name="facetcount_unique")]

    def __str__(self):
        return f"{self.state} {self.key}: {self.count}"


class SearchEntry(models.Model):
    """A project's Norwegian full-text vector (PostgreSQL; empty on SQLite), GIN-indexed, apart from the wide
    projects table: a search that matches thousands of projects reads and ranks these short rows (about
    1 kB each) instead of the projects' (about 4 kB). Kept current by projects.search.index_projects, which the
    services call on every save."""

    project = models.OneToOneField(
        Project, on_delete=models.CASCADE, primary_key=True, related_name="search_entry", verbose_name=_("project")
    )
    vector = SearchVectorField(null=True, editable=False)

    class Meta:
        verbose_name = _("search entry")
        verbose_name_plural = _("search entries")

    def __str__(self):
        return str(self.project_id)
