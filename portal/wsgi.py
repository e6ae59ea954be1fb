import gc
import os

from django.core.wsgi import get_wsgi_application

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "portal.settings")
application = get_wsgi_application()

# Everything loaded so far (Django, the apps, the URL patterns, the templates' modules) lives as long as the
# process: moved out of the garbage collector's reach, a full collection no longer walks it, which took 50-70 ms
# in the middle of a request now and then (the slow tail of every page).
gc.collect()
gc.freeze()
