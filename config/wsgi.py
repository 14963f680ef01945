import atexit
import os

from django.core.wsgi import get_wsgi_application

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings.dev")
application = get_wsgi_application()

from search.hit_log import hit_log  # noqa: E402  (needs the apps loaded above)

# A web process that stops writes the searches it counted since its last write.
atexit.register(hit_log.flush)
