"""The CSV pair as a planner opens it: LibreOffice Calc, page 1 of the printout.

Before session 13 the ids, one long column, filled page 1 so that no name was on
it; and the files had no byte order mark, which Excel needs to read UTF-8 (without
it, the machine's code page: every Chinese name is mojibake). Calc's import dialog
offers the charset; headless, it is given as the dialog's choice would be
(CSV:44,34,76 = comma, double quote, UTF-8).
"""

from __future__ import annotations

import shutil
import subprocess

import pytest

from viz.export import csvpair
from viz.export.cli_support import export_subgraph


def _office() -> str:
    office = shutil.which("soffice") or shutil.which("libreoffice")
    if not office or not shutil.which("pdftotext"):  # never a skip: `make system-deps` installs both
        pytest.fail("LibreOffice Calc and poppler-utils are needed: apt-get install libreoffice-calc-nogui "
                    "poppler-utils (make system-deps)", pytrace=False)
    return office


def _printed(csv_path, tmp_path, last_page: int | None = 1) -> str:
    subprocess.run([_office(), "--headless", "--norestore", f"-env:UserInstallation=file://{tmp_path}/profile",
                    "--infilter=CSV:44,34,76,1", "--convert-to", "pdf", "--outdir", str(tmp_path), str(csv_path)],
                   check=True, capture_output=True, timeout=240)
    pdf = tmp_path / f"{csv_path.stem}.pdf"
    assert pdf.exists(), "LibreOffice could not open the CSV (is libreoffice-calc-nogui installed?)"
    pages = ["-f", "1", "-l", str(last_page)] if last_page else []
    return subprocess.run(["pdftotext", "-layout", *pages, str(pdf), "-"], capture_output=True,
                          text=True, check=True).stdout


def test_libreoffice_shows_the_chinese_names_on_page_one(bundled, tmp_path):
    folder = tmp_path / "hsc"
    export_subgraph(bundled, "怀柔科学城", False, 2, None, "csv", folder)
    nodes = _printed(folder / "nodes.csv", tmp_path)
    assert "怀柔科学城" in nodes and "北京纳米能源与系统研究所" in nodes  # names, not ids, and not mojibake
    assert "æ" not in nodes and "zone-huairou-science-city" not in nodes
    edges = _printed(folder / "edges.csv", tmp_path, None)
    assert "突破怀柔科学城" in edges and "æ" not in edges  # the quotes read


def test_the_bom_does_not_reach_the_loader(bundled, tmp_path):
    """The mark is for spreadsheets; `innograph load` reads the pair back unchanged."""
    folder = tmp_path / "hsc"
    export_subgraph(bundled, "怀柔科学城", False, 2, None, "csv", folder)
    assert (folder / "nodes.csv").read_bytes().startswith(b"\xef\xbb\xbf")
    back, _ = csvpair.read_csv(folder)
    sub = bundled.subgraph("怀柔科学城", 2, [])
    assert sorted(n.id for n in back.nodes) == sorted(n.id for n in sub.nodes)
    assert {n.id: n.name_zh for n in back.nodes} == {n.id: n.name_zh for n in sub.nodes}
