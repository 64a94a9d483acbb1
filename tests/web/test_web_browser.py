"""test_web_browser.py: maturinh serve in a real browser (Chromium, through Selenium).

What a person does with the pages, with JavaScript on (each answer saved as
it is given, the result following) and off (the forms post to the server):
a CISO logs in, answers on two domain pages, reloads and finds the answers,
meets a French message for a refused value, leaves a comment made of markup
that must stay text, submits and finds the questionnaire read-only; two
people changing the same answer meet a conflict, never a silent overwrite;
an ARS analyst reads the table of the region, sorts and filters it.

A screenshot (PNG) is taken at each step into MH_SCREENSHOTS (default: a
folder under the temporary directory); the path is printed.

Needs Debian's chromium, chromium-driver and python3-selenium; without them
(or when Chromium cannot start) every test is skipped, and run as a program
the file exits 77 (ctest: SKIP_RETURN_CODE).  Environment as webtest.py
says (MATURINH, MATURINH_SOURCE_DIR, MATURINH_LOCALEDIR).
"""
import os
import re
import shutil
import sys
import tempfile
import unittest

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import webtest  # noqa: E402

try:
    from selenium import webdriver
    from selenium.common.exceptions import NoAlertPresentException, WebDriverException
    from selenium.webdriver.chrome.service import Service
    from selenium.webdriver.common.by import By
    from selenium.webdriver.common.keys import Keys
    from selenium.webdriver.support.ui import WebDriverWait
    SELENIUM = None
except ImportError as e:  # python3-selenium missing
    SELENIUM = "python3-selenium is not installed (%s)" % e

CHROMIUM = os.environ.get("MH_CHROMIUM", shutil.which("chromium") or "/usr/bin/chromium")
CHROMEDRIVER = os.environ.get("MH_CHROMEDRIVER", shutil.which("chromedriver") or "/usr/bin/chromedriver")
SHOTS = os.environ.get("MH_SCREENSHOTS") or os.path.join(tempfile.gettempdir(), "maturinh-web-browser-screenshots")

CAMPAIGN = "2025"
FINESS = "920014503"  # rssi1's establishment, submitted in the fixtures
ESTABLISHMENT = "/c/%s/e/%s" % (CAMPAIGN, FINESS)
COMMENT = '<script>alert("x")</script> & <b>gras</b>'
WAIT = 20  # seconds a page or a save may take before the test gives up (not an assertion on time)


def new_driver(javascript=True):
    options = webdriver.ChromeOptions()
    options.binary_location = CHROMIUM
    for a in ("--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
              "--disable-background-networking", "--disable-component-update", "--disable-sync",
              "--disable-dev-shm-usage", "--lang=fr-FR", "--window-size=1300,1800"):
        options.add_argument(a)
    profile = tempfile.mkdtemp(prefix="mh-chromium-")
    options.add_argument("--user-data-dir=" + profile)
    prefs = {"intl.accept_languages": "fr-FR,fr"}
    if not javascript:
        prefs["profile.managed_default_content_settings.javascript"] = 2
    options.add_experimental_option("prefs", prefs)
    driver = webdriver.Chrome(service=Service(CHROMEDRIVER), options=options)
    driver.mh_profile = profile
    return driver


def quit_driver(driver):
    try:
        driver.quit()
    finally:
        shutil.rmtree(driver.mh_profile, ignore_errors=True)


_unavailable = []


def browser_unavailable():
    """Why the browser tests cannot run here, or None."""
    if _unavailable:
        return _unavailable[0]
    reason = SELENIUM
    if reason is None and not os.access(CHROMIUM, os.X_OK):
        reason = "chromium not found (%s)" % CHROMIUM
    if reason is None and not os.access(CHROMEDRIVER, os.X_OK):
        reason = "chromedriver not found (%s)" % CHROMEDRIVER
    if reason is None:
        try:
            quit_driver(new_driver())
        except WebDriverException as e:
            reason = "Chromium does not start: %s" % str(e).strip().splitlines()[0]
    _unavailable.append(reason)
    return reason


def fixture_finess(region):
    """The FINESS of the fixture establishments of `region`, read from the fixture files."""
    found = set()
    for path in webtest.fixture_answers():
        with open(path, encoding="utf-8") as f:
            text = f.read()
        for doc in text.split("\n---"):
            m = re.search(r'finess:\s*"?(\d{9})"?', doc)
            r = re.search(r'region:\s*"?(\w+)"?', doc)
            if m and r and r.group(1) == region:
                found.add(m.group(1))
    return found


def french_number(text):
    text = text.strip().replace("\u00a0", "").replace(",", ".")
    try:
        return float(text)
    except ValueError:
        return None


class BrowserTest(unittest.TestCase):
    javascript = True

    @classmethod
    def setUpClass(cls):
        reason = browser_unavailable()
        if reason:
            raise unittest.SkipTest(reason)
        os.makedirs(SHOTS, exist_ok=True)

    def setUp(self):
        self.server = webtest.Server().start()
        self.addCleanup(self.server.cleanup)
        self.drivers = []
        self.shot_count = 0
        self.driver = self.browser()

    def tearDown(self):
        # the last state of each browser, most useful when a step failed
        for i, d in enumerate(self.drivers):
            try:
                self.shot("fin" if i == 0 else "fin-%d" % (i + 1), d)
            except WebDriverException:
                pass
        for d in self.drivers:
            quit_driver(d)

    def browser(self):
        d = new_driver(self.javascript)
        self.drivers.append(d)
        return d

    # ---- helpers ----

    def shot(self, step, driver=None):
        """A PNG of the whole page into SHOTS: NAME-NN-STEP.png."""
        d = driver or self.driver
        self.shot_count += 1
        name = "%s-%s-%02d-%s.png" % (type(self).__name__, self._testMethodName.replace("test_", ""),
                                      self.shot_count, step)
        try:
            height = d.execute_script("return document.documentElement.scrollHeight")
        except WebDriverException:
            height = None
        if height:
            d.set_window_size(1300, max(900, min(int(height) + 40, 12000)))
            d.execute_script("window.scrollTo(0, 0)")
        d.save_screenshot(os.path.join(SHOTS, name))
        if height:
            d.set_window_size(1300, 1800)

    def get(self, path, driver=None):
        d = driver or self.driver
        d.get(self.server.url(path))
        self.no_alert(d)
        return d

    def no_alert(self, driver=None):
        d = driver or self.driver
        try:
            alert = d.switch_to.alert
            text = alert.text
            alert.dismiss()
            self.fail("a JavaScript alert ran: %r" % text)
        except NoAlertPresentException:
            pass

    def login(self, login, driver=None):
        d = driver or self.driver
        self.get("/login", d)
        self.shot("login-" + login, d)
        d.find_element(By.ID, "login").send_keys(login)
        d.find_element(By.ID, "password").send_keys(webtest.password(login))
        self.follow(d.find_element(By.CSS_SELECTOR, "form.login button[type=submit]"), d)
        WebDriverWait(d, WAIT).until(lambda x: not x.current_url.endswith("/login"))
        self.assertEqual(d.current_url, self.server.url("/"))
        names = {a[0]: a[3] for a in webtest.ACCOUNTS}
        self.assertIn(names.get(login) or login, d.find_element(By.CSS_SELECTOR, "header .who").text)

    def api_client(self, login):
        c = webtest.Client(self.server)
        self.assertEqual(c.login(login).status, 303)
        self.addCleanup(c.close)
        return c

    def stored(self, client=None):
        c = client or self.api_client("nat")
        r = c.api("GET", "/campaigns/%s/establishments/%s" % (CAMPAIGN, FINESS))
        self.assertEqual(r.status, 200, r)
        return r.json()

    def reopen(self):
        nat = self.api_client("nat")
        r = nat.api("POST", "/campaigns/%s/establishments/%s/reopen" % (CAMPAIGN, FINESS))
        self.assertEqual(r.status, 200, r)
        self.assertEqual(self.stored(nat)["status"], "draft")

    def field(self, name, driver=None):
        return self.visible((driver or self.driver).find_element(By.NAME, name))

    def radio(self, indicator, value, driver=None):
        return self.visible((driver or self.driver).find_element(
            By.CSS_SELECTOR, 'input[type=radio][name="v_%s"][value="%s"]' % (indicator, value)))

    def visible(self, el):
        """Scrolls `el` to the middle of the window, as a person would before clicking it
        (at the bottom edge the sticky bar of buttons covers it)."""
        el.parent.execute_script("arguments[0].scrollIntoView({block: 'center'})", el)
        return el

    def message(self, indicator, driver=None):
        return (driver or self.driver).find_element(By.ID, "m-" + indicator)

    def wait_message(self, indicator, predicate, driver=None):
        d = driver or self.driver
        WebDriverWait(d, WAIT).until(lambda x: predicate(self.message(indicator, x).text))
        return self.message(indicator, d).text

    def wait_saved(self, indicator, driver=None):
        return self.wait_message(indicator, lambda t: t == "Enregistré", driver)

    def type_into(self, name, text, driver=None):
        el = self.field(name, driver)
        # the text replaces the selection, as a person types over a value: no empty field
        # meanwhile (an empty field is an answer cleared, and app.js would save it)
        el.send_keys(Keys.CONTROL, "a")
        el.send_keys(text)
        return el

    def blur(self, driver=None):
        """Moves the focus away (a text field's change event fires)."""
        (driver or self.driver).find_element(By.TAG_NAME, "h2").click()

    def follow(self, el, driver=None):
        """Clicks `el` (a link, a submit button) and waits for the page it leads to."""
        d = driver or self.driver
        old = d.find_element(By.TAG_NAME, "html")
        self.visible(el).click()
        WebDriverWait(d, WAIT).until(lambda x: old.id != x.find_element(By.TAG_NAME, "html").id)
        WebDriverWait(d, WAIT).until(lambda x: x.execute_script("return document.readyState") == "complete")
        self.no_alert(d)

    def press_save(self, driver=None):
        d = driver or self.driver
        self.follow(d.find_element(By.CSS_SELECTOR, ".buttons button:not([name])"), d)

    def domain(self, name, driver=None):
        return self.get(ESTABLISHMENT + "/d/" + name, driver)

    def score(self, driver=None):
        return (driver or self.driver).find_element(By.ID, "score").text

    def assert_javascript_state(self):
        form = self.driver.find_element(By.CSS_SELECTOR, "form.questionnaire")
        classes = (form.get_attribute("class") or "").split()
        if self.javascript:
            self.assertIn("autosave", classes, "app.js did not run")
        else:
            self.assertNotIn("autosave", classes, "JavaScript ran although disabled")


class QuestionnaireFlow(BrowserTest):
    """The CISO's questionnaire, from login to submission (JavaScript on)."""

    def save_answers(self, changes, invalid=None):
        """Gives `changes` [(kind, name, value)] on the current page and saves them."""
        for kind, indicator, value in changes:
            if kind == "radio":
                self.radio(indicator, value).click()
                if self.javascript:
                    self.wait_saved(indicator)
            elif kind == "text":
                self.type_into("v_" + indicator, value)
                if self.javascript:
                    self.blur()
                    self.wait_saved(indicator)
            elif kind == "comment":
                self.type_into("c_" + indicator, value)
                if self.javascript:
                    self.blur()
                    self.wait_saved(indicator)
        if invalid is not None:
            indicator, value = invalid
            self.type_into("v_" + indicator, value)
            if self.javascript:
                self.blur()
                return self.wait_message(indicator, lambda t: t not in ("", "Enregistrement\u2026"))
            self.press_save()
            self.assertTrue(self.driver.find_element(By.ID, "erreurs").is_displayed())
            return self.message(indicator).text
        if not self.javascript:
            self.press_save()
            self.assertEqual(self.driver.find_elements(By.ID, "erreurs"), [])
            self.assertTrue(self.driver.find_element(By.ID, "enregistre").is_displayed())
        return None

    def test_answer_reload_comment_submit(self):
        self.reopen()
        self.login("rssi1")
        self.shot("accueil")
        self.follow(self.driver.find_element(By.LINK_TEXT, "Clinique des Tilleuls"))
        self.assertEqual(self.driver.current_url, self.server.url(ESTABLISHMENT))
        self.assertIn("questionnaire en cours", self.driver.find_element(By.CSS_SELECTOR, ".status").text)
        self.assertEqual(self.driver.find_elements(By.ID, "lecture-seule"), [])
        self.shot("etablissement")

        # GOUV: a radio, a percent with a decimal comma, a comment made of markup
        self.domain("GOUV")
        self.assert_javascript_state()
        self.assertTrue(self.radio("GOUV-01-A", "non").is_selected())
        score_before = self.score()
        self.shot("gouv-avant")
        self.save_answers([("radio", "GOUV-01-A", "oui"), ("text", "GOUV-04-A", "7,5"),
                           ("comment", "GOUV-03-A", COMMENT)])
        if self.javascript:
            # the result follows without reloading the page
            WebDriverWait(self.driver, WAIT).until(lambda d: self.score(d) != score_before)
        self.shot("gouv-enregistre")

        # a refused value: the French message next to the field, nothing stored for it
        message = self.save_answers([], invalid=("GOUV-01-B", "douze"))
        self.assertNotEqual(message.strip(), "")
        self.assertNotIn("Enregistr", message)
        self.assertRegex(message, r"[éèàç]|nombre|entier|valeur|réponse", "not a French message: %r" % message)
        self.assertNotRegex(message, r"\b(the|must|should|expected|integer)\b", "English message: %r" % message)
        self.assertIn("invalid", self.driver.find_element(By.ID, "q-GOUV-01-B").get_attribute("class"))
        self.assertIn("error", self.message("GOUV-01-B").get_attribute("class"))
        self.shot("gouv-refus")
        percent = self.save_answers([], invalid=("GOUV-05-B", "150"))
        self.assertNotEqual(percent.strip(), "")
        self.assertNotRegex(percent, r"\b(the|must|should|between)\b", "English message: %r" % percent)
        self.shot("gouv-refus-pourcentage")
        answers = self.stored()["answers"]
        self.assertEqual(answers["GOUV-01-B"]["value"], 1, "a refused value was stored")
        self.assertEqual(answers["GOUV-05-B"]["value"], 61, "a refused value was stored")
        self.assertIs(answers["GOUV-01-A"]["value"], True)
        self.assertEqual(answers["GOUV-04-A"]["value"], 7.5)
        self.assertEqual(answers["GOUV-03-A"]["comment"], COMMENT)

        # a second domain
        self.domain("CRISE")
        self.assert_javascript_state()
        self.save_answers([("radio", "CRISE-02-B", "oui"), ("text", "CRISE-03-A", "80")])
        self.shot("crise-enregistre")
        answers = self.stored()["answers"]
        self.assertIs(answers["CRISE-02-B"]["value"], True)
        self.assertEqual(answers["CRISE-03-A"]["value"], 80)

        # reloaded, both pages show what was saved; the comment is text in its box
        self.domain("GOUV")
        self.assertTrue(self.radio("GOUV-01-A", "oui").is_selected())
        self.assertFalse(self.radio("GOUV-01-A", "non").is_selected())
        self.assertEqual(self.field("v_GOUV-04-A").get_attribute("value"), "7,5")
        self.assertEqual(self.field("v_GOUV-01-B").get_attribute("value"), "1")
        self.assertEqual(self.field("v_GOUV-05-B").get_attribute("value"), "61")
        self.assertEqual(self.field("c_GOUV-03-A").get_attribute("value"), COMMENT)
        self.assertEqual(self.driver.find_elements(By.CSS_SELECTOR, "main b, main script"), [])
        self.assertEqual(self.message("GOUV-01-B").text, "")
        self.shot("gouv-recharge")
        self.domain("CRISE")
        self.assertTrue(self.radio("CRISE-02-B", "oui").is_selected())
        self.assertEqual(self.field("v_CRISE-03-A").get_attribute("value"), "80")
        self.shot("crise-recharge")

        # the history shows the comment as text, with its author
        self.get(ESTABLISHMENT + "/historique")
        table = self.driver.find_element(By.ID, "historique")
        self.assertIn(COMMENT, table.text)
        self.assertEqual(table.find_elements(By.CSS_SELECTOR, "b, script"), [])
        rows = [r.text for r in table.find_elements(By.CSS_SELECTOR, "tbody tr") if COMMENT in r.text]
        self.assertEqual(len(rows), 1, rows)
        self.assertIn("rssi1", rows[0])
        self.assertIn("GOUV-03-A", rows[0])
        self.no_alert()
        self.shot("historique")

        # an answer cleared: the review lists it and offers no submission
        self.domain("GOUV")
        self.save_answers([("radio", "GOUV-03-A", "")])
        self.assertIsNone(self.stored()["answers"].get("GOUV-03-A", {}).get("value"))
        self.get(ESTABLISHMENT + "/revue")
        missing = self.driver.find_element(By.ID, "sans-reponse").text
        self.assertIn("GOUV-03-A", missing)
        self.assertEqual(self.driver.find_elements(By.ID, "soumettre"), [])
        self.shot("revue-incomplete")
        # following the link of the list leads to the question
        self.follow(self.driver.find_element(By.CSS_SELECTOR, "#sans-reponse a"))
        self.assertIn("/d/GOUV", self.driver.current_url)
        self.save_answers([("radio", "GOUV-03-A", "oui")])
        self.get(ESTABLISHMENT + "/revue")
        # what is left is the free-text questions the fixture left empty (submit wants them too)
        left = [a.text.split()[0] for a in self.driver.find_elements(By.CSS_SELECTOR, "#sans-reponse a")]
        self.assertNotIn("GOUV-03-A", left)
        rssi = self.api_client("rssi1")
        for ind in left:
            r = rssi.put_answer(CAMPAIGN, FINESS, ind, "Précisé pendant le test")
            self.assertEqual(r.status, 200, r)
        self.get(ESTABLISHMENT + "/revue")
        self.assertEqual(self.driver.find_element(By.ID, "sans-reponse").text.strip(), "")
        self.assertTrue(self.driver.find_element(By.ID, "complet").is_displayed())
        self.shot("revue-complete")
        self.follow(self.driver.find_element(By.ID, "soumettre"))
        WebDriverWait(self.driver, WAIT).until(lambda d: "ok=soumis" in d.current_url)
        self.assertTrue(self.driver.find_element(By.ID, "lecture-seule").is_displayed())
        self.shot("soumis")
        self.assertEqual(self.stored()["status"], "submitted")

        # read-only: every field of a domain page disabled, no save button
        self.domain("GOUV")
        self.assertTrue(self.driver.find_element(By.ID, "lecture-seule").is_displayed())
        fields = self.driver.find_elements(By.CSS_SELECTOR, "form.questionnaire input:not([type=hidden]), "
                                                            "form.questionnaire textarea")
        self.assertGreater(len(fields), 5)
        for el in fields:
            self.assertFalse(el.is_enabled(), el.get_attribute("name"))
        self.assertEqual(self.driver.find_elements(By.CSS_SELECTOR, ".buttons button"), [])
        self.shot("lecture-seule")
        # what was saved through the pages is what the API (and the CLI) reads
        answers = self.stored()["answers"]
        self.assertIs(answers["GOUV-01-A"]["value"], True)
        self.assertIs(answers["GOUV-03-A"]["value"], True)
        self.assertEqual(answers["GOUV-03-A"]["comment"], COMMENT)


class QuestionnaireFlowNoJavaScript(QuestionnaireFlow):
    """The same flow, JavaScript disabled: the forms post, "Enregistrer" saves."""
    javascript = False


class Conflict(BrowserTest):
    """Two people change the same answer: the second one is told, nothing is overwritten."""

    def test_second_save_is_a_conflict(self):
        self.reopen()
        self.login("rssi1")
        self.domain("GOUV")
        self.assert_javascript_state()
        self.assertTrue(self.radio("GOUV-01-A", "non").is_selected())
        self.shot("page-ouverte")
        # meanwhile, the same answer changed elsewhere (another session of rssi1)
        other = self.api_client("rssi1")
        version = self.stored(other)["answers"]["GOUV-01-A"]["version"]
        self.assertEqual(int(self.field("ver_GOUV-01-A").get_attribute("value")), version)
        r = other.put_answer(CAMPAIGN, FINESS, "GOUV-01-A", None, version=version)
        self.assertEqual(r.status, 200, r)
        # this page still shows "non"; choosing "oui" is a change made over a stale version
        self.radio("GOUV-01-A", "oui").click()
        if self.javascript:
            text = self.wait_message("GOUV-01-A", lambda t: t not in ("", "Enregistrement\u2026"))
        else:
            self.press_save()
            self.assertTrue(self.driver.find_element(By.ID, "erreurs").is_displayed())
            text = self.message("GOUV-01-A").text
        self.assertIn("entre-temps", text)
        self.assertIn("error", self.message("GOUV-01-A").get_attribute("class"))
        self.shot("conflit")
        self.assertNotIn("GOUV-01-A", {k: v for k, v in self.stored()["answers"].items()
                                       if v.get("value") is not None},
                         "the other change was overwritten")
        # what the person chose is kept on the page; saving again, knowingly, keeps it
        self.assertTrue(self.radio("GOUV-01-A", "oui").is_selected())
        if self.javascript:
            self.radio("GOUV-01-A", "non").click()
            self.wait_saved("GOUV-01-A")
            self.radio("GOUV-01-A", "oui").click()
            self.wait_saved("GOUV-01-A")
        else:
            self.press_save()
            self.assertEqual(self.driver.find_elements(By.ID, "erreurs"), [])
        self.shot("conflit-resolu")
        self.assertIs(self.stored()["answers"]["GOUV-01-A"]["value"], True)

    def test_two_browsers(self):
        self.reopen()
        second = self.browser()
        self.login("rssi1")
        self.login("rssi1", second)
        self.domain("CRISE")
        self.domain("CRISE", second)
        self.radio("CRISE-02-B", "oui").click()
        if self.javascript:
            self.wait_saved("CRISE-02-B")
        else:
            self.press_save()
        self.shot("premier")
        # the second page still shows "non"; "sans réponse" there is a change over a stale version
        self.radio("CRISE-02-B", "", second).click()
        if self.javascript:
            text = self.wait_message("CRISE-02-B", lambda t: t not in ("", "Enregistrement\u2026"), second)
        else:
            self.press_save(second)
            text = self.message("CRISE-02-B", second).text
        self.assertIn("entre-temps", text)
        # what is stored now is told in words ("oui"), as the page writes it
        self.assertRegex(text, r"enregistrée[^:]*: oui\b")
        self.shot("second-conflit", second)
        self.assertIs(self.stored()["answers"]["CRISE-02-B"]["value"], True)


class ConflictNoJavaScript(Conflict):
    javascript = False


class Carried(BrowserTest):
    """Next year's campaign started from this one: last year's answers beside
    empty fields, "à confirmer", each made an answer by its Confirmer button."""

    def test_confirm_a_carried_answer(self):
        webtest.run(["campaign", "--db", self.server.db, "--campaign", "2026", "--from", CAMPAIGN,
                     "--reference-date", "2026-06-30"])
        self.login("rssi1")
        self.get("/c/2026/e/%s/d/GOUV" % FINESS)
        carried = self.visible(self.driver.find_element(By.ID, "r-GOUV-01-A"))
        self.assertIn("Reprise de 2025 \u2014 à confirmer", carried.text)
        self.assertIn("non", carried.text)
        # the field is empty: the carried answer is not an answer
        self.assertFalse(self.radio("GOUV-01-A", "non").is_selected())
        self.assertTrue(self.radio("GOUV-01-A", "").is_selected())
        self.shot("reprise")
        self.follow(carried.find_element(By.CSS_SELECTOR, "button.confirm"))
        self.assertIn("/c/2026/e/%s/d/GOUV" % FINESS, self.driver.current_url)
        self.assertEqual(self.driver.find_elements(By.ID, "r-GOUV-01-A"), [])
        self.assertTrue(self.radio("GOUV-01-A", "non").is_selected())
        self.assertTrue(self.driver.find_elements(By.ID, "r-GOUV-01-B"))
        self.shot("confirmee")
        c = self.api_client("rssi1")
        d = c.api("GET", "/campaigns/2026/establishments/%s" % FINESS).json()
        self.assertIs(d["answers"]["GOUV-01-A"]["value"], False)
        self.assertNotIn("GOUV-01-A", d["carried"])
        self.assertIn("GOUV-01-B", d["carried"])


class CarriedNoJavaScript(Carried):
    javascript = False


class RegionTable(BrowserTest):
    """An ARS analyst reads the region's table, sorts it, filters it."""

    def rows(self):
        table = self.driver.find_element(By.ID, "etablissements")
        out = []
        for tr in table.find_elements(By.CSS_SELECTOR, "tbody tr"):
            cells = [td.text for td in tr.find_elements(By.TAG_NAME, "td")]
            if len(cells) >= 9:
                out.append(cells)
        return out

    def test_region_table(self):
        self.login("ars11")
        self.shot("accueil")
        self.follow(self.driver.find_element(By.PARTIAL_LINK_TEXT, "Campagne 2025"))
        self.assertEqual(self.driver.current_url, self.server.url("/c/2025"))
        rows = self.rows()
        self.shot("tableau")
        region11 = fixture_finess("11")
        self.assertGreater(len(region11), 2)
        self.assertEqual({r[0] for r in rows}, region11)
        self.assertEqual({r[3] for r in rows}, {"Île-de-France"}, "the region by its name")
        for r in rows:  # the category by its label, the code beside it
            self.assertRegex(r[2], r" [0-9]{3}$", r)
        links = {a.get_attribute("href").rsplit("/", 1)[1]
                 for a in self.driver.find_elements(By.CSS_SELECTOR, "p.downloads a")}
        # no campaign before 2025: nothing to compare it with, no such link
        self.assertEqual(links, {"relance.xlsx", "scores.xlsx", "classement.xlsx"})
        api = self.api_client("ars11").api("GET", "/campaigns/2025/establishments").json()
        self.assertEqual({e["finess"] for e in api}, region11)

        # sorted by score, ascending then descending (no score last)
        self.follow(self.driver.find_element(By.CSS_SELECTOR, "#etablissements thead th a[href*='tri=score']"))
        self.assertIn("tri=score", self.driver.current_url)
        scores = [french_number(r[6]) for r in self.rows()]
        defined = [s for s in scores if s is not None]
        self.assertEqual(defined, sorted(defined))
        self.assertEqual(scores[:len(defined)], defined, "an establishment without a score is not last")
        self.shot("tri-score")
        self.follow(self.driver.find_element(By.CSS_SELECTOR, "#etablissements thead th a[href*='tri=score']"))
        self.assertIn("ordre=desc", self.driver.current_url)
        scores = [french_number(r[6]) for r in self.rows()]
        defined = [s for s in scores if s is not None]
        self.assertEqual(defined, sorted(defined, reverse=True))
        self.assertEqual(self.driver.find_element(By.CSS_SELECTOR, "th[aria-sort]").get_attribute("aria-sort"),
                         "descending")
        self.shot("tri-score-desc")

        # "en retard": not submitted, or incomplete
        self.driver.find_element(By.CSS_SELECTOR, "form.filters input[name=retard]").click()
        self.follow(self.driver.find_element(By.CSS_SELECTOR, "form.filters button[type=submit]"))
        self.assertIn("retard=1", self.driver.current_url)
        late = {e["finess"] for e in api if e["status"] != "submitted" or e["completeness"] < 1}
        self.assertLess(len(late), len(region11), "the filter would show nothing to tell")
        shown = {r[0] for r in self.rows()}
        self.assertEqual(shown, late)
        for r in self.rows():
            self.assertTrue(r[4] in ("en cours", "non commencé") or "manquante" in r[5], r)
        self.assertTrue(self.driver.find_element(By.CSS_SELECTOR, "form.filters input[name=retard]").is_selected())
        self.shot("en-retard")

        # an establishment of the region opens, read-only for the ARS
        first = self.rows()[0][0]
        self.follow(self.driver.find_element(By.CSS_SELECTOR, "#etablissements tbody tr td:nth-child(2) a"))
        self.assertIn("/e/" + first, self.driver.current_url)
        self.assertTrue(self.driver.find_element(By.ID, "lecture-seule").is_displayed())
        self.shot("etablissement")
        # outside the region: not found
        other = next(iter(fixture_finess("84")))
        self.get("/c/2025/e/" + other)
        self.assertIn("Page introuvable", self.driver.find_element(By.TAG_NAME, "h1").text)


class RegionTableNoJavaScript(RegionTable):
    javascript = False


def main():
    print("maturinh web browser tests: screenshots in %s" % SHOTS, flush=True)
    reason = browser_unavailable()
    if reason:
        print("skipped: %s" % reason, flush=True)
        return 77
    os.makedirs(SHOTS, exist_ok=True)
    for f in os.listdir(SHOTS):
        if f.endswith(".png"):
            os.unlink(os.path.join(SHOTS, f))
    program = unittest.main(exit=False, verbosity=2)
    result = program.result
    print("screenshots: %s" % SHOTS, flush=True)
    if not result.wasSuccessful():
        return 1
    if result.testsRun > 0 and len(result.skipped) == result.testsRun:
        return 77
    return 0


if __name__ == "__main__":
    sys.exit(main())
