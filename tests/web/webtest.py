"""webtest.py: what the tests of maturinh serve share (Python's standard library only).

A Server is `maturinh serve` on a database of its own in a temporary folder:
the fixture establishments of the shipped référentiel imported (campaign
2025), and one account per role:

    rssi1   rssi      920014503 (Clinique des Tilleuls, région 11)
    rssi2   rssi      750102048 and 780009312 (région 11)
    ars11   ars       région 11
    ars84   ars       région 84
    nat     national
    admin   admin

each with the password LOGIN + "-motdepasse" (at least 12 characters).
Environment: MATURINH (the program), MATURINH_SOURCE_DIR (the source tree),
MATURINH_LOCALEDIR (the build's catalogs, set by ctest).
"""
import http.client
import json
import os
import re
import shutil
import signal
import sqlite3
import subprocess
import tempfile
import time
import urllib.parse

PROGRAM = os.environ.get("MATURINH", "maturinh")
SOURCE = os.environ.get("MATURINH_SOURCE_DIR", os.path.join(os.path.dirname(__file__), "..", ".."))
REFERENTIEL = os.path.join(SOURCE, "referentiels", "maturinh-cyber", "maturinh-cyber.yaml")

ACCOUNTS = [
    ("rssi1", "rssi", ["--finess", "920014503"], "Claire Martin"),
    ("rssi2", "rssi", ["--finess", "750102048", "--finess", "780009312"], None),
    ("ars11", "ars", ["--region", "11"], "ARS Île-de-France"),
    ("ars84", "ars", ["--region", "84"], None),
    ("nat", "national", [], None),
    ("admin", "admin", [], None),
]


def password(login):
    return login + "-motdepasse"


def run(args, stdin=None, check=True, cwd=None):
    """Runs maturinh with `args`; returns the CompletedProcess."""
    p = subprocess.run([PROGRAM] + args, input=stdin, capture_output=True, text=True, cwd=cwd)
    if check and p.returncode != 0:
        raise AssertionError("maturinh %s: exit %d\n%s" % (" ".join(args), p.returncode, p.stderr))
    return p


def fixture_answers():
    order = os.path.join(SOURCE, "fixtures", "answers", "ORDER")
    with open(order, encoding="utf-8") as f:
        names = [l.strip() for l in f if l.strip() and not l.startswith("#")]
    return [os.path.join(SOURCE, n) for n in names]


def make_database(folder, accounts=ACCOUNTS):
    """A database in `folder` with the fixtures and the accounts; returns its path."""
    db = os.path.join(folder, "maturinh.db")
    run(["import", "--db", db, "-r", REFERENTIEL] + fixture_answers())
    for login, role, scope, name in accounts:
        args = ["user", "add", "--db", db, "--login", login, "--role", role] + scope
        if name:
            args += ["--name", name]
        run(args + ["--password-stdin"], stdin=password(login) + "\n")
    return db


class Response:
    def __init__(self, status, headers, body):
        self.status = status
        self.headers = headers  # lower-case name -> list of values
        self.body = body

    def header(self, name):
        values = self.headers.get(name.lower())
        return values[0] if values else None

    def text(self):
        return self.body.decode("utf-8")

    def json(self):
        return json.loads(self.body.decode("utf-8"))

    def __repr__(self):
        return "<%d %r>" % (self.status, self.body[:200])


class Server:
    """`maturinh serve --listen 127.0.0.1:0` on `db` (made fresh when None)."""

    def __init__(self, db=None, extra=(), folder=None, listen="127.0.0.1:0"):
        self.listen = listen
        self.scheme = "http"
        self.folder = folder or tempfile.mkdtemp(prefix="mh-web-")
        self.db = db or make_database(self.folder)
        self.extra = list(extra)
        self.process = None
        self.port = None
        self.log = os.path.join(self.folder, "serve.log")

    def start(self):
        self.process = subprocess.Popen(
            [PROGRAM, "serve", "--db", self.db, "--listen", self.listen] + self.extra,
            stderr=subprocess.PIPE, stdout=subprocess.DEVNULL, text=True)
        line = self.process.stderr.readline()
        m = re.search(r"(https?)://[^ ]*:(\d+)/", line)
        if not m:
            raise AssertionError("maturinh serve did not start: %r %s" % (line, self.process.stderr.read()))
        self.scheme = m.group(1)
        self.port = int(m.group(2))
        self.first_line = line
        return self

    def stop(self, sig=signal.SIGTERM, timeout=30):
        """Sends `sig`; returns the exit code and what was printed after the first line."""
        if self.process is None:
            return None, ""
        self.process.send_signal(sig)
        try:
            rest = self.process.stderr.read()
            code = self.process.wait(timeout=timeout)
            self.process.stderr.close()
        finally:
            self.process = None
        return code, rest

    def url(self, path="/"):
        return "%s://127.0.0.1:%d%s" % (self.scheme, self.port, path)

    def cleanup(self):
        if self.process is not None:
            self.stop(signal.SIGKILL)
        shutil.rmtree(self.folder, ignore_errors=True)

    def __enter__(self):
        return self.start()

    def __exit__(self, *exc):
        self.cleanup()


class Client:
    """One browser-like client: its cookies, its CSRF token (after login)."""

    def __init__(self, server, ssl_context=None):
        self.server = server
        self.ssl_context = ssl_context  # for a server under TLS
        self.cookies = {}
        self.csrf = None
        self.connection = None

    def request(self, method, path, body=None, headers=None, json_body=None, form=None):
        h = {"Host": "127.0.0.1:%d" % self.server.port}
        if self.cookies:
            h["Cookie"] = "; ".join("%s=%s" % kv for kv in self.cookies.items())
        if json_body is not None:
            body = json.dumps(json_body).encode("utf-8")
            h["Content-Type"] = "application/json"
        if form is not None:
            body = urllib.parse.urlencode(form).encode("utf-8")
            h["Content-Type"] = "application/x-www-form-urlencoded"
        h.update(headers or {})
        for attempt in range(2):
            if self.connection is None and self.ssl_context is not None:
                self.connection = http.client.HTTPSConnection("127.0.0.1", self.server.port, timeout=60,
                                                              context=self.ssl_context)
            elif self.connection is None:
                self.connection = http.client.HTTPConnection("127.0.0.1", self.server.port, timeout=60)
            try:
                self.connection.request(method, path, body=body, headers=h)
                r = self.connection.getresponse()
                data = r.read()
                break
            except (http.client.RemoteDisconnected, ConnectionResetError, BrokenPipeError):
                self.connection.close()
                self.connection = None
                if attempt == 1:
                    raise
        headers_out = {}
        for k, v in r.getheaders():
            headers_out.setdefault(k.lower(), []).append(v)
        for c in headers_out.get("set-cookie", []):
            name, _, rest = c.partition("=")
            value = rest.split(";", 1)[0]
            if "Max-Age=0" in c:
                self.cookies.pop(name, None)
            else:
                self.cookies[name] = value
        if r.getheader("Connection", "").lower() == "close":
            self.connection.close()
            self.connection = None
        return Response(r.status, headers_out, data)

    def login(self, login, pw=None):
        r = self.request("POST", "/login", form={"login": login, "password": pw or password(login)})
        if r.status == 303:
            me = self.request("GET", "/api/v1/me")
            self.csrf = me.json()["csrf_token"]
        return r

    def api(self, method, path, json_body=None, csrf=True):
        headers = {"X-CSRF-Token": self.csrf} if csrf and self.csrf else {}
        return self.request(method, "/api/v1" + path, json_body=json_body, headers=headers)

    def put_answer(self, campaign, finess, indicator, value, version=None, comment=None):
        body = {"value": value}
        if version is not None:
            body["version"] = version
        if comment is not None:
            body["comment"] = comment
        return self.api("PUT", "/campaigns/%s/establishments/%s/answers/%s" % (campaign, finess, indicator), body)

    def close(self):
        if self.connection is not None:
            self.connection.close()
            self.connection = None


def age_rows(db, table, column, seconds):
    """Moves every time of `table`.`column` `seconds` into the past (sessions, failed logins)."""
    con = sqlite3.connect(db, timeout=30)
    with con:
        con.execute("UPDATE %s SET %s = strftime('%%Y-%%m-%%dT%%H:%%M:%%SZ', %s, '-%d seconds')"
                    % (table, column, column, seconds))
    con.close()


class _FormReader(__import__("html.parser").parser.HTMLParser):
    """The fields a browser would send for the first form with method=post and a csrf_token."""

    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.forms = []  # [(action, [(name, value)])]
        self.current = None
        self.textarea = None

    def handle_starttag(self, tag, attrs):
        a = dict(attrs)
        if tag == "form":
            self.current = (a.get("action"), [])
            self.forms.append(self.current)
        elif self.current is None or "disabled" in a:
            return
        elif tag == "input" and a.get("name"):
            kind = a.get("type", "text")
            if kind in ("radio", "checkbox"):
                if "checked" in a:
                    self.current[1].append((a["name"], a.get("value", "on")))
            elif kind not in ("submit", "button"):
                self.current[1].append((a["name"], a.get("value", "")))
        elif tag == "textarea" and a.get("name"):
            self.textarea = [a["name"], ""]

    def handle_data(self, data):
        if self.textarea is not None:
            self.textarea[1] += data

    def handle_endtag(self, tag):
        if tag == "textarea" and self.textarea is not None:
            # a browser drops the newline that follows <textarea>
            value = self.textarea[1]
            if value.startswith("\n"):
                value = value[1:]
            self.current[1].append((self.textarea[0], value))
            self.textarea = None
        elif tag == "form":
            self.current = None


def page_forms(html):
    """The forms of a page: [(action, [(name, value)...])], as a browser would submit them."""
    reader = _FormReader()
    reader.feed(html)
    return reader.forms
