"""The HTTP contract of `maturinh serve` (shared/spec/web.md): the JSON API by
role and scope, sessions, CSRF and Origin, the headers of every answer, the
limits, and the pages that write answers.  Run by ctest as web/api."""
import os
import re
import socket
import sys
import tempfile
import unittest

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import webtest  # noqa: E402

C = "2025"
NONE_FINESS = "010000024"  # a well-formed FINESS that no establishment has
NONE_CAMPAIGN = "2099"

# FINESS within each role's scope, and outside it (region 11: 920014503,
# 750102048, 780009312, 910019736, 940021173; region 84: 380005124, 690783063)
SCOPE = {
    "rssi1": (["920014503"], ["750102048", "380005124"]),
    "rssi2": (["750102048", "780009312"], ["920014503", "690783063"]),
    "ars11": (["920014503", "910019736", "750102048"], ["380005124", "290001346"]),
    "ars84": (["380005124", "690783063"], ["920014503", "290001346"]),
    "nat": (["920014503", "380005124", "290001346"], []),
    "admin": ([], ["920014503", "380005124"]),
}
ROLES = list(SCOPE)
REGION = {"rssi1": None, "rssi2": None, "ars11": "11", "ars84": "84", "nat": None, "admin": None}

SESSION_MISSING = "Session absente ou expirée : connectez-vous."
CSRF_REFUSED = "Requête refusée : jeton anti-CSRF absent ou invalide. Rechargez la page."
OTHER_SITE = "Requête refusée : elle vient d'un autre site."


def est_path(finess, campaign=C):
    return "/campaigns/%s/establishments/%s" % (campaign, finess)


class WebCase(unittest.TestCase):
    """One server for the class, and a logged-in client per role."""

    server = None

    @classmethod
    def setUpClass(cls):
        cls.server = webtest.Server().start()
        cls.clients = {}
        for role in ROLES:
            c = webtest.Client(cls.server)
            r = c.login(role)
            assert r.status == 303, (role, r)
            cls.clients[role] = c

    @classmethod
    def tearDownClass(cls):
        for c in cls.clients.values():
            c.close()
        cls.server.cleanup()

    def client(self, login=None):
        """A new client, logged in as `login` when given."""
        c = webtest.Client(self.server)
        self.addCleanup(c.close)
        if login:
            self.assertEqual(c.login(login).status, 303)
        return c

    def assertError(self, r, status, message=None):
        self.assertEqual(r.status, status, r)
        self.assertTrue(r.header("Content-Type").startswith("application/json"), r.headers)
        body = r.json()
        self.assertIsInstance(body.get("error"), str, body)
        self.assertTrue(body["error"], body)
        if message is not None:
            self.assertEqual(body["error"], message)
        return body

    def assertSecurityHeaders(self, r, private=True):
        csp = r.header("Content-Security-Policy")
        self.assertIsNotNone(csp, r.headers)
        directives = {d.strip().split(" ")[0]: d.strip() for d in csp.split(";") if d.strip()}
        script = directives.get("script-src", directives.get("default-src", ""))
        self.assertNotIn("'unsafe-inline'", script, csp)
        self.assertNotIn("'unsafe-eval'", script, csp)
        self.assertIn("frame-ancestors 'none'", csp)
        self.assertEqual(r.header("X-Content-Type-Options"), "nosniff")
        self.assertEqual(r.header("Referrer-Policy"), "no-referrer")
        self.assertEqual(r.header("X-Frame-Options"), "DENY")
        if private:
            self.assertEqual(r.header("Cache-Control"), "no-store", r.headers)

    def reopen(self, finess):
        """Leaves `finess` as a draft (nat reopens it when it is submitted)."""
        nat = self.clients["nat"]
        d = nat.api("GET", est_path(finess)).json()
        if d["status"] == "submitted":
            self.assertEqual(nat.api("POST", est_path(finess) + "/reopen").status, 200)

    def answer(self, finess, indicator, login="nat"):
        return self.clients[login].api("GET", est_path(finess)).json()["answers"].get(indicator)


class TestScope(WebCase):
    """Every API route, every role, inside and outside its scope."""

    def not_found_body(self, c, suffix="", method="GET", body=None):
        r1 = c.api(method, est_path(NONE_FINESS) + suffix, body)
        r2 = c.api(method, est_path("920014503", NONE_CAMPAIGN) + suffix, body)
        self.assertError(r1, 404)
        self.assertEqual(r2.status, 404)
        self.assertEqual(r1.body, r2.body)
        return r1.body

    def test_without_session_401(self):
        anon = self.client()
        paths = ["/me", "/campaigns", "/campaigns/2025/establishments", est_path("920014503"),
                 est_path("920014503") + "/history", est_path(NONE_FINESS)]
        for p in paths:
            with self.subTest(path=p):
                r = anon.api("GET", p)
                self.assertError(r, 401, SESSION_MISSING)
                self.assertSecurityHeaders(r)
        for method, p, body in [("PUT", est_path("920014503") + "/answers/GOUV-01-A", {"value": True}),
                                ("POST", est_path("920014503") + "/submit", None),
                                ("POST", est_path("920014503") + "/reopen", None)]:
            with self.subTest(method=method, path=p):
                self.assertError(anon.api(method, p, body), 401, SESSION_MISSING)

    def test_pages_without_session_redirect_to_login(self):
        anon = self.client()
        for p in ["/", "/c/2025", "/c/2025/e/920014503", "/c/2025/e/920014503/d/GOUV",
                  "/c/2025/e/920014503/historique", "/c/2025/e/920014503/revue"]:
            with self.subTest(path=p):
                r = anon.request("GET", p)
                self.assertEqual(r.status, 303, r)
                self.assertEqual(r.header("Location"), "/login")
                self.assertSecurityHeaders(r)
        r = anon.request("GET", "/login")
        self.assertEqual(r.status, 200)
        self.assertIn('name="password"', r.text())

    def test_me(self):
        for role in ROLES:
            with self.subTest(role=role):
                r = self.clients[role].api("GET", "/me")
                self.assertEqual(r.status, 200)
                me = r.json()
                self.assertEqual(set(me), {"login", "name", "role", "finess", "region", "csrf_token"})
                self.assertEqual(me["login"], role)
                self.assertEqual(me["role"], {"rssi1": "rssi", "rssi2": "rssi", "ars11": "ars",
                                              "ars84": "ars", "nat": "national",
                                              "admin": "admin"}[role])
                self.assertEqual(me["region"], REGION[role])
                self.assertEqual(me["csrf_token"], self.clients[role].csrf)
                self.assertGreaterEqual(len(me["csrf_token"]), 22)
        self.assertEqual(self.clients["rssi2"].api("GET", "/me").json()["finess"],
                         ["750102048", "780009312"])
        self.assertEqual(self.clients["rssi1"].api("GET", "/me").json()["name"], "Claire Martin")
        self.assertIsNone(self.clients["ars84"].api("GET", "/me").json()["name"])

    def test_campaigns(self):
        for role in ROLES:
            with self.subTest(role=role):
                r = self.clients[role].api("GET", "/campaigns")
                self.assertEqual(r.status, 200)
                self.assertEqual(r.json(), [{"id": "2025", "referentiel": {
                    "id": "maturinh-cyber", "version": "2025.1"}, "reference_date": "2025-06-30"}])

    def test_establishments_list(self):
        all_ = self.clients["nat"].api("GET", "/campaigns/2025/establishments").json()
        region = {e["finess"]: e["region"] for e in all_}
        self.assertGreater(len(all_), 30)
        expected = {
            "rssi1": {"920014503"},
            "rssi2": {"750102048", "780009312"},
            "ars11": {f for f, r in region.items() if r == "11"},
            "ars84": {f for f, r in region.items() if r == "84"},
            "nat": set(region),
            "admin": set(),
        }
        for role in ROLES:
            with self.subTest(role=role):
                r = self.clients[role].api("GET", "/campaigns/2025/establishments")
                self.assertEqual(r.status, 200)
                got = r.json()
                self.assertEqual({e["finess"] for e in got}, expected[role])
                for e in got:
                    for key in ("finess", "name", "region", "category", "status", "completeness",
                                "global_score", "level"):
                        self.assertIn(key, e)
                    self.assertIn(e["status"], ("draft", "submitted"))
                r = self.clients[role].api("GET", "/campaigns/%s/establishments" % NONE_CAMPAIGN)
                self.assertError(r, 404)
        self.assertIn("920014503", expected["ars11"])
        self.assertNotIn("380005124", expected["ars11"])
        # global_score unrounded; completeness a fraction
        tilleuls = [e for e in all_ if e["finess"] == "920014503"][0]
        self.assertEqual(tilleuls["name"], "Clinique des Tilleuls")
        self.assertTrue(0 <= tilleuls["completeness"] <= 1)
        self.assertNotEqual(round(tilleuls["global_score"], 2), tilleuls["global_score"])

    def test_detail_history_and_changes_by_scope(self):
        for role in ROLES:
            c = self.clients[role]
            nf = self.not_found_body(c)
            nf_hist = self.not_found_body(c, "/history")
            nf_put = self.not_found_body(c, "/answers/GOUV-01-A", "PUT", {"value": True})
            nf_submit = self.not_found_body(c, "/submit", "POST")
            nf_reopen = self.not_found_body(c, "/reopen", "POST")
            inside, outside = SCOPE[role]
            for f in outside:
                with self.subTest(role=role, finess=f, scope="outside"):
                    self.assertEqual(c.api("GET", est_path(f)).body, nf)
                    self.assertEqual(c.api("GET", est_path(f)).status, 404)
                    self.assertEqual(c.api("GET", est_path(f) + "/history").body, nf_hist)
                    r = c.api("PUT", est_path(f) + "/answers/GOUV-01-A", {"value": True})
                    self.assertEqual((r.status, r.body), (404, nf_put))
                    r = c.api("POST", est_path(f) + "/submit")
                    self.assertEqual((r.status, r.body), (404, nf_submit))
                    r = c.api("POST", est_path(f) + "/reopen")
                    self.assertEqual((r.status, r.body), (404, nf_reopen))
                    # the pages too
                    p1 = c.request("GET", "/c/2025/e/%s" % f)
                    p2 = c.request("GET", "/c/2025/e/%s" % NONE_FINESS)
                    p3 = c.request("GET", "/c/%s/e/%s" % (NONE_CAMPAIGN, f))
                    self.assertEqual((p1.status, p1.body), (p2.status, p2.body))
                    self.assertEqual((p1.status, p1.body), (p3.status, p3.body))
                    self.assertEqual(p1.status, 404)
                    p1 = c.request("GET", "/c/2025/e/%s/d/GOUV" % f)
                    p2 = c.request("GET", "/c/2025/e/%s/d/GOUV" % NONE_FINESS)
                    self.assertEqual((p1.status, p1.body), (p2.status, p2.body))
            for f in inside:
                with self.subTest(role=role, finess=f, scope="inside"):
                    r = c.api("GET", est_path(f))
                    self.assertEqual(r.status, 200)
                    d = r.json()
                    self.assertEqual(d["profile"]["finess"], f)
                    self.assertIn(d["status"], ("draft", "submitted"))
                    for key in ("global_score", "level", "completeness", "priority_achieved",
                                "priority_total", "domains"):
                        self.assertIn(key, d["result"])
                    self.assertIn("GOUV", d["result"]["domains"])
                    for a in d["answers"].values():
                        self.assertEqual(set(a), {"value", "comment", "version"})
                    h = c.api("GET", est_path(f) + "/history")
                    self.assertEqual(h.status, 200)
                    self.assertIsInstance(h.json(), list)
                    if role in ("ars11", "ars84", "nat"):
                        r = c.api("PUT", est_path(f) + "/answers/GOUV-01-A", {"value": True})
                        self.assertError(r, 403)
                        r = c.api("POST", est_path(f) + "/submit")
                        self.assertError(r, 403)
                        self.assertEqual(c.request("GET", "/c/2025/e/%s" % f).status, 200)
        # unknown indicator, inside the scope
        self.reopen("920014503")
        r = self.clients["rssi1"].put_answer(C, "920014503", "NOPE-01-A", True)
        self.assertError(r, 404)

    def test_reopen_and_submit_by_role(self):
        f = "750102048"  # rssi2's, complete
        path = est_path(f)
        self.reopen(f)
        rssi2, ars11, nat = self.clients["rssi2"], self.clients["ars11"], self.clients["nat"]
        self.assertEqual(rssi2.api("POST", path + "/submit").status, 200)
        self.assertEqual(rssi2.api("GET", path).json()["status"], "submitted")
        self.assertError(rssi2.api("POST", path + "/reopen"), 403)
        self.assertError(self.clients["rssi1"].api("POST", path + "/reopen"), 404)
        self.assertError(self.clients["ars84"].api("POST", path + "/reopen"), 404)
        r = ars11.api("POST", path + "/reopen")
        self.assertEqual(r.status, 200, r)
        self.assertEqual(r.json()["status"], "draft")
        self.assertEqual(rssi2.api("GET", path).json()["status"], "draft")
        self.assertError(ars11.api("POST", path + "/reopen"), 409)
        self.assertEqual(rssi2.api("POST", path + "/submit").status, 200)
        self.assertError(rssi2.api("POST", path + "/submit"), 409)
        self.assertEqual(nat.api("POST", path + "/reopen").status, 200)
        self.assertEqual(rssi2.api("GET", path).json()["status"], "draft")
        hist = rssi2.api("GET", path + "/history").json()
        authors = [e["who"] for e in hist]
        for login in ("rssi2", "ars11", "nat"):
            self.assertIn(login, authors)


class TestAnswers(WebCase):
    """Saving answers: values, versions, refusals, submission, history."""

    F = "920014503"

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        nat = cls.clients["nat"]
        r = nat.api("POST", est_path(cls.F) + "/reopen")
        assert r.status == 200, r

    def put(self, indicator, value, **kw):
        return self.clients["rssi1"].put_answer(C, self.F, indicator, value, **kw)

    def test_reals_in_their_shortest_form(self):
        # every real of the detail reads back as itself and is the shortest text that does
        # (Python's repr is that text): 70.0, 41.7, never 7e+01 nor 41.700000000000003
        raw = self.clients["rssi1"].api("GET", est_path(self.F)).text()
        body = re.sub(r'"(?:[^"\\]|\\.)*"', '""', raw)  # the numbers outside strings
        reals = re.findall(r"-?\d+\.\d+(?:e[-+]?\d+)?|-?\d+e[-+]?\d+", body)
        self.assertGreater(len(reals), 20)
        for text in reals:
            self.assertEqual(repr(float(text)), text)

    def test_values_round_trip(self):
        cases = [
            ("GOUV-01-A", True), ("GOUV-01-A", False),
            ("GOUV-04-A", 12.5), ("GOUV-04-A", 0), ("GOUV-04-A", 100),
            ("GOUV-01-B", 3), ("GOUV-02-B", "2024-01-15"), ("GOUV-02-B", "never"),
            ("SAUV-04-D", "ads-4"), ("SAUV-04-D", "na"), ("GOUV-02-A", "redigee"),
            ("GOUV-02-C", "<script>alert('x')</script> & \"guillemets\" é"),
        ]
        for indicator, value in cases:
            with self.subTest(indicator=indicator, value=value):
                before = self.answer(self.F, indicator, "rssi1")
                r = self.put(indicator, value, version=before["version"])
                self.assertEqual(r.status, 200, r)
                body = r.json()
                self.assertEqual(body["version"], before["version"] + 1)
                self.assertIn("global_score", body["result"])
                self.assertEqual(body["value"], value)
                got = self.answer(self.F, indicator, "rssi1")
                self.assertEqual(got["value"], value)
                self.assertIs(type(got["value"]), type(value) if not isinstance(value, int) or
                              isinstance(value, bool) or indicator != "GOUV-04-A" else float)
                self.assertEqual(got["version"], before["version"] + 1)
                # the same value as the national team reads it
                self.assertEqual(self.answer(self.F, indicator, "nat")["value"], value)

    def test_clear_and_comment(self):
        before = self.answer(self.F, "CRISE-03-A", "rssi1")
        r = self.put("CRISE-03-A", 40, comment="vu en comité")
        self.assertEqual(r.status, 200, r)
        got = self.answer(self.F, "CRISE-03-A", "rssi1")
        self.assertEqual((got["value"], got["comment"]), (40.0, "vu en comité"))
        self.assertEqual(got["version"], before["version"] + 1)
        # without "comment", the comment stays
        self.assertEqual(self.put("CRISE-03-A", 41).status, 200)
        got = self.answer(self.F, "CRISE-03-A", "rssi1")
        self.assertEqual((got["value"], got["comment"]), (41.0, "vu en comité"))
        self.assertEqual(self.put("CRISE-03-A", 41, comment="").status, 200)
        self.assertIn(self.answer(self.F, "CRISE-03-A", "rssi1")["comment"], (None, ""))
        r = self.put("CRISE-03-A", None)
        self.assertEqual(r.status, 200, r)
        self.assertIsNone(self.answer(self.F, "CRISE-03-A", "rssi1")["value"])
        self.assertEqual(self.put("CRISE-03-A", 74).status, 200)

    def test_input_read_as_the_pages(self):
        c = self.clients["rssi1"]
        path = est_path(self.F) + "/answers/"
        for indicator, typed, value in [("GOUV-04-A", "12,5 %", 12.5), ("GOUV-04-A", "7", 7.0),
                                        ("GOUV-01-A", "oui", True), ("GOUV-01-A", "non", False),
                                        ("GOUV-02-B", "jamais", "never"),
                                        ("GOUV-01-B", "4", 4)]:
            with self.subTest(typed=typed):
                r = c.api("PUT", path + indicator, {"input": typed})
                self.assertEqual(r.status, 200, r)
                self.assertEqual(self.answer(self.F, indicator, "rssi1")["value"], value)
        self.assertError(c.api("PUT", path + "GOUV-04-A", {"input": "12,5 %", "value": 12.5}), 422)

    def test_invalid_values_422_in_french(self):
        before = self.answer(self.F, "GOUV-04-A", "rssi1")
        for indicator, value in [("GOUV-04-A", 150), ("GOUV-04-A", "beaucoup"),
                                 ("GOUV-01-A", "peut-être"), ("GOUV-01-B", -2),
                                 ("GOUV-02-B", "2024-13-45"), ("GOUV-02-A", "inventee"),
                                 ("GOUV-01-A", "na")]:
            with self.subTest(indicator=indicator, value=value):
                r = self.put(indicator, value)
                body = self.assertError(r, 422)
                # the engine's message, in French (the catalogs of the build)
                self.assertRegex(body["error"],
                                 r"(?i)\b(est|n'est|pas|doit|une?|reçu)\b", body)
                self.assertIn(indicator, body["error"])
                self.assertNotRegex(body["error"], r"(?i)\b(must|expected|invalid|is not|got)\b", body)
        self.assertEqual(self.answer(self.F, "GOUV-04-A", "rssi1"), before)
        self.assertError(self.put("GOUV-04-A", 150), 422,
                         "'GOUV-04-A' est un pourcentage de 0 à 100, reçu 150")
        self.assertError(self.put("GOUV-02-B", "2024-13-45"), 422,
                         "'GOUV-02-B' 2024-13-45 n'est pas une date du calendrier")
        # malformed bodies
        c = self.clients["rssi1"]
        p = est_path(self.F) + "/answers/GOUV-04-A"
        r = c.request("PUT", "/api/v1" + p, body=b"{not json", headers={
            "X-CSRF-Token": c.csrf, "Content-Type": "application/json"})
        self.assertError(r, 400)
        self.assertError(c.api("PUT", p, {"value": 1, "extra": 2}), 400)
        self.assertError(c.api("PUT", p, {"value": [1]}), 422)
        self.assertError(c.api("PUT", p, {"comment": "x"}), 422)
        self.assertError(c.api("PUT", p, {"value": 1, "version": "3"}), 422)

    # named to run first (unittest sorts by name): test_submit_... answers every question
    def test_a_version_of_an_unanswered_question(self):
        got = self.answer(self.F, "SAUV-03-C", "rssi1")
        self.assertEqual(got, {"value": None, "comment": None, "version": 0})
        self.assertError(self.put("SAUV-03-C", "essai", version=1), 409)
        r = self.put("SAUV-03-C", "essai", version=0)
        self.assertEqual(r.status, 200, r)
        self.assertEqual(r.json()["version"], 1)
        self.assertError(self.put("SAUV-03-C", "autre", version=0), 409)

    def test_stale_version_409(self):
        v = self.answer(self.F, "IAM-02-A", "rssi1")["version"]
        self.assertEqual(self.put("IAM-02-A", 50, version=v).status, 200)
        other = self.client("rssi1")
        r = other.put_answer(C, self.F, "IAM-02-A", 60, version=v)
        self.assertError(r, 409)
        self.assertEqual(self.answer(self.F, "IAM-02-A", "rssi1"),
                         {"value": 50.0, "comment": None, "version": v + 1})
        r = other.put_answer(C, self.F, "IAM-02-A", 60, version=v + 1)
        self.assertEqual(r.status, 200)
        self.assertEqual(r.json()["version"], v + 2)
        self.assertError(self.put("IAM-02-A", 61, version=v + 5), 409)

    def test_history_author_is_the_login(self):
        self.assertEqual(self.put("IAM-02-B", 33, comment="audit interne").status, 200)
        hist = self.clients["ars11"].api("GET", est_path(self.F) + "/history").json()
        mine = [e for e in hist if e["who"] == "rssi1" and e["new_value"] == "33"]
        self.assertTrue(mine, hist[-5:])
        self.assertEqual(mine[-1]["new_comment"], "audit interne")
        page = self.clients["rssi1"].request("GET", "/c/2025/e/%s/historique" % self.F)
        self.assertEqual(page.status, 200)
        self.assertIn("rssi1", page.text())

    def test_submit_incomplete_then_read_only(self):
        c = self.clients["rssi1"]
        path = est_path(self.F)
        keep = self.answer(self.F, "EXPO-04-A", "rssi1")["value"]
        keep2 = self.answer(self.F, "TIERS-01-A", "rssi1")["value"]
        self.assertEqual(self.put("EXPO-04-A", None).status, 200)
        self.assertEqual(self.put("TIERS-01-A", None).status, 200)
        try:
            r = c.api("POST", path + "/submit")
            body = self.assertError(r, 422)
            self.assertIn("EXPO-04-A", body["unanswered"])
            self.assertIn("TIERS-01-A", body["unanswered"])
            detail = c.api("GET", path).json()
            # the rule of `maturinh submit`: every question asked, the free-text ones too
            missing = {k for k, a in detail["answers"].items() if a["value"] is None}
            self.assertEqual(set(body["unanswered"]), missing, body)
            self.assertEqual(len(body["unanswered"]), len(missing))
            self.assertIn("incomplet", body["error"])
            self.assertEqual(detail["status"], "draft")
        finally:
            self.assertEqual(self.put("EXPO-04-A", keep).status, 200)
            self.assertEqual(self.put("TIERS-01-A", keep2).status, 200)
        # the free-text questions the fixture left empty
        for ind in sorted(missing - {"EXPO-04-A", "TIERS-01-A"}):
            self.assertEqual(self.put(ind, "Réponse du test").status, 200)
        try:
            r = c.api("POST", path + "/submit")
            self.assertEqual(r.status, 200, r)
            self.assertEqual(r.json()["status"], "submitted")
            self.assertEqual(c.api("GET", path).json()["status"], "submitted")
            v = self.answer(self.F, "GOUV-01-B", "rssi1")
            self.assertError(self.put("GOUV-01-B", 9, version=v["version"]), 403)
            self.assertEqual(self.answer(self.F, "GOUV-01-B", "rssi1"), v)
            page = c.request("GET", "/c/2025/e/%s/d/GOUV" % self.F)
            self.assertEqual(page.status, 200)
            self.assertIn('data-readonly="1"', page.text())
            self.assertNotIn(">Enregistrer</button>", page.text())
            self.assertIn("disabled", page.text())
            form = {"csrf_token": c.csrf, "v_GOUV-01-B": "9", "ver_GOUV-01-B": str(v["version"])}
            r = c.request("POST", "/c/2025/e/%s/d/GOUV" % self.F, form=form)
            self.assertEqual(r.status, 403)
            self.assertEqual(self.answer(self.F, "GOUV-01-B", "rssi1"), v)
            self.assertError(self.clients["rssi1"].api("POST", path + "/reopen"), 403)
        finally:
            r = self.clients["ars11"].api("POST", path + "/reopen")
            self.assertEqual(r.status, 200)


class TestPages(WebCase):
    """The pages that write: a domain's form, its refusals, hostile text."""

    F = "920014503"

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        r = cls.clients["nat"].api("POST", est_path(cls.F) + "/reopen")
        assert r.status == 200, r

    def domain_form(self, c, domain="GOUV"):
        page = c.request("GET", "/c/2025/e/%s/d/%s" % (self.F, domain))
        self.assertEqual(page.status, 200)
        forms = [f for f in webtest.page_forms(page.text()) if f[0] and "/d/" in f[0]]
        self.assertEqual(len(forms), 1, forms)
        return forms[0][0], dict(forms[0][1]), page

    def post_form(self, c, action, fields):
        r = c.request("POST", action, form=fields)
        if r.status == 422:
            r.messages = re.findall(r'id="m-([^"]+)" role="alert">([^<]+)<', r.text())
        return r

    def test_domain_form_saves(self):
        c = self.clients["rssi1"]
        action, fields, _ = self.domain_form(c)
        self.assertEqual(fields["csrf_token"], c.csrf)
        for name in ("o_GOUV-01-B", "oc_GOUV-01-B", "ver_GOUV-01-B", "v_GOUV-01-B"):
            self.assertIn(name, fields)
        v = int(fields["ver_GOUV-01-B"])
        fields["v_GOUV-01-B"] = "5"
        fields["c_GOUV-01-B"] = "relevé des décisions"
        fields["v_GOUV-04-A"] = "8,5"
        r = self.post_form(c, action, fields)
        self.assertEqual(r.status, 303, getattr(r, "messages", r))
        self.assertTrue(r.header("Location").startswith("/c/2025/e/%s/d/GOUV" % self.F))
        got = self.answer(self.F, "GOUV-01-B", "rssi1")
        self.assertEqual(got, {"value": 5, "comment": "relevé des décisions", "version": v + 1})
        self.assertEqual(self.answer(self.F, "GOUV-04-A", "rssi1")["value"], 8.5)
        hist = c.api("GET", est_path(self.F) + "/history").json()
        self.assertTrue([e for e in hist if e["who"] == "rssi1" and e["new_value"] == "5"])
        # the same form again: its versions are stale now, and GOUV-01-B differs from
        # what it showed (o_): a conflict, said next to the field, nothing overwritten
        self.assertEqual(c.put_answer(C, self.F, "GOUV-01-B", 6).status, 200)
        r = self.post_form(c, action, fields)
        self.assertEqual(r.status, 422, r)
        messages = dict(r.messages)
        self.assertIn("GOUV-01-B", messages)
        self.assertIn("modifiée entre-temps", messages["GOUV-01-B"])
        self.assertEqual(self.answer(self.F, "GOUV-01-B", "rssi1")["value"], 6)
        # the page shown again carries the current version: sending it once more saves
        _, again = [f for f in webtest.page_forms(r.text()) if f[0] and "/d/" in f[0]][0]
        again = dict(again)
        self.assertEqual(again["v_GOUV-01-B"], "5")
        self.assertEqual(self.post_form(c, action, again).status, 303)
        self.assertEqual(self.answer(self.F, "GOUV-01-B", "rssi1")["value"], 5)

    def test_domain_form_invalid_value_422_next_to_field(self):
        c = self.clients["rssi1"]
        action, fields, _ = self.domain_form(c)
        before = self.answer(self.F, "GOUV-04-A", "rssi1")
        fields["v_GOUV-04-A"] = "250"
        r = self.post_form(c, action, fields)
        self.assertEqual(r.status, 422, r)
        html = r.text()
        m = re.search(r'<fieldset class="question invalid" id="q-GOUV-04-A".*?'
                      r'<p class="message error" id="m-GOUV-04-A" role="alert">([^<]+)</p>', html, re.S)
        self.assertIsNotNone(m, html[:3000])
        api = c.put_answer(C, self.F, "GOUV-04-A", 250)
        self.assertEqual(api.status, 422)
        import html as htmlmod
        self.assertEqual(htmlmod.unescape(m.group(1)), api.json()["error"])
        self.assertIn('value="250"', html)  # what was typed is shown again
        self.assertEqual(self.answer(self.F, "GOUV-04-A", "rssi1"), before)
        self.assertSecurityHeaders(r)

    def test_hostile_comment_escaped_everywhere(self):
        c = self.clients["rssi1"]
        hostile = "<script>alert('x')</script><img src=x onerror=alert(1)>\"'&"
        action, fields, _ = self.domain_form(c)
        fields["c_GOUV-02-C"] = hostile
        fields["v_GOUV-02-C"] = hostile
        r = self.post_form(c, action, fields)
        self.assertEqual(r.status, 303, r)
        got = self.answer(self.F, "GOUV-02-C", "rssi1")
        self.assertEqual((got["value"], got["comment"]), (hostile, hostile))
        pages = ["/", "/c/2025", "/c/2025/e/%s" % self.F, "/c/2025/e/%s/d/GOUV" % self.F,
                 "/c/2025/e/%s/revue" % self.F, "/c/2025/e/%s/historique" % self.F]
        for login in ("rssi1", "ars11", "nat"):
            for p in pages:
                with self.subTest(login=login, page=p):
                    r = self.clients[login].request("GET", p)
                    self.assertEqual(r.status, 200, r)
                    self.assertNotIn("<script>", r.text())
                    self.assertNotIn("<img src=x", r.text())
                    self.assertSecurityHeaders(r)
        text = c.request("GET", "/c/2025/e/%s/d/GOUV" % self.F).text()
        self.assertIn("&lt;script&gt;alert(", text)
        # and read back into the form as the same text
        _, fields, _ = self.domain_form(c)
        self.assertEqual(fields["c_GOUV-02-C"], hostile)
        self.assertEqual(fields["v_GOUV-02-C"], hostile)

    def test_ars_table(self):
        ars = self.clients["ars11"]
        regions = {e["finess"]: e for e in
                   self.clients["nat"].api("GET", "/campaigns/2025/establishments").json()}
        r = ars.request("GET", "/c/2025")
        self.assertEqual(r.status, 200)
        self.assertSecurityHeaders(r)
        listed = set(re.findall(r"/c/2025/e/(\w{9})", r.text()))
        self.assertEqual(listed, {f for f, e in regions.items() if e["region"] == "11"})
        r = ars.request("GET", "/c/2025?retard=1")
        self.assertEqual(r.status, 200)
        late = set(re.findall(r"/c/2025/e/(\w{9})", r.text()))
        expected = {f for f, e in regions.items() if e["region"] == "11" and
                    (e["status"] != "submitted" or e["completeness"] < 1)}
        self.assertEqual(late, expected)
        self.assertIn("910019736", late)
        self.assertNotIn("940021173", late)
        r = self.clients["ars84"].request("GET", "/c/2025")
        listed = set(re.findall(r"/c/2025/e/(\w{9})", r.text()))
        self.assertEqual(listed, {f for f, e in regions.items() if e["region"] == "84"})
        self.assertEqual(self.clients["ars11"].request("GET", "/c/2099").status, 404)


class TestPageStatus(WebCase):
    """Submitting and reopening from the pages (forms with csrf_token)."""

    F = "780009312"  # rssi2's, complete

    def test_submit_and_reopen_pages(self):
        self.reopen(self.F)
        rssi2, ars11 = self.clients["rssi2"], self.clients["ars11"]
        base = "/c/2025/e/%s" % self.F
        # its free-text questions answered, so that nothing is missing
        detail = rssi2.api("GET", est_path(self.F)).json()
        for ind, a in sorted(detail["answers"].items()):
            if a["value"] is None:
                r = rssi2.put_answer(C, self.F, ind, "Réponse du test")
                self.assertEqual(r.status, 200, r)
        review = rssi2.request("GET", base + "/revue")
        self.assertEqual(review.status, 200)
        actions = [a for a, _ in webtest.page_forms(review.text())]
        self.assertIn(base + "/soumettre", actions)
        r = ars11.request("POST", base + "/soumettre", form={"csrf_token": ars11.csrf})
        self.assertEqual(r.status, 403)
        self.assertEqual(rssi2.request("POST", base + "/soumettre", form={}).status, 403)
        r = rssi2.request("POST", base + "/soumettre", form={"csrf_token": rssi2.csrf})
        self.assertEqual(r.status, 303, r)
        self.assertEqual(rssi2.api("GET", est_path(self.F)).json()["status"], "submitted")
        r = rssi2.request("POST", base + "/rouvrir", form={"csrf_token": rssi2.csrf})
        self.assertEqual(r.status, 403)
        r = self.clients["ars84"].request("POST", base + "/rouvrir",
                                          form={"csrf_token": self.clients["ars84"].csrf})
        self.assertEqual(r.status, 404)
        r = ars11.request("POST", base + "/rouvrir", form={"csrf_token": ars11.csrf})
        self.assertEqual(r.status, 303, r)
        self.assertEqual(rssi2.api("GET", est_path(self.F)).json()["status"], "draft")
        hist = rssi2.api("GET", est_path(self.F) + "/history").json()
        self.assertIn("ars11", [e["who"] for e in hist])


class TestCsrfOrigin(WebCase):
    F = "920014503"

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        assert cls.clients["nat"].api("POST", est_path(cls.F) + "/reopen").status == 200

    def put(self, c, headers, value=3):
        return c.request("PUT", "/api/v1" + est_path(self.F) + "/answers/GOUV-01-B",
                         json_body={"value": value}, headers=headers)

    def test_csrf_required(self):
        c = self.clients["rssi1"]
        other = self.client("rssi1")
        self.assertNotEqual(other.csrf, c.csrf)
        before = self.answer(self.F, "GOUV-01-B")
        for name, headers in [("none", {}), ("wrong", {"X-CSRF-Token": "x" * len(c.csrf)}),
                              ("empty", {"X-CSRF-Token": ""}),
                              ("other session", {"X-CSRF-Token": other.csrf}),
                              ("other account", {"X-CSRF-Token": self.clients["ars11"].csrf})]:
            with self.subTest(token=name):
                self.assertError(self.put(c, headers), 403, CSRF_REFUSED)
                r = c.request("POST", "/api/v1" + est_path(self.F) + "/submit", headers=headers)
                self.assertError(r, 403, CSRF_REFUSED)
                form = {"v_GOUV-01-B": "7"}
                if "X-CSRF-Token" in headers:
                    form["csrf_token"] = headers["X-CSRF-Token"]
                r = c.request("POST", "/c/2025/e/%s/d/GOUV" % self.F, form=form)
                self.assertEqual(r.status, 403)
                self.assertIn("jeton anti-CSRF", r.text())
                r = c.request("POST", "/logout", form=form)
                self.assertEqual(r.status, 403)
        self.assertEqual(self.answer(self.F, "GOUV-01-B"), before)
        self.assertEqual(c.api("GET", "/me").status, 200)  # logout was refused
        self.assertEqual(self.put(c, {"X-CSRF-Token": c.csrf}, before["value"] + 1).status, 200)

    def test_origin(self):
        c = self.clients["rssi1"]
        good = {"X-CSRF-Token": c.csrf}
        host = "127.0.0.1:%d" % self.server.port
        refused = [
            {"Origin": "http://evil.example"},
            {"Origin": "http://127.0.0.1:1"},
            {"Origin": "https://evil.example", "Sec-Fetch-Site": "same-origin"},
            {"Origin": "null"},
            {"Origin": "null", "Sec-Fetch-Site": "cross-site"},
            {"Sec-Fetch-Site": "cross-site"},
            {"Sec-Fetch-Site": "same-site"},
            {"Origin": "http://" + host, "Sec-Fetch-Site": "cross-site"},
        ]
        for h in refused:
            with self.subTest(headers=h):
                self.assertError(self.put(c, dict(good, **h)), 403, OTHER_SITE)
                r = c.request("POST", "/login", form={"login": "rssi1", "password": "x"},
                              headers=h)
                self.assertEqual(r.status, 403)
        accepted = [
            {},
            {"Origin": "http://" + host},
            {"Origin": "https://" + host},
            {"Origin": "null", "Sec-Fetch-Site": "same-origin"},
            {"Origin": "http://" + host, "Sec-Fetch-Site": "same-origin"},
            {"Sec-Fetch-Site": "none"},
        ]
        for i, h in enumerate(accepted):
            with self.subTest(headers=h):
                self.assertEqual(self.put(c, dict(good, **h), 10 + i).status, 200)
        self.assertEqual(self.answer(self.F, "GOUV-01-B")["value"], 10 + len(accepted) - 1)


class TestHeadersAndLimits(WebCase):
    def test_security_headers_everywhere(self):
        c = self.clients["rssi1"]
        anon = self.client()
        cases = [
            (c, "GET", "/api/v1/me", 200, True),
            (c, "GET", "/api/v1" + est_path("920014503"), 200, True),
            (c, "GET", "/api/v1" + est_path(NONE_FINESS), 404, True),
            (c, "GET", "/api/v1/nothing", 404, True),
            (anon, "GET", "/api/v1/me", 401, True),
            (c, "GET", "/", 200, True),
            (c, "GET", "/c/2025/e/920014503", 200, True),
            (c, "GET", "/c/2025/e/920014503/d/GOUV", 200, True),
            (c, "GET", "/nothing/here", 404, True),
            (anon, "GET", "/", 303, True),
            (anon, "GET", "/login", 200, True),
            (c, "DELETE", "/api/v1/me", 405, True),
            (c, "GET", "/static/nothing.css", 404, False),
        ]
        for client, method, path, status, private in cases:
            with self.subTest(method=method, path=path):
                r = client.request(method, path)
                self.assertEqual(r.status, status, r)
                self.assertSecurityHeaders(r, private)
        for path in ("/static/style.css", "/static/app.js"):
            with self.subTest(path=path):
                r = anon.request("GET", path)
                self.assertEqual(r.status, 200)
                self.assertSecurityHeaders(r, private=False)
                self.assertNotIn("no-store", r.header("Cache-Control") or "")
        self.assertEqual(anon.request("GET", "/static/app.js").header("Content-Type").split(";")[0],
                         "text/javascript")

    def test_405_allow(self):
        c = self.clients["rssi1"]
        h = {"X-CSRF-Token": c.csrf}
        for method, path, allow in [("DELETE", "/api/v1/me", None), ("PATCH", "/", None),
                                    ("POST", "/api/v1/me", "GET, HEAD"),
                                    ("POST", "/api/v1/campaigns", "GET, HEAD"),
                                    ("PUT", "/api/v1" + est_path("920014503"), "GET, HEAD"),
                                    ("GET", "/api/v1" + est_path("920014503") + "/submit", "POST"),
                                    ("GET", "/api/v1" + est_path("920014503") + "/answers/GOUV-01-A",
                                     "PUT"),
                                    ("GET", "/logout", "POST"),
                                    ("PUT", "/c/2025/e/920014503/d/GOUV", "GET, HEAD, POST")]:
            with self.subTest(method=method, path=path):
                r = c.request(method, path, headers=h)
                self.assertEqual(r.status, 405, r)
                self.assertIsNotNone(r.header("Allow"))
                if allow:
                    self.assertEqual(r.header("Allow"), allow)
                self.assertNotIn(method, r.header("Allow").split(", "))
                self.assertSecurityHeaders(r)
                if path.startswith("/api/"):
                    self.assertError(r, 405)

    def raw(self, data, read_all=True):
        s = socket.create_connection(("127.0.0.1", self.server.port), timeout=60)
        try:
            try:
                s.sendall(data)
            except (BrokenPipeError, ConnectionResetError):
                pass
            out = b""
            while True:
                try:
                    chunk = s.recv(65536)
                except ConnectionResetError:
                    break
                if not chunk:
                    break
                out += chunk
                if not read_all and b"\r\n\r\n" in out:
                    break
            return out
        finally:
            s.close()

    def parse(self, raw):
        head, _, body = raw.partition(b"\r\n\r\n")
        lines = head.decode("latin-1").split("\r\n")
        status = int(lines[0].split(" ")[1])
        headers = {}
        for l in lines[1:]:
            k, _, v = l.partition(":")
            headers.setdefault(k.strip().lower(), []).append(v.strip())
        return webtest.Response(status, headers, body)

    def test_413(self):
        c = self.clients["rssi1"]
        head = ("PUT /api/v1%s/answers/GOUV-01-A HTTP/1.1\r\nHost: 127.0.0.1:%d\r\n"
                "Cookie: mh_session=%s\r\nX-CSRF-Token: %s\r\nContent-Type: application/json\r\n"
                % (est_path("920014503"), self.server.port, c.cookies["mh_session"], c.csrf))
        size = 1024 * 1024 + 1
        body = b'{"value": "' + b"a" * (size - 13) + b'"}'
        self.assertEqual(len(body), size)
        r = self.parse(self.raw((head + "Content-Length: %d\r\nConnection: close\r\n\r\n" % size)
                                .encode() + body))
        self.assertEqual(r.status, 413, r)
        self.assertSecurityHeaders(r)
        self.assertIn("error", r.json())
        # the same, chunked
        chunks = b""
        left = body
        while left:
            part, left = left[:65536], left[65536:]
            chunks += b"%x\r\n" % len(part) + part + b"\r\n"
        chunks += b"0\r\n\r\n"
        r = self.parse(self.raw((head + "Transfer-Encoding: chunked\r\nConnection: close\r\n\r\n")
                                .encode() + chunks))
        self.assertEqual(r.status, 413, r)
        self.assertSecurityHeaders(r)
        # a page form, too
        r = self.parse(self.raw(("POST /login HTTP/1.1\r\nHost: 127.0.0.1:%d\r\n"
                                 "Content-Type: application/x-www-form-urlencoded\r\n"
                                 "Content-Length: %d\r\nConnection: close\r\n\r\n"
                                 % (self.server.port, size)).encode() + b"l" * size))
        self.assertEqual(r.status, 413, r)
        self.assertSecurityHeaders(r)
        # exactly 1 MiB is not refused for its size (a 422: the text is too long for an answer)
        body = body[:-1]
        r = self.parse(self.raw((head + "Content-Length: %d\r\nConnection: close\r\n\r\n"
                                 % len(body)).encode() + body[:-2] + b'"}'))
        self.assertNotEqual(r.status, 413, r)
        # the server still answers
        self.assertEqual(c.api("GET", "/me").status, 200)

    def test_json_errors_in_french(self):
        c = self.clients["rssi1"]
        for r in [c.api("GET", "/nothing"), c.api("GET", est_path(NONE_FINESS)),
                  self.client().api("GET", "/me"), c.api("DELETE", "/me")]:
            body = self.assertError(r, r.status)
            self.assertEqual(list(body), ["error"])
            self.assertRegex(body["error"], r"[éèàçô]|introuvable|Méthode", body)


class TestSessions(WebCase):
    def test_cookie_attributes(self):
        c = webtest.Client(self.server)
        self.addCleanup(c.close)
        r = c.login("rssi1")
        self.assertEqual(r.status, 303)
        self.assertEqual(r.header("Location"), "/")
        cookies = r.headers.get("set-cookie")
        self.assertEqual(len(cookies), 1)
        parts = [p.strip() for p in cookies[0].split(";")]
        name, _, value = parts[0].partition("=")
        self.assertEqual(name, "mh_session")
        self.assertGreaterEqual(len(value), 22)  # 128 bits at least, in base64 or hex
        attrs = {p.split("=")[0].lower(): p for p in parts[1:]}
        self.assertIn("httponly", attrs)
        self.assertEqual(attrs.get("samesite"), "SameSite=Strict")
        self.assertEqual(attrs.get("path"), "Path=/")
        self.assertNotIn("secure", attrs)
        # two logins: two values
        d = self.client("rssi1")
        self.assertNotEqual(d.cookies["mh_session"], value)
        # the value is stored hashed
        import sqlite3
        con = sqlite3.connect(self.server.db)
        rows = con.execute("SELECT id_hash FROM session").fetchall()
        con.close()
        for (h,) in rows:
            self.assertNotIn(value.encode(), h if isinstance(h, bytes) else h.encode())

    def test_login_failures_same_401(self):
        c = self.client()
        r1 = c.request("POST", "/login", form={"login": "zorro", "password": "n'importe quoi!"})
        self.assertEqual(r1.status, 401)
        self.assertNotIn("set-cookie", r1.headers)
        webtest.run(["user", "add", "--db", self.server.db, "--login", "zorro", "--role",
                     "national", "--password-stdin"], stdin="zorro-motdepasse\n")
        r2 = c.request("POST", "/login", form={"login": "zorro", "password": "n'importe quoi!"})
        self.assertEqual(r2.status, 401)
        self.assertEqual(r1.body, r2.body)
        self.assertIn("Identifiant ou mot de passe incorrect.", r1.text())
        self.assertSecurityHeaders(r1)
        self.assertEqual(c.login("zorro", "zorro-motdepasse").status, 303)

    def test_lockout(self):
        webtest.run(["user", "add", "--db", self.server.db, "--login", "verrou", "--role",
                     "national", "--password-stdin"], stdin="verrou-motdepasse\n")
        c = self.client()
        for i in range(5):
            r = c.request("POST", "/login", form={"login": "verrou", "password": "mauvais-%d" % i})
            self.assertEqual(r.status, 401, (i, r))
        r = c.login("verrou", "verrou-motdepasse")
        self.assertEqual(r.status, 429)
        self.assertNotIn("set-cookie", r.headers)
        self.assertEqual(int(r.header("Retry-After")), 15 * 60)
        self.assertSecurityHeaders(r)
        # an unknown login is locked out the same way (nothing tells it apart)
        for i in range(5):
            c.request("POST", "/login", form={"login": "personne", "password": "mauvais"})
        self.assertEqual(c.request("POST", "/login", form={"login": "personne",
                                                           "password": "x"}).status, 429)
        # other logins are not
        self.assertEqual(self.client().login("rssi2").status, 303)
        webtest.age_rows(self.server.db, "login_failure", "at", 15 * 60 + 5)
        r = c.login("verrou", "verrou-motdepasse")
        self.assertEqual(r.status, 303, r)
        self.assertEqual(c.api("GET", "/me").json()["login"], "verrou")

    def test_idle_expiry(self):
        c = self.client("ars84")
        self.assertEqual(c.api("GET", "/me").status, 200)
        webtest.age_rows(self.server.db, "session", "last_seen", 29 * 60)
        self.assertEqual(c.api("GET", "/me").status, 200)  # a request renews it
        webtest.age_rows(self.server.db, "session", "last_seen", 31 * 60)
        self.assertError(c.api("GET", "/me"), 401, SESSION_MISSING)
        r = c.request("GET", "/")
        self.assertEqual((r.status, r.header("Location")), (303, "/login"))
        # the other clients of this class logged in again afterwards
        for role, old in list(self.clients.items()):
            self.clients[role] = self.client(role)

    def test_absolute_expiry(self):
        c = self.client("ars84")
        webtest.age_rows(self.server.db, "session", "created_at", 11 * 3600 + 59 * 60)
        self.assertEqual(c.api("GET", "/me").status, 200)
        webtest.age_rows(self.server.db, "session", "created_at", 2 * 60)
        self.assertError(c.api("GET", "/me"), 401, SESSION_MISSING)
        self.assertEqual(c.request("GET", "/c/2025").status, 303)
        for role in list(self.clients):
            self.clients[role] = self.client(role)

    def test_logout(self):
        c = self.client("rssi2")
        old = dict(c.cookies)
        r = c.request("POST", "/logout", form={"csrf_token": c.csrf})
        self.assertEqual(r.status, 303)
        self.assertEqual(r.header("Location"), "/login")
        cookie = r.header("Set-Cookie")
        self.assertTrue(cookie.startswith("mh_session=;"), cookie)
        self.assertIn("Max-Age=0", cookie)
        self.assertNotIn("mh_session", c.cookies)
        c.cookies = old  # the old cookie, sent again
        self.assertError(c.api("GET", "/me"), 401)
        self.assertEqual(c.request("GET", "/").status, 303)
        self.assertEqual(c.api("PUT", est_path("750102048") + "/answers/GOUV-01-A",
                               {"value": True}).status, 401)



class TestDownloads(WebCase):
    """The workbooks of the ARS pages: the account's scope, never more; the
    same cells as the CLI's; the other roles refused."""

    XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
    FILES = ("relance.xlsx", "scores.xlsx", "classement.xlsx", "comparaison.xlsx")

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        # next year's campaign, from 2025: a campaign to compare with, answers to confirm
        webtest.run(["campaign", "--db", cls.server.db, "--campaign", "2026", "--from", C,
                     "--reference-date", "2026-06-30"])

    def workbook(self, login, campaign, name):
        r = self.clients[login].request("GET", "/c/%s/telecharger/%s" % (campaign, name))
        self.assertEqual(r.status, 200, (login, name, r))
        self.assertEqual(r.header("Content-Type"), self.XLSX)
        self.assertSecurityHeaders(r)
        import io
        import openpyxl
        return r, openpyxl.load_workbook(io.BytesIO(r.body))

    def rows(self, wb, sheet):
        ws = wb[sheet]
        values = list(ws.iter_rows(values_only=True))
        header = values[0]
        return header, [dict(zip(header, v)) for v in values[1:]]

    def cli_csv(self, *args):
        import csv
        import io
        out = webtest.run(list(args) + ["--db", self.server.db, "--format", "csv"]).stdout
        return list(csv.DictReader(io.StringIO(out)))

    def test_ars_gets_its_region_only(self):
        region11 = {e["finess"] for e in self.clients["ars11"].api("GET", "/campaigns/2025/establishments").json()}
        self.assertGreater(len(region11), 2)
        r, wb = self.workbook("ars11", C, "relance.xlsx")
        self.assertEqual(r.header("Content-Disposition"), 'attachment; filename="2025-region-11-relance.xlsx"')
        header, rows = self.rows(wb, "status")
        self.assertEqual(header[:9], ("finess", "name", "region", "category", "status", "completeness",
                                      "answered", "applicable", "last_change"))
        self.assertEqual({row["finess"] for row in rows}, region11)
        self.assertEqual({row["region"] for row in rows}, {"11"})
        # the same cells as `maturinh status --scope region:11`
        cli = {row["finess"]: row for row in self.cli_csv("status", "--campaign", C, "--scope", "region:11")}
        for row in rows:
            want = cli[row["finess"]]
            self.assertEqual(row["status"], want["status"])
            self.assertAlmostEqual(row["completeness"], float(want["completeness"]), places=6)
            self.assertEqual(row["answered"], int(want["answered"]))
            self.assertEqual(row["applicable"], int(want["applicable"]))
        _, wb = self.workbook("ars11", C, "scores.xlsx")
        header, rows = self.rows(wb, "score")
        self.assertIn("name", header)
        self.assertIn("category_label", header)
        self.assertEqual({row["finess"] for row in rows}, region11)
        cli = {row["finess"]: row for row in self.cli_csv("score", "--campaign", C, "--scope", "region:11",
                                                          "--with-profile")}
        for row in rows:
            self.assertEqual(row["name"], cli[row["finess"]]["name"])
            if cli[row["finess"]]["global_score"]:
                self.assertAlmostEqual(row["global_score"], float(cli[row["finess"]]["global_score"]), places=6)
        _, wb = self.workbook("ars11", C, "classement.xlsx")
        header, rows = self.rows(wb, "rank")
        self.assertEqual(header[:8], ("rank", "finess", "name", "region", "category", "score", "level", "praised"))
        self.assertTrue(rows)
        self.assertTrue({row["finess"] for row in rows} <= region11)
        cli = [row["finess"] for row in self.cli_csv("rank", "--campaign", C, "--scope", "region:11")]
        self.assertEqual([row["finess"] for row in rows], cli)

    def test_national_gets_everything(self):
        every = {e["finess"] for e in self.clients["nat"].api("GET", "/campaigns/2025/establishments").json()}
        r, wb = self.workbook("nat", C, "relance.xlsx")
        self.assertEqual(r.header("Content-Disposition"), 'attachment; filename="2025-relance.xlsx"')
        _, rows = self.rows(wb, "status")
        self.assertEqual({row["finess"] for row in rows}, every)
        self.assertGreater(len({row["region"] for row in rows}), 1)

    def test_comparison_and_answers_to_confirm(self):
        _, wb = self.workbook("ars84", "2026", "comparaison.xlsx")
        header, rows = self.rows(wb, "compare")
        self.assertEqual(header[:9], ("finess", "name", "region", "category", "global_before", "global_after",
                                      "delta", "level_before", "level_after"))
        region84 = {e["finess"] for e in self.clients["ars84"].api("GET", "/campaigns/2025/establishments").json()}
        self.assertEqual({row["finess"] for row in rows}, region84)
        cli = {row["finess"]: row for row in self.cli_csv("compare", "--campaign", "2026", "--with", C,
                                                          "--scope", "region:84")}
        for row in rows:
            self.assertAlmostEqual(row["delta"], float(cli[row["finess"]]["delta"]), places=1)
        _, wb = self.workbook("ars84", "2026", "relance.xlsx")
        _, rows = self.rows(wb, "status")
        self.assertTrue(all(row["to_confirm"] > 0 for row in rows), rows)
        self.assertTrue(all(row["answered"] == 0 for row in rows), rows)
        # the page of 2026 offers the comparison; 2025 has no campaign before it
        page = self.clients["ars84"].request("GET", "/c/2026").text()
        self.assertIn('/c/2026/telecharger/comparaison.xlsx" download>', page)
        self.assertIn('/c/2026/telecharger/relance.xlsx" download>', page)
        self.assertIn("à confirmer)", page)
        page = self.clients["ars84"].request("GET", "/c/2025").text()
        self.assertNotIn("comparaison.xlsx", page)
        r = self.clients["ars84"].request("GET", "/c/2025/telecharger/comparaison.xlsx")
        self.assertEqual(r.status, 404)
        self.assertIn("Pas de campagne précédente à laquelle comparer celle-ci.", r.text())

    def test_refusals(self):
        for name in self.FILES:
            r = self.clients["rssi1"].request("GET", "/c/2025/telecharger/" + name)
            self.assertEqual(r.status, 403, name)
            self.assertIn("Les tableaux à télécharger sont réservés aux comptes ARS et nationaux.", r.text())
            self.assertEqual(self.clients["admin"].request("GET", "/c/2025/telecharger/" + name).status, 404)
            anonymous = self.client().request("GET", "/c/2025/telecharger/" + name)
            self.assertEqual(anonymous.status, 303, name)
            self.assertEqual(anonymous.header("Location"), "/login")
            self.assertNotEqual(anonymous.header("Content-Type"), self.XLSX)
            r = self.clients["ars11"].request("POST", "/c/2025/telecharger/" + name,
                                              headers={"X-CSRF-Token": self.clients["ars11"].csrf})
            self.assertIn(r.status, (403, 405), name)
        for path in ("/c/2025/telecharger/relance.csv", "/c/2025/telecharger/..%2F..%2Fetc%2Fpasswd",
                     "/c/2099/telecharger/relance.xlsx", "/c/2025/telecharger/"):
            r = self.clients["ars11"].request("GET", path)
            self.assertEqual(r.status, 404, path)
        # the scope is the account's, whatever the query says
        _, wb = self.workbook("ars11", C, "relance.xlsx?scope=national")
        _, rows = self.rows(wb, "status")
        self.assertEqual({row["region"] for row in rows}, {"11"})

class TestCarried(unittest.TestCase):
    """Campaign 2026 started from 2025 (maturinh campaign --from): the answers
    carried over are shown apart, beside empty fields, count for nothing, and
    become answers only when confirmed (API and pages, with CSRF)."""

    F = "920014503"
    N = "2026"

    @classmethod
    def setUpClass(cls):
        cls.folder = tempfile.mkdtemp(prefix="mh-web-carried-")
        db = webtest.make_database(cls.folder)
        webtest.run(["campaign", "--db", db, "--campaign", cls.N, "--from", C,
                     "--reference-date", "2026-06-30"])
        cls.server = webtest.Server(db=db, folder=cls.folder).start()
        cls.c = webtest.Client(cls.server)
        assert cls.c.login("rssi1").status == 303
        cls.old = webtest.Client(cls.server)
        assert cls.old.login("rssi1").status == 303

    @classmethod
    def tearDownClass(cls):
        cls.c.close()
        cls.old.close()
        cls.server.cleanup()

    def detail(self, campaign=None):
        r = self.c.api("GET", est_path(self.F, campaign or self.N))
        self.assertEqual(r.status, 200, r)
        return r.json()

    def test_carried_apart_and_counting_for_nothing(self):
        d = self.detail()
        before = self.c.api("GET", est_path(self.F)).json()
        self.assertEqual(d["carried"]["GOUV-01-A"],
                         {"value": before["answers"]["GOUV-01-A"]["value"],
                          "comment": before["answers"]["GOUV-01-A"]["comment"], "from": C})
        self.assertNotIn("GOUV-05-A", [k for k, v in d["answers"].items() if v["value"] is not None
                                       and k in d["carried"]])
        self.assertEqual(d["status"], "draft")
        # 2025 itself has no carried answers
        self.assertEqual(before["carried"], {})

    def test_page_shows_them_beside_empty_fields(self):
        d = self.detail()
        ind = next(k for k in sorted(d["carried"]) if k.startswith("GOUV-01-B"))
        page = self.c.request("GET", "/c/%s/e/%s/d/GOUV" % (self.N, self.F))
        self.assertEqual(page.status, 200)
        html = page.text()
        self.assertIn('id="r-%s"' % ind, html)
        self.assertIn("Reprise de 2025 \u2014 à confirmer", html)
        self.assertIn(">Confirmer</button>", html)
        forms = [f for f in webtest.page_forms(html) if f[0] and "/d/" in f[0]]
        fields = dict(forms[0][1])
        self.assertEqual(fields.get("v_" + ind, ""), "")  # the field stays empty
        # the form sent as it is saves nothing: the carried answers stay to confirm
        r = self.c.request("POST", forms[0][0], form=fields)
        self.assertEqual(r.status, 303, r)
        self.assertIn(ind, self.detail()["carried"])

    def test_overview_counts_them(self):
        d = self.detail()
        # those of the questions it is asked (the detail's answers list them)
        n = len([k for k in d["carried"] if k in d["answers"]])
        html = self.c.request("GET", "/c/%s/e/%s" % (self.N, self.F)).text()
        self.assertIn('id="a-confirmer">%d réponses reprises de la campagne précédente sont à '
                      'confirmer' % n, html)
        html = self.c.request("GET", "/c/%s/e/%s" % (C, self.F)).text()
        self.assertNotIn('id="a-confirmer"', html)

    def test_confirm_through_the_api(self):
        d = self.detail()
        ind = "GOUV-02-A"
        self.assertIn(ind, d["carried"])
        want = d["carried"][ind]
        path = est_path(self.F, self.N) + "/answers/%s/confirm" % ind
        r = self.c.api("POST", path, csrf=False)
        self.assertEqual(r.status, 403)
        self.assertEqual(r.json()["error"], CSRF_REFUSED)
        r = self.c.api("POST", path)
        self.assertEqual(r.status, 200, r)
        body = r.json()
        self.assertEqual(body["value"], want["value"])
        self.assertEqual(body["version"], 1)
        d = self.detail()
        self.assertNotIn(ind, d["carried"])
        self.assertEqual(d["answers"][ind]["value"], want["value"])
        self.assertEqual(d["answers"][ind]["comment"], want["comment"])
        hist = self.c.api("GET", est_path(self.F, self.N) + "/history").json()
        self.assertTrue([e for e in hist if e["what"] == ind and e.get("confirmed_from") == C], hist)
        r = self.c.api("POST", path)
        self.assertEqual(r.status, 404)
        self.assertEqual(r.json()["error"], "Aucune réponse reprise à confirmer pour cet indicateur.")
        self.assertEqual(self.c.api("GET", path).status, 405)

    def test_put_replaces_a_carried_answer(self):
        ind = "GOUV-01-B"
        self.assertIn(ind, self.detail()["carried"])
        r = self.c.put_answer(self.N, self.F, ind, 11)
        self.assertEqual(r.status, 200, r)
        d = self.detail()
        self.assertNotIn(ind, d["carried"])
        self.assertEqual(d["answers"][ind]["value"], 11)

    def test_confirm_through_the_page(self):
        ind = "GOUV-03-A"
        d = self.detail()
        if ind not in d["carried"]:
            ind = sorted(k for k in d["carried"] if k.startswith("GOUV"))[-1]
        want = d["carried"][ind]["value"]
        action = "/c/%s/e/%s/confirmer" % (self.N, self.F)
        r = self.c.request("POST", action, form={"indicateur": ind})
        self.assertEqual(r.status, 403)
        self.assertIn("jeton anti-CSRF", r.text())
        r = self.c.request("POST", action, form={"indicateur": ind, "csrf_token": self.c.csrf})
        self.assertEqual(r.status, 303, r)
        self.assertTrue(r.header("Location").startswith("/c/%s/e/%s/d/" % (self.N, self.F)))
        d = self.detail()
        self.assertNotIn(ind, d["carried"])
        self.assertEqual(d["answers"][ind]["value"], want)
        r = self.c.request("POST", action, form={"indicateur": ind, "csrf_token": self.c.csrf})
        self.assertEqual(r.status, 404)
        self.assertIn("Aucune réponse reprise à confirmer", r.text())

    def test_other_site_refused(self):
        path = "/api/v1" + est_path(self.F, self.N) + "/answers/GOUV-05-A/confirm"
        r = self.c.request("POST", path, headers={"X-CSRF-Token": self.c.csrf,
                                                  "Origin": "https://evil.example"})
        self.assertEqual(r.status, 403)
        self.assertEqual(r.json()["error"], OTHER_SITE)


if __name__ == "__main__":
    unittest.main()
