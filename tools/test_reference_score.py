#!/usr/bin/env python3
"""Tests of tools/reference_score.py and of the answer fixtures.

Run from anywhere:  python3 tools/test_reference_score.py  (or -v)

- the worked example of scoring.md (section 8) and its expected CSVs;
- the scoring rules one by one (tolerance, steps, linear, dates, booleans,
  `na`, missing values, applicability, levels and the priority cap, FINESS);
- the fixtures of fixtures/answers/: they parse with plain PyYAML, name only
  indicators of the shipped référentiel, carry valid FINESS numbers and
  consistent départements, and fixtures/expected/ is exactly what the
  reference script prints for the files of fixtures/answers/ORDER;
- the expected outputs do not depend on the order of floating-point
  operations (exact rational arithmetic gives the same 6-decimal cells and
  the same statuses), so a correct C engine must reproduce them byte for
  byte;
- the population has the spread the tests of the engine rely on.
"""

import csv
import datetime
import io
import os
import sys
import tempfile
import unittest
from fractions import Fraction

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.dirname(HERE)
sys.dont_write_bytecode = True
sys.path.insert(0, HERE)
import reference_score as rs  # noqa: E402
import yaml  # noqa: E402

SHIPPED = os.path.join(ROOT, "referentiels", "maturinh-cyber", "maturinh-cyber.yaml")
ANSWERS = os.path.join(ROOT, "fixtures", "answers")
EXPECTED = os.path.join(ROOT, "fixtures", "expected")
WORKED = os.path.join(ANSWERS, "worked-example")
ESMS = os.path.join(ROOT, "referentiels", "maturinh-esms", "maturinh-esms.yaml")
ESMS_ANSWERS = os.path.join(ROOT, "fixtures", "answers-esms")

# INSEE COG: département -> region, for the départements the fixtures use
# (and a few neighbours).
DEP_REGION = {
    "75": "11", "77": "11", "78": "11", "91": "11", "92": "11", "93": "11", "94": "11", "95": "11",
    "01": "84", "03": "84", "07": "84", "15": "84", "26": "84", "38": "84", "42": "84", "43": "84",
    "63": "84", "69": "84", "73": "84", "74": "84",
    "22": "53", "29": "53", "35": "53", "56": "53",
    "04": "93", "05": "93", "06": "93", "13": "93", "83": "93", "84": "93",
    "02": "32", "59": "32", "60": "32", "62": "32", "80": "32",
    "09": "76", "11": "76", "12": "76", "30": "76", "31": "76", "32": "76", "34": "76", "46": "76",
    "48": "76", "65": "76", "66": "76", "81": "76", "82": "76",
    "08": "44", "10": "44", "51": "44", "52": "44", "54": "44", "55": "44", "57": "44", "67": "44",
    "68": "44", "88": "44",
    "2A": "94", "2B": "94",
    "971": "01", "972": "02", "973": "03", "974": "04", "976": "06",
}


def run_main(args):
    """(exit status, stdout) of reference_score.main(args)."""
    out = io.StringIO()
    old = sys.stdout
    sys.stdout = out
    try:
        status = rs.main(args)
    finally:
        sys.stdout = old
    return status, out.getvalue()


def read(path):
    with open(path, encoding="utf-8", newline="") as f:
        return f.read()


def order_files(folder=ANSWERS):
    with open(os.path.join(folder, "ORDER"), encoding="utf-8") as f:
        return [line.strip() for line in f if line.strip() and not line.startswith("#")]


# A small référentiel used by the rule tests.
RULES_REF = """\
format: maturinh-referentiel/1
id: regles
version: "1"
title: "Règles"
levels:
  - {level: 1, label: "Un"}
  - {level: 2, label: "Deux"}
  - {level: 3, label: "Trois"}
scoring: {achieved_at: 1.0, partial_at: 0.5, priority_level_cap: 1}
domains:
  - id: D1
    title: "Domaine un"
    criteria:
      - id: C1
        title: "Un"
        level: 1
        indicators:
          - {id: B, question: "b", type: boolean}
          - {id: BF, question: "bf", type: boolean, expect: false}
          - {id: NA, question: "na", type: boolean, na_allowed: true}
      - id: C2
        title: "Deux"
        level: 2
        priority: true
        combine: min
        indicators:
          - {id: ST, question: "st", type: percent, steps: [[50, 0.5], [80, 1]]}
          - {id: TG, question: "tg", type: percent, target: 90}
      - id: C3
        title: "Trois"
        level: 3
        combine: max
        indicators:
          - {id: LI, question: "li", type: integer, linear: [10, 0]}
          - {id: WD, question: "wd", type: date, within_days: 365}
          - {id: AS, question: "as", type: date, age_steps: [[365, 1], [730, 0.5]]}
          - {id: CH, question: "ch", type: choice,
             options: [{value: non, label: "Non", score: 0}, {value: en-partie, label: "Part", score: 0.5}]}
          - {id: TX, question: "tx", type: text}
  - id: D2
    title: "Domaine deux"
    weight: 3
    applies_to: {ose: true}
    criteria:
      - id: C4
        title: "Quatre"
        level: 1
        indicators:
          - {id: BIG, question: "big", type: boolean, applies_to: {min_beds: 300}}
          - {id: SMALL, question: "small", type: boolean, applies_to: {max_beds: 299}}
"""

ANSWERS_HEAD = """\
format: maturinh-answers/1
referentiel: {id: regles, version: "1"}
campaign: {id: "2025", reference_date: 2025-06-30}
establishment:
  finess: "750712184"
  name: "CH Essai"
  region: "11"
  category: "355"
%s
answers:
%s
"""


class Rules(unittest.TestCase):
    @classmethod
    def setUpClass(cls):
        cls.tmp = tempfile.TemporaryDirectory()
        cls.ref_path = os.path.join(cls.tmp.name, "r.yaml")
        with open(cls.ref_path, "w", encoding="utf-8") as f:
            f.write(RULES_REF)
        cls.ref = rs.load_referentiel(cls.ref_path)

    @classmethod
    def tearDownClass(cls):
        cls.tmp.cleanup()

    def load(self, answers, profile=""):
        path = os.path.join(self.tmp.name, "a.yaml")
        body = "\n".join("  " + line for line in answers.strip().splitlines()) if answers.strip() else "  {}"
        if not answers.strip():
            text = ANSWERS_HEAD.replace("answers:\n%s", "answers: {}") % profile
        else:
            text = ANSWERS_HEAD % (profile, body)
        with open(path, "w", encoding="utf-8") as f:
            f.write(text)
        return rs.load_answers(path, self.ref)[0]

    def score(self, answers, profile=""):
        return rs.score_establishment(self.ref, self.load(answers, profile))

    def ind_score(self, answers, ind_id):
        r = self.score(answers)
        for _, _, ind, app, state, s in r.indicators:
            if ind.id == ind_id:
                return s
        raise KeyError(ind_id)

    def crit(self, r, cid):
        for _, c, st, cs in r.criteria:
            if c.id == cid:
                return st, cs
        raise KeyError(cid)

    def test_steps_tolerance(self):
        self.assertEqual(self.ind_score("ST: 80", "ST"), 1.0)
        self.assertEqual(self.ind_score("ST: 79.9999999995", "ST"), 1.0)   # >= 80 - 1e-9
        self.assertEqual(self.ind_score("ST: 79.999999998", "ST"), 0.5)
        self.assertEqual(self.ind_score("ST: 49.99", "ST"), 0.0)
        self.assertEqual(self.ind_score("ST: 100", "ST"), 1.0)

    def test_target(self):
        self.assertEqual(self.ind_score("TG: 45", "TG"), 0.5)
        self.assertEqual(self.ind_score("TG: 100", "TG"), 1.0)
        self.assertEqual(self.ind_score("TG: 0", "TG"), 0.0)

    def test_linear_falling_and_clamped(self):
        self.assertEqual(self.ind_score("LI: 0", "LI"), 1.0)
        self.assertEqual(self.ind_score("LI: 4", "LI"), 0.6)
        s = self.ind_score("LI: 10", "LI")
        self.assertEqual(s, 0.0)
        self.assertEqual(rs.fmt6(s), "0.000000")   # never -0.000000
        self.assertEqual(self.ind_score("LI: 25", "LI"), 0.0)

    def test_dates(self):
        self.assertEqual(self.ind_score("WD: 2024-06-30", "WD"), 1.0)   # age 365
        self.assertEqual(self.ind_score("WD: 2024-06-29", "WD"), 0.0)   # age 366
        self.assertEqual(self.ind_score("AS: 2025-06-30", "AS"), 1.0)   # age 0
        self.assertEqual(self.ind_score("AS: 2024-06-30", "AS"), 1.0)   # 365
        self.assertEqual(self.ind_score("AS: 2024-06-29", "AS"), 0.5)   # 366
        self.assertEqual(self.ind_score("AS: 2023-07-01", "AS"), 0.5)   # 730
        self.assertEqual(self.ind_score("AS: 2023-06-30", "AS"), 0.0)   # 731
        self.assertEqual(self.ind_score("AS: 2000-01-01", "AS"), 0.0)

    def test_never_dates(self):
        # never / jamais, plain or quoted, any case: answered, 0 whatever the rule
        for never in ("never", "jamais", "JAMAIS", '"Never"', "'jamais'"):
            self.assertEqual(self.ind_score("WD: %s" % never, "WD"), 0.0, never)
            self.assertEqual(self.ind_score("AS: %s" % never, "AS"), 0.0, never)
            r = self.score("WD: %s" % never)
            self.assertEqual(r.n_answered, 1)
            self.assertEqual(self.load("WD: %s" % never).answers["WD"], ("answered", rs.NEVER))
        with self.assertRaises(rs.InputError):
            self.load("WD: jamai")

    def test_date_errors(self):
        for bad in ("2025-07-01", "2025-02-29", "2025-6-30", "30/06/2025", "1899-12-31"):
            with self.assertRaises(rs.InputError, msg=bad):
                self.load("WD: %s" % bad)
        with self.assertRaises(rs.InputError) as caught:
            self.load("WD: 1899-12-31")
        self.assertEqual(caught.exception.message, "WD: 1899-12-31 is before 1900")

    def test_no_establishment(self):
        path = os.path.join(self.tmp.name, "empty.yaml")
        for text in ("", "# rien\n", "---\n---\n# rien\n...\n"):
            with open(path, "w", encoding="utf-8") as f:
                f.write(text)
            with self.assertRaises(rs.InputError, msg=repr(text)) as caught:
                rs.load_answers(path, self.ref)
            self.assertEqual((caught.exception.line, caught.exception.message),
                             (0, "no establishment in this file"))

    def test_no_scored_criterion_is_level_0(self):
        folder = os.path.join(ROOT, "fixtures", "answers-rules", "valid", "all-na-level-0")
        ref = rs.load_referentiel(os.path.join(folder, "referentiel.yaml"))
        results = [rs.score_establishment(ref, e)
                   for e in rs.load_answers(os.path.join(folder, "answers.yaml"), ref)]
        self.assertEqual([(r.level, r.global_score) for r in results], [(0, None), (2, 100.0)])

    def test_booleans_any_case(self):
        for yes in ("oui", "OUI", "Oui", "yes", "YES", "true", "True", "TRUE"):
            self.assertEqual(self.ind_score("B: %s" % yes, "B"), 1.0, yes)
        for no in ("non", "NON", "no", "No", "false", "FALSE"):
            self.assertEqual(self.ind_score("B: %s" % no, "B"), 0.0, no)
        self.assertEqual(self.ind_score("BF: non", "BF"), 1.0)
        with self.assertRaises(rs.InputError):
            self.load("B: peut-être")

    def test_na(self):
        r = self.score("NA: na\nB: oui\nBF: non")
        self.assertEqual(self.crit(r, "C1"), ("achieved", 1.0))
        self.assertEqual(r.n_answered, 3)
        with self.assertRaises(rs.InputError):
            self.load("B: na")                 # not na_allowed
        with self.assertRaises(rs.InputError):
            self.load('NA: "na"')              # quoted: a string, not a boolean

    def test_missing_forms(self):
        r = self.score("B:\nBF: ~\nNA: null")
        self.assertEqual(self.crit(r, "C1"), ("missing", 0.0))
        self.assertEqual(r.n_answered, 0)
        r = self.score("B: oui\nBF: non")
        self.assertEqual(self.crit(r, "C1"), ("missing", 2.0 / 3.0))

    def test_unknown_indicator_and_range(self):
        for bad in ("ZZ: 1", "ST: 120", "ST: -1", "LI: -2", "LI: 2.5", "CH: oui", 'ST: "50"'):
            with self.assertRaises(rs.InputError, msg=bad):
                self.load(bad)

    def test_combine_min_max_and_status(self):
        r = self.score("ST: 50\nTG: 90")
        self.assertEqual(self.crit(r, "C2"), ("partial", 0.5))
        r = self.score("ST: 90\nTG: 89.99999999")       # 0.99999999989 >= 1 - 1e-9
        self.assertEqual(self.crit(r, "C2")[0], "achieved")
        r = self.score("LI: 10\nWD: jamais\nAS: 2024-01-01\nCH: en-partie")
        self.assertEqual(self.crit(r, "C3"), ("partial", 0.5))

    def test_text_never_applicable(self):
        r = self.score('TX: "preuve"')
        self.assertEqual(r.n_applicable, 9)   # B BF NA ST TG LI WD AS CH; D2 not applicable

    def test_applicability_unknowns(self):
        r = self.score("")
        self.assertEqual([ds for _, ds in r.domains][1], None)      # ose unknown = false
        r = self.score("", "  ose: true")
        by_ind = {ind.id: app for _, _, ind, app, _, _ in r.indicators}
        self.assertTrue(by_ind["SMALL"])     # beds unknown = 0
        self.assertFalse(by_ind["BIG"])
        r = self.score("", "  ose: true\n  beds: 300")
        by_ind = {ind.id: app for _, _, ind, app, _, _ in r.indicators}
        self.assertTrue(by_ind["BIG"])
        self.assertFalse(by_ind["SMALL"])

    def test_scores_levels_cap(self):
        full = ("B: oui\nBF: non\nNA: na\nST: 80\nTG: 90\nLI: 0\nWD: 2025-01-01\n"
                "AS: 2025-01-01\nCH: en-partie")
        r = self.score(full)
        self.assertEqual(r.level, 3)
        self.assertEqual((r.priority_achieved, r.priority_total), (1, 1))
        self.assertEqual(r.global_score, 100.0)
        r = self.score(full.replace("TG: 90", "TG: 60"))   # C2 priority partial
        self.assertEqual(r.level, 1)                        # capped
        self.assertEqual((r.priority_achieved, r.priority_total), (0, 1))
        # D1 = 100 * (1 + 2/3 + 1) / 3 with C2 = min(1, 60/90)
        self.assertEqual(rs.fmt6(r.global_score), "%.6f" % (100.0 * (1.0 + 60.0 / 90.0 + 1.0) / 3.0))
        r = self.score(full.replace("B: oui", "B: non"))
        self.assertEqual(r.level, 0)
        r = self.score(full, "  ose: true\n  beds: 500")
        # D2: C4 holds only BIG (missing, 0): D = 0, G = (100 * 1 + 0 * 3) / 4
        self.assertEqual(rs.fmt6(r.global_score), "25.000000")
        self.assertEqual(r.level, 0)
        self.assertEqual(rs.fmt6(r.completeness), "%.6f" % (9 / 10))

    def test_no_answer_at_all(self):
        r = self.score("")
        self.assertEqual(r.global_score, 0.0)
        self.assertEqual(r.completeness, 0.0)
        self.assertEqual(r.level, 0)

    def test_finess(self):
        for good in ("010780914", "750712184", "130783293", "690781810", "2B0000020"):
            self.assertTrue(rs.finess_valid(good), good)
        self.assertEqual(rs.make_finess("01078091"), "010780914")
        for bad in ("010780915", "75071218", "7507121840", "200000004", "2C0000020",
                    "00000000", "990000009", "96000000x"):
            self.assertFalse(rs.finess_valid(bad), bad)
        for prefix in ("2A000128", "2B000239", "97040021", "98500041", "01000001"):
            self.assertTrue(rs.finess_valid(rs.make_finess(prefix)))

    def test_csv_quoting(self):
        self.assertEqual(rs.csv_text('a,"b"'), '"a,""b"""')
        self.assertEqual(rs.csv_text("=1+1"), "'=1+1")
        self.assertEqual(rs.csv_text("plain"), "plain")


class WorkedExample(unittest.TestCase):
    def test_scores(self):
        ref = rs.load_referentiel(os.path.join(WORKED, "referentiel.yaml"))
        (e,) = rs.load_answers(os.path.join(WORKED, "answers.yaml"), ref)
        r = rs.score_establishment(ref, e)
        self.assertEqual([(c.id, st, rs.fmt6(cs)) for _, c, st, cs in r.criteria],
                         [("GOUV-01", "partial", "0.750000"), ("GOUV-02", "achieved", "1.000000"),
                          ("CRISE-01", "not_achieved", "0.000000")])
        self.assertEqual([rs.fmt6(ds) for _, ds in r.domains], ["83.333333", "0.000000"])
        self.assertEqual(rs.fmt6(r.global_score), "41.666667")
        self.assertEqual(int(r.global_score * 10 + 0.5) / 10, 41.7)   # round1, shown to people
        self.assertEqual(r.level, 0)
        self.assertEqual(r.completeness, 1.0)
        self.assertEqual((r.priority_achieved, r.priority_total), (0, 1))

    def test_expected_csv(self):
        args = [os.path.join(WORKED, "referentiel.yaml"), os.path.join(WORKED, "answers.yaml")]
        self.assertEqual(run_main(args), (0, read(os.path.join(EXPECTED, "worked-example.csv"))))
        self.assertEqual(run_main(args + ["--detail"]),
                         (0, read(os.path.join(EXPECTED, "worked-example-detail.csv"))))


class Fixtures(unittest.TestCase):
    REF_ID = "maturinh-cyber"
    CAMPAIGN = "2025"
    FOLDER = "answers"
    SCORE_CSV, DETAIL_CSV = "score.csv", "score-detail.csv"

    @classmethod
    def referentiel(cls):
        return SHIPPED

    @classmethod
    def setUpClass(cls):
        cls.ref_path = cls.referentiel()
        cls.ref = rs.load_referentiel(cls.ref_path)
        cls.files = order_files(os.path.join(ROOT, "fixtures", cls.FOLDER))
        cls.establishments = []
        for p in cls.files:
            cls.establishments.extend(rs.load_answers(os.path.join(ROOT, p), cls.ref))
        cls.results = [rs.score_establishment(cls.ref, e) for e in cls.establishments]

    def test_order_lists_every_answers_file(self):
        folder = os.path.join(ROOT, "fixtures", self.FOLDER)
        on_disk = sorted("fixtures/%s/%s" % (self.FOLDER, f) for f in os.listdir(folder)
                         if f.endswith(".yaml"))
        self.assertEqual(sorted(self.files), on_disk)
        self.assertNotIn("worked-example", "".join(self.files))

    def test_plain_pyyaml_and_keys(self):
        ids = set(self.ref.indicators)
        for p in self.files:
            with open(os.path.join(ROOT, p), encoding="utf-8") as f:
                docs = list(yaml.safe_load_all(f))
            for doc in docs:
                self.assertEqual(doc["format"], "maturinh-answers/1")
                self.assertEqual(doc["referentiel"], {"id": self.REF_ID, "version": "2025.1"})
                self.assertEqual(doc["campaign"], {"id": self.CAMPAIGN,
                                                   "reference_date": datetime.date(2025, 6, 30)})
                self.assertLessEqual(set(doc["answers"] or {}), ids, p)
                self.assertLessEqual(set(doc.get("comments") or {}), ids, p)
                est = doc["establishment"]
                self.assertTrue(rs.finess_valid(est["finess"]), est["finess"])
                if "finess_ej" in est:
                    self.assertTrue(rs.finess_valid(est["finess_ej"]), est["finess_ej"])
                dep = est["departement"]
                self.assertEqual(DEP_REGION[dep], est["region"], est["name"])
                head = est["finess"][:2]
                if dep in ("971", "972", "973", "974"):
                    self.assertEqual(est["finess"][:4], "970" + dep[2])
                elif dep == "976":
                    self.assertEqual(head, "98")
                else:
                    self.assertEqual(head, dep)
                for v in (doc["answers"] or {}).values():
                    if isinstance(v, datetime.date):
                        self.assertLessEqual(v, datetime.date(2025, 6, 30))

    def test_unique_finess(self):
        finess = [e.finess for e in self.establishments]
        self.assertEqual(len(finess), len(set(finess)))

    def test_expected_outputs(self):
        args = [self.ref_path] + [os.path.join(ROOT, p) for p in self.files]
        cwd = os.getcwd()
        os.chdir(ROOT)
        try:
            self.assertEqual(run_main(args), (0, read(os.path.join(EXPECTED, self.SCORE_CSV))))
            self.assertEqual(run_main(args + ["--detail"]),
                             (0, read(os.path.join(EXPECTED, self.DETAIL_CSV))))
        finally:
            os.chdir(cwd)

    def test_independent_of_operation_order(self):
        """Exact arithmetic gives the same cells and statuses as doubles."""
        eps = Fraction(1, 10 ** 9)

        def cell(x):
            q = x * 10 ** 6
            fl = q - (q.numerator // q.denominator)
            self.assertGreater(abs(fl - Fraction(1, 2)), Fraction(1, 1000),
                               "a 6-decimal cell sits on a rounding boundary")
            return "%d.%06d" % divmod(round(q), 10 ** 6)

        tol = Fraction(rs.TOLERANCE)
        for r in self.results:
            by_crit = {}
            for d, c, ind, app, state, s in r.indicators:
                by_crit.setdefault(c.id, []).append((ind, app, state, s))
            dom_exact = {}
            for d in self.ref.domains:
                num = den = Fraction(0)
                for c in d.criteria:
                    scored = [(ind, Fraction(s)) for ind, app, state, s in by_crit[c.id]
                              if app and state != "na"]
                    st, cs = [(st, cs) for _, cc, st, cs in r.criteria if cc is c][0]
                    if not scored or st == "not_applicable":
                        continue
                    if c.combine == "mean":
                        x = sum(Fraction(i.weight) * s for i, s in scored) / \
                            sum(Fraction(i.weight) for i, _ in scored)
                    elif c.combine == "min":
                        x = min(s for _, s in scored)
                    else:
                        x = max(s for _, s in scored)
                    self.assertEqual(cell(x), rs.fmt6(cs), (r.e.finess, c.id))
                    for t in (self.ref.achieved_at, self.ref.partial_at):
                        self.assertGreater(abs(x - (Fraction(t) - tol)), eps / 1000,
                                           (r.e.finess, c.id, "status on a knife edge"))
                    num += Fraction(c.weight) * x
                    den += Fraction(c.weight)
                dom_exact[d.id] = 100 * num / den if den else None
            for d, ds in r.domains:
                if ds is None:
                    self.assertIsNone(dom_exact[d.id])
                else:
                    self.assertEqual(cell(dom_exact[d.id]), rs.fmt6(ds), (r.e.finess, d.id))
            num = sum(Fraction(d.weight) * dom_exact[d.id] for d in self.ref.domains
                      if dom_exact[d.id] is not None)
            den = sum(Fraction(d.weight) for d in self.ref.domains if dom_exact[d.id] is not None)
            g = num / den
            self.assertEqual(cell(g), rs.fmt6(r.global_score), r.e.finess)
            # round1 (publication) is not on a knife edge either
            q = g * 10 + Fraction(1, 2)
            self.assertGreater(abs(q - round(q)), Fraction(1, 10 ** 6), r.e.finess)

    def test_population_spread(self):
        res = self.results
        self.assertGreaterEqual(len(res), 32)
        self.assertGreaterEqual(sum(r.e.status == "draft" for r in res), 8)
        self.assertEqual(set(r.level for r in res), {0, 1, 2, 3, 4, 5})
        for r in res:
            if r.level >= 2:
                self.assertEqual(r.priority_achieved, r.priority_total)
        top = [r for r in res if r.global_score >= 80 and r.priority_achieved == r.priority_total
               and r.completeness == 1.0]
        self.assertGreaterEqual(len(top), 5)
        statuses = set(st for r in res for _, _, st, _ in r.criteria)
        self.assertEqual(statuses, {"achieved", "partial", "not_achieved", "missing",
                                    "not_applicable"})
        self.assertTrue(any(r.global_score >= 80 and r.level <= 1 for r in res))   # capped
        self.assertTrue(any(r.completeness == 0.0 for r in res))
        cats = set(r.e.category for r in res)
        self.assertLessEqual({"101", "355", "106", "292", "131", "127", "128", "129", "365",
                              "109", "141"}, cats)
        self.assertTrue(any(r.e.ose and (r.e.beds or 0) >= 1000 for r in res))
        self.assertTrue(any(r.e.beds is None for r in res))
        self.assertTrue(any(state == "na" for r in res for *_, state, _ in r.indicators))

    def test_planted_strings(self):
        blob = "".join(read(os.path.join(ROOT, p)) for p in self.files)
        for s in ("SECRET-PLANTED-COMMENT-1", "SECRET-PLANTED-COMMENT-2",
                  "SECRET-PLANTED-COMMENT-3", "SECRET-PLANTED-COMMENT-4",
                  "SECRET-PLANTED-ANSWER-1", "SECRET-PLANTED-ANSWER-2",
                  "SECRET-PLANTED-ANSWER-3"):
            self.assertIn(s, blob)


class EsmsFixtures(Fixtures):
    """The same checks on fixtures/answers-esms/ and the médico-social référentiel."""
    REF_ID = "maturinh-esms"
    CAMPAIGN = "esms-2025"  # beside the sanitaire "2025" in one database
    FOLDER = "answers-esms"
    SCORE_CSV, DETAIL_CSV = "esms-score.csv", "esms-score-detail.csv"

    @classmethod
    def referentiel(cls):
        return ESMS

    def test_population_spread(self):
        res = self.results
        self.assertGreaterEqual(len(res), 24)
        self.assertLessEqual(len(res), 30)
        self.assertGreaterEqual(sum(r.e.status == "draft" for r in res), 4)
        self.assertEqual(set(r.level for r in res), {0, 1, 2, 3, 4, 5})
        for r in res:
            if r.level >= 2:
                self.assertEqual(r.priority_achieved, r.priority_total)
        praised = [r for r in res if r.e.status == "submitted" and r.global_score >= 80
                   and r.priority_achieved == r.priority_total and r.completeness == 1.0]
        self.assertGreaterEqual(len(praised), 3)
        statuses = set(st for r in res for _, _, st, _ in r.criteria)
        self.assertEqual(statuses, {"achieved", "partial", "not_achieved", "missing",
                                    "not_applicable"})
        self.assertTrue(any(r.global_score >= 80 and r.level == 0 for r in res))
        self.assertTrue(any(r.completeness == 0.0 for r in res))
        cats = set(r.e.category for r in res)
        self.assertLessEqual({"500", "255", "448", "183", "246", "182", "354", "460", "502",
                              "190"}, cats)
        self.assertTrue(any(r.e.beds is None for r in res))
        self.assertTrue(any(state == "na" for r in res for *_, state, _ in r.indicators))
        # one region x category cell reaches min_cell_size (5) for the Observatoire
        cells = {}
        for r in res:
            if r.e.status == "submitted" and r.completeness == 1.0:
                key = (r.e.region, r.e.category)
                cells[key] = cells.get(key, 0) + 1
        self.assertGreaterEqual(cells.get(("84", "500"), 0), 5)
        self.assertTrue(any(0 < n < 5 for n in cells.values()))

    def test_planted_strings(self):
        blob = "".join(read(os.path.join(ROOT, p)) for p in self.files)
        for s in ("SECRET-ESMS-COMMENT-1", "SECRET-ESMS-COMMENT-2", "SECRET-ESMS-COMMENT-3",
                  "SECRET-ESMS-COMMENT-4", "SECRET-ESMS-ANSWER-1", "<script>", "=HYPERLINK("):
            self.assertIn(s, blob)


if __name__ == "__main__":
    unittest.main()
