"""Wait until a URL answers (``make run`` prints the login only once the site is up)."""

import sys
import time
import urllib.request

url = sys.argv[1]
for _ in range(600):
    try:
        urllib.request.urlopen(url, timeout=2).close()
        sys.exit(0)
    except OSError:
        time.sleep(0.2)
sys.exit(f"{url} did not answer")
