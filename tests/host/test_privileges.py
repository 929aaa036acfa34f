#!/usr/bin/env python3
# SPDX-License-Identifier: GPL-2.0
"""Privileges on the host, on each userspace backend: while a guest runs
processes, the kernel process (after setup) and every host process and
thread under it hold no capability in any set, bounding set included, and
the guest processes' host processes run with no_new_privs. Started by host
root where the machine allows it, so that there is something to drop."""
import os
import subprocess
import sys
import tempfile
import time

sys.path.insert(0, os.path.dirname(__file__))
from common import LINUX, TOP, check, done  # noqa: E402
from guest import BACKENDS  # noqa: E402

CAPS = ("CapInh", "CapPrm", "CapEff", "CapBnd", "CapAmb")

INIT = """#!/bin/sh
mount -t proc proc /proc
mount -t devtmpfs devtmpfs /dev
sleep 30 &
sleep 30 &
sleep 1
echo ready
wait
"""


def status(path):
    fields = {}
    try:
        with open(path) as f:
            for line in f:
                k, _, v = line.partition(":")
                fields[k] = v.strip()
    except OSError:
        return None
    return fields


def tree(pid):
    """pid and all its descendants (host pids)."""
    out, todo = [], [pid]
    while todo:
        p = todo.pop()
        out.append(p)
        for t in os.listdir("/proc/%d/task" % p) if os.path.isdir("/proc/%d/task" % p) else ():
            try:
                with open("/proc/%d/task/%s/children" % (p, t)) as f:
                    todo += [int(c) for c in f.read().split()]
            except OSError:
                pass
    return out


def threads(pid):
    try:
        return [int(t) for t in os.listdir("/proc/%d/task" % pid)]
    except OSError:
        return []


check("the test runs as host root, so there are capabilities to drop", os.geteuid() == 0,
      "euid %d" % os.geteuid())

work = tempfile.mkdtemp(prefix="privs-")
init = os.path.join(work, "init.sh")
with open(init, "w") as f:
    f.write(INIT)
cpio = os.path.join(work, "root.cpio.gz")
subprocess.run(["sh", os.path.join(TOP, "scripts", "mkrootfs"), "-o", cpio, "-i", init],
               check=True, stdout=subprocess.DEVNULL)

for backend in BACKENDS:
    p = subprocess.Popen([LINUX, "mem=128M", "initrd=" + cpio, "um_backend=" + backend],
                         stdin=subprocess.DEVNULL, stdout=subprocess.PIPE,
                         stderr=subprocess.STDOUT)
    text = b""
    deadline = time.time() + 60
    os.set_blocking(p.stdout.fileno(), False)
    while b"ready" not in text and time.time() < deadline and p.poll() is None:
        time.sleep(0.1)
        text += p.stdout.read() or b""
    held, nnp_missing, seen = [], [], 0
    for proc in tree(p.pid):
        for t in threads(proc):
            st = status("/proc/%d/task/%d/status" % (proc, t))
            if st is None:
                continue
            seen += 1
            bad = ["%s=%s" % (c, st.get(c)) for c in CAPS if int(st.get(c, "0"), 16)]
            if bad:
                held.append("%d/%d %s: %s" % (proc, t, st.get("Name"), " ".join(bad)))
            if proc != p.pid and st.get("NoNewPrivs") != "1":
                nnp_missing.append("%d/%d" % (proc, t))
    p.kill()
    p.wait()
    check("%s: a guest with three processes is up (%d host threads looked at)" % (backend, seen),
          b"ready" in text and seen >= 5, text.decode(errors="replace"))
    check("%s: no host process or thread of the guest holds a capability" % backend,
          seen and not held, "\n".join(held))
    check("%s: the host processes of guest processes run with no_new_privs" % backend,
          seen and not nnp_missing, " ".join(nnp_missing))

done()
