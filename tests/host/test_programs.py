#!/usr/bin/env python3
# SPDX-License-Identifier: GPL-2.0
"""Real programs in a guest: busybox applets and its shell (pipes, job
control on the console terminal, signals), a dynamic glibc program from the
host (python3 with its standard library), and the host's strace and gdb
tracing a program inside the guest. On each userspace backend."""
import os
import re

from common import TOP, check, done
from guest import BACKENDS, build_c, run_guest

progs = os.path.join(TOP, "tests", "guest", "progs")
crash = build_c("crash", os.path.join(progs, "crash.c"), ["-g", "-O0"])
python = "/usr/bin/python3.11"		# Debian's, with its standard library

script = r"""
echo "=== jobs"
setsid cttyhack sh /progs/jobs.sh
echo "=== jobs-exit $?"
echo "=== python"
%(py)s -c 'import sys, json, hashlib, re; d = {"sum": sum(i * i for i in range(1000)), "sha": hashlib.sha256(b"guest").hexdigest()[:12], "v": sys.version_info[:2]}; print(json.dumps(d, sort_keys=True))'
echo "=== python-exit $?"
echo "=== strace"
strace -f -o /tmp/st.txt sh -c 'echo traced > /dev/null; /bin/true'
echo "=== strace-exit $?"
grep -c 'execve(' /tmp/st.txt
grep 'traced' /tmp/st.txt
echo "=== gdb"
gdb -nx -batch -ex run -ex bt -ex 'print counter' /progs/crash 2>&1
echo "=== gdb-exit $?"
""" % {"py": python}

for backend in BACKENDS:
    status, out = run_guest(
        script, files=[(os.path.join(progs, "jobs.sh"), "/progs/jobs.sh"), (crash, "/progs/crash")],
        host_programs=[python, "/usr/bin/strace", "/usr/bin/gdb"],
        dirs=[("/usr/lib/python3.11", "/usr/lib/python3.11"), ("/usr/share/gdb", "/usr/share/gdb")],
        mem="512M", timeout=300, args=["um_backend=" + backend])


    def part(name):
        m = re.search(r"^=== %s\n(.*?)^=== %s-exit (\d+)$" % (name, name), out, re.M | re.S)
        return (m.group(1), int(m.group(2))) if m else ("", None)


    check(backend + ": guest ran and powered off", status == 0 and "=== guest done" in out, out[-2000:])
    text, code = part("jobs")
    for l in text.splitlines():
        if l.startswith(("ok", "not ok")):
            print("#   jobs.sh: " + l)
    check(backend + ": busybox shell script: pipes, job control, signals", code == 0 and
          "# jobs.sh: passed" in text, text)

    text, code = part("python")
    check(backend + ": python3 (dynamic, from the host) computes in the guest", code == 0 and
          '{"sha": "%s", "sum": 332833500, "v": [3, 11]}' %
          __import__("hashlib").sha256(b"guest").hexdigest()[:12] in text, text)

    text, code = part("strace")
    after = out[out.find("=== strace-exit"):]
    execs = re.search(r"^=== strace-exit \d+\n(\d+)", after, re.M)
    check(backend + ": strace -f traces a shell and its child", code == 0 and execs and
          int(execs.group(1)) >= 2 and re.search(r'write\(1, "traced\\n", 7\) += 7', after),
          text + after[:500])

    text, code = part("gdb")
    check(backend + ": gdb runs the program to its fault", "SIGSEGV" in text and "deep_function" in text, text)
    check(backend + ": gdb's backtrace shows the source line and caller",
          re.search(r"#0 .*deep_function \(p=0x0\) at .*crash\.c:\d+", text) and
          re.search(r"#1 .*main \(\) at .*crash\.c", text), text)
    check(backend + ": gdb reads the program's memory", re.search(r"\$1 = 1", text), text)
done()
