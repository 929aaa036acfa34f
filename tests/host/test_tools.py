#!/usr/bin/env python3
# SPDX-License-Identifier: GPL-2.0
"""The kernel tree's own tools on the prepared tree: configuration targets
with ARCH=um, and gdb with the kernel's gdb scripts."""
import os
import shutil
import subprocess
import tempfile

from common import BUILD, LINUX, TOP, check, done

src = os.path.join(BUILD, "src")

# --- configuration targets ---
tmp = tempfile.mkdtemp(prefix="umcfg-")
try:
    def kmake(*targets):
        return subprocess.run(["make", "-s", "-C", src, "O=" + tmp, "ARCH=um"] +
                              list(targets), capture_output=True, text=True)
    r = kmake("defconfig")
    check("make ARCH=um defconfig", r.returncode == 0, r.stderr)
    cfg = open(os.path.join(tmp, ".config")).read()
    check("defconfig gives the port's options", "CONFIG_UML=y" in cfg and
          "CONFIG_PREEMPT=y" in cfg and "CONFIG_UM_CONSOLE=y" in cfg, cfg[:500])
    r = kmake("savedefconfig")
    check("make ARCH=um savedefconfig", r.returncode == 0, r.stderr)
    saved = open(os.path.join(tmp, "defconfig")).read()
    shutil.copy(os.path.join(tmp, "defconfig"), os.path.join(tmp, ".config"))
    r = kmake("olddefconfig")
    check("savedefconfig + olddefconfig gives the same configuration",
          r.returncode == 0 and open(os.path.join(tmp, ".config")).read() == cfg,
          r.stderr)
    r = kmake("listnewconfig")
    check("make ARCH=um listnewconfig: nothing new", r.returncode == 0 and
          not r.stdout.strip(), r.stdout + r.stderr)
finally:
    shutil.rmtree(tmp)

# --- gdb, with the kernel's gdb scripts ---
cmds = """
set pagination off
set confirm off
handle SIGALRM nostop noprint pass
handle SIGIO nostop noprint pass
add-auto-load-safe-path %(build)s
source %(build)s/obj/vmlinux-gdb.py
break mount_root
run
echo ==version\\n
lx-version
echo ==dmesg\\n
lx-dmesg
echo ==ps\\n
lx-ps
echo ==current\\n
print $lx_current(0).comm
echo ==bt\\n
bt
kill
quit
""" % {"build": BUILD}
with tempfile.NamedTemporaryFile("w", suffix=".gdb", delete=False) as f:
    f.write(cmds)
try:
    r = subprocess.run(["gdb", "-nx", "-batch", "-x", f.name, "--args", LINUX,
                        "mem=64M"], capture_output=True, text=True, timeout=120)
    out = r.stdout + r.stderr
finally:
    os.unlink(f.name)
check("gdb: breakpoint in __init code is hit", "Breakpoint 1, mount_root" in out, out)
check("gdb: lx-version", "Linux version 6.12." in out.split("==version")[-1], out)
check("gdb: lx-dmesg shows the log", "Kernel command line: mem=64M" in out, out)
check("gdb: lx-ps lists kernel threads", "kthreadd" in out.split("==ps")[-1], out)
check("gdb: $lx_current() is the task that hit it",
      '"swapper' in out.split("==current")[-1], out)
check("gdb: backtrace through kernel_init", "kernel_init" in out.split("==bt")[-1], out)

done()
