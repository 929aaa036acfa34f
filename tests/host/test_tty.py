#!/usr/bin/env python3
# SPDX-License-Identifier: GPL-2.0
"""A terminal on con0 is put in raw mode while the guest runs, and restored
however the program ends: panic, host signal, the guest shell's exit."""
import os
import pty
import signal
import termios
import time

from common import BUILD, LINUX, check, done, initramfs

ROOTFS = initramfs(os.path.join(BUILD, "test-rootfs.cpio.gz"))


def spawn_on_pty(args):
    """Start linux with stdin/stdout/stderr on a new pty; returns (pid, master)."""
    pid, master = pty.fork()
    if pid == 0:
        os.execv(LINUX, [LINUX] + args)
    return pid, master


def drain(master, seconds):
    end = time.time() + seconds
    data = b""
    while time.time() < end:
        try:
            import select
            r, _, _ = select.select([master], [], [], 0.1)
            if r:
                chunk = os.read(master, 4096)
                if not chunk:
                    break
                data += chunk
        except OSError:
            break
    return data


def lflag(master):
    return termios.tcgetattr(master)[3]


for name, args, sig, want in [
        ("panic", ["mem=64M", "rootdelay=1"], None, 1),
        ("SIGTERM", ["mem=64M", "rootdelay=30"], signal.SIGTERM, 0),
        ("shell exit", ["mem=64M", "initrd=" + ROOTFS], "exit", 0)]:
    pid, master = spawn_on_pty(args)
    before = None
    out = b""
    # Wait until the guest is up, then look at the terminal's mode.
    for _ in range(100):
        out += drain(master, 0.1)
        if b"Waiting" in out or b"~ # " in out:
            before = lflag(master)
            break
    check("%s: terminal in raw mode while running" % name,
          before is not None and not (before & termios.ICANON) and
          not (before & termios.ECHO), out.decode(errors="replace"))
    if sig == "exit":
        # Typed at the guest's shell prompt: it goes through the guest's tty.
        os.write(master, b"echo typed-$((6*7))\rexit\r")
    elif sig:
        os.kill(pid, sig)
    out += drain(master, 8)
    _, st = os.waitpid(pid, 0)
    code = os.waitstatus_to_exitcode(st)
    check("%s: exit status %d" % (name, want), code == want,
          "status %d\n%s" % (code, out.decode(errors="replace")))
    after = lflag(master)
    check("%s: terminal restored (canonical, echo)" % name,
          (after & termios.ICANON) and (after & termios.ECHO),
          "lflag %#x" % after)
    if sig == "exit":
        check("shell exit: typed input reached the guest shell", b"typed-42" in out,
              out[-500:])
    check("%s: kernel messages use \\r\\n on the raw terminal" % name,
          b"\r\n" in out and b"\n\n" not in out.replace(b"\r\n", b""),
          out[:300])
    os.close(master)

done()
