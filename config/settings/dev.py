from .base import *  # noqa: F403
from .environment import env_str

DEBUG = True
SECRET_KEY = env_str("SECRET_KEY", "dev-only-secret-key-not-for-production")
STORAGES["staticfiles"]["BACKEND"] = "django.contrib.staticfiles.storage.StaticFilesStorage"  # noqa: F405
