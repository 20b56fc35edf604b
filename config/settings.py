"""One settings module, driven by environment variables (see .env.example).

The embedded defaults (SQLite, Celery tasks run eagerly in-process, e-mail to the console) let
`make run` start the product on a bare machine. Production points DATABASE_URL at PostgreSQL and
CELERY_BROKER_URL at Redis.
"""

import datetime
from pathlib import Path

import environ
from csp.constants import NONE, SELF
from django.core.exceptions import ImproperlyConfigured

BASE_DIR = Path(__file__).resolve().parent.parent

env = environ.Env()
environ.Env.read_env(BASE_DIR / ".env", overwrite=False)

DEBUG = env.bool("DEBUG", default=False)

# The placeholder in .env.example, which is long enough to pass the other rules.
EKSEMPELNOEGLE = "skift-mig-til-en-lang-tilfaeldig-streng-paa-mindst-50-tegn"


def staerk_noegle(noegle: str) -> str:
    """The key, if it is fit for production; the rules are those of Django's `check --deploy`
    (security.W009) plus our own placeholder, but here they stop the start instead of warning.
    The message never repeats the key."""
    if (
        len(noegle) < 50
        or len(set(noegle)) < 5
        or noegle.startswith("django-insecure")
        or noegle == EKSEMPELNOEGLE
    ):
        raise ImproperlyConfigured(
            "SECRET_KEY er for svag til drift (DEBUG er slået fra): den skal have mindst 50 tegn "
            "og 5 forskellige tegn, må ikke begynde med »django-insecure« og må ikke være "
            "eksemplet fra .env.example. Lav en ny med "
            "python3 -c 'import secrets; print(secrets.token_urlsafe(50))'."
        )
    return noegle


if DEBUG:
    SECRET_KEY = env("SECRET_KEY", default="django-insecure-kun-til-udvikling")
else:
    # env() raises ImproperlyConfigured without a key, staerk_noegle with a weak one: the product
    # refuses to start either way.
    SECRET_KEY = staerk_noegle(env("SECRET_KEY"))

ALLOWED_HOSTS = env.list("ALLOWED_HOSTS", default=["127.0.0.1", "localhost"])
CSRF_TRUSTED_ORIGINS = env.list("CSRF_TRUSTED_ORIGINS", default=[])

INSTALLED_APPS = [
    "jobcenter.apps.DriftsAdminConfig",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "django.contrib.humanize",
    "simple_history",
    "csp",
    "axes",
    "django_otp",
    "django_otp.plugins.otp_totp",
    "crispy_forms",
    "django_filters",
    "django_htmx",
    "jobcenter",
    "virksomheder",
    "borgere",
    "kursuskob",
    "virkning",
    "rest_framework",
    "drf_spectacular",
    "api",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    # `make run` (DEBUG on) shows the Danish 404 page too, never Django's list of URLs.
    "jobcenter.middleware.Dansk404Middleware",
    "csp.middleware.CSPMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    # Answers to a logged-in user (pages, exports) are never cached.
    "jobcenter.middleware.NoStoreMiddleware",
    # After NoStoreMiddleware, so it sees the API's answers before »no-store« is added.
    "api.middleware.ApiETagMiddleware",
    "django.contrib.auth.middleware.LoginRequiredMiddleware",
    "django_otp.middleware.OTPMiddleware",
    # Administrators and superusers must pass two-factor login before anything else.
    "jobcenter.middleware.TotrinMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "simple_history.middleware.HistoryRequestMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    # Last, as django-axes asks: it turns a locked-out login into its own answer.
    "axes.middleware.AxesMiddleware",
]

ROOT_URLCONF = "config.urls"
WSGI_APPLICATION = "config.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "jobcenter.context_processors.navigation",
                "jobcenter.context_processors.tilladelser",
            ],
        },
    },
]

DATABASES = {
    "default": env.db("DATABASE_URL", default=f"sqlite:///{BASE_DIR / 'db.sqlite3'}"),
}
DATABASES["default"]["ATOMIC_REQUESTS"] = False
DATABASES["default"]["CONN_MAX_AGE"] = env.int("CONN_MAX_AGE", default=0)
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

AUTH_USER_MODEL = "jobcenter.Bruger"
AUTHENTICATION_BACKENDS = [
    "axes.backends.AxesStandaloneBackend",
    "django.contrib.auth.backends.ModelBackend",
]
# Lockout after repeated failed logins for the same user from the same address, for a while:
# never a permanent lock of a whole office behind one proxy.
AXES_FAILURE_LIMIT = env.int("LOGIN_FORSOEG", default=5)
AXES_COOLOFF_TIME = datetime.timedelta(minutes=env.int("LOGIN_SPAERRING_MINUTTER", default=15))
AXES_LOCKOUT_PARAMETERS = [["username", "ip_address"]]
AXES_RESET_ON_SUCCESS = True
AXES_LOCKOUT_TEMPLATE = "registration/spaerret.html"
AXES_VERBOSE = False
# Two-factor login (django-otp, TOTP): the name authenticator apps show for the account.
OTP_TOTP_ISSUER = env("TOTRIN_UDSTEDER", default="Jobcenter virksomhedssamarbejde")
# Wrong codes are slowed down by our own rule (jobcenter.forms.ventetid), after a few free tries.
OTP_TOTP_THROTTLE_FACTOR = 0
# An app being set up must be confirmed within this many minutes, or its key is thrown away.
TOTRIN_OPSAETNING_MINUTTER = env.int("TOTRIN_OPSAETNING_MINUTTER", default=10)
LOGIN_URL = "login"
LOGIN_REDIRECT_URL = "forside"
LOGOUT_REDIRECT_URL = "login"
AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {
        "NAME": "django.contrib.auth.password_validation.MinimumLengthValidator",
        "OPTIONS": {"min_length": 12},
    },
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]

LANGUAGE_CODE = "da"
TIME_ZONE = env("TIME_ZONE", default="Europe/Copenhagen")
USE_I18N = True
USE_TZ = True
USE_THOUSAND_SEPARATOR = True

STATIC_URL = "static/"
# Where `collectstatic` puts the files WhiteNoise serves.
STATIC_ROOT = Path(env("STATIC_ROOT", default=str(BASE_DIR / "staticfiles")))
STATICFILES_DIRS = [BASE_DIR / "static"]
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    # Hashed, compressed names after `collectstatic`; with DEBUG on, the plain names.
    "staticfiles": {"BACKEND": "whitenoise.storage.CompressedManifestStaticFilesStorage"},
}

SESSION_COOKIE_SECURE = env.bool("SECURE_COOKIES", default=not DEBUG)
CSRF_COOKIE_SECURE = SESSION_COOKIE_SECURE
# A session ends after this long without a request (each request renews it) or when the
# browser closes.
SESSION_COOKIE_AGE = env.int("SESSION_TIMEOUT", default=30 * 60)
SESSION_SAVE_EVERY_REQUEST = True
SESSION_EXPIRE_AT_BROWSER_CLOSE = True
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"
X_FRAME_OPTIONS = "DENY"
# Production is secure without opting in: http is redirected to https and HSTS is sent, unless
# HTTPS_VED_PROXY says the reverse proxy in front does both (then Django's check --deploy need
# not warn that Django does not).
HTTPS_VED_PROXY = env.bool("HTTPS_VED_PROXY", default=False)
HTTPS_I_DJANGO = not DEBUG and not HTTPS_VED_PROXY
SECURE_SSL_REDIRECT = env.bool("SECURE_SSL_REDIRECT", default=HTTPS_I_DJANGO)
SECURE_HSTS_SECONDS = env.int(
    "SECURE_HSTS_SECONDS", default=365 * 24 * 60 * 60 if HTTPS_I_DJANGO else 0
)
SILENCED_SYSTEM_CHECKS = ["security.W004", "security.W008"] if HTTPS_VED_PROXY else []
if DATABASES["default"]["ENGINE"].endswith("sqlite3"):
    # The embedded default: SQLite cannot hold »one active instrument per code« across the
    # national templates (jobcenter NULL); PostgreSQL, in production and CI, does.
    SILENCED_SYSTEM_CHECKS.append("models.W047")
# A load balancer probes the health check over plain http, straight at the backend.
SECURE_REDIRECT_EXEMPT = [r"^sundhed/$"]
SECURE_HSTS_INCLUDE_SUBDOMAINS = env.bool("SECURE_HSTS_INCLUDE_SUBDOMAINS", default=True)
SECURE_HSTS_PRELOAD = env.bool("SECURE_HSTS_PRELOAD", default=False)
if env.bool("BAG_HTTPS_PROXY", default=False):
    SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
    # Every request comes from the proxy: the login lockout (per user and address) reads the
    # browser's address from X-Forwarded-For instead, or it would lock a user out everywhere.
    AXES_CLIENT_IP_CALLABLE = "jobcenter.middleware.adresse_bag_proxy"
# Everything the pages use is served from our own static files: no inline script or style,
# no eval (jobcenter/checks.py fails the system check if this is weakened).
CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": [SELF],
        "script-src": [SELF],
        "style-src": [SELF],
        "img-src": [SELF],
        "font-src": [SELF],
        "connect-src": [SELF],
        "form-action": [SELF],
        "base-uri": [SELF],
        "frame-ancestors": [NONE],
        "object-src": [NONE],
    }
}

EMAIL_CONFIG = env.email_url("EMAIL_URL", default="consolemail://")
vars().update(EMAIL_CONFIG)
DEFAULT_FROM_EMAIL = env("DEFAULT_FROM_EMAIL", default="jobcenter@localhost")
# Citizens with no activity for this long are anonymised by the nightly retention job.
BEVARING_DAGE = env.int("BEVARING_DAGE", default=5 * 365)
# How long the access log (who looked at which citizen) is kept: 5 years by default.
ADGANGSLOG_DAGE = env.int("ADGANGSLOG_DAGE", default=5 * 365)
# Off until the operators have read the dry-run report (`manage.py anonymiser_inaktive`).
BEVARING_AKTIV = env.bool("BEVARING_AKTIV", default=False)
# Minutes in which a task marked »Udført« can be opened again (a click on the wrong row).
OPGAVE_FORTRYD_MINUTTER = env.int("OPGAVE_FORTRYD_MINUTTER", default=15)

# Joint course purchases: the refund share the state pays on bought courses ("80 pct.
# driftsrefusion", domain/kursuskob.md §1.2), the default of a new purchase; how many days before
# the enrolment deadline the tovholder is warned that a class will not reach its minimum; and the
# weeks after a course ends at which the dashboard reads the participants' status.
KURSUSKOB_REFUSIONSPROCENT = env.int("KURSUSKOB_REFUSIONSPROCENT", default=80)
KURSUSKOB_ADVARSEL_DAGE = env.int("KURSUSKOB_ADVARSEL_DAGE", default=14)
KURSUSKOB_UDFALD_UGER = env.int("KURSUSKOB_UDFALD_UGER", default=4)
# Weeks after a praktikforløb's end that its status task falls due and the forløb's page reads
# the benefit data; as a setting, not per forløbstype, since Mål 2 measures every type alike.
FORLOEB_STATUS_UGER = env.int("FORLOEB_STATUS_UGER", default=4)
# Weeks after a forløb or a course ends at which »Hvad virker« reads whether the citizen is
# self-supporting (Mål 2's definition; four weeks, as Mål 2).
UDFALD_UGER = env.int("UDFALD_UGER", default=4)
if UDFALD_UGER < 1:
    raise environ.ImproperlyConfigured("UDFALD_UGER skal være mindst 1.")
if FORLOEB_STATUS_UGER < 1:
    raise environ.ImproperlyConfigured("FORLOEB_STATUS_UGER skal være mindst 1.")

# File imports: every upload has limits (design.md §5), enforced while the worker reads the file,
# and the same for `manage.py importer`. Bytes of the file; data rows; characters in one cell;
# bytes an XLSX (a zip) may unpack to; errors kept for a rejected file (the rest are counted).
IMPORT_MAKS_BYTES = env.int("IMPORT_MAKS_BYTES", default=20 * 1024 * 1024)
IMPORT_MAKS_RAEKKER = env.int("IMPORT_MAKS_RAEKKER", default=250_000)
IMPORT_MAKS_TEGN = env.int("IMPORT_MAKS_TEGN", default=2000)
IMPORT_MAKS_UDPAKKET = env.int("IMPORT_MAKS_UDPAKKET", default=100 * 1024 * 1024)
IMPORT_MAKS_FEJL = env.int("IMPORT_MAKS_FEJL", default=100)
# Uploaded files wait for the worker here: a private directory no URL serves, which web and worker
# share; each is deleted when its run ends.
IMPORT_MAPPE = Path(env("IMPORT_MAPPE", default=str(BASE_DIR / "importfiler")))
# A checked file waits this many hours for someone to approve its import; then its run is marked
# failed and the file (with its CPR numbers) deleted, as when a run ends.
IMPORT_KONTROLLERET_TIMER = env.int("IMPORT_KONTROLLERET_TIMER", default=24)

# The product's own address, for links in e-mails.
SITE_URL = env("SITE_URL", default="http://127.0.0.1:8000")

# The cache: the API's rate limit counts here. In production a Redis shared by every web process
# (CACHE_URL=redis://…), or each process would count on its own.
CACHES = {"default": env.cache_url("CACHE_URL", default="locmemcache://")}

# The REST API under /api/v1/ (issue 17): systems call it with a key (api.Systemnoegle), errors
# are problem details (api/problemer.py), and each key may make API_KALD_PR_MINUT calls a minute.
API_KALD_PR_MINUT = env.int("API_KALD_PR_MINUT", default=600)
if API_KALD_PR_MINUT < 1:
    raise environ.ImproperlyConfigured("API_KALD_PR_MINUT skal være mindst 1.")
# Rows one call to a bulk endpoint (…/bulk/) may send; more are refused whole (413).
API_BULK_MAKS_RAEKKER = env.int("API_BULK_MAKS_RAEKKER", default=10_000)
if API_BULK_MAKS_RAEKKER < 1:
    raise environ.ImproperlyConfigured("API_BULK_MAKS_RAEKKER skal være mindst 1.")
# How long the answer to a POST with an Idempotency-Key is kept for a repeat.
API_IDEMPOTENS_TIMER = env.int("API_IDEMPOTENS_TIMER", default=24)
# How long the deletion feed (/api/v1/sletninger/) remembers a deleted row; a system must sync
# more often than this or re-read everything.
API_SLETNINGER_DAGE = env.int("API_SLETNINGER_DAGE", default=90)
if API_SLETNINGER_DAGE < 1:
    raise environ.ImproperlyConfigured("API_SLETNINGER_DAGE skal være mindst 1.")
REST_FRAMEWORK = {
    "DEFAULT_AUTHENTICATION_CLASSES": ["api.authentication.SystemnoegleAuthentication"],
    "DEFAULT_PERMISSION_CLASSES": ["api.permissions.Omfang"],
    "DEFAULT_THROTTLE_CLASSES": ["api.throttling.NoegleThrottle"],
    "DEFAULT_RENDERER_CLASSES": ["rest_framework.renderers.JSONRenderer"],
    "DEFAULT_PARSER_CLASSES": ["rest_framework.parsers.JSONParser"],
    "DEFAULT_SCHEMA_CLASS": "drf_spectacular.openapi.AutoSchema",
    "EXCEPTION_HANDLER": "api.problemer.haandter_fejl",
    "UNAUTHENTICATED_USER": "django.contrib.auth.models.AnonymousUser",
}
SPECTACULAR_SETTINGS = {
    "TITLE": "Jobcenter virksomhedssamarbejde API",
    "DESCRIPTION": "Læse- og skriveadgang for jobcentrets systemer. Se README, afsnittet »API«.",
    "VERSION": "1",
    "SERVE_INCLUDE_SCHEMA": False,
    "COMPONENT_SPLIT_REQUEST": True,
    "POSTPROCESSING_HOOKS": [
        "drf_spectacular.hooks.postprocess_schema_enums",
        "api.skema.tilfoej_problemer",
    ],
}

MESSAGE_STORAGE = "django.contrib.messages.storage.session.SessionStorage"

CRISPY_ALLOWED_TEMPLATE_PACKS = ("dkfds",)
CRISPY_TEMPLATE_PACK = "dkfds"
# Django's widget class names become DKFDS's field classes.
CRISPY_CLASS_CONVERTERS = {
    "textinput": "form-input",
    "numberinput": "form-input",
    "emailinput": "form-input",
    "dateinput": "form-input",
    "datoinput": "form-input",
    "passwordinput": "form-input",
    "urlinput": "form-input",
    "textarea": "form-input",
    "select": "form-select",
    "hurtigselect": "form-select",
    "checkboxinput": "form-checkbox",
    "findwidget": "form-input",
}

# Celery. Without a broker every task runs eagerly in-process (the embedded default).
CELERY_BROKER_URL = env("CELERY_BROKER_URL", default=None)
CELERY_RESULT_BACKEND = env("CELERY_RESULT_BACKEND", default=CELERY_BROKER_URL)
CELERY_TASK_ALWAYS_EAGER = CELERY_BROKER_URL is None
CELERY_TASK_EAGER_PROPAGATES = True
# At-least-once delivery: a task is acknowledged only when it has finished, is handed back to the
# queue when its worker dies, and a worker holds one task at a time. Tasks are idempotent.
CELERY_TASK_ACKS_LATE = True
CELERY_TASK_REJECT_ON_WORKER_LOST = True
CELERY_WORKER_PREFETCH_MULTIPLIER = 1
# Processes per worker; default: one per core.
CELERY_WORKER_CONCURRENCY = env.int("CELERY_CONCURRENCY", default=None)
CELERY_TASK_SOFT_TIME_LIMIT = env.int("CELERY_TASK_SOFT_TIME_LIMIT", default=15 * 60)
CELERY_TASK_TIME_LIMIT = env.int("CELERY_TASK_TIME_LIMIT", default=20 * 60)
# Redis redelivers an unacknowledged task after this long (the task of a worker that died with it,
# machine and all); it must exceed the hard time limit.
CELERY_BROKER_TRANSPORT_OPTIONS = {
    "visibility_timeout": env.int("CELERY_VISIBILITY_TIMEOUT", default=CELERY_TASK_TIME_LIMIT + 600)
}
CELERY_RESULT_EXPIRES = 24 * 60 * 60
# The queue web, beat and workers share; another name keeps two installations on one Redis apart.
CELERY_TASK_DEFAULT_QUEUE = env("CELERY_QUEUE", default="celery")
# Beat's record of when each job last ran; a place the beat process may write.
CELERY_BEAT_SCHEDULE_FILENAME = env(
    "CELERY_BEAT_SCHEDULE_FILENAME", default=str(BASE_DIR / "celerybeat-schedule")
)
# Seconds between the runs of the job that marks abandoned import runs failed (ryd_importer).
RYD_IMPORTER_SEKUNDER = env.int("RYD_IMPORTER_SEKUNDER", default=10 * 60)
CELERY_TASK_SERIALIZER = "json"
CELERY_ACCEPT_CONTENT = ["json"]
CELERY_TIMEZONE = TIME_ZONE

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "filters": {"afvisning_403": {"()": "jobcenter.logning.Afvisning403UdenSpor"}},
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "root": {"handlers": ["console"], "level": env("LOG_LEVEL", default="INFO")},
    "loggers": {
        "django.db.backends": {"level": "INFO"},
        "django.request": {"filters": ["afvisning_403"]},
    },
}

# Issue 13: a figure computed across jobcentres (survey answers, citizens' outcomes) from fewer
# than this many units is shown only to the jobcentre it describes and to those who run the
# collection, so one jobcentre's or one citizen's answers cannot be read from it.
MINDSTE_ANTAL = env.int("MINDSTE_ANTAL", default=5)
if MINDSTE_ANTAL < 1:
    raise environ.ImproperlyConfigured("MINDSTE_ANTAL skal være mindst 1.")
