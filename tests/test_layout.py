"""The house by journey (issue 23): every module imports first (as gunicorn and `flask
run` import whatever they start from), no module is over 300 lines, and each package
says what it holds."""

import ast
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
MODULES = sorted(".".join(path.relative_to(ROOT).with_suffix("").parts).removesuffix(".__init__")
                 for path in (ROOT / "webapp").rglob("*.py"))

# Each module imported first, in a fresh set of modules: an import cycle between two
# packages shows only when one of them is the first.
FIRST_IMPORT = """
import importlib, sys
failed = []
for name in sys.argv[1:]:
    for loaded in [m for m in sys.modules if m == "webapp" or m.startswith("webapp.")]:
        del sys.modules[loaded]
    try:
        importlib.import_module(name)
    except Exception as error:
        failed.append(f"{name}: {error!r}")
print("\\n".join(failed))
"""


def test_every_module_can_be_imported_first():
    result = subprocess.run([sys.executable, "-c", FIRST_IMPORT, *MODULES], cwd=ROOT,
                            capture_output=True, text=True, timeout=120)
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip() == ""


def test_no_module_is_over_300_lines():
    long = {str(path.relative_to(ROOT)): n for path in (ROOT / "webapp").rglob("*.py")
            if (n := len(path.read_text(encoding="utf-8").splitlines())) > 300}
    assert not long, long


def test_every_package_opens_with_what_it_holds():
    for init in (ROOT / "webapp").rglob("__init__.py"):
        docstring = ast.get_docstring(ast.parse(init.read_text(encoding="utf-8")))
        assert docstring and len(docstring.split()) >= 10, init
