"""Test-session settings: the on-disk cache of rule packs goes to a folder of this session, not the user's."""

from __future__ import annotations

import atexit
import os
import shutil
import tempfile

if "KENENG_AUDIT_CACHE_DIR" not in os.environ:
    _folder = tempfile.mkdtemp(prefix="keneng-audit-test-cache-")
    os.environ["KENENG_AUDIT_CACHE_DIR"] = _folder
    atexit.register(shutil.rmtree, _folder, ignore_errors=True)
