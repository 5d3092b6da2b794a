import uuid
import zoneinfo

from django.conf import settings
from django.contrib.auth.models import AbstractUser, BaseUserManager
from django.db import models
from django.db.models.functions import Cast, Lower
from django.utils.crypto import salted_hmac
from django_countries.fields import CountryField

TIMEZONE_CHOICES = [(name, name) for name in sorted(zoneinfo.available_timezones())]


class SkillNames(models.Func):
    """The lower-cased names of a profile's skills ([{"name": "Python", ...}]) as a JSON
    array (["python"]): the stored column MenteeProfile.skill_names that the reviewers'
    skill filter looks up through a GIN index (PostgreSQL). Elsewhere (the embedded SQLite
    default) the lower-cased JSON text, which the filter does not use."""

    function = "jsonb_path_query_array"
    output_field = models.JSONField()

    def __init__(self, skills="skills", **extra):
        lowered = Cast(Lower(Cast(skills, models.TextField())), models.JSONField())
        super().__init__(lowered, models.Value("$[*].name"), **extra)

    def as_sqlite(self, compiler, connection, **extra_context):
        return compiler.compile(self.source_expressions[0].source_expressions[0])


class UserManager(BaseUserManager):
    use_in_migrations = True

    def _create_user(self, email, password, **extra):
        if not email:
            raise ValueError("An email address is required.")
        user = self.model(email=self.normalize_email(email).lower(), **extra)
        user.set_password(password)
        user.save(using=self._db)
        return user

    def create_user(self, email, password=None, **extra):
        extra.setdefault("is_staff", False)
        extra.setdefault("is_superuser", False)
        return self._create_user(email, password, **extra)

    def create_superuser(self, email, password=None, **extra):
        extra.setdefault("is_staff", True)
        extra.setdefault("is_superuser", True)
        return self._create_user(email, password, **extra)


class User(AbstractUser):
    """A person. Email is the login; the display name is what others see and is editable."""

    username = None
    first_name = None
    last_name = None
    public_id = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    email = models.EmailField("email address", unique=True)
    display_name = models.CharField(max_length=100, blank=True)
    timezone = models.CharField(max_length=64, choices=TIMEZONE_CHOICES, default="UTC")

    USERNAME_FIELD = "email"
    REQUIRED_FIELDS: list[str] = []

    objects = UserManager()

    class Meta:
        ordering = ["email"]

    def __str__(self) -> str:
        return self.display_name or self.email

    @property
    def name(self) -> str:
        return self.display_name or self.email.split("@")[0]

    def _get_session_auth_hash(self, secret=None) -> str:
        """Django signs every session with this hash and drops a session whose hash no longer
        matches. Django's own covers the password; ours covers the email address as well, so
        changing either signs out every other session (the session making the change is kept
        by update_session_auth_hash; accounts.adapters)."""
        return salted_hmac(
            "accounts.User.get_session_auth_hash",
            f"{self.password}\x00{self.email.lower()}",
            secret=secret,
            algorithm="sha256",
        ).hexdigest()


class SkillLevel(models.TextChoices):
    BEGINNER = "beginner", "Beginner"
    INTERMEDIATE = "intermediate", "Intermediate"
    ADVANCED = "advanced", "Advanced"
    EXPERT = "expert", "Expert"


class MenteeProfile(models.Model):
    """What a person tells programs when applying. One per person, kept across cycles.

    `date_of_birth` is private: only its owner sees it; reviewers see only whether the
    person attested being 18 or older (`accounts.people.selectors.mentee_profile_summary`)."""

    user = models.OneToOneField(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="mentee_profile"
    )
    public_id = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    legal_name = models.CharField(max_length=200, blank=True)
    pronouns = models.CharField(max_length=40, blank=True)
    country = CountryField("country of residence", blank=True)
    date_of_birth = models.DateField(null=True, blank=True)
    adult_attested_at = models.DateTimeField(null=True, blank=True)
    github_url = models.URLField("GitHub profile", blank=True)
    linkedin_url = models.URLField("LinkedIn profile", blank=True)
    bio = models.TextField(max_length=3000, blank=True)
    # [{"name": "Python", "level": "advanced"}, ...]; validated by the profile service.
    skills = models.JSONField(default=list, blank=True)
    # ["Rust", "Kubernetes", ...]
    skills_to_grow = models.JSONField(default=list, blank=True)
    # ["python", "linux kernel"]: written by the database from `skills` on every write
    # (bulk ones too), so the review dashboard's skill filter is a GIN index lookup on a
    # small column (accounts 0004_perf_skill_names) rather than an expression per profile.
    skill_names = models.GeneratedField(
        expression=SkillNames("skills"), output_field=models.JSONField(), db_persist=True
    )
    resume = models.OneToOneField(
        "core.StoredFile",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="resume_of",
    )
    updated_at = models.DateTimeField(auto_now=True)

    def __str__(self) -> str:
        return f"Mentee profile of {self.user}"

    @property
    def adult_attested(self) -> bool:
        return self.adult_attested_at is not None


class MentorProfile(models.Model):
    """What mentees see about a mentor on program pages."""

    user = models.OneToOneField(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="mentor_profile"
    )
    bio = models.TextField(max_length=3000, blank=True)
    skills = models.JSONField(default=list, blank=True)  # ["Linux kernel", "C", ...]
    github_url = models.URLField("GitHub profile", blank=True)
    linkedin_url = models.URLField("LinkedIn profile", blank=True)
    website_url = models.URLField("website", blank=True)
    updated_at = models.DateTimeField(auto_now=True)

    def __str__(self) -> str:
        return f"Mentor profile of {self.user}"


PREFER_NOT = ("prefer_not", "Prefer not to say")


YES_NO = [("yes", "Yes"), ("no", "No"), PREFER_NOT]


# category: (question, choices). Answers are optional, each stored only with its own consent.
DEMOGRAPHIC_CATEGORIES: dict[str, tuple[str, list[tuple[str, str]]]] = {
    "gender": (
        "Gender identity",
        [
            ("woman", "Woman"),
            ("man", "Man"),
            ("non_binary", "Non-binary"),
            ("another", "Another identity"),
            PREFER_NOT,
        ],
    ),
    "age_range": (
        "Age range",
        [
            ("18_24", "18–24"),
            ("25_34", "25–34"),
            ("35_44", "35–44"),
            ("45_plus", "45 or older"),
            PREFER_NOT,
        ],
    ),
    "lgbtqia": ("Do you identify as LGBTQIA+?", YES_NO),
    "disability": ("Do you have a disability?", YES_NO),
    "first_generation": ("Are you the first in your family to attend university?", YES_NO),
}


class DemographicAnswer(models.Model):
    """One optional demographic answer, stored apart from the profile and only with consent
    for its category. Never shown on any page: only counted in aggregate statistics with
    small numbers suppressed (accounts.people.selectors.demographic_statistics)."""

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="demographic_answers"
    )
    category = models.CharField(max_length=40)
    value = models.CharField(max_length=40)
    consented_at = models.DateTimeField()

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["user", "category"], name="one_answer_per_category")
        ]

    def __str__(self) -> str:
        return f"demographic answer #{self.pk}"
