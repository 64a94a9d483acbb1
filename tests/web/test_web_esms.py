"""maturinh serve on a campaign of the médico-social référentiel
(referentiels/maturinh-esms, `sector: medico-social`): the pages, the scope,
the workbooks and the API work as on a sanitaire campaign, with that
référentiel's domains and the sector's words (« le référent
cybersécurité », never « RSSI », on an ESMS's pages).  Run by ctest as
web/esms.

The database is made with the CLI, as an operator would: `maturinh campaign`
with the ESMS référentiel, then `maturinh import` of answers files written
by `maturinh template` and partly filled in (fill() below):

    campaign 2025 (maturinh-esms)
    750000200  EHPAD Les Glycines       500, 80 places  région 11  draft, DUI unanswered
    940000201  SSIAD du Val de Bièvre   354, 45 places  région 11  draft, complete
    910000207  MAS Les Peupliers        255, 60 places  région 11  submitted, complete
    690000203  EHPAD Le Belvédère       500, 120 places  région 84  draft, complete
    campaign 2025-sanitaire (maturinh-cyber), the control for the words
    920000304  Centre hospitalier d'essai  355, 300 lits  région 11  draft, complete

Accounts: `ehpad` (rssi, the EHPAD), `ars11` (ars, région 11), `ars84`.
Environment as webtest.py says (MATURINH, MATURINH_SOURCE_DIR,
MATURINH_LOCALEDIR).
"""
import csv
import html as htmlmod
import io
import os
import re
import sys
import tempfile
import unittest

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import webtest  # noqa: E402

C = "2025"
SANITAIRE_CAMPAIGN = "2025-sanitaire"
REFERENCE_DATE = "2025-06-30"
ESMS = os.path.join(webtest.SOURCE, "referentiels", "maturinh-esms", "maturinh-esms.yaml")

EHPAD = "750000200"
SSIAD = "940000201"
MAS = "910000207"
OTHER = "690000203"  # région 84
HOSPITAL = "920000304"  # the sanitaire campaign's
NONE_FINESS = "010000024"  # well-formed, nobody's

ESTABLISHMENTS = [
    # campaign, référentiel, finess, name, category, region, places, status, domains unanswered
    (C, ESMS, EHPAD, "EHPAD Les Glycines", "500", "11", 80, "draft", {"DUI"}),
    (C, ESMS, SSIAD, "SSIAD du Val de Bièvre", "354", "11", 45, "draft", set()),
    (C, ESMS, MAS, "MAS Les Peupliers", "255", "11", 60, "submitted", set()),
    (C, ESMS, OTHER, "EHPAD Le Belvédère", "500", "84", 120, "draft", set()),
    (SANITAIRE_CAMPAIGN, webtest.REFERENTIEL, HOSPITAL, "Centre hospitalier d'essai", "355", "11",
     300, "draft", set()),
]
REGION11 = {EHPAD, SSIAD, MAS}

EHPAD_LABEL = "EHPAD (Établissement d'hébergement pour personnes âgées dépendantes)"

ACCOUNTS = [
    ("ehpad", "rssi", ["--finess", EHPAD], "Directrice des Glycines"),
    ("ars11", "ars", ["--region", "11"], "ARS Île-de-France"),
    ("ars84", "ars", ["--region", "84"], None),
]

READ_ONLY = ("Lecture seule : seul le référent cybersécurité de l'établissement modifie ses "
             "réponses.")
READ_ONLY_SANITAIRE = "Lecture seule : seul le RSSI de l'établissement modifie ses réponses."
SUBMITTED = "Ce questionnaire est soumis : il est en lecture seule. L'ARS peut le rouvrir."
REOPENED = "Questionnaire rouvert : le référent cybersécurité peut de nouveau le modifier."
SUBMIT_REFUSED = ("Seul le référent cybersécurité de l'établissement peut soumettre son "
                  "questionnaire.")
SUBMIT_REFUSED_SANITAIRE = "Seul le RSSI de l'établissement peut soumettre son questionnaire."
NOT_FOUND = "Établissement ou campagne introuvable."
UNKNOWN_DOMAIN = "Domaine inconnu dans le référentiel de la campagne."
# words of the hospital that an ESMS's pages never use (the référentiel's README promises it
# for DPI and SIH; RSSI is the web front's word for the sanitaire sector)
HOSPITAL_WORDS = re.compile(r"RSSI|\brssi\b|\bDPI\b|\bSIH\b")


def domain_titles(path):
    """{domain id: French title} of a référentiel file, in its order."""
    with open(path, encoding="utf-8") as f:
        text = f.read()
    titles = {}
    for ident, title in re.findall(r"^  - id: ([A-Z]+)\n    title: (.*)$", text, re.M):
        m = re.search(r'fr: "([^"]*)"', title) or re.match(r'"([^"]*)"', title)
        titles[ident] = m.group(1)
    return titles


ESMS_TITLES = domain_titles(ESMS)
SANITAIRE_TITLES = domain_titles(webtest.REFERENTIEL)

# the questions each establishment is asked, as its template listed them (make_esms_database)
ASKED = {}


def fill(template, skip_domains, first_boolean="oui"):
    """`maturinh template`'s text with every question answered, but those of `skip_domains`.

    Booleans go oui, oui, non, ...; a choice takes its second best option, a
    percentage 60, a number 2, a date 2025-03-01, a text a sentence.
    GOUV-01-A (the référent named, a mesure prioritaire) takes `first_boolean`."""
    out = []
    kind = None
    options = []
    booleans = 0
    for line in template.splitlines():
        m = re.match(r"^    #   answer: (.*)$", line)
        if m:
            kind, options = m.group(1), []
        elif kind == "one of" and re.match(r"^    #     (\S+)\s", line):
            options.append(line.split()[1])
        m = re.match(r"^  ([A-Z]+)-(\d\d)-([A-Z]):\s*$", line)
        if m and kind is not None:
            ident = "%s-%s-%s" % m.groups()
            value = None
            if m.group(1) not in skip_domains:
                if kind.startswith("oui or non"):
                    value = first_boolean if ident == "GOUV-01-A" else ("oui", "non")[booleans % 3 == 2]
                    booleans += 1
                elif kind.startswith("a percentage"):
                    value = "60"
                elif kind.startswith("a whole number"):
                    value = "2"
                elif kind.startswith("a date"):
                    value = "2025-03-01"
                elif kind.startswith("free text"):
                    value = '"Réponse de la structure"'
                elif kind == "one of":
                    value = options[-2] if len(options) > 1 else options[0]
                else:
                    raise AssertionError("an answer the test does not know: %r" % kind)
            line = line.rstrip() + (" " + value if value is not None else "")
            kind = None
        out.append(line)
    return "\n".join(out) + "\n"


def make_esms_database(folder):
    """The database of the module's docstring in `folder`; returns its path."""
    db = os.path.join(folder, "maturinh.db")
    for campaign, ref in ((C, ESMS), (SANITAIRE_CAMPAIGN, webtest.REFERENTIEL)):
        webtest.run(["campaign", "--db", db, "--campaign", campaign, "-r", ref,
                     "--reference-date", REFERENCE_DATE])
    for campaign, ref, f, name, category, region, places, status, skip in ESTABLISHMENTS:
        template = webtest.run(["template", "-r", ref, "--finess", f, "--name", name, "--region",
                                region, "--category", category, "--campaign", campaign,
                                "--reference-date", REFERENCE_DATE, "--beds", str(places)]).stdout
        ASKED[f] = re.findall(r"^  ([A-Z]+-\d\d-[A-Z]):", template, re.M)
        text = fill(template, skip, first_boolean="non" if f == EHPAD else "oui")
        if status == "submitted":
            text = text.replace("\nstatus: draft\n", "\nstatus: submitted\n")
            assert "\nstatus: submitted\n" in text
        path = os.path.join(folder, "%s.yaml" % f)
        with open(path, "w", encoding="utf-8") as out:
            out.write(text)
        webtest.run(["import", "--db", db, "--campaign", campaign, path])
    for login, role, scope, name in ACCOUNTS:
        args = ["user", "add", "--db", db, "--login", login, "--role", role] + scope
        if name:
            args += ["--name", name]
        webtest.run(args + ["--password-stdin"], stdin=webtest.password(login) + "\n")
    return db


def est_path(finess, campaign=C):
    return "/campaigns/%s/establishments/%s" % (campaign, finess)


def page_path(finess, tail="", campaign=C):
    return "/c/%s/e/%s%s" % (campaign, finess, tail)


def text_of(html):
    """What a person reads of a page: its text, without markup, script or style."""
    html = re.sub(r"<(script|style)\b.*?</\1>", " ", html, flags=re.S)
    return " ".join(htmlmod.unescape(re.sub(r"<[^>]+>", " ", html)).split())


class EsmsCase(unittest.TestCase):
    """One server on the ESMS database for the class, a client per account."""

    @classmethod
    def setUpClass(cls):
        cls.folder = tempfile.mkdtemp(prefix="mh-web-esms-")
        db = make_esms_database(cls.folder)
        cls.server = webtest.Server(db=db, folder=cls.folder).start()
        cls.clients = {}
        for login, _, _, _ in ACCOUNTS:
            c = webtest.Client(cls.server)
            assert c.login(login).status == 303, login
            cls.clients[login] = c

    @classmethod
    def tearDownClass(cls):
        for c in cls.clients.values():
            c.close()
        cls.server.cleanup()

    def get(self, login, path, status=200):
        r = self.clients[login].request("GET", path)
        self.assertEqual(r.status, status, (login, path, r))
        return r

    def detail(self, login, finess, campaign=C):
        r = self.clients[login].api("GET", est_path(finess, campaign))
        self.assertEqual(r.status, 200, r)
        return r.json()

    def domain_links(self, html, finess):
        return re.findall(r'href="/c/%s/e/%s/d/([A-Z]+)"' % (C, finess), html)


class TestEstablishmentPages(EsmsCase):
    """What the EHPAD's account reads and does on its pages."""

    def test_home_and_establishment_page(self):
        home = self.get("ehpad", "/").text()
        self.assertIn("EHPAD Les Glycines", home)
        self.assertIn('href="%s"' % page_path(EHPAD), home)
        self.assertNotIn("Le Belvédère", home)
        r = self.get("ehpad", page_path(EHPAD))
        html, text = r.text(), text_of(r.text())
        self.assertIn("<h1>EHPAD Les Glycines</h1>", html)
        self.assertIn("catégorie " + EHPAD_LABEL + " 500", text)
        self.assertIn("Dossier usager informatisé et échanges de données", text)
        # the ESMS domains the EHPAD is asked, in the référentiel's order, with their titles
        asked = [d for d in ESMS_TITLES if d != "MOBIL"]
        self.assertEqual(self.domain_links(html, EHPAD), asked)
        for d in asked:
            self.assertIn("%s \u2014 %s" % (d, ESMS_TITLES[d]), text)
        # none of the sanitaire référentiel's own
        for d, title in SANITAIRE_TITLES.items():
            if ESMS_TITLES.get(d) != title:
                self.assertNotIn(title, text, d)
            if d not in ESMS_TITLES:
                r = self.get("ehpad", page_path(EHPAD, "/d/" + d), 404)
                self.assertIn(UNKNOWN_DOMAIN, r.text())
        # the result of the ESMS référentiel: 9 mesures prioritaires, the EHPAD's 2
        self.assertIn("2/9 atteintes", text)

    def test_domain_form_shows_its_questions(self):
        r = self.get("ehpad", page_path(EHPAD, "/d/GOUV"))
        html, text = r.text(), text_of(r.text())
        shown = re.findall(r'<fieldset class="question[^"]*" id="q-([A-Z]+-\d\d-[A-Z])"', html)
        self.assertEqual(shown, [i for i in ASKED[EHPAD] if i.startswith("GOUV-")])
        self.assertIn("Un référent cybersécurité est-il nommément désigné pour la structure "
                      "(note de la direction, lettre de mission ou convention) ?", text)
        # GOUV-02 (the référent's time) is for 100 places and more: not for 80
        self.assertNotIn("GOUV-02-A", shown)
        self.assertIn("GOUV-02-A", ASKED[OTHER])
        self.assertIn("Réponse attendue : oui ou non", text)  # the library's words, in French
        forms = [f for f in webtest.page_forms(html) if f[0] == page_path(EHPAD, "/d/GOUV")]
        self.assertEqual(len(forms), 1)
        fields = dict(forms[0][1])
        self.assertEqual(fields["v_GOUV-01-A"], "non")
        self.assertEqual(fields["csrf_token"], self.clients["ehpad"].csrf)
        # the DUI domain, left unanswered, shows its questions with nothing chosen
        r = self.get("ehpad", page_path(EHPAD, "/d/DUI"))
        dui = [i for i in ASKED[EHPAD] if i.startswith("DUI-")]
        self.assertEqual(re.findall(r'id="q-(DUI-\d\d-[A-Z])"', r.text()), dui)
        self.assertIn("0 question sur %d renseignée" % len(dui), text_of(r.text()))
        # a choice shows its options in words, not the file's values ("deploye_reference")
        self.assertIn("DUI référencé ESMS numérique, utilisé par toutes les équipes", r.text())
        self.assertNotIn("l'une des valeurs", text_of(r.text()))
        # the badge of a mesure prioritaire is on its scored question, not on its evidence text
        legends = dict(re.findall(r'id="q-(GOUV-01-[AB])".*?<legend>(.*?)</legend>', html, re.S))
        self.assertIn("mesure prioritaire", legends["GOUV-01-A"])
        self.assertNotIn("mesure prioritaire", legends["GOUV-01-B"])

    def test_home_care_domain_for_home_care_only(self):
        mobil = ESMS_TITLES["MOBIL"]
        self.assertEqual(mobil, "Smartphones et tablettes des intervenants à domicile")
        html = self.get("ehpad", page_path(EHPAD)).text()
        self.assertNotIn("/d/MOBIL", html)
        self.assertNotIn(mobil, text_of(html))
        d = self.detail("ehpad", EHPAD)
        self.assertFalse([i for i in d["answers"] if i.startswith("MOBIL-")])
        self.assertIsNone(d["result"]["domains"]["MOBIL"])
        # the SSIAD (category 354) works in people's homes: MOBIL is its
        html = self.get("ars11", page_path(SSIAD)).text()
        self.assertIn(page_path(SSIAD, "/d/MOBIL"), html)
        self.assertIn("MOBIL \u2014 " + mobil, text_of(html))
        page = self.get("ars11", page_path(SSIAD, "/d/MOBIL")).text()
        shown = re.findall(r'id="q-(MOBIL-\d\d-[A-Z])"', page)
        self.assertEqual(shown, [i for i in ASKED[SSIAD] if i.startswith("MOBIL-")])
        self.assertTrue(shown)
        d = self.detail("ars11", SSIAD)
        self.assertIsNotNone(d["result"]["domains"]["MOBIL"])
        self.assertTrue([i for i in d["answers"] if i.startswith("MOBIL-")])
        # the MAS does not
        self.assertNotIn("/d/MOBIL", self.get("ars11", page_path(MAS)).text())

    def test_no_rssi_on_the_ehpad_pages(self):
        pages = ["/", "/c/" + C] + [page_path(EHPAD, t) for t in
                                    ("", "/revue", "/rapport", "/historique")]
        pages += [page_path(EHPAD, "/d/" + d) for d in ESMS_TITLES if d != "MOBIL"]
        for p in pages:
            with self.subTest(page=p):
                text = text_of(self.get("ehpad", p).text())
                self.assertIsNone(HOSPITAL_WORDS.search(text), (p, HOSPITAL_WORDS.search(text)))
        self.assertIn("référent cybersécurité", text_of(self.get("ehpad", page_path(EHPAD)).text()))
        # the header names the account's role in words that fit an ESMS, not its identifier
        self.assertIn("(établissement)", text_of(self.get("ehpad", "/").text()))


class TestSaving(EsmsCase):
    """The EHPAD's account saves answers: through a domain's form, through the API."""

    def result_on(self, html):
        return {
k: htmlmod.unescape(v) for k, v in
                re.findall(r'<dd id="(score|niveau|completude|prioritaires)">([^<]*)</dd>', html)}

    def test_save_through_the_form(self):
        c = self.clients["ehpad"]
        action = page_path(EHPAD, "/d/GOUV")
        page = self.get("ehpad", action).text()
        before_page = self.result_on(page)
        before = self.detail("ehpad", EHPAD)
        self.assertEqual(before["answers"]["GOUV-01-A"]["value"], False)
        fields = dict([f for f in webtest.page_forms(page) if f[0] == action][0][1])
        fields["v_GOUV-01-A"] = "oui"
        fields["c_GOUV-01-A"] = "note de la direction du 3 mars"
        # without the CSRF token: refused, nothing saved
        no_token = {
k: v for k, v in fields.items() if k != "csrf_token"}
        r = c.request("POST", action, form=no_token)
        self.assertEqual(r.status, 403)
        self.assertIn("jeton anti-CSRF", r.text())
        self.assertEqual(self.detail("ehpad", EHPAD)["answers"]["GOUV-01-A"]["value"], False)
        r = c.request("POST", action, form=fields)
        self.assertEqual(r.status, 303, r)
        self.assertEqual(r.header("Location"), action + "?ok=1")
        after = self.detail("ehpad", EHPAD)
        self.assertEqual(after["answers"]["GOUV-01-A"],
                         {"value": True, "comment": "note de la direction du 3 mars",
                          "version": before["answers"]["GOUV-01-A"]["version"] + 1})
        # the mesure prioritaire now achieved: the result follows, on the page too
        self.assertEqual(after["result"]["priority_achieved"],
                         before["result"]["priority_achieved"] + 1)
        self.assertGreater(after["result"]["global_score"], before["result"]["global_score"])
        self.assertGreater(after["result"]["domains"]["GOUV"], before["result"]["domains"]["GOUV"])
        after_page = self.result_on(self.get("ehpad", action + "?ok=1").text())
        self.assertEqual(before_page["prioritaires"], "2/9 atteintes")
        self.assertEqual(after_page["prioritaires"], "3/9 atteintes")
        self.assertNotEqual(after_page["score"], before_page["score"])
        hist = c.api("GET", est_path(EHPAD) + "/history").json()
        self.assertTrue([e for e in hist if e["who"] == "ehpad" and e["what"] == "GOUV-01-A"], hist)
        # the same through the API, the way app.js saves (with the CSRF header)
        r = c.put_answer(C, EHPAD, "DUI-01-A", "deploye")
        self.assertEqual(r.status, 200, r)
        self.assertGreater(r.json()["result"]["domains"]["DUI"], 0)
        r = c.api("PUT", est_path(EHPAD) + "/answers/DUI-01-B", {"value": 50}, csrf=False)
        self.assertEqual(r.status, 403)

    def test_save_and_continue_skips_home_care(self):
        # POSTE, then MOBIL in the référentiel's order: the EHPAD goes on to RESEAU
        action = page_path(EHPAD, "/d/POSTE")
        fields = dict([f for f in webtest.page_forms(self.get("ehpad", action).text())
                       if f[0] == action][0][1])
        fields["suite"] = "1"
        r = self.clients["ehpad"].request("POST", action, form=fields)
        self.assertEqual(r.status, 303, r)
        self.assertEqual(r.header("Location"), page_path(EHPAD, "/d/RESEAU"))


class TestReadOnlyNotices(EsmsCase):
    """The ARS reads the ESMS's pages: the notices name the référent cybersécurité; the
    sanitaire campaign's, the RSSI."""

    def test_read_only_notice(self):
        for p in (page_path(EHPAD), page_path(EHPAD, "/d/GOUV"), page_path(SSIAD)):
            with self.subTest(page=p):
                html = self.get("ars11", p).text()
                m = re.search(r'<p class="notice" id="lecture-seule">([^<]*)</p>', html)
                self.assertIsNotNone(m, html[:2000])
                self.assertEqual(htmlmod.unescape(m.group(1)), READ_ONLY)
                self.assertNotIn("RSSI", text_of(html))
        # the control: the words follow the establishment's sector
        html = self.get("ars11", page_path(HOSPITAL, campaign=SANITAIRE_CAMPAIGN)).text()
        self.assertIn(READ_ONLY_SANITAIRE, htmlmod.unescape(html))
        self.assertNotIn("référent cybersécurité", htmlmod.unescape(html))
        # the EHPAD's own account writes: no such notice
        self.assertNotIn('id="lecture-seule"', self.get("ehpad", page_path(EHPAD)).text())

    def test_submit_refused_to_the_ars(self):
        ars = self.clients["ars11"]
        r = ars.api("POST", est_path(EHPAD) + "/submit")
        self.assertEqual(r.status, 403, r)
        self.assertEqual(r.json()["error"], SUBMIT_REFUSED)
        r = ars.request("POST", page_path(EHPAD, "/soumettre"), form={"csrf_token": ars.csrf})
        self.assertEqual(r.status, 403)
        self.assertIn(SUBMIT_REFUSED, htmlmod.unescape(r.text()))
        r = ars.api("POST", est_path(HOSPITAL, SANITAIRE_CAMPAIGN) + "/submit")
        self.assertEqual(r.status, 403, r)
        self.assertEqual(r.json()["error"], SUBMIT_REFUSED_SANITAIRE)
        self.assertEqual(self.detail("ars11", EHPAD)["status"], "draft")

    def test_submitted_then_reopened(self):
        ars = self.clients["ars11"]
        html = self.get("ars11", page_path(MAS)).text()
        self.assertIn(SUBMITTED, htmlmod.unescape(html))
        self.assertIn(page_path(MAS, "/rouvrir"), html)
        r = ars.request("POST", page_path(MAS, "/rouvrir"), form={"csrf_token": ars.csrf})
        self.assertEqual(r.status, 303, r)
        self.assertEqual(r.header("Location"), page_path(MAS, "?ok=rouvert"))
        html = self.get("ars11", r.header("Location")).text()
        self.assertIn(REOPENED, htmlmod.unescape(html))
        self.assertNotIn("RSSI", text_of(html))
        self.assertEqual(self.detail("ars11", MAS)["status"], "draft")


class TestScope(EsmsCase):
    """The same rules as on a sanitaire campaign: outside the scope, exactly a 404 of what
    does not exist."""

    def test_ehpad_account_sees_its_establishment_only(self):
        c = self.clients["ehpad"]
        nf = c.api("GET", est_path(NONE_FINESS))
        self.assertEqual(nf.status, 404)
        self.assertEqual(nf.json()["error"], NOT_FOUND)
        nf_page = c.request("GET", page_path(NONE_FINESS))
        nf_domain = c.request("GET", page_path(NONE_FINESS, "/d/GOUV"))
        for f in (SSIAD, MAS, OTHER):
            with self.subTest(finess=f):
                r = c.api("GET", est_path(f))
                self.assertEqual((r.status, r.body), (404, nf.body))
                self.assertEqual(c.api("GET", est_path(f) + "/history").status, 404)
                r = c.put_answer(C, f, "GOUV-01-A", True)
                self.assertEqual((r.status, r.json()["error"]), (404, NOT_FOUND))
                self.assertEqual(c.api("POST", est_path(f) + "/submit").status, 404)
                r = c.request("GET", page_path(f))
                self.assertEqual((r.status, r.body), (404, nf_page.body))
                r = c.request("GET", page_path(f, "/d/GOUV"))
                self.assertEqual((r.status, r.body), (404, nf_domain.body))
                r = c.request("POST", page_path(f, "/d/GOUV"),
                              form={"csrf_token": c.csrf, "v_GOUV-01-A": "oui"})
                self.assertEqual(r.status, 404)
                for p in ("/revue", "/rapport", "/historique"):
                    self.assertEqual(c.request("GET", page_path(f, p)).status, 404, p)
        self.assertEqual(self.detail("ars11", SSIAD)["answers"]["GOUV-01-A"]["value"], True)
        listed = c.api("GET", "/campaigns/%s/establishments" % C).json()
        self.assertEqual([e["finess"] for e in listed], [EHPAD])
        self.assertEqual(set(re.findall(r"/c/%s/e/(\d{9})" % C, self.get("ehpad", "/c/" + C).text())),
                         {EHPAD})
        # the workbooks are the ARS's
        r = c.request("GET", "/c/%s/telecharger/scores.xlsx" % C)
        self.assertEqual(r.status, 403)

    def test_ars_of_another_region(self):
        ars84 = self.clients["ars84"]
        for f in REGION11:
            self.assertEqual(ars84.api("GET", est_path(f)).status, 404, f)
            self.assertEqual(ars84.request("GET", page_path(f)).status, 404, f)
        self.assertEqual(self.clients["ars11"].api("GET", est_path(OTHER)).status, 404)
        listed = ars84.api("GET", "/campaigns/%s/establishments" % C).json()
        self.assertEqual([e["finess"] for e in listed], [OTHER])


class TestArs(EsmsCase):
    """The ARS's table and workbooks on the ESMS campaign."""

    XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"

    def workbook(self, name):
        r = self.get("ars11", "/c/%s/telecharger/%s" % (C, name))
        self.assertEqual(r.header("Content-Type"), self.XLSX)
        self.assertEqual(r.header("Content-Disposition"),
                         'attachment; filename="%s-region-11-%s"' % (C, name))
        import openpyxl
        wb = openpyxl.load_workbook(io.BytesIO(r.body))
        return wb

    def rows(self, wb, sheet):
        values = list(wb[sheet].iter_rows(values_only=True))
        return values[0], [dict(zip(values[0], v)) for v in values[1:]]

    def cli_csv(self, *args):
        out = webtest.run(list(args) + ["--db", self.server.db, "--format", "csv"]).stdout
        return list(csv.DictReader(io.StringIO(out)))

    def test_campaign_table(self):
        r = self.get("ars11", "/c/" + C)
        html, text = r.text(), text_of(r.text())
        self.assertEqual(set(re.findall(r"/c/%s/e/(\d{9})" % C, html)), REGION11)
        self.assertIn("3 établissements", text)
        for name in ("EHPAD Les Glycines", "SSIAD du Val de Bièvre", "MAS Les Peupliers"):
            self.assertIn(name, text)
        self.assertNotIn("Le Belvédère", text)
        self.assertNotIn(OTHER, html)
        self.assertIn(EHPAD_LABEL + " 500", text)
        self.assertIn("SSIAD (Service de soins infirmiers à domicile) 354", text)
        listed = self.clients["ars11"].api("GET", "/campaigns/%s/establishments" % C).json()
        self.assertEqual({e["finess"] for e in listed}, REGION11)
        self.assertEqual({e["category"] for e in listed}, {"500", "354", "255"})
        # the chase list: the MAS is submitted and complete, the EHPAD has unanswered questions
        late = set(re.findall(r"/c/%s/e/(\d{9})" % C, self.get("ars11", "/c/%s?retard=1" % C).text()))
        self.assertIn(EHPAD, late)
        self.assertNotIn(MAS, late)
        # the campaigns: the ESMS one with its référentiel, apart from the sanitaire one
        home = text_of(self.get("ars11", "/").text())
        self.assertIn("Campagne 2025 \u2014 maturinh-esms 2025.1", home)
        self.assertIn("Campagne 2025-sanitaire \u2014 maturinh-cyber", home)

    def test_workbooks(self):
        _, rows = self.rows(self.workbook("relance.xlsx"), "status")
        self.assertEqual({row["finess"] for row in rows}, REGION11)
        header, rows = self.rows(self.workbook("scores.xlsx"), "score")
        self.assertEqual({row["finess"] for row in rows}, REGION11)
        # the scores of `maturinh score --campaign 2025 -f csv`, for the same database
        cli = {row["finess"]: row for row in self.cli_csv("score", "--campaign", C)}
        self.assertEqual(set(cli), REGION11 | {OTHER})
        self.assertEqual([h for h in cli[EHPAD] if h.startswith("domain:")],
                         ["domain:" + d for d in ESMS_TITLES])
        compared = 0
        for row in rows:
            want = cli[row["finess"]]
            for column, value in want.items():
                if column not in header or column == "finess":
                    continue
                with self.subTest(finess=row["finess"], column=column):
                    if column in ("campaign", "status"):
                        self.assertEqual(row[column], value)
                    elif value == "":
                        self.assertIn(row[column], (None, ""))
                    else:
                        self.assertAlmostEqual(float(row[column]), float(value), places=6)
                        compared += 1
        self.assertGreaterEqual(compared, 3 * 10)
        self.assertIn("domain:MOBIL", header)
        mobil = {row["finess"]: row["domain:MOBIL"] for row in rows}
        self.assertIsNone(mobil[EHPAD])
        self.assertIsNotNone(mobil[SSIAD])
        labels = {row["finess"]: row["category_label"] for row in rows}
        self.assertEqual(labels[EHPAD], EHPAD_LABEL)
        header, rows = self.rows(self.workbook("classement.xlsx"), "rank")
        self.assertTrue({row["finess"] for row in rows} <= REGION11)
        self.assertEqual([row["finess"] for row in rows],
                         [row["finess"] for row in self.cli_csv("rank", "--campaign", C,
                                                                "--scope", "region:11")])


class TestApi(EsmsCase):
    """The JSON API gives the ESMS référentiel's campaign, domains and questions."""

    def test_campaign_and_domains(self):
        campaigns = {c["id"]: c for c in self.clients["ehpad"].api("GET", "/campaigns").json()}
        self.assertEqual(campaigns[C]["referentiel"], {"id": "maturinh-esms", "version": "2025.1"})
        self.assertEqual(campaigns[C]["reference_date"], REFERENCE_DATE)
        d = self.detail("ehpad", EHPAD)
        self.assertEqual(list(d["result"]["domains"]), list(ESMS_TITLES))
        self.assertEqual(len(ESMS_TITLES), 10)
        self.assertEqual(sorted(d["answers"]), sorted(ASKED[EHPAD]))
        self.assertEqual(d["profile"]["category"], "500")
        self.assertEqual(d["profile"]["beds"], 80)
        self.assertEqual(d["result"]["priority_total"], 9)
        self.assertIsNotNone(d["result"]["level_label"])
        for ident in d["result"]["domains"]:
            self.assertNotIn(ident, set(SANITAIRE_TITLES) - set(ESMS_TITLES))
        # the plan speaks of the ESMS criteria
        self.assertTrue(d["result"]["plan"])
        self.assertTrue(all(p["criterion"].split("-")[0] in ESMS_TITLES for p in d["result"]["plan"]))
        # an indicator of the sanitaire référentiel is not one of this campaign
        r = self.clients["ehpad"].put_answer(C, EHPAD, "IAM-02-A", 50)
        self.assertEqual(r.status, 404)


if __name__ == "__main__":
    unittest.main()
