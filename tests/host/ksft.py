# SPDX-License-Identifier: GPL-2.0
"""Running the kernel's own selftests (built by scripts/build-selftests)
inside a guest, and reading their results.

A test program passes when it exits 0, is skipped with exit 4 (KSFT_SKIP),
and fails otherwise (a timeout included). Programs that report subtests
("# Totals: pass:N fail:N ... skip:N") are counted by subtest too."""
import os
import re
import shutil
import subprocess
import tempfile

from common import BUILD, TOP

KSFT = os.path.join(BUILD, "kselftest")

RUNNER = r"""
cd /ksft
for t in $TARGETS; do
	to=45
	[ -f $t/settings ] && to=$(sed -n 's/^timeout=//p' $t/settings)
	[ "$to" = 0 ] && to=300
	[ -n "$MAXTIME" ] && [ "$to" -gt "$MAXTIME" ] && to=$MAXTIME
	for p in $(cat $t/tests); do
		echo "=== ksft $t/$p"
		t0=$(cut -d' ' -f1 /proc/uptime)
		(cd $t && timeout -s KILL $to ./$p) </dev/null 2>&1
		s=$?
		echo "=== ksft-time $t0 $(cut -d' ' -f1 /proc/uptime)"
		echo "=== ksft-exit $s"
	done
done
"""

INIT = """#!/bin/sh
mount -t proc proc /proc
mount -t sysfs sysfs /sys
mount -t devtmpfs devtmpfs /dev 2>/dev/null
mkdir -p /dev/pts /dev/shm
mount -t devpts devpts /dev/pts
mount -t tmpfs tmpfs /tmp
mount -t tmpfs tmpfs /dev/shm
export PATH=/bin:/sbin:/usr/bin:/usr/sbin HOME=/root
ulimit -s 8192
sh /run-ksft </dev/console >/dev/console 2>&1
echo "=== guest done"
poweroff -f
"""


def make_rootfs(targets, maxtime=None):
    """A root file system with the selftests of targets and their runner."""
    root = tempfile.mkdtemp(prefix="ksft-root-")
    os.makedirs(os.path.join(root, "ksft"))
    for t in targets:
        shutil.copytree(os.path.join(KSFT, t), os.path.join(root, "ksft", t),
                        symlinks=True)
    with open(os.path.join(root, "run-ksft"), "w") as f:
        f.write("TARGETS='%s'\nMAXTIME='%s'\n" % (" ".join(targets), maxtime or ""))
        f.write(RUNNER)
    with open(os.path.join(root, "init.sh"), "w") as f:
        f.write(INIT)
    out = root + ".cpio.gz"
    # bash for the suites' runner scripts; the host C library for the few
    # programs that could not be linked statically.
    subprocess.run(["sh", os.path.join(TOP, "scripts", "mkrootfs"), "-o", out,
                    "-i", os.path.join(root, "init.sh"), "-d", root,
                    "-a", "/bin/bash"],
                   check=True, stdout=subprocess.DEVNULL)
    shutil.rmtree(root)
    return out


def run(kernel, rootfs, args=(), timeout=3600):
    """Boot kernel on rootfs; returns its console output."""
    if os.environ.get("UM_BACKEND") and kernel.endswith("build/linux"):
        args = ["um_backend=" + os.environ["UM_BACKEND"]] + list(args)
    try:
        p = subprocess.run([kernel, "mem=3G", "initrd=" + rootfs, "quiet"] + list(args),
                           stdin=subprocess.DEVNULL, capture_output=True,
                           timeout=timeout)
        out = p.stdout + p.stderr
    except subprocess.TimeoutExpired as e:
        out = (e.stdout or b"") + b"\n[timeout]\n"
    return out.decode(errors="replace").replace("\r\n", "\n")


def parse(out):
    """{ "target/prog": (status, pass, fail, skip, text) } from a run."""
    res = {}
    for m in re.finditer(r"^=== ksft (\S+)\n(.*?)^=== ksft-exit (\d+)$", out, re.M | re.S):
        name, text, code = m.group(1), m.group(2), int(m.group(3))
        tm = re.search(r"^=== ksft-time ([\d.]+) ([\d.]+)$", text, re.M)
        secs = float(tm.group(2)) - float(tm.group(1)) if tm else 0.0
        sp = sf = ss = 0
        for t in re.finditer(r"^# Totals: pass:(\d+) fail:(\d+) xfail:\d+ xpass:\d+ "
                             r"skip:(\d+) error:(\d+)", text, re.M):
            sp += int(t.group(1))
            sf += int(t.group(2)) + int(t.group(4))
            ss += int(t.group(3))
        if code == 0:
            status = "pass"
        elif code == 4:
            status = "skip"
        else:
            status = "fail"
        res[name] = (status, sp, sf, ss, text, secs)
    return res


def summary(res):
    """Per target: programs passed/failed/skipped and subtests passed/failed."""
    by = {}
    for name, (status, sp, sf, ss, _, _) in res.items():
        t = name.split("/")[0]
        s = by.setdefault(t, {"pass": 0, "fail": 0, "skip": 0, "sub_pass": 0,
                              "sub_fail": 0, "sub_skip": 0})
        s[status] += 1
        s["sub_pass"] += sp
        s["sub_fail"] += sf
        s["sub_skip"] += ss
    return by
