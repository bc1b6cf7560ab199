"""The Belgian province of a postcode: bpost's ranges are fixed and public (a postcode's first digits
follow the province since 1969). Names as the province itself writes them (the demo's and the agency's
usage): Dutch in Flanders, French in Wallonia, the Brussels-Capital Region by its Dutch name."""

from __future__ import annotations

# (first, last, province): inclusive ranges of four-digit postcodes.
RANGES: tuple[tuple[int, int, str], ...] = (
    (1000, 1299, "Brussels Hoofdstedelijk Gewest"),
    (1300, 1499, "Brabant wallon"),
    (1500, 1999, "Vlaams-Brabant"),
    (2000, 2999, "Antwerpen"),
    (3000, 3499, "Vlaams-Brabant"),
    (3500, 3999, "Limburg"),
    (4000, 4999, "Liège"),
    (5000, 5999, "Namur"),
    (6000, 6599, "Hainaut"),
    (6600, 6999, "Luxembourg"),
    (7000, 7999, "Hainaut"),
    (8000, 8999, "West-Vlaanderen"),
    (9000, 9999, "Oost-Vlaanderen"),
)


def province_for_postcode(postcode: str | None, country: str | None = "BE") -> str | None:
    """The province of a Belgian postcode ("9000", "B-9000", "BE 9000"); None for another country or
    anything that is not a Belgian postcode."""
    if not postcode or (country or "BE").upper() != "BE":
        return None
    text = postcode.strip().upper()
    for prefix in ("BE-", "BE ", "B-", "B "):
        if text.startswith(prefix):
            text = text[len(prefix):].strip()
            break
    if len(text) != 4 or not text.isdigit():
        return None
    number = int(text)
    return next((name for first, last, name in RANGES if first <= number <= last), None)
