"""sockscope per-test attribution for pytest.

Load it as a plugin (``PYTHONPATH=path/to/helpers pytest -p pytest_sockscope``) or paste it into
your ``conftest.py``. Before each test it writes ``sockscope:test=<node id>\\n`` to /dev/null, after
it ``sockscope:test=\\n``; sockscope (run as ``sockscope -- python3 -m pytest``) reads these writes
from the trace and splits its report per test. See README.md, "Per-test attribution".
"""

import os

import pytest

_fd = None


def _mark(name):
    global _fd
    if _fd is None:
        _fd = os.open("/dev/null", os.O_WRONLY)
    # One marker in one write: a newline in the name would end it early, so it becomes a space.
    name = name.replace("\r", " ").replace("\n", " ")
    os.write(_fd, b"sockscope:test=" + name.encode("utf-8", "replace") + b"\n")


@pytest.fixture(autouse=True)
def sockscope_test(request):
    _mark(request.node.nodeid)
    yield
    _mark("")
