"""`maturinh serve` as a process: its options, what it prints, its signals,
TLS.  Run by ctest as web/serve."""
import os
import shutil
import signal
import socket
import ssl
import subprocess
import sys
import tempfile
import threading
import time
import unittest

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import webtest  # noqa: E402


def serve(db, *args):
    """Runs `maturinh serve` expecting it to refuse: the CompletedProcess."""
    return subprocess.run([webtest.PROGRAM, "serve", "--db", db] + list(args),
                          capture_output=True, text=True, timeout=60)


class TestServe(unittest.TestCase):
    @classmethod
    def setUpClass(cls):
        cls.folder = tempfile.mkdtemp(prefix="mh-serve-")
        cls.db = webtest.make_database(cls.folder)

    @classmethod
    def tearDownClass(cls):
        shutil.rmtree(cls.folder, ignore_errors=True)

    def server(self, extra=(), listen="127.0.0.1:0"):
        s = webtest.Server(db=self.db, extra=extra, folder=self.folder, listen=listen)
        s.cleanup = lambda: s.stop(signal.SIGKILL) if s.process else None
        self.addCleanup(s.cleanup)
        return s.start()

    def test_start_line(self):
        s = self.server()
        self.assertRegex(s.first_line, r"^maturinh: serving %s on http://127\.0\.0\.1:\d+/\n$"
                         % self.db.replace(".", r"\."))
        self.assertNotEqual(s.port, 0)
        self.assertEqual(webtest.Client(s).request("GET", "/login").status, 200)
        code, rest = s.stop(signal.SIGTERM)
        self.assertEqual(code, 0, rest)

    def test_not_loopback_without_tls(self):
        for listen in ("0.0.0.0:0", "192.0.2.1:8080", "[::]:0"):
            with self.subTest(listen=listen):
                p = serve(self.db, "--listen", listen)
                self.assertEqual(p.returncode, 64, p.stderr)
                self.assertIn("--behind-proxy", p.stderr)
                self.assertIn("loopback", p.stderr)
                self.assertTrue(p.stderr.startswith("maturinh: "), p.stderr)

    def test_behind_proxy(self):
        s = self.server(["--behind-proxy"], listen="0.0.0.0:0")
        self.assertRegex(s.first_line, r"serving .* on http://0\.0\.0\.0:\d+/")
        c = webtest.Client(s)
        r = c.login("rssi1")
        self.assertEqual(r.status, 303)
        # the proxy speaks TLS to the browser: the cookie is Secure
        self.assertIn("Secure", r.header("Set-Cookie"))
        self.assertEqual(c.api("GET", "/me").status, 200)
        c.close()
        self.assertEqual(s.stop(signal.SIGTERM)[0], 0)

    def test_bad_listen(self):
        for listen in ("nonsense", "127.0.0.1", "127.0.0.1:", "127.0.0.1:99999", "127.0.0.1:-1",
                       "999.0.0.1:80", ":80", "127.0.0.1:80x"):
            with self.subTest(listen=listen):
                p = serve(self.db, "--listen", listen)
                self.assertEqual(p.returncode, 64, (listen, p.stderr))
                self.assertIn("--listen", p.stderr)
        p = serve(self.db, "--tls-cert", "/nonexistent.pem")
        self.assertEqual(p.returncode, 64, p.stderr)
        p = serve(self.db, "--nonsense")
        self.assertEqual(p.returncode, 64, p.stderr)

    def in_flight(self, sig):
        """A request whose body is still coming when `sig` arrives is answered, then exit 0."""
        s = self.server()
        c = webtest.Client(s)
        self.assertEqual(c.login("rssi2").status, 303)
        body = b'{"value": true}'
        sock = socket.create_connection(("127.0.0.1", s.port), timeout=60)
        sock.sendall(("PUT /api/v1/campaigns/2025/establishments/750102048/answers/GOUV-01-A "
                      "HTTP/1.1\r\nHost: 127.0.0.1:%d\r\nCookie: mh_session=%s\r\n"
                      "X-CSRF-Token: %s\r\nContent-Type: application/json\r\n"
                      "Content-Length: %d\r\n\r\n" % (s.port, c.cookies["mh_session"], c.csrf,
                                                      len(body))).encode() + body[:5])
        # the server has the headers before the signal (a pause, nothing asserted on time)
        time.sleep(0.5)
        s.process.send_signal(sig)
        time.sleep(0.5)
        self.assertIsNone(s.process.poll(), "exited with a request in flight")
        sock.sendall(body[5:])
        data = b""
        while b"\r\n\r\n" not in data:
            chunk = sock.recv(65536)
            if not chunk:
                break
            data += chunk
        sock.close()
        status = int(data.split(b" ")[1]) if data else None
        # the questionnaire is submitted: 403 (read-only), an answer all the same
        self.assertEqual(status, 403, data[:300])
        rest = s.process.stderr.read()
        code = s.process.wait(timeout=60)
        s.process = None
        self.assertEqual(code, 0, rest)
        # and nothing is listening any more
        with self.assertRaises(OSError):
            socket.create_connection(("127.0.0.1", s.port), timeout=10).close()

    def test_sigterm_finishes_in_flight(self):
        self.in_flight(signal.SIGTERM)

    def test_sigint_finishes_in_flight(self):
        self.in_flight(signal.SIGINT)

    def test_sigterm_with_saves_running(self):
        """Saves under way while SIGTERM comes: each acknowledged one is in the database."""
        s = self.server()
        acknowledged = {}
        stop = threading.Event()

        def writer():
            i = 0
            while not stop.is_set():
                i += 1
                try:
                    r = rssi.put_answer("2025", "910019736", "GOUV-01-B", i)
                except OSError:
                    return
                if r.status == 200:
                    acknowledged["GOUV-01-B"] = (i, r.json()["version"])
                elif r.status != 503:
                    return

        webtest.run(["user", "add", "--db", self.db, "--login", "rssi910", "--role", "rssi",
                     "--finess", "910019736", "--password-stdin"], stdin="rssi910-motdepasse\n",
                    check=False)
        rssi = webtest.Client(s)
        self.assertEqual(rssi.login("rssi910").status, 303)
        t = threading.Thread(target=writer)
        t.start()
        time.sleep(1)
        code, rest = s.stop(signal.SIGTERM)
        stop.set()
        t.join(60)
        self.assertEqual(code, 0, rest)
        self.assertIn("GOUV-01-B", acknowledged)
        value, version = acknowledged["GOUV-01-B"]
        s2 = self.server()
        c = webtest.Client(s2)
        c.login("nat")
        got = c.api("GET", "/campaigns/2025/establishments/910019736").json()["answers"]["GOUV-01-B"]
        self.assertGreaterEqual(got["version"], version)
        if got["version"] == version:
            self.assertEqual(got["value"], value)
        c.close()


class TestTLS(unittest.TestCase):
    @classmethod
    def setUpClass(cls):
        cls.folder = tempfile.mkdtemp(prefix="mh-tls-")
        cls.cert = os.path.join(cls.folder, "cert.pem")
        cls.key = os.path.join(cls.folder, "key.pem")
        cls.reason = None
        if shutil.which("openssl"):
            p = subprocess.run(["openssl", "req", "-x509", "-newkey", "rsa:2048", "-nodes",
                                "-keyout", cls.key, "-out", cls.cert, "-days", "2",
                                "-subj", "/CN=127.0.0.1", "-addext",
                                "subjectAltName=IP:127.0.0.1"], capture_output=True, text=True)
            if p.returncode != 0:
                cls.reason = "openssl could not make a certificate: " + p.stderr
        elif shutil.which("certtool"):
            tmpl = os.path.join(cls.folder, "cert.cfg")
            with open(tmpl, "w") as f:
                f.write("cn = 127.0.0.1\nip_address = 127.0.0.1\nexpiration_days = 2\n"
                        "tls_www_server\nsigning_key\nencryption_key\n")
            subprocess.run(["certtool", "--generate-privkey", "--outfile", cls.key],
                           capture_output=True, check=True)
            subprocess.run(["certtool", "--generate-self-signed", "--load-privkey", cls.key,
                            "--template", tmpl, "--outfile", cls.cert], capture_output=True,
                           check=True)
        else:
            cls.reason = "neither openssl nor certtool (gnutls-bin) to make a certificate"
        if cls.reason is None:
            cls.db = webtest.make_database(cls.folder)

    @classmethod
    def tearDownClass(cls):
        shutil.rmtree(cls.folder, ignore_errors=True)

    def test_https(self):
        if self.reason:
            self.skipTest(self.reason)
        s = webtest.Server(db=self.db, folder=self.folder,
                           extra=["--tls-cert", self.cert, "--tls-key", self.key])
        try:
            s.start()
        except AssertionError as e:
            if "without TLS" in str(e):
                self.skipTest("this libmicrohttpd was built without TLS")
            raise
        self.addCleanup(lambda: s.stop(signal.SIGKILL) if s.process else None)
        self.assertRegex(s.first_line, r"serving .* on https://127\.0\.0\.1:\d+/")
        ctx = ssl.create_default_context(cafile=self.cert)
        c = webtest.Client(s, ssl_context=ctx)
        r = c.login("rssi1")
        self.assertEqual(r.status, 303)
        cookie = r.header("Set-Cookie")
        parts = [p.strip() for p in cookie.split(";")]
        self.assertIn("Secure", parts)
        self.assertIn("HttpOnly", parts)
        self.assertIn("SameSite=Strict", parts)
        me = c.api("GET", "/me")
        self.assertEqual(me.status, 200)
        self.assertEqual(me.json()["login"], "rssi1")
        self.assertEqual(me.header("X-Frame-Options"), "DENY")
        # logout's cleared cookie is Secure too
        r = c.request("POST", "/logout", form={"csrf_token": c.csrf})
        self.assertIn("Secure", r.header("Set-Cookie"))
        c.close()
        # plain http on the TLS port gets no answer of the application
        sock = socket.create_connection(("127.0.0.1", s.port), timeout=30)
        sock.sendall(b"GET /api/v1/me HTTP/1.1\r\nHost: x\r\n\r\n")
        try:
            data = sock.recv(4096)
        except OSError:
            data = b""
        sock.close()
        self.assertNotIn(b"mh_session", data)
        self.assertNotIn(b'"error"', data)
        # a client that does not trust the certificate is refused
        with self.assertRaises(ssl.SSLError):
            bad = webtest.Client(s, ssl_context=ssl.create_default_context())
            bad.request("GET", "/login")
        self.assertEqual(s.stop(signal.SIGTERM)[0], 0)

    def test_tls_options(self):
        if self.reason:
            self.skipTest(self.reason)
        p = serve(self.db, "--tls-cert", self.cert)
        self.assertEqual(p.returncode, 64, p.stderr)
        self.assertIn("--tls-key", p.stderr)
        # TLS on an address other than loopback is allowed
        s = webtest.Server(db=self.db, folder=self.folder, listen="0.0.0.0:0",
                           extra=["--tls-cert", self.cert, "--tls-key", self.key])
        try:
            s.start()
        except AssertionError as e:
            if "without TLS" in str(e):
                self.skipTest("this libmicrohttpd was built without TLS")
            raise
        self.assertRegex(s.first_line, r"https://0\.0\.0\.0:\d+/")
        self.assertEqual(s.stop(signal.SIGTERM)[0], 0)


if __name__ == "__main__":
    unittest.main()
