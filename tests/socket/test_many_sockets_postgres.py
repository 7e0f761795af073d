"""With a thousand phones connected the server's PostgreSQL connection gets a file
descriptor above 1,023. Under gevent, psycopg waiting with select() then failed ("filedescriptor
out of range in select()") and every request errored; wsgi.py makes it wait with poll()."""
import subprocess
import sys

import pytest

from tests.support.server import ROOT
from tests.pg import ADMIN_URL, require_postgres

pytestmark = [pytest.mark.postgres, pytest.mark.slow]

SCRIPT = """
import os, resource, sys
soft, hard = resource.getrlimit(resource.RLIMIT_NOFILE)
resource.setrlimit(resource.RLIMIT_NOFILE, (min(hard, 8192), hard))
import wsgi  # the production entry point: monkey-patching and the psycopg wait function
held = [open(os.devnull) for _ in range(1100)]  # as many descriptors as 1,100 phones
import psycopg
with psycopg.connect(sys.argv[1]) as conn:
    assert conn.fileno() > 1023, conn.fileno()
    print("ok", conn.execute("SELECT 41 + 1").fetchone()[0])
"""


@pytest.mark.parametrize("mode", ["gevent", "eventlet"])
def test_queries_work_with_more_than_1024_descriptors(tmp_path, mode):
    require_postgres()
    env = {"ASYNC_MODE": mode, "INSTANCE_PATH": str(tmp_path), "SECRET_KEY": "x",
           "PATH": "/usr/bin:/bin"}
    proc = subprocess.run([sys.executable, "-c", SCRIPT, ADMIN_URL], cwd=ROOT, env=env,
                          capture_output=True, text=True, timeout=90)
    assert proc.returncode == 0, proc.stderr[-2000:]
    assert "ok 42" in proc.stdout
