"""Makes the screenshots of the guides (docs/guide-rssi.md, docs/guide-ars.md).

    MATURINH=build/cli/maturinh MATURINH_LOCALEDIR=build/locale \\
        /usr/bin/python3 docs/img/screenshots.py [esms]

Serves the fixture establishments (tests/web/webtest.py) and takes each page
in headless Chromium (Debian's chromium, chromium-driver, python3-selenium)
at 1200 x 900, the window of a laptop; then the ESMS ones (esms-*.png): the
EHPAD of tests/web/test_web_esms.py on a campaign of the médico-social
référentiel.  With `esms`, only those.
"""
import os
import sys
import time

HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, os.path.join(HERE, "..", "..", "tests", "web"))
os.environ.setdefault("MATURINH_SOURCE_DIR", os.path.join(HERE, "..", ".."))

import webtest  # noqa: E402
from selenium import webdriver  # noqa: E402
from selenium.webdriver.chrome.options import Options  # noqa: E402
from selenium.webdriver.chrome.service import Service  # noqa: E402
from selenium.webdriver.common.by import By  # noqa: E402
from selenium.webdriver.support.ui import WebDriverWait  # noqa: E402


def browser():
    o = Options()
    for a in ("--headless --no-sandbox --disable-gpu --disable-quic --no-first-run "
              "--disable-background-networking --disable-component-update --disable-sync "
              "--lang=fr-FR --window-size=1200,900").split():
        o.add_argument(a)
    return webdriver.Chrome(service=Service("/usr/bin/chromedriver"), options=o)


def login(d, server, name):
    d.get(server.url("/login"))
    d.find_element(By.ID, "login").send_keys(name)
    d.find_element(By.ID, "password").send_keys(webtest.password(name))
    d.find_element(By.CSS_SELECTOR, "form.login button").click()
    WebDriverWait(d, 20).until(lambda d: not d.current_url.endswith("/login"))


def main():
    with webtest.Server() as server:
        nat = webtest.Client(server)
        nat.login("nat")
        assert nat.api("POST", "/campaigns/2025/establishments/920014503/reopen").status == 200
        d = browser()
        try:
            login(d, server, "rssi1")
            d.get(server.url("/c/2025/e/920014503"))
            d.save_screenshot(os.path.join(HERE, "web-etablissement.png"))
            d.get(server.url("/c/2025/e/920014503/d/GOUV"))
            field = d.find_element(By.NAME, "v_GOUV-01-B")
            d.execute_script("arguments[0].scrollIntoView({block: 'start'})",
                             d.find_element(By.ID, "q-GOUV-01-B"))
            field.clear()
            field.send_keys("douze")
            WebDriverWait(d, 20).until(
                lambda d: "error" in d.find_element(By.ID, "m-GOUV-01-B").get_attribute("class"))
            d.execute_script("window.scrollBy(0, -80)")
            time.sleep(0.3)
            d.save_screenshot(os.path.join(HERE, "web-domaine.png"))
            d.get(server.url("/c/2025/e/920014503/revue"))
            d.save_screenshot(os.path.join(HERE, "web-revue.png"))
            d.delete_all_cookies()
            login(d, server, "ars11")
            d.get(server.url("/c/2025?tri=completude&ordre=asc"))
            d.save_screenshot(os.path.join(HERE, "web-ars.png"))
        finally:
            d.quit()


def esms():
    import tempfile
    import test_web_esms

    folder = tempfile.mkdtemp(prefix="mh-shots-esms-")
    db = test_web_esms.make_esms_database(folder)
    ehpad = "/c/2025/e/%s" % test_web_esms.EHPAD
    with webtest.Server(db=db, folder=folder) as server:
        d = browser()
        try:
            login(d, server, "ehpad")
            d.get(server.url(ehpad))
            d.save_screenshot(os.path.join(HERE, "esms-etablissement.png"))
            d.get(server.url(ehpad + "/d/DUI"))
            d.save_screenshot(os.path.join(HERE, "esms-domaine.png"))
        finally:
            d.quit()


if __name__ == "__main__":
    if sys.argv[1:] != ["esms"]:
        main()
    esms()
