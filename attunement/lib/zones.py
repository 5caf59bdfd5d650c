"""Time zones people choose from: the current canonical zones of the tz database (zone.tab),
grouped by region, with the country each one is in.

zone.tab leaves out the old aliases (US/Eastern, GB, Etc/GMT+3…) that make a list of ~600.
It is read from the `tzdata` package when installed, else from the system's tz database.
"""

from functools import cache
from importlib import resources
from pathlib import Path

SYSTEM = Path("/usr/share/zoneinfo")
UTC = "UTC"


def _read(name: str) -> str:
    try:
        return (resources.files("tzdata.zoneinfo") / name).read_text(encoding="utf-8")
    except (ModuleNotFoundError, FileNotFoundError):
        path = SYSTEM / name
        return path.read_text(encoding="utf-8") if path.exists() else ""


def _rows(name: str) -> list[list[str]]:
    return [line.split("\t") for line in _read(name).splitlines() if line and line[0] != "#"]


@cache
def countries() -> dict[str, str]:
    """Time zone -> ISO 3166 country code ("Europe/London" -> "GB")."""
    return {row[2]: row[0] for row in _rows("zone.tab") if len(row) >= 3}


# Where iso3166.tab's short name is not the one people use.
NAMES = {"GB": "United Kingdom"}


@cache
def country_names() -> dict[str, str]:
    names = {row[0]: row[1] for row in _rows("iso3166.tab") if len(row) >= 2}
    return {**names, **NAMES}


def country_of(zone: str) -> str | None:
    return countries().get(zone)


def label(zone: str) -> str:
    """'America/Argentina/Buenos_Aires' -> 'Buenos Aires, Argentina'."""
    place = zone.split("/")[-1].replace("_", " ")
    country = country_names().get(countries().get(zone, ""), "")
    return f"{place}, {country}" if country else place


@cache
def grouped() -> tuple[tuple[str, tuple[tuple[str, str], ...]], ...]:
    """((region, ((zone, label), ...)), ...), regions and places in alphabetical order."""
    by_region: dict[str, list[tuple[str, str]]] = {}
    for zone in countries():
        by_region.setdefault(zone.split("/")[0], []).append((zone, label(zone)))
    return tuple(
        (region, tuple(sorted(zones, key=lambda z: z[1])))
        for region, zones in sorted(by_region.items())
    )


def choices(current: str | None = None) -> list[tuple[str, object]]:
    """Grouped choices for a form: UTC first, then each region. A zone saved before this list
    existed (an old alias) stays selectable, so nobody's setting is silently changed."""
    out: list[tuple[str, object]] = [(UTC, "UTC (no time zone)")]
    out += [(region, list(zones)) for region, zones in grouped()]
    if current and current != UTC and current not in countries():
        out.insert(1, (current, current.replace("_", " ")))
    return out


def is_listed(zone: str) -> bool:
    return zone == UTC or zone in countries()
