#!/usr/bin/python3
"""Writes a synthetic FINESS establishment extract in the exact format of the
official one (etalab-cs1100507-stock-*.csv, shared/sources/finess-extract.md):
the metadata line, N `structureet` lines of 32 fields, then one
`geolocalisation` line for each.  Numbers pass the Luhn check; categories and
départements are spread as in the real file: about 3,000 sanitaire
establishments per 60,000 lines, the médico-social ones, and the rest of the
social structures (PMI, justice, mandataires...) that an import skips; a few
lines of Wallis-et-Futuna (9J) and Saint-Pierre-et-Miquelon (9E).

Usage: gen_finess_extract.py N OUT.csv [--latin1]
"""
import random
import sys

SANITAIRE = "101 106 109 114 122 127 128 129 131 141 146 156 161 292 355 362 365 412 425 430 433 444 695 696 697 698 699".split()
MEDICO = "182 183 186 188 189 190 192 194 195 198 209 246 249 255 354 370 381 390 395 396 445 446 448 460 461 464 500 501 502".split()
OTHER = "223 241 340 462 606 611 165 166 601 603 604".split()
DEPS = ["%02d" % d for d in range(1, 96) if d != 20] + ["2A", "2B", "9A", "9B", "9C", "9D", "9F"]
OUTSIDE = ["9J", "9E"]


def luhn_key(prefix8):
    digits = [int(c) for c in prefix8]
    total = 0
    for i, d in enumerate(reversed(digits)):
        if i % 2 == 0:  # doubled: the key is at the right of these
            d *= 2
            if d > 9:
                d -= 9
        total += d
    return (10 - total % 10) % 10


def finess(dep, serial):
    """A FINESS number of département `dep` (as the extract writes it)."""
    prefix = {"9A": "9701", "9B": "9702", "9C": "9703", "9D": "9704", "9F": "9806",
              "9J": "9860", "9E": "9750"}.get(dep)
    if prefix is None:
        prefix = dep + "0"
        body = prefix + "%05d" % serial
    else:
        body = prefix + "%04d" % serial
    numeric = body.replace("2A", "21").replace("2B", "22")
    return body + str(luhn_key(numeric))


def quote(field):
    if ";" in field or '"' in field:
        return '"' + field.replace('"', '""') + '"'
    return field


def structureet(et, ej, rs, rslongue, dep, cat):
    fields = ["structureet", et, ej, rs, rslongue, "", "", "12", "R", "DE LA RÉPUBLIQUE", "", "BP 12",
              "001", dep, "DÉPARTEMENT " + dep, "01000 VILLE", "0474000000", "", cat,
              "Catégorie " + cat, "1102", "Centres Hospitaliers", "26010004500012", "8610Z", "03",
              "ARS établissements Publics de santé dotation globale", "1",
              "Etablissement public de santé", "1979-02-13", "1979-02-13", "2020-02-04", ""]
    return ";".join(quote(f) for f in fields)


def main():
    n = int(sys.argv[1])
    out = sys.argv[2]
    encoding = "latin-1" if "--latin1" in sys.argv else "utf-8"
    rng = random.Random(20260512)
    serial = {}
    ets = []
    lines = ["finess;etalab;111;2026-05-12"]
    for i in range(n):
        r = rng.random()
        if r < 0.05:
            cat = rng.choice(SANITAIRE)
        elif r < 0.55:
            cat = rng.choice(MEDICO)
        else:
            cat = rng.choice(OTHER)
        dep = rng.choice(OUTSIDE) if rng.random() < 0.001 else rng.choice(DEPS)
        serial[dep] = serial.get(dep, 0) + 1
        et = finess(dep, 2 * serial[dep])
        ej = finess(dep, 2 * serial[dep] + 1)
        long_name = "CENTRE HOSPITALIER DE LA VALLÉE NUMÉRO %d" % i
        lines.append(structureet(et, ej, long_name[:38], long_name, dep, cat))
        ets.append(et)
    for et in ets:
        lines.append("geolocalisation;%s;869234.5;6560123.1;1,ATLASANTE,100,IGN,BD_ADRESSE,V2.1,LAMBERT_93;2024-01-08;" % et)
    with open(out, "w", encoding=encoding, newline="\n") as f:
        f.write("\n".join(lines) + "\n")


if __name__ == "__main__":
    main()
