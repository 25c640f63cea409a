"""Find a font that draws Chinese, for matplotlib pictures (and name it for documents).

Prefers "Noto Sans CJK SC" (Debian's fonts-noto-cjk: the Simplified Chinese face of
the collection, so 骨, 直, 化 get their mainland shapes), then other Simplified
Chinese fonts, then any installed font that has the glyphs. matplotlib's font
cache predates fonts installed after it was built, so when the cache knows no
CJK font the fonts fontconfig knows (`fc-list :lang=zh`) are added to it once.
With none at all, InvalidInput says which package to install.
"""

from __future__ import annotations

import shutil
import subprocess
from dataclasses import dataclass
from functools import lru_cache

from matplotlib import font_manager

from graph.errors import InvalidInput

PREFERRED = (
    "Noto Sans CJK SC", "Source Han Sans SC", "Source Han Sans CN", "Noto Sans SC",
    "WenQuanYi Zen Hei", "WenQuanYi Micro Hei", "Droid Sans Fallback",
    "Noto Sans CJK TC", "Noto Sans CJK HK", "Noto Sans CJK JP", "Noto Sans CJK KR",
    "Noto Serif CJK SC", "AR PL UMing CN", "AR PL UKai CN",
)
#: Characters a font must have to count as a Chinese font.
PROBE = "中文科学城园区基金政策"
INSTALL_HINT = ("no font with Chinese characters is installed; install Debian's fonts-noto-cjk "
                "(apt-get install --no-install-recommends fonts-noto-cjk)")
#: What Word, WPS and LibreOffice are told to use in .docx files, for East Asian and Latin text alike:
#: Noto Sans CJK SC (Debian's fonts-noto-cjk; LibreOffice on Linux has it), declared in the font table
#: with DOCX_FALLBACK as its alternative (what Word and WPS on Windows take when Noto is missing).
DOCX_EAST_ASIA = "Noto Sans CJK SC"
DOCX_EAST_ASIA_HEADING = "Noto Sans CJK SC"
DOCX_FALLBACK = "Microsoft YaHei"


@dataclass(frozen=True)
class CJKFont:
    name: str   #: family name, for rcParams["font.family"] and CSS
    path: str   #: the font file (a .ttc collection holds several faces)


@lru_cache(maxsize=1)
def cjk_font() -> CJKFont:
    """The best installed font for Chinese labels; InvalidInput names the package when there is none."""
    found = _pick()
    if found is None and _add_fontconfig_fonts():
        found = _pick()
    if found is None:
        raise InvalidInput(INSTALL_HINT)
    return found


def font_families() -> list[str]:
    """rcParams["font.family"]: the CJK font first, matplotlib's default after it for anything else."""
    return [cjk_font().name, "DejaVu Sans"]


def missing_glyphs(text: str, family: str | None = None) -> set[str]:
    """The characters of `text` (other than white space) that `family` has no glyph for."""
    charmap = _charmap(family or cjk_font().name)
    return {ch for ch in text if not ch.isspace() and ord(ch) not in charmap}


@lru_cache(maxsize=16)
def _charmap(family: str) -> frozenset[int]:
    path = font_manager.findfont(font_manager.FontProperties(family=family), fallback_to_default=False)
    return frozenset(font_manager.get_font(path).get_charmap())


def _pick() -> CJKFont | None:
    names = {f.name for f in font_manager.fontManager.ttflist}
    for name in [n for n in PREFERRED if n in names] + sorted(names - set(PREFERRED)):
        if _covers(name):
            path = font_manager.findfont(font_manager.FontProperties(family=name), fallback_to_default=False)
            return CJKFont(name, str(path))
    return None


def _covers(family: str) -> bool:
    try:
        return not missing_glyphs(PROBE, family)
    except (ValueError, OSError, RuntimeError):
        return False


def _add_fontconfig_fonts() -> bool:
    """Add the fonts fontconfig knows for Chinese to matplotlib's (stale) cache; True if any."""
    fc_list = shutil.which("fc-list")
    if not fc_list:
        return False
    try:
        listing = subprocess.run([fc_list, ":lang=zh", "file"], capture_output=True, text=True,
                                 timeout=30, check=False).stdout
    except (OSError, subprocess.SubprocessError):
        return False
    paths = sorted({line.split(":")[0].strip() for line in listing.splitlines() if line.strip()})
    for path in paths:
        try:
            font_manager.fontManager.addfont(path)
        except (OSError, RuntimeError, ValueError):
            continue
    _charmap.cache_clear()
    return bool(paths)
