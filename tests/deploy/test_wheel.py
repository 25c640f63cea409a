"""An installed innograph (as in the Docker image) has its templates, rules and data."""

from __future__ import annotations

import os
import subprocess
import sys
import zipfile
from pathlib import Path

ROOT = Path(__file__).parents[2]


def test_wheel_holds_templates_and_rules_and_builds_from_the_bundled_dir(tmp_path):
    subprocess.run([sys.executable, "-m", "pip", "wheel", "--no-deps", "--no-build-isolation", "-q",
                    "-w", str(tmp_path), str(ROOT)], check=True, timeout=300)
    [wheel] = tmp_path.glob("innograph-*.whl")
    names = set(zipfile.ZipFile(wheel).namelist())
    for needed in ("viz/assets/network.html.j2", "viz/assets/network.js", "viz/assets/page.css",
                   "loaders/text/rules.yaml", "loaders/text/lexicon.yaml", "graph/ask/forms.yaml"):
        assert needed in names, needed

    site = tmp_path / "site"
    zipfile.ZipFile(wheel).extractall(site)
    env = {**os.environ, "PYTHONPATH": str(site), "INNOGRAPH_DATA_DIR": str(tmp_path / "data"),
           "INNOGRAPH_BUNDLED_DIR": str(ROOT / "data" / "curated")}
    # Only the unpacked wheel: the development checkout's editable-install finder is switched off.
    prelude = ("import sys; sys.meta_path[:] = [f for f in sys.meta_path "
               "if '__editable__' not in type(f).__module__]; ")
    where = subprocess.run([sys.executable, "-c", prelude + "import viz, loaders.text; print(viz.__file__)"],
                           cwd=tmp_path, env=env, capture_output=True, text=True, timeout=60)
    assert where.stdout.startswith(str(site)), where.stdout + where.stderr
    done = subprocess.run([sys.executable, "-c", prelude + "from api.cli import main; main()", "build"],
                          cwd=tmp_path, env=env, capture_output=True, text=True, timeout=300)
    assert done.returncode == 0, done.stderr
    from loaders.sources import BUNDLED_DIR, read_sources

    assert f"built {len({n.id for n in read_sources([BUNDLED_DIR]).kept.nodes})} nodes" in done.stdout
