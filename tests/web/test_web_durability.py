"""An acknowledged save survives the server being killed (shared/spec/web.md:
"a save is acknowledged (HTTP 200) only after its transaction committed").
Clients save answers in threads while `maturinh serve` gets SIGKILL at a
random moment; on the same database, restarted, every save that got its 200
is there, and SQLite finds the database sound.  Run by ctest as
web/durability."""
import os
import random
import signal
import sqlite3
import sys
import threading
import time
import unittest

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import webtest  # noqa: E402

FINESS = "910019736"  # a draft of région 11
# numeric indicators (integer or percent): 0..100 is a valid value of each
INDICATORS = ["GOUV-01-B", "GOUV-04-A", "CRISE-03-A", "CRISE-05-A", "IAM-02-A", "IAM-02-B",
              "SENS-02-A", "TIERS-01-A"]
THREADS = 4
ROUNDS = 4


class TestDurability(unittest.TestCase):
    def setUp(self):
        self.server = webtest.Server()
        self.addCleanup(self.server.cleanup)
        webtest.run(["user", "add", "--db", self.server.db, "--login", "rssi910", "--role", "rssi",
                     "--finess", FINESS, "--password-stdin"], stdin="rssi910-motdepasse\n")

    def detail(self):
        c = webtest.Client(self.server)
        self.assertEqual(c.login("nat").status, 303)
        d = c.api("GET", "/campaigns/2025/establishments/%s" % FINESS).json()
        c.close()
        return d["answers"]

    def integrity(self):
        con = sqlite3.connect(self.server.db, timeout=30)
        try:
            self.assertEqual(con.execute("PRAGMA integrity_check").fetchall(), [("ok",)])
            self.assertEqual(con.execute("PRAGMA foreign_key_check").fetchall(), [])
        finally:
            con.close()

    def test_acknowledged_saves_survive_sigkill(self):
        rng = random.Random(os.environ.get("MH_TEST_SEED"))
        self.server.start()
        answers = self.detail()
        for ind in INDICATORS:
            self.assertIn(ind, answers)
        total_acks = 0
        for round_ in range(ROUNDS):
            with self.subTest(round=round_):
                if self.server.process is None:
                    self.server.start()
                answers = self.detail()
                versions = {ind: answers[ind]["version"] for ind in INDICATORS}
                acked = {}  # indicator -> (value, version), the last 200 of each
                lock = threading.Lock()
                ready = threading.Barrier(THREADS + 1)
                first = threading.Event()  # a save was acknowledged in this round

                def writer(k):
                    c = webtest.Client(self.server)
                    ok = c.login("rssi910", "rssi910-motdepasse").status == 303
                    mine = INDICATORS[k::THREADS]
                    v = {ind: versions[ind] for ind in mine}
                    ready.wait()
                    if not ok:
                        return
                    n = 0
                    while True:
                        ind = mine[n % len(mine)]
                        value = (round_ * 37 + n) % 101
                        n += 1
                        try:
                            r = c.put_answer("2025", FINESS, ind, value, version=v[ind])
                        except Exception:
                            return  # the server is gone
                        if r.status == 200:
                            v[ind] = r.json()["version"]
                            with lock:
                                acked[ind] = (value, v[ind])
                            first.set()
                        elif r.status == 503:
                            continue  # busy: not acknowledged, tried again
                        else:
                            with lock:
                                acked.setdefault("unexpected", []).append((ind, r.status, r.body))
                            return

                threads = [threading.Thread(target=writer, args=(k,)) for k in range(THREADS)]
                for t in threads:
                    t.start()
                ready.wait()
                # the kill comes at a random moment after the first acknowledged save
                self.assertTrue(first.wait(120), "no save acknowledged")
                time.sleep(rng.uniform(0, 1.0))
                self.server.process.send_signal(signal.SIGKILL)
                self.server.process.wait(timeout=60)
                self.server.process.stderr.close()
                self.server.process = None
                for t in threads:
                    t.join(120)
                    self.assertFalse(t.is_alive())
                self.assertNotIn("unexpected", acked, acked.get("unexpected"))
                total_acks += len(acked)
                print("round %d: %d indicators acknowledged, versions %s" % (
                    round_, len(acked), sorted(v for _, v in acked.values())), file=sys.stderr)
                self.integrity()
                self.server.start()
                after = self.detail()
                for ind, (value, version) in acked.items():
                    got = after[ind]
                    # the acknowledged version, or a later one whose 200 the kill cut off
                    self.assertGreaterEqual(got["version"], version, (ind, got, value, version))
                    self.assertLessEqual(got["version"], version + 1, (ind, got, value, version))
                    if got["version"] == version:
                        self.assertEqual(got["value"], value, (ind, got))
                for ind in INDICATORS:
                    if ind not in acked:
                        self.assertLessEqual(after[ind]["version"], versions[ind] + 1)
                self.integrity()
        self.assertGreaterEqual(total_acks, ROUNDS)
        code, rest = self.server.stop(signal.SIGTERM)
        self.assertEqual(code, 0, rest)
        self.integrity()


if __name__ == "__main__":
    unittest.main()
