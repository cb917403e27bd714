"""The print shop's settings (theme.yaml `press:`) and colours converted through their ICC profile.

Every colour of a press file goes sRGB -> CMYK through the output intent's profile with LittleCMS
(Pillow's ImageCms), relative colorimetric with black point compensation: flat brand colours inside
the press gamut keep their measured colour on paper white (perceptual would compress the whole
gamut, shifting them), and black point compensation maps screen black to the press's own black
instead of clipping the shadows of pictures. Then:

- the theme's text colours (`black`, ink and muted by default) and pure black print in 100 % K,
  so small type is neither screened nor misregistered (they overprint: see overprint.py);
- other neutral greys print on the black plate alone, at the K whose lightness the profile matches;
- a channel under 5 % would drop out on press: it is rounded to 0 (lifting it would darken pale tints).
"""
from __future__ import annotations

from dataclasses import dataclass
from functools import cache
from pathlib import Path

from PIL import Image, ImageCms

from handouts.render.profiles import PRESS_PROFILE, find_press_profile

MIN_TINT = 0.05          # P10: a tint under 5 % drops out on press
INTENT = ImageCms.Intent.RELATIVE_COLORIMETRIC
FLAGS = ImageCms.Flags.BLACKPOINTCOMPENSATION
PURE_K = (0.0, 0.0, 0.0, 1.0)
CMYK = tuple[float, float, float, float]


@dataclass(frozen=True)
class PressSettings:
    """theme.yaml `press:`: the output intent a print shop names, and the limits of its press."""

    profile: str = PRESS_PROFILE    # a CMYK ICC file of templates/ or of the system's color/icc folders
    path: Path | None = None        # where it was found
    condition: str = "Custom"       # OutputConditionIdentifier (a registered name, or Custom)
    info: str = ""                  # the printing condition in words (default: the profile's description)
    registry: str = ""              # RegistryName, e.g. http://www.color.org, when the condition is registered
    total_ink: float = 300.0        # percent, sum of the four channels
    black: tuple[str, ...] = ("ink", "muted")   # palette colours printed as 100 % K (text)

    local: bool = False             # found in templates/ (else in the system's colour folders)

    @property
    def css_url(self) -> str:
        """How the stylesheet's @color-profile names the profile (fetched by the project's fetcher)."""
        return self.profile if self.local else f"icc:{self.profile}"


def load_press_settings(data: object, templates_dir: Path, palette: dict[str, str]) -> tuple[PressSettings, list[str]]:
    """The theme's `press:` mapping, validated: the settings and the problems found, one a line."""
    where = "press"
    if data is None:
        data = {}
    if not isinstance(data, dict):
        return PressSettings(), [f"{where}: must be a mapping (profile, condition, info, registry, total_ink, black)"]
    problems = [f"{where}.{key}: unknown setting (profile, condition, info, registry, total_ink or black)"
                for key in data if key not in ("profile", "condition", "info", "registry", "total_ink", "black")]
    values = {key: data[key] for key in ("condition", "info", "registry") if data.get(key) is not None}
    problems += [f"{where}.{key}: {value!r} is not a text" for key, value in values.items()
                 if not isinstance(value, str) or not value.strip()]
    name = data.get("profile") or PRESS_PROFILE
    path = find_press_profile(name, templates_dir) if isinstance(name, str) else None
    info = ""
    if path is None:
        problems.append(f"{where}.profile: {name!r} is not an ICC profile of templates/ or of the system's "
                        "color/icc folders")
    else:
        problem, info = _check_profile(path)
        problems += [f"{where}.profile: {name!r} {problem}"] if problem else []
    total = data.get("total_ink", 300)
    if isinstance(total, bool) or not isinstance(total, (int, float)) or not 200 <= total <= 400:
        problems.append(f"{where}.total_ink: {total!r} is not a percentage between 200 and 400")
        total = 300
    black = data.get("black", ["ink", "muted"])
    if not isinstance(black, list) or any(not isinstance(n, str) or n not in palette for n in black):
        problems.append(f"{where}.black: {black!r} is not a list of colour names of colors")
        black = ["ink", "muted"]
    settings = PressSettings(name if isinstance(name, str) else PRESS_PROFILE, path,
                             values.get("condition", "Custom"), values.get("info", info), values.get("registry", ""),
                             float(total), tuple(black),
                             path is not None and path.is_relative_to(templates_dir.resolve()))
    return settings, problems


def _check_profile(path: Path) -> tuple[str, str]:
    """('', description) for a usable CMYK output profile, else (what is wrong, '')."""
    try:
        profile = ImageCms.getOpenProfile(str(path)).profile
    except (OSError, ImageCms.PyCMSError):
        return "is not a readable ICC profile", ""
    if profile.xcolor_space.strip() != "CMYK" or profile.device_class != "prtr":
        return f"is a {profile.xcolor_space.strip()} {profile.device_class} profile (a CMYK output profile)", ""
    return "", (profile.profile_description or profile.model or path.name).strip()


class Inks:
    """Colours of one press profile: theme colours as CSS device-cmyk(), RGB values and pictures as CMYK."""

    def __init__(self, path: Path, black: frozenset[str]) -> None:
        srgb = ImageCms.createProfile("sRGB")
        cmyk = ImageCms.getOpenProfile(str(path))
        self._to_cmyk = ImageCms.buildTransform(srgb, cmyk, "RGB", "CMYK", INTENT, flags=FLAGS)
        lab = ImageCms.createProfile("LAB")
        self._lightness = ImageCms.buildTransform(srgb, lab, "RGB", "LAB", INTENT)
        k_ramp = Image.frombytes("CMYK", (256, 1), bytes(v for k in range(256) for v in (0, 0, 0, k)))
        k_lab = _transformed(k_ramp, ImageCms.buildTransform(cmyk, lab, "CMYK", "LAB", INTENT))
        self._k_lightness = [_pixel(k_lab, (k, 0))[0] for k in range(256)]   # L* of each K-only tint
        self.black = black

    def cmyk(self, hex_color: str) -> CMYK:
        """A theme colour in CMYK: 100 % K for the text colours, else through the profile."""
        if hex_color.lower() in self.black:
            return PURE_K
        value = hex_color.lstrip("#")
        return self.rgb((int(value[0:2], 16), int(value[2:4], 16), int(value[4:6], 16)))

    def rgb(self, rgb: tuple[int, int, int]) -> CMYK:
        """An 8-bit sRGB colour in CMYK through the profile; greys on the black plate alone."""
        if rgb == (0, 0, 0):
            return PURE_K
        if rgb[0] == rgb[1] == rgb[2]:
            return clean((0, 0, 0, self._gray_k(rgb[0])))
        pixel = _pixel(_transformed(Image.new("RGB", (1, 1), rgb), self._to_cmyk), (0, 0))
        return clean(tuple(v / 255 for v in pixel))

    def _gray_k(self, level: int) -> float:
        lightness = _pixel(_transformed(Image.new("RGB", (1, 1), (level,) * 3), self._lightness), (0, 0))[0]
        return min(range(256), key=lambda k: abs(self._k_lightness[k] - lightness)) / 255

    def css(self, hex_color: str) -> str:
        return "device-cmyk({})".format(" ".join(f"{v:g}" for v in self.cmyk(hex_color)))

    def picture(self, image: Image.Image) -> Image.Image:
        """A raster picture in CMYK through the profile (alpha is kept apart by the caller)."""
        return _transformed(image.convert("RGB"), self._to_cmyk)


def _transformed(image: Image.Image, transform: ImageCms.ImageCmsTransform) -> Image.Image:
    """A new image through a colour transform (Pillow returns None only when told to work in place)."""
    out = ImageCms.applyTransform(image, transform)
    assert out is not None
    return out


def _pixel(image: Image.Image, xy: tuple[int, int]) -> tuple[float, ...]:
    """The channels of one pixel of a multi-band image."""
    value = image.getpixel(xy)
    assert isinstance(value, tuple)
    return value


def clean(cmyk: CMYK | tuple[float, ...]) -> CMYK:
    """Whole percents, and no channel under 5 % (it would drop out): such a channel becomes 0."""
    return tuple(0.0 if v < MIN_TINT else round(v, 2) for v in cmyk)  # type: ignore[return-value]  # four channels in, four out


@cache
def _inks(path: Path, black: frozenset[str]) -> Inks:
    return Inks(path, black)


def inks_for(settings: PressSettings, palette: dict[str, str]) -> Inks:
    """The Inks of a theme (built once per process: LittleCMS transforms cannot cross processes)."""
    assert settings.path is not None, "the theme was validated"
    return _inks(settings.path, frozenset({palette[name].lower() for name in settings.black} | {"#000000"}))
