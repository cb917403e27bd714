"""The system libraries that shape the outputs' bytes besides the Python packages: Pango (text layout),
HarfBuzz (shaping; its subsetter, when installed, subsets the fonts WeasyPrint embeds, and its vector
library draws colour fonts), fontconfig and the font it falls back to, and zlib (Python's, which compresses
the PDFs' streams and the deck's zip). Cairo is not among them: WeasyPrint writes its PDFs with pydyf.

Read without importing WeasyPrint, so that a build that finds everything up to date still never loads it:
each shared library's own version function through ctypes (the file names WeasyPrint's ffi opens), the
fallback font from `fc-match`. The cache key holds them (handouts.pipeline.cache.environment_digest), and
SHA256SUMS names them in comment lines, which `sha256sum -c` skips."""
from __future__ import annotations

import ctypes
import shutil
import subprocess
import zlib
from functools import cache

# name: (the file names WeasyPrint's ffi tries, Linux then macOS then Windows; the function giving the version)
SHARED = {
    "pango": (("libpango-1.0.so.0", "libpango-1.0.dylib", "libpango-1.0-0.dll"), "pango_version_string"),
    "harfbuzz": (("libharfbuzz.so.0", "libharfbuzz.0.dylib", "libharfbuzz-0.dll"), "hb_version_string"),
    "harfbuzz-subset": (("libharfbuzz-subset.so.0", "libharfbuzz-subset.0.dylib", "libharfbuzz-subset-0.dll"),
                        "hb_version_string"),
    "harfbuzz-vector": (("libharfbuzz-vector.so.0", "libharfbuzz-vector.0.dylib", "libharfbuzz-vector-0.dll"),
                        "hb_version_string"),
}
FONTCONFIG = ("libfontconfig.so.1", "libfontconfig.1.dylib", "libfontconfig-1.dll")
FALLBACK = "sans-serif"   # what fontconfig gives a character that the document's typeface lacks
ABSENT = "absent"


@cache
def system_versions() -> dict[str, str]:
    """Each library's version ("absent" when it is not installed), and the fallback font."""
    versions = {name: shared_version(files, function) for name, (files, function) in SHARED.items()}
    versions["fontconfig"] = fontconfig_version()
    versions["zlib"] = zlib.ZLIB_RUNTIME_VERSION
    versions["fallback font"] = fallback_font()
    return versions


def _open(files: tuple[str, ...]) -> ctypes.CDLL | None:
    for name in files:
        try:
            return ctypes.CDLL(name)
        except OSError:
            continue
    return None


def shared_version(files: tuple[str, ...], function: str) -> str:
    library = _open(files)
    if library is None:
        return ABSENT
    try:
        read = getattr(library, function)
    except AttributeError:
        return "unknown"
    read.restype = ctypes.c_char_p
    version: bytes = read()
    return version.decode()


def fontconfig_version() -> str:
    library = _open(FONTCONFIG)
    if library is None:
        return ABSENT
    number = int(library.FcGetVersion())   # 21401: 2.14.1
    return f"{number // 10000}.{number // 100 % 100}.{number % 100}"


def fallback_font() -> str:
    """The font file (its name, not its folder), family, style and revision that fontconfig picks for FALLBACK."""
    command = shutil.which("fc-match")
    if command is None:
        return "unknown (no fc-match)"
    try:
        found = subprocess.run([command, "--format", '%{file|basename}: "%{family[0]}" "%{style[0]}" %{fontversion}',
                                FALLBACK], capture_output=True, text=True, timeout=30, check=True)
    except (OSError, subprocess.SubprocessError):
        return "unknown (fc-match failed)"
    return found.stdout.strip() or ABSENT


def header() -> str:
    """SHA256SUMS' first lines: what the checksums were made with, as comments (`sha256sum -c` skips them)."""
    return "# made with these system libraries (sha256sum -c skips these lines):\n" + "".join(
        f"# {name} {version}\n" for name, version in system_versions().items())
