# SPDX-License-Identifier: GPL-2.0
"""Helpers shared by the host-side tests: run build/linux, report results."""
import os
import subprocess
import sys

TOP = os.path.abspath(os.path.join(os.path.dirname(__file__), "..", ".."))
LINUX = os.path.join(TOP, "build", "linux")
BUILD = os.path.join(TOP, "build")

_failed = []
_count = 0


def run(args, timeout=60, stdin=subprocess.DEVNULL, env=None):
    """Run build/linux with args; returns (status, stdout, stderr)."""
    p = subprocess.run([LINUX] + list(args), stdin=stdin, capture_output=True,
                       timeout=timeout, env=env)
    return (p.returncode, p.stdout.decode(errors="replace"),
            p.stderr.decode(errors="replace"))


def check(name, cond, detail=""):
    """Record one assertion; prints a TAP-like line."""
    global _count
    _count += 1
    if cond:
        print("ok %d - %s" % (_count, name))
    else:
        print("not ok %d - %s" % (_count, name))
        if detail:
            for line in str(detail).splitlines()[-25:]:
                print("#   " + line)
        _failed.append(name)
    sys.stdout.flush()
    return cond


def done():
    """Summary line and exit status."""
    print("# %d passed, %d failed" % (_count - len(_failed), len(_failed)))
    sys.exit(1 if _failed else 0)


def initramfs(path, init_script=None):
    """A busybox initramfs at path (built once per test run)."""
    mk = os.path.join(TOP, "scripts", "mkrootfs")
    if not os.path.exists(path) or os.path.getmtime(path) < os.path.getmtime(mk):
        cmd = ["sh", os.path.join(TOP, "scripts", "mkrootfs"), "-o", path]
        if init_script:
            cmd += ["-i", init_script]
        subprocess.run(cmd, check=True, stdout=subprocess.DEVNULL)
    return path
