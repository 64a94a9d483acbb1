#!/usr/bin/env python3
"""Generate the answer fixtures of fixtures/answers/ (provenance only).

The files under fixtures/answers/region-*.yaml were produced by this script
and then read and checked by hand; the files are the source of truth, not
this script. It is kept so that a reader can see how the population was
designed: each establishment has a profile (its intended maturity level and
the quality of its other answers), a few deliberate answers (boundary values,
`na`, planted secrets) and a style of writing booleans.

Run from the repository root:
    python3 tools/make_answer_fixtures.py            # writes the files
    python3 tools/make_answer_fixtures.py --summary  # prints the outcome

It needs tools/reference_score.py (imported) and PyYAML.
"""

import datetime
import os
import random
import sys

sys.dont_write_bytecode = True
sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import reference_score as rs  # noqa: E402

REFERENTIEL = "referentiels/maturinh-cyber/maturinh-cyber.yaml"
OUT_DIR = "fixtures/answers"
REF_DATE = datetime.date(2025, 6, 30)

FILES = [
    ("region-11-ile-de-france.yaml", "Île-de-France"),
    ("region-84-auvergne-rhone-alpes.yaml", "Auvergne-Rhône-Alpes"),
    ("region-53-bretagne.yaml", "Bretagne"),
    ("region-93-paca.yaml", "Provence-Alpes-Côte d'Azur"),
    ("region-04-reunion.yaml", "La Réunion"),
    ("region-32-hauts-de-france.yaml", "Hauts-de-France"),
    ("region-76-occitanie.yaml", "Occitanie"),
    ("region-44-grand-est.yaml", "Grand Est"),
    ("region-94-corse.yaml", "Corse"),
    ("region-06-mayotte.yaml", "Mayotte"),
]

BOOL_STYLES = {
    "oui": ("oui", "non"),
    "OUI": ("OUI", "NON"),
    "Oui": ("Oui", "Non"),
    "true": ("true", "false"),
    "yes": ("yes", "no"),
}


def E(file, et, name, region, dep, category, level, quality, **kw):
    """One establishment of the population."""
    d = dict(file=file, et=et, name=name, region=region, dep=dep, category=category,
             level=level, quality=quality)
    d.update(kw)
    return d


# Columns: file, FINESS ET prefix (8 characters), name, region, département,
# category, intended level, quality of the answers above that level.
POPULATION = [
    # --- Île-de-France (11)
    E(0, "75010204", "Hôpitaux universitaires de Lutèce", "11", "75", "101", 5, 1.0,
      ej="75010200", beds=3000, ose=True, status="submitted", style="true", seed=1,
      text={"GOUV-02-C": "Décision DG n° 2024-117 du 14/11/2024, signée par la directrice générale",
            "CRISE-01-C": "Rançongiciel sur le DPI, cellule de crise et 6 pôles ; exercice terrain aux urgences",
            "SAUV-03-C": "DPI restauré en 7 h 40 sur l'environnement isolé"},
      over={"SENS-02-A": "79.9999999995", "IAM-02-A": "99.99999999995"},
      comments={"SENS-02-A": "Taux calculé par l'export du tableur de formation (arrondi du logiciel)",
                "IAM-02-A": "Valeur issue de l'export de la console MFA"}),
    E(0, "78000931", "CH intercommunal de Bréval-sur-Seine", "11", "78", "355", 2, 0.3,
      ej="78000930", beds=620, ose=True, ght="GHT-78-02", status="submitted", style="oui", seed=2,
      comments={"EXPO-02-B": "SECRET-PLANTED-COMMENT-1 : la passerelle VPN n'est pas encore corrigée",
                "GOUV-01-B": "Comité réuni les 12/02, 18/06 et 20/11, comptes rendus en GED"}),
    E(0, "94002117", "Institut de cancérologie des Ormes", "11", "94", "131", 3, 0.35,
      ej="94002110", beds=180, ose=False, status="submitted", style="Oui", seed=3,
      text={"GOUV-02-C": "PSSI v3, validée par le directeur général le 03/03/2025"}),
    E(0, "92001450", "Clinique des Tilleuls", "11", "92", "128", 1, 0.5,
      beds=95, status="submitted", style="oui", seed=4, na=["SAUV-04-D"],
      comments={"TIERS-02-A": "Hébergeur du logiciel de bloc certifié HDS, \"attestation 2024\" en GED"}),
    E(0, "91001973", "Centre hospitalier spécialisé Esquirol-des-Prés", "11", "91", "292", 0, 0.3,
      beds=450, ose=False, ght="GHT-91-01", status="draft", style="OUI", seed=5, omit_rate=0.25),
    E(0, "75004402", "HAD Francilienne Soins à domicile", "11", "75", "127", 1, 0.6,
      ej="75004400", beds=0, ose=False, status="submitted", style="true", seed=6,
      na=["TIERS-02-A"]),
    # --- Auvergne-Rhône-Alpes (84)
    E(1, "69078306", "CHU de Lyon-Confluence", "84", "69", "101", 4, 1.0,
      ej="69078300", beds=2400, ose=True, ght="GHT-69-01", status="submitted", style="oui", seed=7,
      force={"SAUV-06": "P"},
      over={"CRISE-01-A": "2024-06-30", "EXPO-01-A": "2025-04-01", "GOUV-02-B": "2022-07-01"},
      comments={"CRISE-01-A": "Exercice régional du 30 juin 2024, avec l'ARS et le GHT"}),
    E(1, "42001315", "CH de Valmont-sur-Loire", "84", "42", "355", 2, 0.5,
      ej="42001310", beds=300, ose=False, ght="GHT-42-01", status="submitted", style="OUI", seed=8,
      over={"EXPO-04-A": "8", "ANNU-04-B": "11"}),
    E(1, "38000512", "CH de Saint-Ambroise-en-Chartreuse", "84", "38", "106", 0, 0.2,
      beds=60, ght="GHT-38-02", status="draft", style="oui", seed=9, omit_rate=0.45,
      nulls={"SENS-03-A": "~", "MSS-02-A": "null", "DETECT-03-B": ""}),
    E(1, "63000789", "Clinique du Parc des Volcans", "84", "63", "365", 1, 0.45,
      beds=210, status="submitted", style="yes", seed=10),
    E(1, "69000428", "Centre de dialyse des Monts du Lyonnais", "84", "69", "141", 0, 0.2,
      beds=24, status="submitted", style="Oui", seed=11,
      force={"IAM-05": "N"}),
    E(1, "73000936", "Centre hospitalier spécialisé de la Vallée de l'Isère", "84", "73", "292", 3, 0.3,
      ej="73000930", beds=380, ose=False, ght="GHT-73-01", status="submitted", style="true", seed=12,
      text={"SAUV-03-C": "SECRET-PLANTED-ANSWER-1 — restauration du serveur Cariatides, 5 h"}),
    # --- Bretagne (53)
    E(2, "29000134", "CHU de Brest-Armorique", "53", "29", "101", 2, 0.35,
      ej="29000130", beds=1800, ose=True, ght="GHT-29-01", status="submitted", style="oui", seed=13),
    E(2, "29001447", "CH de Kerlouan-Ploudiry", "53", "29", "355", 1, 0.55,
      ej="29001440", beds=299, ght="GHT-29-01", status="submitted", style="oui", seed=14,
      na=["SENS-02-B"]),
    E(2, "29001835", "CH de Pont-Aven-les-Bruyères", "53", "29", "106", 0, 0.3,
      ght="GHT-29-01", status=None, style="Oui", seed=15, omit_rate=0.3,
      na=["TIERS-02-A", "SAUV-01-B"],
      over={"GOUV-05-A": "10", "IAM-07-A": "0"},
      comments={"GOUV-05-A": "Rempli par erreur depuis le modèle complet du questionnaire"}),
    E(2, "56000957", "Clinique SSR Ker Avel", "53", "56", "109", 1, 0.4,
      beds=80, status="submitted", style="oui", seed=16),
    E(2, "56001284", "HAD Bretagne Sud", "53", "56", "127", 4, 0.9,
      beds=0, ose=False, status="submitted", style="true", seed=17,
      force={"IAM-06": "P"}),
    # --- Provence-Alpes-Côte d'Azur (93)
    E(3, "13078153", "CHU des Calanques", "93", "13", "101", 1, 0.95,
      ej="13078150", beds=2900, ose=True, ght="GHT-13-01", status="submitted", style="oui", seed=18,
      force={"SAUV-04": "P"},
      comments={"TIERS-03-B": "SECRET-PLANTED-COMMENT-2 : le compte de télémaintenance du PACS reste ouvert",
                "SAUV-04-D": "AD dédié aux sauvegardes audité par le CERT Santé"}),
    E(3, "83000475", "CH de Sainte-Baume", "93", "83", "355", 4, 1.0,
      ej="83000470", beds=520, ose=True, ght="GHT-83-01", status="submitted", style="OUI", seed=19,
      force={"IAM-06": "P"}),
    E(3, "06000838", "Clinique Les Oliviers", "93", "06", "128", 0, 0.3,
      beds=140, status="draft", style="oui", seed=20, omit_rate=0.2,
      comments={"GOUV-03-A": "SECRET-PLANTED-COMMENT-4 — RSSI en cours de recrutement"}),
    E(3, "06000946", "Centre Antoine-Fabre, lutte contre le cancer", "93", "06", "131", 5, 1.0,
      ej="06000940", beds=220, ose=False, status="submitted", style="true", seed=21,
      over={"SENS-02-B": "4", "EXPO-04-A": "0"},
      text={"CRISE-01-C": "Attaque sur la chaîne de radiothérapie, exercice avec le centre de repli",
            "GOUV-02-C": "PSSI commune aux CLCC, validée le 02/09/2024"}),
    E(3, "04000415", "CH de Digne-les-Lavandes", "93", "04", "355", 1, 0.5,
      ej="04000410", beds=230, ght="GHT-04-01", status="submitted", style="oui", seed=22),
    # --- La Réunion (04)
    E(4, "97040021", "CHU de La Réunion — site de Saint-Pierre-des-Cafres", "04", "974", "101", 3, 0.7,
      ej="97040020", beds=1350, ose=True, ght="GHT-974-01", status="submitted", style="oui", seed=23,
      na=["CRISE-07-A"],
      comments={"CRISE-07-A": "Radiothérapie et chimiothérapie portées par le site Nord"}),
    E(4, "97040267", "CH de Saint-Paul-des-Lataniers", "04", "974", "355", 3, 0.5,
      ej="97040260", beds=340, ose=False, ght="GHT-974-01", status="draft", style="Oui", seed=41,
      comments={"GOUV-01-A": "Questionnaire complet, en attente de validation par le directeur"}),
    E(4, "97040159", "Clinique Les Flamboyants", "04", "974", "129", 0, 0.4,
      beds=120, status="draft", style="OUI", seed=24, omit_rate=0.15),
    E(4, "97040384", "CH de Cilaos-les-Hauts", "04", "974", "106", 0, 0.0,
      beds=30, ght="GHT-974-01", status=None, style="oui", seed=25, minimal=True,
      text={"GOUV-02-C": "SECRET-PLANTED-ANSWER-3 — à compléter par la direction"},
      comments={"GOUV-03-A": "Questionnaire commencé, à terminer avec le RSSI du GHT"}),
    # --- Hauts-de-France (32)
    E(5, "59078026", "CHR de Lille-Métropole-Nord", "32", "59", "101", 5, 1.0,
      ej="59078020", beds=2700, ose=True, ght="GHT-59-01", status="submitted", style="oui", seed=26,
      na=["SAUV-04-D"], over={"ANNU-04-B": "10", "GOUV-02-B": "2024-02-29"}),
    E(5, "62000531", "CH de Berck-sur-Authie", "32", "62", "355", 0, 0.15,
      ej="62000530", beds=410, ght="GHT-62-02", status="submitted", style="Oui", seed=27,
      force={"SAUV-03": "N"},
      over={"SAUV-03-A": "2024-06-29", "GOUV-02-B": "2022-06-30", "ANNU-03-A": "10"},
      comments={"ANNU-03-A": "Dix comptes de service hérités de l'ancien PACS, à supprimer"},
      text={"CRISE-01-C": "SECRET-PLANTED-ANSWER-2, scénario de fuite de données"}),
    E(5, "59000913", "EPSM des Flandres intérieures", "32", "59", "292", 2, 0.25,
      ej="59000910", beds=600, ght="GHT-59-03", status="submitted", style="true", seed=28),
    E(5, "62001042", "Centre de dialyse de l'Aa", "32", "62", "141", 1, 0.4,
      beds=18, status="draft", style="oui", seed=29, omit_rate=0.1, omit_levels=(3, 4, 5)),
    # --- Occitanie (76)
    E(6, "34000649", "CH de Castelnau-les-Garrigues", "76", "34", "355", 1, 0.5,
      ej="34000640", beds=350, ght="GHT-34-01", status="submitted", style="oui", seed=30,
      over={"SENS-02-B": "30"}),
    E(6, "31000752", "Clinique Saint-Exupère-du-Lauragais", "76", "31", "128", 3, 0.4,
      beds=260, status="submitted", style="yes", seed=31),
    E(6, "31001168", "HAD Occitanie Pyrénées", "76", "31", "127", 0, 0.0,
      beds=0, status="draft", style="oui", seed=32, empty=True),
    E(6, "48000356", "CH de Saint-Chély-du-Causse, site de la Margeride", "76", "48", "106", 1, 0.4,
      beds=72, ght="GHT-48-01", status="submitted", style="OUI", seed=33,
      na=["MSS-02-B", "TIERS-02-A"]),
    # --- Grand Est (44)
    E(7, "57000217", "CHR de Metz-Moselle-Est", "44", "57", "101", 0, 0.45,
      ej="57000210", beds=1900, ose=True, ght="GHT-57-01", status="submitted", style="oui", seed=34,
      force={"ANNU-03": "N"}, over={"ANNU-03-A": "15"},
      comments={"ANNU-03-A": "SECRET-PLANTED-COMMENT-3\nliste des comptes dans le rapport ADS, voir annexe 2"}),
    E(7, "68000833", "CH de Colmar-Vignoble", "44", "68", "355", 3, 0.3,
      ej="68000830", beds=700, ose=False, ght="GHT-68-01", status="submitted", style="true", seed=35,
      drop=["TIERS-04-A"]),
    E(7, "88000440", "Centre de soins de suite Les Vosges Bleues", "44", "88", "109", 2, 0.3,
      beds=90, status="submitted", style="oui", seed=36),
    E(7, "54000562", "CHS de Lorraine-Sud", "44", "54", "292", 0, 0.35,
      beds=330, ght="GHT-54-01", status="draft", style="Oui", seed=37, omit_rate=0.2),
    # --- Corse (94)
    E(8, "2A000128", "CH de Porto-Vecchio-Cyrnos", "94", "2A", "355", 2, 0.4,
      ej="2A000120", beds=280, ght="GHT-2A-01", status="submitted", style="oui", seed=38),
    E(8, "2B000239", "Clinique du Golo", "94", "2B", "365", 0, 0.25,
      beds=150, status="submitted", style="OUI", seed=39, force={"MSS-01": "N"}),
    # --- Mayotte (06)
    E(9, "98500041", "CH de Mamoudzou-Lagon", "06", "976", "355", 0, 0.3,
      beds=400, ose=True, status="draft", style="oui", seed=40, omit_rate=0.3),
]

# Realistic texts and comments written by CISOs, reused across establishments.
TEXTS = {
    "GOUV-02-C": ["PSSI validée en directoire, signée par le directeur", "PSSI du GHT, décision du comité stratégique",
                  "Note de service n° 12, signée par la directrice"],
    "CRISE-01-C": ["Exercice sur table, scénario rançongiciel ; direction, DSI, urgences, laboratoire",
                   "Scénario \"perte de la messagerie\" avec la cellule de crise du GHT"],
    "SAUV-03-C": ["Restauration du serveur de laboratoire, 4 h", "Restauration de la GAM, durée 6 h"],
}
COMMENTS = {
    "GOUV-01-A": "Comité SSI commun avec le comité qualité-risques",
    "CRISE-02-B": "Responsable PCRA : ingénieur qualité, lettre de mission du 04/02",
    "SAUV-01-A": "Politique validée en directoire, revue annuelle",
    "EXPO-01-B": "Audits SILENE trimestriels, le dernier a été décalé",
    "IAM-03-B": "Dossier d'homologation déposé, en attente",
    "DETECT-04-A": "SOC régional porté par le GRADeS",
    "MSS-02-B": "Mesuré sur le dernier trimestre",
    "TIERS-01-A": "Avenants sécurité en cours avec 3 éditeurs",
}


def ref_date_minus(days):
    return (REF_DATE - datetime.timedelta(days=days)).isoformat()


def candidates(ind, rng):
    """Plausible answers (as written) to an indicator, with their scores."""
    out = []
    if ind.type == "choice":
        vals = list(ind.option_order)
    elif ind.type == "percent" and ind.id == "GOUV-04-A":
        vals = [str(v) for v in range(0, 21)] + ["7.5", "12.5"]
    elif ind.type == "percent":
        vals = [str(v) for v in range(0, 101)] + ["12.5", "33.3", "66.7", "87.5", "92.5", "97.5"]
    elif ind.type == "integer":
        if ind.id == "DETECT-03-B":
            vals = ["7", "14", "30", "60", "90", "120", "180", "365", "400"]
        elif ind.method == "target":
            vals = [str(v) for v in range(0, int(ind.param * 2) + 1)]
        elif ind.method == "linear":
            vals = [str(v) for v in range(0, int(max(ind.param)) * 2 + 1)]
        else:
            top = int(ind.param[-1][0])
            vals = [str(v) for v in range(0, max(int(top * 1.6), 6) + 1)]
    elif ind.type == "date":
        if ind.method == "within_days":
            n = ind.param
            ages = list(range(1, n + 1)) + list(range(n + 1, 3 * n + 60))
        else:
            last = ind.param[-1][0]
            ages = list(range(1, int(last * 1.4)))
        vals = [ref_date_minus(a) for a in ages] + ["jamais"]
    elif ind.type == "boolean":
        vals = ["__true__", "__false__"]
    else:
        return []
    for v in vals:
        if ind.type == "boolean":
            value = v == "__true__"
        elif ind.type == "choice":
            value = v
        elif ind.type == "percent":
            value = float(v)
        elif ind.type == "integer":
            value = int(v)
        else:
            value = rs.NEVER if v == "jamais" else rs.parse_date(v)
        out.append((v, rs.indicator_score(ind, value, REF_DATE)))
    return out


def combine(c, scored):
    if c.combine == "mean":
        num = den = 0.0
        for ind, s in scored:
            num += ind.weight * s
            den += ind.weight
        return num / den
    if c.combine == "min":
        return min(s for _, s in scored)
    return max(s for _, s in scored)


def realise(c, inds, tier, rng):
    """Answers to the indicators inds of criterion c so that it lands in tier."""
    cands = {i.id: candidates(i, rng) for i in inds}
    if tier == "A":
        return {i.id: rng.choice([v for v, s in cands[i.id] if s == 1.0]) for i in inds}
    lo, hi = (0.5, 1.0 - 1e-6) if tier == "P" else (0.0, 0.5 - 1e-6)
    for _ in range(4000):
        pick = {i.id: rng.choice(cands[i.id]) for i in inds}
        cs = combine(c, [(i, pick[i.id][1]) for i in inds])
        if lo <= cs <= hi:
            return {k: v for k, (v, s) in pick.items()}
    if tier == "P":
        return realise(c, inds, "N", rng)
    raise RuntimeError("cannot realise %s %s" % (c.id, tier))


def plan(ref, est, rng):
    """The tier (A, P or N) of each applicable criterion."""
    e = rs.Establishment()
    e.category, e.beds, e.ose = est["category"], est.get("beds"), est.get("ose")
    L, q = est["level"], est["quality"]
    force = est.get("force", {})
    tiers = {}
    crits = []
    for d in ref.domains:
        if not rs.holds(d.applies_to, e):
            continue
        for c in d.criteria:
            if not rs.holds(c.applies_to, e):
                continue
            inds = [i for i in c.indicators if i.type != "text" and rs.holds(i.applies_to, e)]
            crits.append((c, inds))
            if c.id in force:
                tiers[c.id] = force[c.id]
            elif c.level <= L or (c.priority and L >= 2):
                tiers[c.id] = "A"
            else:
                x = rng.random()
                pshare = 0.55 if q >= 0.3 else 0.3
                tiers[c.id] = "A" if x < q else ("P" if x < q + (1 - q) * pshare else "N")
    # make the intended level exact
    if L < 5:
        blockers = [c for c, _ in crits if c.level == L + 1 and not (c.priority and L >= 2)]
        if L == 0:
            blockers = [c for c, _ in crits if c.level == 1]
        if not any(tiers[c.id] != "A" for c in blockers) and \
                not any(tiers[c.id] != "A" for c, _ in crits if c.priority and L <= 1 and c.level > 1):
            pick = rng.choice(blockers)
            tiers[pick.id] = rng.choice(["P", "N"])
    return tiers, crits, e


def yaml_quote(s):
    return '"' + s.replace("\\", "\\\\").replace('"', '\\"') + '"'


def render(ref, est):
    rng = random.Random(est["seed"] * 7919)
    yes, no = BOOL_STYLES[est["style"]]
    tiers, crits, e = plan(ref, est, rng)
    na = set(est.get("na", []))
    answers = {}
    for c, inds in crits:
        live = [i for i in inds if i.id not in na]
        if live:
            answers.update(realise(c, live, tiers[c.id], rng))
        for i in inds:
            if i.id in na:
                answers[i.id] = "na"
    answers.update(est.get("over", {}))
    # unanswered parts of drafts
    omit_rate = est.get("omit_rate", 0.0)
    levels = est.get("omit_levels")
    crit_of = {i.id: c for c, inds in crits for i in inds}
    for k in list(answers):
        if k in est.get("over", {}) or k in na:
            continue
        c = crit_of.get(k)
        if levels and c is not None and c.level not in levels:
            continue
        if rng.random() < omit_rate:
            del answers[k]
    for k in est.get("drop", []):
        answers.pop(k, None)
    if est.get("minimal"):
        keep = ["GOUV-03-A", "GOUV-02-A", "CRISE-01-A", "MSS-01-A"]
        answers = {k: v for k, v in answers.items() if k in keep}
        answers["GOUV-03-A"] = "__true__"
    if est.get("empty"):
        answers = {}
    nulls = est.get("nulls", {})
    texts = dict(est.get("text", {}))
    if not est.get("minimal") and not est.get("empty"):
        for tid, choices in TEXTS.items():
            if tid not in texts and rng.random() < 0.35:
                texts[tid] = rng.choice(choices)
    comments = dict(est.get("comments", {}))
    if not est.get("empty") and not est.get("minimal"):
        for cid, text in COMMENTS.items():
            if cid not in comments and cid in answers and rng.random() < 0.15:
                comments[cid] = text

    lines = ["---", "format: maturinh-answers/1",
             'referentiel: {id: maturinh-cyber, version: "2025.1"}',
             'campaign: {id: "2025", reference_date: 2025-06-30}',
             "establishment:"]
    lines.append("  finess: \"%s\"" % rs.make_finess(est["et"]))
    if est.get("ej"):
        lines.append("  finess_ej: \"%s\"" % rs.make_finess(est["ej"]))
    lines.append("  name: %s" % yaml_quote(est["name"]))
    lines.append("  region: \"%s\"" % est["region"])
    lines.append("  departement: \"%s\"" % est["dep"])
    lines.append("  category: \"%s\"" % est["category"])
    if est.get("beds") is not None:
        lines.append("  beds: %d" % est["beds"])
    if est.get("ose") is not None:
        lines.append("  ose: %s" % ("true" if est["ose"] else "false"))
    if est.get("ght"):
        lines.append("  ght: \"%s\"" % est["ght"])
    if est.get("status"):
        lines.append("status: %s" % est["status"])
    if not answers and not nulls and not texts:
        lines.append("answers: {}")
    else:
        lines.append("answers:")
        for d in ref.domains:
            block = []
            for c in d.criteria:
                for i in c.indicators:
                    if i.id in nulls:
                        block.append(("  %s: %s" % (i.id, nulls[i.id])).rstrip())
                    elif i.type == "text":
                        if i.id in texts:
                            block.append("  %s: %s" % (i.id, yaml_quote(texts[i.id])))
                    elif i.id in answers:
                        v = answers[i.id]
                        if v == "__true__":
                            v = yes
                        elif v == "__false__":
                            v = no
                        block.append("  %s: %s" % (i.id, v))
            if block:
                lines.append("  # %s" % d.id)
                lines.extend(block)
    if comments:
        lines.append("comments:")
        order = [i.id for d in ref.domains for c in d.criteria for i in c.indicators]
        for k in sorted(comments, key=order.index):
            text = comments[k]
            if "\n" in text:
                lines.append("  %s: |-" % k)
                for part in text.split("\n"):
                    lines.append("    " + part)
            else:
                lines.append("  %s: %s" % (k, yaml_quote(text)))
    return "\n".join(lines) + "\n"


def main():
    ref = rs.load_referentiel(REFERENTIEL)
    docs = {i: [] for i in range(len(FILES))}
    for est in POPULATION:
        docs[est["file"]].append(render(ref, est))
    if "--summary" in sys.argv:
        return 0
    for i, (fname, region) in enumerate(FILES):
        head = ("# Réponses à la campagne MaturiN'H cybersécurité 2025 — ARS %s.\n"
                "# Jeu d'essai : établissements fictifs, numéros FINESS fictifs mais valides.\n"
                "# Un document YAML par établissement.\n" % region)
        with open(os.path.join(OUT_DIR, fname), "w", encoding="utf-8") as f:
            f.write(head + "".join(docs[i]))
    with open(os.path.join(OUT_DIR, "ORDER"), "w", encoding="utf-8") as f:
        for fname, _ in FILES:
            f.write(os.path.join(OUT_DIR, fname) + "\n")
    return 0


if __name__ == "__main__":
    sys.exit(main())
