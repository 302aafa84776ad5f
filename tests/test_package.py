"""Package-level contracts: the import direction and the version."""

import subprocess
import sys

import quotesvc


def test_version_is_a_string():
    assert quotesvc.__version__.count(".") == 2


def test_extract_imports_neither_flask_nor_sqlalchemy():
    code = (
        "import sys, quotesvc.extract; "
        "bad = [m for m in ('flask', 'sqlalchemy', 'marshmallow') if m in sys.modules]; "
        "print(','.join(bad)); sys.exit(1 if bad else 0)"
    )
    proc = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True)
    assert proc.returncode == 0, f"quotesvc.extract imported {proc.stdout.strip()}"
