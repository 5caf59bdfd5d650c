"""The six feeling groups stay apart in the chart, also for people with colour blindness.

Each colour is put through the Machado et al. (2009) simulation of protanopia, deuteranopia and
tritanopia (full severity), and every pair must stay clearly apart in CIELAB (delta E 1976).
Each group also has its own shape, so colour is never the only signal.
"""

from itertools import combinations

import pytest

from attunement.support.feelings import GROUPS

MACHADO = {
    "none": ((1, 0, 0), (0, 1, 0), (0, 0, 1)),
    "protanopia": (
        (0.152286, 1.052583, -0.204868),
        (0.114503, 0.786281, 0.099216),
        (-0.003882, -0.048116, 1.051998),
    ),
    "deuteranopia": (
        (0.367322, 0.860646, -0.227968),
        (0.280085, 0.672501, 0.047413),
        (-0.011820, 0.042940, 0.968881),
    ),
    "tritanopia": (
        (1.255528, -0.076749, -0.178779),
        (-0.078411, 0.930809, 0.147602),
        (0.004733, 0.691367, 0.303900),
    ),
}
MIN_DELTA_E = 12  # about where two small marks stop looking alike


def _linear(hex_colour: str) -> tuple[float, ...]:
    out = []
    for i in (1, 3, 5):
        c = int(hex_colour[i : i + 2], 16) / 255
        out.append(c / 12.92 if c <= 0.04045 else ((c + 0.055) / 1.055) ** 2.4)
    return tuple(out)


def _lab(rgb: tuple[float, ...]) -> tuple[float, float, float]:
    r, g, b = (min(1.0, max(0.0, v)) for v in rgb)
    x = (0.4124 * r + 0.3576 * g + 0.1805 * b) / 0.95047
    y = 0.2126 * r + 0.7152 * g + 0.0722 * b
    z = (0.0193 * r + 0.1192 * g + 0.9505 * b) / 1.08883

    def f(t: float) -> float:
        return t ** (1 / 3) if t > 0.008856 else 7.787 * t + 16 / 116

    return 116 * f(y) - 16, 500 * (f(x) - f(y)), 200 * (f(y) - f(z))


def _seen(hex_colour: str, kind: str) -> tuple[float, float, float]:
    rgb = _linear(hex_colour)
    m = MACHADO[kind]
    return _lab(tuple(sum(m[i][j] * rgb[j] for j in range(3)) for i in range(3)))


@pytest.mark.parametrize("kind", list(MACHADO))
def test_every_pair_of_feeling_colours_stays_apart(kind):
    closest = min(
        (
            sum(
                (p - q) ** 2
                for p, q in zip(_seen(a.colour, kind), _seen(b.colour, kind), strict=True)
            )
            ** 0.5,
            a.id,
            b.id,
        )
        for a, b in combinations(GROUPS, 2)
    )
    assert closest[0] >= MIN_DELTA_E, closest


def test_every_group_has_its_own_shape():
    assert len({g.shape for g in GROUPS}) == len(GROUPS) == 6
