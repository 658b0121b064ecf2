"""Typed values with units: durations, sizes, rates, bandwidths, percentages.

Every value keeps the text the user wrote, so reports and evidence can quote
the user's own words, and a number in one base unit (seconds, bytes, events
per second, bits per second, percent) for the rules to compare.
"""
from __future__ import annotations

import math
import re
from dataclasses import dataclass, field

# ASCII digits only: Python's \d also takes other scripts' digits, which float() reads but a JSON
# Schema pattern (ECMAScript) does not.
_NUMBER = r"(?P<num>[0-9]+(?:\.[0-9]+)?|\.[0-9]+)"
# Spaces and tabs only: str.strip() and \s would also take control characters (\x1c-\x1f), which then
# reached the diagram's labels.
_SPACE = "[ \t]*"
_ENDS = " \t\r\n"  # stripped from both ends of a value (a folded YAML scalar ends in a newline)


class UnitError(ValueError):
    """A value does not parse; the message says what a valid value looks like."""


@dataclass(frozen=True, order=True)
class Quantity:
    """A number in its base unit, with the user's text kept for display."""

    base: float
    text: str = field(compare=False)

    kind = "quantity"
    unit = ""

    def __str__(self) -> str:
        return self.text

    def to_json(self) -> str:
        return self.text

    @classmethod
    def parse(cls, raw: object) -> "Quantity":
        raise NotImplementedError


def _number(match: re.Match[str]) -> float:
    return float(match.group("num"))


def _text(raw: str, cls: type) -> str:
    """The value as written, without surrounding spaces; ASCII only (str.lower() would turn the Kelvin sign
    into 'k' and 'ſ' into 's', units no schema pattern accepts)."""
    text = raw.strip(_ENDS)
    if not text.isascii():
        raise UnitError(f"{text!r} is not a {cls.kind}: use plain ASCII letters and digits")
    return text


def _numeric(raw: object, cls: type) -> None:
    """Numbers that are not finite (.nan, .inf) are refused as such, not told to add a unit."""
    if isinstance(raw, float) and not math.isfinite(raw):
        raise UnitError(f"{raw} is not a number: write a {cls.kind} such as {cls.example}")


def _finite(value: float, raw: object, cls: type) -> float:
    if not math.isfinite(value):
        raise UnitError(f"{raw!r} is too large to be a {cls.kind}")
    return value


# --- durations --------------------------------------------------------------

_DURATION_UNITS = {
    "s": 1, "sec": 1, "secs": 1, "second": 1, "seconds": 1,
    "m": 60, "min": 60, "mins": 60, "minute": 60, "minutes": 60,
    "h": 3600, "hr": 3600, "hrs": 3600, "hour": 3600, "hours": 3600,
    "d": 86400, "day": 86400, "days": 86400,
    "w": 604800, "wk": 604800, "week": 604800, "weeks": 604800,
    "mo": 2592000, "month": 2592000, "months": 2592000,
    "y": 31536000, "yr": 31536000, "year": 31536000, "years": 31536000,
}
_DURATION = re.compile(_NUMBER + _SPACE + r"(?P<unit>[a-z]+)")
_ISO_NUMBER = r"[0-9]+(?:\.[0-9]+)?"
_ISO_DURATION = re.compile(
    rf"P(?:(?P<y>{_ISO_NUMBER})Y)?(?:(?P<mo>{_ISO_NUMBER})M)?(?:(?P<w>{_ISO_NUMBER})W)?(?:(?P<d>{_ISO_NUMBER})D)?"
    rf"(?:T(?:(?P<h>{_ISO_NUMBER})H)?(?:(?P<m>{_ISO_NUMBER})M)?(?:(?P<s>{_ISO_NUMBER})S)?)?"
)
_ISO_SECONDS = {"y": 31536000, "mo": 2592000, "w": 604800, "d": 86400, "h": 3600, "m": 60, "s": 1}


class Duration(Quantity):
    """A span of time in seconds. ``m`` is minutes, ``mo`` 30 days, ``y`` 365 days."""

    kind = "duration"
    unit = "s"
    example = "15m"
    formats = "a number and a unit: 0s, 30s, 15m, 4h, 2d, 1w, 3mo, 7y, or ISO 8601 such as PT15M"

    @property
    def seconds(self) -> float:
        return self.base

    @classmethod
    def parse(cls, raw: object) -> "Duration":
        if isinstance(raw, bool) or not isinstance(raw, (str, int, float)):
            raise UnitError(f"expected a duration, got {type(raw).__name__}")
        _numeric(raw, cls)
        if isinstance(raw, (int, float)):
            if raw == 0:
                return cls(0.0, "0s")
            raise UnitError(f"{raw} has no unit: write e.g. {raw}s, {raw}m or {raw}h")
        text = _text(raw, cls)
        iso = _ISO_DURATION.fullmatch(text.upper())
        if iso and text.upper() not in ("P", "PT") and not text.upper().endswith("T"):
            parts = {k: float(v) for k, v in iso.groupdict().items() if v}
            if parts:
                return cls(_finite(sum(_ISO_SECONDS[k] * v for k, v in parts.items()), raw, cls), text)
        match = _DURATION.fullmatch(text.lower())
        if match and match.group("unit") in _DURATION_UNITS:
            return cls(_finite(_number(match) * _DURATION_UNITS[match.group("unit")], raw, cls), text)
        if text.lower() in ("0", "0.0"):
            return cls(0.0, text)
        if re.fullmatch(_NUMBER, text):
            raise UnitError(f"{text} has no unit: write e.g. {text}s, {text}m or {text}h")
        raise UnitError(f"{text!r} is not a duration")


def human_duration(seconds: float) -> str:
    """A short reading of a number of seconds: 90 -> '1.5 minutes'."""
    for size, name in ((31536000, "year"), (86400, "day"), (3600, "hour"), (60, "minute"), (1, "second")):
        if seconds >= size or size == 1:
            amount = _trim(seconds / size)
            return f"{amount} {name}{'' if amount == '1' else 's'}"
    raise AssertionError("unreachable")


def _trim(value: float) -> str:
    text = f"{value:,.1f}"
    return text[:-2] if text.endswith(".0") else text


# --- sizes ------------------------------------------------------------------

_SIZE_UNITS = {"b": 1}
for _i, _p in enumerate("kmgtpez", start=1):
    _SIZE_UNITS[_p + "b"] = 1000 ** _i
    _SIZE_UNITS[_p + "ib"] = 1024 ** _i
_SIZE = re.compile(_NUMBER + _SPACE + r"(?P<unit>[a-z]+)")


class Size(Quantity):
    """An amount of data in bytes; decimal units (1 TB = 10^12 bytes), TiB etc. binary."""

    kind = "size"
    unit = "B"
    example = "500 GB"
    formats = "a number and a unit: 500 GB, 2 TB, 80TB, 10 PB, 1 EB (TiB, GiB ... also accepted)"

    @property
    def bytes(self) -> float:
        return self.base

    @classmethod
    def parse(cls, raw: object) -> "Size":
        if isinstance(raw, bool) or not isinstance(raw, (str, int, float)):
            raise UnitError(f"expected a size, got {type(raw).__name__}")
        _numeric(raw, cls)
        if isinstance(raw, (int, float)):
            raise UnitError(f"{raw} has no unit: write e.g. {raw} GB or {raw} TB")
        text = _text(raw, cls)
        match = _SIZE.fullmatch(text.lower())
        if match and match.group("unit") in _SIZE_UNITS:
            return cls(_finite(_number(match) * _SIZE_UNITS[match.group("unit")], raw, cls), text)
        if re.fullmatch(_NUMBER, text):
            raise UnitError(f"{text} has no unit: write e.g. {text} GB or {text} TB")
        raise UnitError(f"{text!r} is not a size")


# --- rates ------------------------------------------------------------------

_RATE_PERIODS = {
    "s": 1, "sec": 1, "second": 1, "min": 60, "m": 60, "minute": 60,
    "h": 3600, "hr": 3600, "hour": 3600, "day": 86400, "d": 86400,
    "week": 604800, "w": 604800, "month": 2592000, "mo": 2592000,
}
_MULTIPLIERS = {"": 1, "k": 1e3, "m": 1e6, "b": 1e9, "g": 1e9}
_RATE = re.compile(_NUMBER + _SPACE + r"(?P<mult>[kKmMbBgG]?)" + _SPACE + "/" + _SPACE + r"(?P<period>[a-zA-Z]+)")


class Rate(Quantity):
    """Events or requests per second."""

    kind = "rate"
    unit = "/s"
    example = "3000/s"
    formats = "a count per period: 3000/s, 5k/s, 2M/day, 120/min"

    @property
    def per_second(self) -> float:
        return self.base

    @classmethod
    def parse(cls, raw: object) -> "Rate":
        if isinstance(raw, bool) or not isinstance(raw, (str, int, float)):
            raise UnitError(f"expected a rate, got {type(raw).__name__}")
        _numeric(raw, cls)
        if isinstance(raw, (int, float)):
            raise UnitError(f"{raw} has no period: write e.g. {raw}/s or {raw}/min")
        text = _text(raw, cls)
        match = _RATE.fullmatch(text)
        if match and match.group("period").lower() in _RATE_PERIODS:
            count = _number(match) * _MULTIPLIERS[match.group("mult").lower()]
            return cls(_finite(count / _RATE_PERIODS[match.group("period").lower()], raw, cls), text)
        if re.fullmatch(_NUMBER, text):
            raise UnitError(f"{text} has no unit: write e.g. {text}/s or {text}/min")
        raise UnitError(f"{text!r} is not a rate")


# --- bandwidth --------------------------------------------------------------

_BANDWIDTH_UNITS = {"bps": 1, "kbps": 1e3, "mbps": 1e6, "gbps": 1e9, "tbps": 1e12,
                    "kbit/s": 1e3, "mbit/s": 1e6, "gbit/s": 1e9, "tbit/s": 1e12,
                    # bytes per second in binary units, as AWS states EBS and EFS throughput (MiB/s)
                    "kib/s": 8 * 2**10, "mib/s": 8 * 2**20, "gib/s": 8 * 2**30}
_BANDWIDTH = re.compile(_NUMBER + _SPACE + r"(?P<unit>[a-z/]+)")


class Bandwidth(Quantity):
    """A data rate in bits per second."""

    kind = "bandwidth"
    unit = "bit/s"
    example = "1 Gbps"
    formats = "a number and a unit: 100 Mbps, 1 Gbps, 10Gbps, or bytes as 250 MiB/s"

    @property
    def bits_per_second(self) -> float:
        return self.base

    @classmethod
    def parse(cls, raw: object) -> "Bandwidth":
        if isinstance(raw, bool) or not isinstance(raw, (str, int, float)):
            raise UnitError(f"expected a bandwidth, got {type(raw).__name__}")
        _numeric(raw, cls)
        if isinstance(raw, (int, float)):
            raise UnitError(f"{raw} has no unit: write e.g. {raw} Mbps or {raw} Gbps")
        text = _text(raw, cls)
        match = _BANDWIDTH.fullmatch(text.lower())
        if match and match.group("unit") in _BANDWIDTH_UNITS:
            return cls(_finite(_number(match) * _BANDWIDTH_UNITS[match.group("unit")], raw, cls), text)
        if match and match.group("unit") in ("mb/s", "gb/s", "mbs", "gbs", "mb", "gb"):
            raise UnitError(f"{text!r} is ambiguous: write bits as e.g. 100 Mbps, or bytes as e.g. 100 MiB/s")
        if re.fullmatch(_NUMBER, text):
            raise UnitError(f"{text} has no unit: write e.g. {text} Mbps or {text} Gbps")
        raise UnitError(f"{text!r} is not a bandwidth")


# --- percent ----------------------------------------------------------------

_PERCENT = re.compile(_NUMBER + _SPACE + "%?")


class Percent(Quantity):
    """A percentage between 0 and 100."""

    kind = "percent"
    unit = "%"
    example = "99.95%"
    formats = "a number from 0 to 100, with or without %: 99.95%, 99.9"

    @classmethod
    def parse(cls, raw: object) -> "Percent":
        if isinstance(raw, bool) or not isinstance(raw, (str, int, float)):
            raise UnitError(f"expected a percentage, got {type(raw).__name__}")
        if isinstance(raw, (int, float)):  # a YAML number: any finite one from 0 to 100, 1e-05 included
            _numeric(raw, cls)
            if not 0 <= raw <= 100:
                raise UnitError(f"{raw} is not from 0 to 100")
            return cls(float(raw), f"{raw}%")
        text = _text(raw, cls)
        match = _PERCENT.fullmatch(text)
        if not match:
            raise UnitError(f"{text!r} is not a percentage")
        value = _number(match)
        if value > 100:
            raise UnitError(f"{text!r} is over 100%")
        return cls(value, text)


QUANTITY_KINDS: dict[str, type[Quantity]] = {
    cls.kind: cls for cls in (Duration, Size, Rate, Bandwidth, Percent)
}
