"""Settings for Attunement: every knob is an environment variable (docs/operations.md)."""

import atexit
import os
import secrets
import shutil
import tempfile
from pathlib import Path

import dj_database_url

from attunement.lib.env import envbool, envint, envlist, envsecret
from attunement.lib.files import private_dir, private_file, secure_sqlite

BASE_DIR = Path(__file__).resolve().parent
# pytest sets PYTEST_VERSION while it runs: tests get fast hashing, local mail and fixed keys.
TESTING = envbool("ATTUNEMENT_TESTING", "0") or "PYTEST_VERSION" in os.environ
if os.getenv("ATTUNEMENT_DATA_DIR"):
    DATA_DIR = Path(os.environ["ATTUNEMENT_DATA_DIR"])
elif TESTING:
    # Tests never touch the person's real data folder: a throwaway one per process.
    DATA_DIR = Path(tempfile.mkdtemp(prefix="attunement-test-"))
    atexit.register(shutil.rmtree, DATA_DIR, ignore_errors=True)
else:
    DATA_DIR = Path.home() / ".local/share/attunement"


def _secret_key() -> str:
    key = envsecret("SECRET_KEY")
    if TESTING and not key:
        return "test-only-secret-key-" + "x" * 50
    if key:
        return key
    # Embedded set-up: generate once and keep it in the data folder.
    path = DATA_DIR / "secret_key.txt"
    if not path.exists() or not path.read_text().strip():
        private_dir(DATA_DIR)
        private_file(path).write_text(secrets.token_urlsafe(64))
    return path.read_text().strip()


SECRET_KEY = _secret_key()
DEBUG = envbool("DEBUG", "0")
ALLOWED_HOSTS = envlist("ALLOWED_HOSTS", "localhost,127.0.0.1,[::1]")
CSRF_TRUSTED_ORIGINS = envlist("CSRF_TRUSTED_ORIGINS")
SITE_NAME = os.getenv("SITE_NAME", "Attunement")
SITE_ROOT = os.getenv("SITE_ROOT", "http://localhost:8000")

INSTALLED_APPS = [
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "django_htmx",
    "csp",
    "allauth",
    "allauth.account",
    "allauth.mfa",
    "attunement.today",
    "attunement.accounts",
    "attunement.couples",
    "attunement.support",
    "attunement.sharing",
    "attunement.listening",
    "attunement.differences",
    "attunement.empathy",
    "attunement.together",
    "attunement.safety",
    "attunement.notifications",
    "attunement.trust",
    "attunement.insights",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "attunement.trust.sessions.SessionMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "csp.middleware.CSPMiddleware",
    "django_htmx.middleware.HtmxMiddleware",
    "allauth.account.middleware.AccountMiddleware",
    "attunement.lib.middleware.PrivatePagesMiddleware",
    "attunement.lib.middleware.MethodNotAllowedPageMiddleware",
    "attunement.safety.screening.ScreeningMiddleware",
]

ROOT_URLCONF = "attunement.urls"
WSGI_APPLICATION = "attunement.wsgi.application"

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
                "attunement.lib.context_processors.site",
                "attunement.safety.context_processors.safety",
                "attunement.today.context_processors.navigation",
            ],
            "builtins": ["attunement.lib.when"],
        },
    },
]

DATABASE_URL = os.getenv("DATABASE_URL", "")
if DATABASE_URL:
    DATABASES = {
        "default": dj_database_url.parse(DATABASE_URL, conn_max_age=envint("DB_CONN_MAX_AGE", "60"))
    }
    DATABASES["default"]["CONN_HEALTH_CHECKS"] = True
    if DATABASES["default"]["ENGINE"].endswith("postgresql"):
        DATABASES["default"]["TEST"] = {"NAME": os.getenv("TEST_DATABASE_NAME", "attunement_test")}
else:
    DATABASES = {
        "default": {
            "ENGINE": "django.db.backends.sqlite3",
            "NAME": str(DATA_DIR / "attunement.sqlite3"),
            # A file, not memory: concurrency tests need SQLite's real locking and busy timeout.
            # One file per test run, so parallel runs never share it.
            "TEST": {"NAME": DATA_DIR / f"test-{os.getpid()}.sqlite3"},
            # Keep the connection between requests: opening one costs a connect and three
            # PRAGMAs per request (benchmarks/pages.py); health checks drop a broken one.
            "CONN_MAX_AGE": envint("DB_CONN_MAX_AGE", "600"),
            "CONN_HEALTH_CHECKS": True,
            "OPTIONS": {
                "transaction_mode": "IMMEDIATE",
                "timeout": 20,
                "init_command": (
                    "PRAGMA journal_mode=WAL; PRAGMA synchronous=FULL; PRAGMA foreign_keys=ON;"
                ),
            },
        }
    }

    # The data folder is 0700 and the database, its WAL and shm files 0600 (lib/files.py).
    secure_sqlite(DATA_DIR, Path(DATABASES["default"]["NAME"]))

DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"
AUTH_USER_MODEL = "accounts.User"

REDIS_URL = os.getenv("REDIS_URL", "")
if REDIS_URL:
    CACHES = {
        "default": {"BACKEND": "django.core.cache.backends.redis.RedisCache", "LOCATION": REDIS_URL}
    }
elif DATABASE_URL:
    CACHES = {
        "default": {
            "BACKEND": "django.core.cache.backends.db.DatabaseCache",
            "LOCATION": "attunement_cache",
        }
    }
else:
    # The embedded set-up runs several worker processes: rate limits (and the record of used
    # two-factor codes) must be shared by all of them, so the cache lives in the database.
    CACHES = {
        "default": {
            "BACKEND": "django.core.cache.backends.db.DatabaseCache",
            "LOCATION": "attunement_cache",
        }
    }

PASSWORD_HASHERS = [
    "django.contrib.auth.hashers.Argon2PasswordHasher",
    "django.contrib.auth.hashers.PBKDF2PasswordHasher",
]
AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {
        "NAME": "django.contrib.auth.password_validation.MinimumLengthValidator",
        "OPTIONS": {"min_length": 12},
    },
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]
AUTHENTICATION_BACKENDS = ["allauth.account.auth_backends.AuthenticationBackend"]

# django-allauth: email-only accounts, verified, no enumeration, throttled.
ACCOUNT_LOGIN_METHODS = {"email"}
ACCOUNT_SIGNUP_FIELDS = ["email*", "password1*", "password2*"]
ACCOUNT_USER_MODEL_USERNAME_FIELD = None
ACCOUNT_EMAIL_VERIFICATION = os.getenv("ACCOUNT_EMAIL_VERIFICATION", "mandatory")
ACCOUNT_PREVENT_ENUMERATION = True
ACCOUNT_UNIQUE_EMAIL = True
ACCOUNT_LOGIN_ON_EMAIL_CONFIRMATION = True
ACCOUNT_CONFIRM_EMAIL_ON_GET = False
ACCOUNT_LOGOUT_ON_PASSWORD_CHANGE = False
ACCOUNT_SESSION_REMEMBER = None
ACCOUNT_EMAIL_SUBJECT_PREFIX = f"[{SITE_NAME}] "
ACCOUNT_RATE_LIMITS = {
    "login_failed": os.getenv("RATE_LIMIT_LOGIN_FAILED", "10/m/ip,5/5m/key"),
    "signup": os.getenv("RATE_LIMIT_SIGNUP", "20/m/ip"),
    "reset_password": "20/m/ip,5/m/key",
    "confirm_email": "1/3m/key",
}
# Pairing emails one person may send an hour (each goes to an address they typed).
INVITATION_EMAILS_PER_HOUR = envint("INVITATION_EMAILS_PER_HOUR", "5")
ACCOUNT_ADAPTER = "attunement.trust.adapter.AccountAdapter"
# Sign-up also asks for the name shown to the partner.
ACCOUNT_SIGNUP_FORM_CLASS = "attunement.accounts.forms.SignupForm"
ACCOUNT_FORMS = {"signup": "attunement.trust.forms.SignupForm"}
# Changing how the account is reached asks for the password again unless it was given within
# this many seconds (docs/operations.md). Content-free emails tell the old address.
ACCOUNT_REAUTHENTICATION_REQUIRED = True
ACCOUNT_REAUTHENTICATION_TIMEOUT = envint("REAUTHENTICATION_SECONDS", "300")
ACCOUNT_EMAIL_NOTIFICATIONS = True
# Two-step login: an authenticator app, with recovery codes for a lost phone.
MFA_SUPPORTED_TYPES = ["totp", "recovery_codes"]
MFA_ADAPTER = "attunement.trust.adapter.MFAAdapter"
MFA_TOTP_ISSUER = SITE_NAME
# Behind a reverse proxy, the client's address is the last one the proxy adds to
# X-Forwarded-For; rate limits count per address. Leave 0 unless a proxy you run sits in front.
ALLAUTH_TRUSTED_PROXY_COUNT = envint(
    "TRUSTED_PROXY_COUNT", "1" if envbool("BEHIND_PROXY", "0") else "0"
)
LOGIN_REDIRECT_URL = "/today/"
LOGIN_URL = "/accounts/login/"
ACCOUNT_LOGOUT_REDIRECT_URL = "/"

LANGUAGE_CODE = "en"
TIME_ZONE = "UTC"
USE_I18N = True
USE_TZ = True

STATIC_URL = "/static/"
STATIC_ROOT = Path(os.getenv("STATIC_ROOT", DATA_DIR / "static"))
STATICFILES_DIRS = [BASE_DIR / "static"]
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {
        "BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"
        if TESTING or DEBUG
        else "whitenoise.storage.CompressedManifestStaticFilesStorage"
    },
}
WHITENOISE_USE_FINDERS = TESTING or DEBUG

EMAIL_BACKEND = os.getenv("EMAIL_BACKEND", "django.core.mail.backends.console.EmailBackend")
if os.getenv("EMAIL_HOST"):
    EMAIL_BACKEND = "django.core.mail.backends.smtp.EmailBackend"
EMAIL_HOST = os.getenv("EMAIL_HOST", "")
EMAIL_PORT = envint("EMAIL_PORT", "587")
EMAIL_HOST_USER = os.getenv("EMAIL_HOST_USER", "")
EMAIL_HOST_PASSWORD = envsecret("EMAIL_HOST_PASSWORD")
EMAIL_USE_TLS = envbool("EMAIL_USE_TLS", "1")
EMAIL_FILE_PATH = DATA_DIR / "mail"
DEFAULT_FROM_EMAIL = os.getenv("DEFAULT_FROM_EMAIL", "Attunement <attunement@localhost>")

# Free text is encrypted at rest: newest key first, comma-separated (see attunement/lib/crypto.py).
ENCRYPTION_KEYS = envlist("ENCRYPTION_KEYS") or envsecret("ENCRYPTION_KEYS").split(",")

# Security headers. Production turns the HTTPS knobs on through SECURE=1.
SECURE = envbool("SECURE", "0")
SECURE_SSL_REDIRECT = SECURE
SECURE_HSTS_SECONDS = 63072000 if SECURE else 0
SECURE_HSTS_INCLUDE_SUBDOMAINS = SECURE
SECURE_HSTS_PRELOAD = SECURE
SECURE_PROXY_SSL_HEADER = (
    ("HTTP_X_FORWARDED_PROTO", "https") if envbool("BEHIND_PROXY", "0") else None
)
SESSION_COOKIE_SECURE = SECURE
CSRF_COOKIE_SECURE = SECURE
SESSION_COOKIE_NAME = "__Host-session" if SECURE else "attunement_session"
CSRF_COOKIE_NAME = "__Host-csrftoken" if SECURE else "attunement_csrftoken"
SESSION_COOKIE_HTTPONLY = True
SESSION_COOKIE_SAMESITE = "Lax"
# Sessions are stored hashed (attunement/trust/sessions.py). One ends after SESSION_IDLE_SECONDS
# unused, and SESSION_COOKIE_AGE after login however much it is used.
SESSION_ENGINE = "attunement.trust.sessions"
SESSION_IDLE_SECONDS = envint("SESSION_IDLE_SECONDS", str(14 * 24 * 3600))
SESSION_COOKIE_AGE = envint("SESSION_COOKIE_AGE", str(30 * 24 * 3600))
SECURE_REFERRER_POLICY = "same-origin"
SECURE_CROSS_ORIGIN_OPENER_POLICY = "same-origin"
X_FRAME_OPTIONS = "DENY"
CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": ["'self'"],
        "script-src": ["'self'"],
        "style-src": ["'self'"],
        "img-src": ["'self'", "data:"],
        "connect-src": ["'self'"],
        "font-src": ["'self'"],
        "object-src": ["'none'"],
        "base-uri": ["'none'"],
        "form-action": ["'self'"],
        "frame-ancestors": ["'none'"],
    }
}

NINJA_PAGINATION_PER_PAGE = 50
QUICK_EXIT_URL = os.getenv("QUICK_EXIT_URL", "https://www.wikipedia.org/")
SAFETY_REGION = os.getenv("SAFETY_REGION", "INTL")
WORKER_POLL_SECONDS = envint("WORKER_POLL_SECONDS", "30")


# Web push (optional). Reminders can go to a person's devices as notifications once the host
# has a VAPID key: VAPID_PRIVATE_KEY (or VAPID_PRIVATE_KEY_FILE), or the file that
# `attunement vapid-keys` writes into the data folder. Without one the option is not shown.
VAPID_KEY_PATH = DATA_DIR / "vapid_private_key.pem"


def _vapid_private_key() -> str:
    key = envsecret("VAPID_PRIVATE_KEY")
    if key or os.getenv("VAPID_PRIVATE_KEY") is not None:  # set, even empty: the host decided
        return key
    if TESTING:
        # Tests run with web push set up (a throwaway key); a test turns it off to check that
        # nothing of it shows without a key.
        from cryptography.hazmat.primitives import serialization
        from cryptography.hazmat.primitives.asymmetric import ec

        return (
            ec.generate_private_key(ec.SECP256R1())
            .private_bytes(
                serialization.Encoding.PEM,
                serialization.PrivateFormat.PKCS8,
                serialization.NoEncryption(),
            )
            .decode()
        )
    return VAPID_KEY_PATH.read_text().strip() if VAPID_KEY_PATH.exists() else ""


VAPID_PRIVATE_KEY = _vapid_private_key()
# Who the push services may contact about our sending: a mailto: or https: address.
VAPID_SUBJECT = os.getenv("VAPID_SUBJECT", "")
# Push services a subscription may point at (host suffixes); "*" allows any https host.
PUSH_SERVICE_HOSTS = envlist(
    "PUSH_SERVICE_HOSTS",
    "fcm.googleapis.com,push.services.mozilla.com,notify.windows.com,push.apple.com",
)
# Tests send to a push service on 127.0.0.1 over plain HTTP; nothing else may.
PUSH_ALLOW_LOCAL = TESTING and envbool("PUSH_ALLOW_LOCAL", "1")

# Logs and error reports carry no secret link and nothing a person wrote (lib/redact.py).
LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "filters": {
        "redact": {"()": "attunement.lib.redact.RedactSecrets"},
        "require_debug_false": {"()": "django.utils.log.RequireDebugFalse"},
    },
    "handlers": {
        "console": {"class": "logging.StreamHandler", "filters": ["redact"]},
        "mail_admins": {
            "class": "django.utils.log.AdminEmailHandler",
            "level": "ERROR",
            "filters": ["require_debug_false", "redact"],
        },
    },
    "root": {"handlers": ["console"], "level": os.getenv("LOG_LEVEL", "INFO")},
    # Request logs never carry bodies; keep Django's request errors to the path only.
    "loggers": {
        "django": {"handlers": ["console", "mail_admins"], "propagate": False},
        "django.db.backends": {"level": "WARNING"},
        # At DEBUG this logger prints a page's whole context when a variable is missing, which
        # can hold what a person wrote: never below INFO, whatever LOG_LEVEL says.
        "django.template": {"level": "INFO"},
    },
}
ADMINS = [("Host", a) for a in envlist("ADMINS")]
DEFAULT_EXCEPTION_REPORTER_FILTER = "attunement.lib.redact.ExceptionReporterFilter"
if TESTING:
    STATIC_ROOT.mkdir(parents=True, exist_ok=True)
    if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
        # The test database need not survive a power cut: no fsync. It stays a real file in WAL
        # mode, because the concurrency tests need SQLite's real locking and busy timeout.
        DATABASES["default"].setdefault("OPTIONS", {})["init_command"] = (
            "PRAGMA journal_mode=WAL; PRAGMA synchronous=OFF; PRAGMA foreign_keys=ON;"
        )
    # Every test Client builds the middleware afresh; WhiteNoise would scan every static file
    # each time (~50 ms a client). Looking a file up when it is asked for serves the same files.
    WHITENOISE_AUTOREFRESH = True
    PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
    EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
    ENCRYPTION_KEYS = (
        ENCRYPTION_KEYS
        if any(ENCRYPTION_KEYS)
        else ["mV1b8qV3Y1x4cWJk0lZ6ZkJxWlF0c3RUZXN0S2V5cz0="]
    )
    ACCOUNT_RATE_LIMITS = {
        **ACCOUNT_RATE_LIMITS,
        "signup": "1000/m/ip",
        "login_failed": "1000/m/ip",
    }
