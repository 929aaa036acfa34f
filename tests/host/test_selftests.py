#!/usr/bin/env python3
# SPDX-License-Identifier: GPL-2.0
"""The kernel's own selftests (tools/testing/selftests of the same tarball,
built by scripts/build-selftests), run inside a guest of this port.

Each suite must pass at least as many test programs and subtests as the
stock arch/um of the same tarball does here (tests/selftests-baseline,
measured with scripts/selftests-compare); the port may pass more. And no
program may fail unless the baseline lists it as a known gap, with its
reason: so a program the port passes beyond stock's count still counts."""
import os
import re
import subprocess
import sys

from common import BUILD, LINUX, TOP, check, done
import ksft

baseline = {}
gaps = {}
fewer = {}
with open(os.path.join(TOP, "tests", "selftests-baseline")) as f:
    for line in f:
        line = line.split("#", 1)[0].strip()
        m = re.match(r"(\S+)\s+programs\s+(\d+)\s+subtests\s+(\d+)$", line)
        if m:
            baseline[m.group(1)] = (int(m.group(2)), int(m.group(3)))
        m = re.match(r"gap\s+(\S+)\s+(.*)$", line)
        if m:
            gaps[m.group(1)] = m.group(2)
        m = re.match(r"fewer\s+(\S+)\s+(\d+)\s+(.*)$", line)
        if m:
            fewer[m.group(1)] = (int(m.group(2)), m.group(3))

targets = sys.argv[1:] or sorted(baseline)
if not os.path.isdir(os.path.join(BUILD, "kselftest")) or any(
        not os.path.isdir(os.path.join(BUILD, "kselftest", t)) for t in targets):
    subprocess.run(["sh", os.path.join(TOP, "scripts", "build-selftests")], check=True)

rootfs = ksft.make_rootfs(targets, maxtime=120)
try:
    out = ksft.run(LINUX, rootfs)
finally:
    os.unlink(rootfs)
with open(os.path.join(BUILD, "selftests-test.log"), "w") as f:
    f.write(out)
res = ksft.parse(out)
check("the guest ran the selftests and powered off", "=== guest done" in out,
      out[-2000:])
by = ksft.summary(res)
for name, (status, sp, sf, ss, text, secs) in sorted(res.items()):
    note = ""
    if status == "fail" and name in gaps:
        note = "  (known gap: %s)" % gaps[name]
    print("#   %-48s %-4s %3d passed %3d failed %3d skipped %5.1fs%s" %
          (name, status, sp, sf, ss, secs, note))
for t in targets:
    s = by.get(t, {"pass": 0, "sub_pass": 0, "fail": 0})
    want_p, want_s = baseline.get(t, (0, 0))
    less, why = fewer.get(t, (0, ""))
    failing = [n for n, v in sorted(res.items()) if n.startswith(t + "/") and v[0] == "fail"
               and n not in gaps]
    check("%s: %d programs pass (stock: %d), %d subtests (stock: %d%s)" %
          (t, s["pass"], want_p, s["sub_pass"], want_s,
           ", less %d: %s" % (less, why) if less else ""),
          s["pass"] >= want_p and s["sub_pass"] >= want_s - less)
    check("%s: no program fails but the known gaps%s" %
          (t, " (failed: %s)" % ", ".join(failing) if failing else ""),
          not failing, "\n".join(res[n][4][-1500:] for n in failing[:3]))
done()
