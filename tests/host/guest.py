# SPDX-License-Identifier: GPL-2.0
"""Running programs inside a guest: build a root file system that holds
them and an init that runs a shell script, boot it, collect the output."""
import os
import re
import shutil
import subprocess
import tempfile

from common import BUILD, LINUX, TOP

GUEST_DIR = os.path.join(BUILD, "guest")

# The userspace backends the guest tests run on (UM_BACKENDS="ptrace" for one).
BACKENDS = os.environ.get("UM_BACKENDS", "seccomp ptrace").split()

INIT = """#!/bin/sh
mount -t proc proc /proc
mount -t sysfs sysfs /sys
mount -t devtmpfs devtmpfs /dev 2>/dev/null
mkdir -p /dev/pts /dev/shm
mount -t devpts devpts /dev/pts
mount -t tmpfs tmpfs /tmp
mount -t tmpfs tmpfs /dev/shm
export PATH=/bin:/sbin:/usr/bin:/usr/sbin HOME=/root
cd /
sh /script </dev/console >/dev/console 2>&1
echo "=== guest done"
poweroff -f
"""


def build_c(name, src, extra=()):
    """Compile a static guest program from tests/guest; returns its path."""
    os.makedirs(GUEST_DIR, exist_ok=True)
    out = os.path.join(GUEST_DIR, name)
    if not os.path.exists(out) or os.path.getmtime(out) < os.path.getmtime(src):
        subprocess.run(["gcc", "-static", "-O2", "-Wall", "-pthread", "-o", out,
                        src] + list(extra), check=True)
    return out


def make_root(script, files=(), host_programs=(), dirs=(), out=None):
    """An initramfs whose init runs script (sh), powering off after it.
    files: (host path, guest path) pairs copied in; dirs: (host folder,
    guest folder) pairs copied whole, less test suites and caches;
    host_programs: dynamic host programs copied with their libraries.
    Returns its path (out, or a new file the caller removes)."""
    root = tempfile.mkdtemp(prefix="guest-root-")
    try:
        for src, dst in files:
            d = os.path.join(root, dst.lstrip("/"))
            os.makedirs(os.path.dirname(d), exist_ok=True)
            shutil.copy(src, d)
        for src, dst in dirs:
            shutil.copytree(src, os.path.join(root, dst.lstrip("/")), symlinks=True,
                            ignore=shutil.ignore_patterns("test", "tests", "__pycache__",
                                                          "idlelib", "tkinter", "turtledemo"))
        with open(os.path.join(root, "script"), "w") as f:
            f.write(script)
        init = os.path.join(root, "init.sh")
        with open(init, "w") as f:
            f.write(INIT)
        cpio = out or root + ".cpio.gz"
        cmd = ["sh", os.path.join(TOP, "scripts", "mkrootfs"), "-o", cpio,
               "-i", init, "-d", root]
        for p in host_programs:
            cmd += ["-a", p]
        subprocess.run(cmd, check=True, stdout=subprocess.DEVNULL)
        return cpio
    finally:
        shutil.rmtree(root, ignore_errors=True)


def run_guest(script, files=(), host_programs=(), args=(), timeout=300, mem="256M",
              dirs=(), kernel=None):
    """Boot a guest whose init runs script (sh); files, host_programs, dirs:
    as make_root(). Returns (exit status, console output)."""
    cpio = make_root(script, files, host_programs, dirs)
    try:
        backend = ["um_backend=" + os.environ["UM_BACKEND"]] if os.environ.get("UM_BACKEND") else []
        p = subprocess.run([kernel or LINUX, "mem=" + mem, "initrd=" + cpio, "quiet"] +
                           backend + list(args), stdin=subprocess.DEVNULL,
                           capture_output=True, timeout=timeout)
        out = p.stdout.decode(errors="replace") + p.stderr.decode(errors="replace")
        status = p.returncode
    except subprocess.TimeoutExpired as e:
        out = (e.stdout or b"").decode(errors="replace") + "\n[timeout]"
        status = None
    os.unlink(cpio)
    return status, out.replace("\r\n", "\n")


def sections(out):
    """Split '=== name' ... '=== exit N' blocks of a guest run's output."""
    res = {}
    for m in re.finditer(r"^=== run (\S+)\n(.*?)^=== exit (\d+)$", out, re.M | re.S):
        res[m.group(1)] = (int(m.group(3)), m.group(2))
    return res
