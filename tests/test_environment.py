"""The system libraries under the rendering libraries (Pango, HarfBuzz and its subsetter, fontconfig and the
font it falls back to, zlib) are in the cache key and named at the top of SHA256SUMS, read without
importing WeasyPrint."""
from __future__ import annotations

import re
import subprocess
import sys

import pytest

from handouts.pipeline import cache, environment

SHAPING = ("pango", "harfbuzz", "harfbuzz-subset", "harfbuzz-vector", "fontconfig", "zlib", "fallback font")


@pytest.fixture
def versions_read(monkeypatch):
    """Set what the reader of the system libraries' versions returns; the cache key computed anew."""
    def read(versions: dict[str, str]) -> str:
        monkeypatch.setattr(environment, "system_versions", lambda: versions)
        cache.environment_digest.cache_clear()
        return cache.environment_digest()
    yield read
    cache.environment_digest.cache_clear()


def test_the_cache_key_changes_when_a_system_library_changes(versions_read):
    real = environment.system_versions()
    assert tuple(real) == SHAPING
    before = versions_read(dict(real))
    for name in SHAPING:
        assert versions_read({**real, name: real[name] + "-other"}) != before, name
    assert versions_read({**real, "harfbuzz-subset": environment.ABSENT}) != before
    assert versions_read(dict(real)) == before


def test_the_versions_are_read_from_the_libraries_without_weasyprint():
    code = ("import sys; from handouts.pipeline.environment import system_versions; v = system_versions(); "
            "print(v['pango'], v['harfbuzz'], v['fontconfig'], v['zlib'], 'weasyprint' in sys.modules, 'pptx' in sys.modules)")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True).stdout.split()
    assert all(re.fullmatch(r"\d+\.\d+(\.\d+)*", version) for version in out[:4]), out
    assert out[4:] == ["False", "False"]
    import weasyprint.text.ffi as ffi  # the same Pango and HarfBuzz as WeasyPrint's
    number = ffi.pango.pango_version()   # 15012: 1.50.12
    assert out[0] == f"{number // 10000}.{number // 100 % 100}.{number % 100}"
    major, minor, micro = map(int, out[1].split("."))
    assert ffi.harfbuzz.hb_version_atleast(major, minor, micro) and not ffi.harfbuzz.hb_version_atleast(major, minor, micro + 1)


def test_the_fallback_font_is_named_not_located():
    font = environment.system_versions()["fallback font"]
    assert "/" not in font and re.match(r'\S+\.(ttf|otf|ttc|pfb|woff2?): "[^"]+" "[^"]+" \d+$', font), font


def test_the_header_is_comment_lines():
    lines = environment.header().splitlines()
    assert all(line.startswith("# ") for line in lines)
    assert lines[1:] == [f"# {name} {version}" for name, version in environment.system_versions().items()]
