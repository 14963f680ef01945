#!/bin/sh
# 1EdTech's Open Badges 2.0 validator (PyPI "openbadges" 1.1.2) in a virtualenv of its own.
#
# Its pinned dependencies do not import on Python 3.11 (pycryptodome 3.6.6, python-jose 3.0.1
# and pytz 2017.2 use syntax or collections aliases removed since Python 3.10), and they would
# downgrade the project's packages: so it lives apart, and only those three are raised to
# releases with the same API. See docs/decisions.md, "Open Badges validator".
set -eu
here=$(cd "$(dirname "$0")" && pwd)
python=${PYTHON:-python3.11}
"$python" -m venv "$here/venv"
"$here/venv/bin/pip" install --quiet "openbadges==1.1.2"
"$here/venv/bin/pip" install --quiet "pycryptodome==3.23.0" "python-jose==3.5.0" "pytz==2025.2"
"$here/venv/bin/python" "$here/verify.py" --self-check
