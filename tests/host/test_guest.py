#!/usr/bin/env python3
# SPDX-License-Identifier: GPL-2.0
"""The project's guest test programs (tests/guest/t_*.c, static C, one per
area), run inside one guest, once on each userspace backend. Each
program's own checks are relayed; a program passes when all its checks
pass."""
import glob
import os
import re
import sys

from common import TOP, check, done
from guest import BACKENDS, build_c, run_guest, sections

only = sys.argv[1:]
srcs = sorted(glob.glob(os.path.join(TOP, "tests", "guest", "t_*.c")))
names = [os.path.basename(s)[:-2] for s in srcs if not only or
         os.path.basename(s)[:-2] in only]
files = [(build_c(n, os.path.join(TOP, "tests", "guest", n + ".c")), "/tests/" + n)
         for n in names]


def host_vsyscall():
    """The permissions of the host's vsyscall page, as t_vdso expects them."""
    with open("/proc/self/maps") as f:
        for line in f:
            if "[vsyscall]" in line:
                return line.split()[1]
    return "none"


script = "echo /tmp/core.%p > /proc/sys/kernel/core_pattern\n"
script += "echo %s > /tmp/host-vsyscall\n" % host_vsyscall()
for n in names:
    script += "echo '=== run %s'; /tests/%s; echo \"=== exit $?\"\n" % (n, n)

# t_hostile tries to make the host create this file through the stub.
HOSTILE_FILE = "/tmp/um-hostile-created"

for backend in BACKENDS:
    if os.path.lexists(HOSTILE_FILE):
        os.unlink(HOSTILE_FILE)
    # t_hostile's fork bomb meets the host process limit given here.
    status, out = run_guest(script, files, timeout=600,
                            args=["um_procs=256", "um_backend=" + backend])
    if "t_hostile" in names:
        check(backend + ": t_hostile's attacks created no file on the host",
              not os.path.lexists(HOSTILE_FILE), HOSTILE_FILE + " exists")
    check(backend + ": guest ran all programs and powered off", status == 0 and
          "=== guest done" in out, out[-3000:])
    res = sections(out)
    for n in names:
        code, text = res.get(n, (None, ""))
        lines = [l for l in text.splitlines() if re.match(r"(not )?ok \d+|# ", l)]
        for l in lines:
            print("#   %s %s: %s" % (backend, n, l))
        summary = re.search(r"^# (\d+) passed, (\d+) failed", text, re.M)
        check(backend + ": %s: %s" % (n, summary.group(0)[2:] if summary else "no summary"),
              code == 0 and summary and summary.group(2) == "0",
              text[-2000:] if text else out[-2000:])
done()
