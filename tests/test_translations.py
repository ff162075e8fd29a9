from pathlib import Path

from babel.messages.pofile import read_po

from webapp.config import ROOT

CATALOGUE = ROOT / "translations" / "da" / "LC_MESSAGES" / "messages.po"


def messages():
    with CATALOGUE.open("rb") as handle:
        catalogue = read_po(handle)
    return [message for message in catalogue if message.id]


def test_every_danish_string_is_translated_and_not_fuzzy():
    missing = [m.id for m in messages() if not m.string or (isinstance(m.string, tuple) and not all(m.string))]
    fuzzy = [m.id for m in messages() if m.fuzzy]
    assert not missing, f"untranslated: {missing[:5]}"
    assert not fuzzy, f"fuzzy: {fuzzy[:5]}"


def test_the_catalogue_holds_every_string_in_the_code():
    # `make translations-update` must have been run after a UI string was added.
    import subprocess
    import sys
    import tempfile

    with tempfile.TemporaryDirectory() as tmp:
        pot = Path(tmp) / "messages.pot"
        subprocess.run([sys.executable, "-m", "babel.messages.frontend", "-q", "extract",
                        "-F", str(ROOT / "babel.cfg"), "-k", "_l", "-o", str(pot), str(ROOT / "webapp")],
                       check=True, cwd=ROOT)
        with pot.open("rb") as handle:
            wanted = {m.id for m in read_po(handle) if m.id}
    have = {m.id for m in messages()}
    assert not wanted - have, f"not in the Danish catalogue: {sorted(wanted - have)[:5]}"


def test_placeholders_survive_translation():
    import re

    for message in messages():
        ids = message.id if isinstance(message.id, tuple) else (message.id,)
        strings = message.string if isinstance(message.string, tuple) else (message.string,)
        wanted = set(re.findall(r"%\(\w+\)s", ids[0]))
        for string in strings:
            assert set(re.findall(r"%\(\w+\)s", string)) == wanted, message.id
