#!/usr/bin/env python3
# SPDX-License-Identifier: GPL-2.0
"""Booting: the initramfs, memory sizing, panics, idle, and the ways the
host can stop a guest."""
import os
import re
import signal
import subprocess
import threading
import time

from common import BUILD, LINUX, check, done, initramfs, run

rootfs = initramfs(os.path.join(BUILD, "test-rootfs.cpio.gz"))

# --- an initramfs is unpacked and /init started ---
status, out, err = run(["mem=64M", "initrd=" + rootfs])
check("boot with initramfs: exit 0", status == 0, out + err)
check("boot with initramfs: /init is started", "Run /init as init process" in out, out)
check("boot: kernel messages reach stdout from the first line",
      out.startswith("Linux version 6.12."), out[:300])

# --- mem= is the guest's RAM on top of the kernel image ---
m = re.search(r"kernel image (\d+) KiB", out)
a = re.search(r"Memory: (\d+)K/(\d+)K available", out)
check("boot log reports image size and memory", m and a, out)
if m and a:
    image_k, avail_k, total_k = int(m.group(1)), int(a.group(1)), int(a.group(2))
    check("physical memory = mem= + kernel image", total_k == 64 * 1024 + image_k,
          "total %dK, image %dK" % (total_k, image_k))
    check("available memory close to mem=64M",
          56 * 1024 <= avail_k <= 64 * 1024, "available %dK" % avail_k)
status, out128, err = run(["mem=128M", "initrd=" + rootfs])
a2 = re.search(r"Memory: (\d+)K/(\d+)K available", out128)
check("mem=128M gives 64M more than mem=64M",
      a and a2 and int(a2.group(2)) - int(a.group(2)) == 64 * 1024, out128)

# --- quiet ---
status, out, err = run(["mem=64M", "quiet", "initrd=" + rootfs])
check("quiet: no informational messages", "Linux version" not in out and
      "Run /init" not in out, out)

# --- a panic: symbolized stack trace, exit status 1 ---
status, out, err = run(["mem=64M"])
check("panic (no root file system): exit status 1", status == 1,
      "status %d\n%s" % (status, out))
check("panic: message printed", "Kernel panic - not syncing" in out, out)
trace = out[out.find("Call Trace:"):] if "Call Trace:" in out else ""
check("panic: symbolized stack trace", re.search(r"^ v?panic\+0x[0-9a-f]+/0x[0-9a-f]+$",
      trace, re.M) and re.search(r"^ kernel_init\+0x", trace, re.M), out)

# --- panic=N restarts the guest instead of ending the program ---
g_args = ["mem=64M", "panic=1"]
try:
    import subprocess as sp
    p = sp.run([LINUX] + g_args, stdin=sp.DEVNULL, capture_output=True, timeout=6)
    restarted = p.stdout
except subprocess.TimeoutExpired as e:
    restarted = e.stdout or b""
check("panic=1: the guest restarts (runs again after the panic)",
      restarted.count(b"Linux version 6.12.") >= 2 and
      b"Rebooting in 1 seconds" in restarted, restarted[-800:])


class Guest:
    """A guest running in the background, its output collected."""

    def __init__(self, args):
        self.p = subprocess.Popen([LINUX] + args, stdin=subprocess.DEVNULL,
                                  stdout=subprocess.PIPE, stderr=subprocess.STDOUT)
        self.out = b""
        self.t = threading.Thread(target=self._read, daemon=True)
        self.t.start()

    def _read(self):
        for chunk in iter(lambda: self.p.stdout.read1(4096), b""):
            self.out += chunk

    def wait_for(self, text, timeout=30):
        end = time.time() + timeout
        while time.time() < end:
            if text.encode() in self.out:
                return True
            if self.p.poll() is not None:
                break
            time.sleep(0.05)
        return text.encode() in self.out

    def wait(self, timeout=30):
        try:
            status = self.p.wait(timeout)
        except subprocess.TimeoutExpired:
            self.p.kill()
            status = None
        self.t.join(5)
        return status

    def text(self):
        return self.out.decode(errors="replace")


# --- idle: a waiting guest sleeps in the host ---
g = Guest(["mem=64M", "rootdelay=3"])
ok = g.wait_for("Waiting 3 sec before mounting root device")
t0 = time.time()
usage0 = os.times()
status = g.wait(20)
usage1 = os.times()
cpu = (usage1.children_user - usage0.children_user) + \
      (usage1.children_system - usage0.children_system)
check("idle: guest waited for rootdelay", ok and status == 1, g.text())
check("idle: a sleeping guest uses little host CPU (%.2fs over %.1fs)" %
      (cpu, time.time() - t0), cpu < 0.5 * (time.time() - t0), g.text())

def stubborn_rootfs(name, body):
    """A root file system whose init runs body (sh) instead of a shell."""
    path = os.path.join(BUILD, name)
    init = path + ".init"
    with open(init, "w") as f:
        f.write("#!/bin/sh\nmount -t proc proc /proc\n" + body)
    subprocess.run(["sh", os.path.join(os.path.dirname(BUILD), "scripts", "mkrootfs"),
                    "-o", path, "-i", init], check=True, stdout=subprocess.DEVNULL)
    return path


# --- a second signal ends a guest that does not stop ---
deaf = stubborn_rootfs("test-deaf.cpio.gz",
                       'trap "" USR1 USR2 TERM INT HUP\necho ready\n'
                       'while :; do sleep 1; done\n')
g = Guest(["mem=64M", "initrd=" + deaf])
ok = g.wait_for("ready")
g.p.send_signal(signal.SIGTERM)
asked = g.wait_for("Host asked for shutdown", 10)
time.sleep(1)
still = g.p.poll() is None
g.p.send_signal(signal.SIGTERM)
status = g.wait(20)
check("SIGTERM to a guest whose init ignores shutdown: it keeps running",
      ok and asked and still, g.text())
check("a second SIGTERM ends the program at once with 128+SIGTERM", status == 143,
      "status %s\n%s" % (status, g.text()))

# --- reboot in the guest starts the program again ---
rb = stubborn_rootfs("test-reboot.cpio.gz", "echo about-to-reboot\nreboot -f\n")
g = Guest(["mem=64M", "initrd=" + rb])
ok = g.wait_for("about-to-reboot") and g.wait_for("Linux version", 1)
twice = False
end = time.time() + 20
while time.time() < end and not twice:
    twice = g.text().count("about-to-reboot") >= 2
    time.sleep(0.1)
g.p.kill()
g.wait(5)
check("reboot in the guest boots it again, same command line", ok and twice and
      g.text().count("Kernel command line: mem=64M initrd=") >= 2, g.text()[-1500:])

# --- SIGTERM asks for a clean power-off ---
g = Guest(["mem=64M", "rootdelay=30"])
ok = g.wait_for("Waiting 30 sec")
g.p.send_signal(signal.SIGTERM)
status = g.wait(20)
check("SIGTERM: guest powers off with status 0", ok and status == 0,
      "status %s\n%s" % (status, g.text()))
check("SIGTERM: the guest says why", "Host asked for shutdown" in g.text(), g.text())
check("SIGTERM: orderly power-off ran", "reboot: Power down" in g.text(), g.text())

done()
