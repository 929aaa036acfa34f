#!/usr/bin/env python3
# SPDX-License-Identifier: GPL-2.0
"""Disks (ubdN=): bad options refused before boot, a partitioned ext4 disk
that keeps its data across boots and passes the host's e2fsck, read-only
enforced in the guest and on the host, TRIM giving space back to the host,
many requests in flight at once, the lock between guests, flags reaching
the host file, and a root file system on a disk."""
import fcntl
import hashlib
import os
import re
import subprocess
import threading
import time

from common import LINUX, TOP, check, done, run
from guest import run_guest
from disks import TMP, cleanup, digest, fsck, guest, image, sums_script, values

# --- bad options: one line, exit 2, nothing booted ---
small = image("small.img", 1000)
dup = image("dup.img", 1 << 20)
fifo = os.path.join(TMP, "fifo")
os.mkfifo(fifo)
locked = image("locked.img", 1 << 20)
BAD = [
    (["ubd0=" + os.path.join(TMP, "missing.img")], "No such file"),
    (["ubd0=" + TMP], "Is a directory"),
    (["ubd0r=" + TMP], "not a regular file or block device"),
    (["ubd0=" + fifo], "not a regular file or block device"),
    (["ubd0=" + small], "not a multiple of 512"),
    (["ubd0=" + dup, "ubd1=" + dup], "the same file as ubd0"),
    (["ubd0=" + dup, "ubda=" + dup], "given twice"),
    (["ubd99=" + dup], "no such disk"),
    (["ubdq=" + dup], "no such disk"),
    (["ubd0x=" + dup], "unknown flag 'x'"),
    (["ubd0"], "needs a file"),
    (["ubd0="], "no file named"),
    (["ubd0=a,b,c,d"], "more than FILE,BACKING,SERIAL"),
]
for args, why in BAD:
    status, out, err = run(["mem=64M"] + args, timeout=20)
    lines = [l for l in err.splitlines() if l.strip()]
    name = " ".join(a.replace(TMP, "T") for a in args)
    check("%s: exit 2 with one line: %s" % (name, why),
          status == 2 and len(lines) == 1 and lines[0].startswith("linux: ") and
          why in lines[0] and "Linux version" not in out,
          "status %s\n%s%s" % (status, out[-500:], err))

# A lock another program holds (a classic POSIX lock, as other tools take).
with open(locked, "r+b") as f:
    fcntl.lockf(f, fcntl.LOCK_EX | fcntl.LOCK_NB)
    status, out, err = run(["mem=64M", "ubd0=" + locked], timeout=20)
    check("a locked image: exit 2, 'in use by another program'",
          status == 2 and "in use by another program" in err, err)
    status, out, err = run(["mem=64M", "ubd0r=" + locked], timeout=20)
    check("a locked image read-only: refused too (its writer may change it)",
          status == 2 and "in use by another program" in err, err)

# --- partition, mkfs, mount, write, fsync, unmount; a second boot reads it ---
disk = image("disk.img", 64 << 20)
MAKE = """
printf 'n\\np\\n1\\n2048\\n\\nw\\n' | fdisk /dev/ubda >/dev/null 2>&1
echo "R:parts="$(ls /dev/ubda*)
echo "R:size=$(cat /sys/block/ubda/size)"
echo "R:serial=$(cat /sys/block/ubda/serial)"
echo "R:ro=$(cat /sys/block/ubda/ro)"
/usr/sbin/mke2fs -q -t ext4 /dev/ubda1 && echo R:mkfs=ok
mkdir -p /mnt && mount /dev/ubda1 /mnt && echo R:mount=ok
dd if=/dev/urandom of=/mnt/data bs=64k count=64 2>/dev/null
echo kept > /mnt/note
sync /mnt/data
echo "R:sum=$(md5sum /mnt/data | cut -d' ' -f1)"
umount /mnt && echo R:umount=ok
"""
status, out = guest(MAKE, ["ubd0=%s,,disk-42" % disk])
v = values(out)
check("boot with a disk: exit 0", status == 0, out)
check("partitions are read: /dev/ubda and /dev/ubda1",
      v.get("parts") == "/dev/ubda /dev/ubda1", out)
check("capacity: 64 MiB in 512-byte sectors", v.get("size") == str(64 << 11), out)
check("the serial shows in sysfs", v.get("serial") == "disk-42", out)
check("a disk without r is writable", v.get("ro") == "0", out)
check("mke2fs -t ext4 on the partition, mount, write, umount",
      v.get("mkfs") == "ok" and v.get("mount") == "ok" and v.get("umount") == "ok", out)
with open(disk, "rb") as f:
    mbr = f.read(512)
check("the partition table is in the host file (MBR, partition at 2048)",
      mbr[510:512] == b"\x55\xaa" and int.from_bytes(mbr[454:458], "little") == 2048,
      mbr[446:462].hex())
rc, log = fsck(disk, 2048)
check("host e2fsck -fn: the file system is clean", rc == 0, log)

status, out2 = guest(sums_script("/dev/ubda1", ["note", "data"]), ["ubd0=" + disk])
v2 = values(out2)
check("second boot: the data written is there",
      v2.get("note") == hashlib.md5(b"kept\n").hexdigest() and v2.get("data") and
      v2.get("data") == v.get("sum"), out2)

# --- read-only: refused in the guest, and the host file cannot change ---
before = digest(disk)
RO = """
echo "R:ro=$(cat /sys/block/ubda/ro)"
dd if=/dev/zero of=/dev/ubda bs=4k count=1 conv=fsync 2>&1 | grep -q 'not permitted\\|Read-only' && echo R:dd=refused
mkdir -p /mnt; mount /dev/ubda1 /mnt 2>/dev/null; echo "R:mounted=$(grep ubda1 /proc/mounts | cut -d' ' -f4 | cut -d, -f1)"
echo "R:note=$(cat /mnt/note)"
touch /mnt/new 2>/dev/null || echo R:touch=refused
umount /mnt
# The guest's root may lift the block layer's flag; the host file is still
# open read-only.
blockdev --setrw /dev/ubda && echo R:setrw=done
dd if=/dev/zero of=/dev/ubda bs=4k count=16 oflag=direct 2>/dev/null || echo R:direct=failed
"""
status, out = guest(RO, ["ubd0r=" + disk])
v = values(out)
check("ubd0r: the disk is read-only in the guest", v.get("ro") == "1", out)
check("ubd0r: a write to /dev/ubda is refused", v.get("dd") == "refused", out)
check("ubd0r: the file system mounts read-only and reads",
      v.get("mounted") == "ro" and v.get("note") == "kept", out)
check("ubd0r: creating a file fails", v.get("touch") == "refused", out)
check("ubd0r: with the guest's flag lifted, writes still fail (host file read-only)",
      v.get("setrw") == "done" and v.get("direct") == "failed", out)
check("ubd0r: the host file is unchanged", digest(disk) == before)

# --- many requests in flight: parallel writers, then read back ---
raw = image("raw.img", 32 << 20)
PAR = """
for i in 0 1 2 3 4 5 6 7; do
  dd if=/dev/urandom of=/tmp/chunk$i bs=1M count=4 2>/dev/null
done
for i in 0 1 2 3 4 5 6 7; do
  dd if=/tmp/chunk$i of=/dev/ubda bs=64k seek=$((i * 64)) oflag=direct 2>/dev/null &
done
wait
sync
cat /tmp/chunk0 /tmp/chunk1 /tmp/chunk2 /tmp/chunk3 /tmp/chunk4 /tmp/chunk5 /tmp/chunk6 /tmp/chunk7 | md5sum | sed 's/ .*//;s/^/R:want=/'
echo 3 > /proc/sys/vm/drop_caches
for i in 0 1 2 3; do
  dd if=/dev/ubda of=/tmp/back$i bs=4k skip=$((i * 2048)) count=2048 iflag=direct 2>/dev/null &
done
wait
cat /tmp/back0 /tmp/back1 /tmp/back2 /tmp/back3 | md5sum | sed 's/ .*//;s/^/R:got=/'
"""
status, out = guest(PAR, ["ubd0=" + raw], extra=["mem=192M"])
v = values(out)
with open(raw, "rb") as f:
    host_sum = hashlib.md5(f.read()).hexdigest()
check("8 parallel direct writers: the host file holds exactly their data",
      v.get("want") and v.get("want") == host_sum, out)
check("4 parallel direct readers read it back", v.get("got") == v.get("want"), out)

# --- TRIM: fstrim gives the space back to the host file ---
trim = image("trim.img", 64 << 20)


def allocated(path):
    return os.stat(path).st_blocks * 512


FILL = """
/usr/sbin/mke2fs -q -t ext4 -E nodiscard /dev/ubda
mkdir -p /mnt && mount /dev/ubda /mnt
dd if=/dev/urandom of=/mnt/big bs=1M count=24 2>/dev/null
umount /mnt && echo R:filled=ok
"""
TRIM = """
mkdir -p /mnt && mount /dev/ubda /mnt
rm /mnt/big; sync
fstrim /mnt && echo R:fstrim=ok
umount /mnt
"""
status, out = guest(FILL, ["ubd0=" + trim])
full = allocated(trim)
check("TRIM: the host file has the data allocated (>= 24 MiB)",
      values(out).get("filled") == "ok" and full >= 24 << 20, "%d bytes\n%s" % (full, out))
status, out = guest(TRIM, ["ubd0=" + trim])
check("TRIM: fstrim in the guest succeeds", values(out).get("fstrim") == "ok", out)
check("TRIM: after rm and fstrim the host file holds at least 20 MiB less",
      allocated(trim) <= full - (20 << 20), "%d -> %d bytes" % (full, allocated(trim)))
kept = allocated(trim)
status, out = run_guest("echo R:max=$(cat /sys/block/ubda/queue/discard_max_bytes)\n"
                        "blkdiscard /dev/ubda 2>/dev/null || echo R:blkdiscard=refused\n",
                        args=["ubd0t=" + trim], timeout=60)
v = values(out)
check("flag t: no discard in the guest", v.get("max") == "0" and
      v.get("blkdiscard") == "refused", out)
check("flag t: the host file keeps its blocks", allocated(trim) == kept,
      "%d -> %d bytes" % (kept, allocated(trim)))

# --- two guests on one image; flags reach the host file ---
shared = image("shared.img", 8 << 20)
other = image("other.img", 8 << 20)
holder = {}


def hold():
    holder["result"] = run_guest("echo R:up=1\nsleep 8\n",
                                 args=["ubd0=" + shared, "ubd1rs=" + other,
                                       "ubd2s=" + dup], timeout=60)


t = threading.Thread(target=hold)
t.start()
pid = None
for _ in range(200):
    for p in os.listdir("/proc"):
        if not p.isdigit():
            continue
        try:
            with open("/proc/%s/cmdline" % p, "rb") as f:
                args = f.read().split(b"\0")
            with open("/proc/%s/stat" % p) as f:
                ppid = int(f.read().rsplit(")", 1)[1].split()[1])
            # the kernel process: ours; its guest processes have its argv too
            if ppid == os.getpid() and ("ubd0=" + shared).encode() in args:
                pid = p
        except OSError:
            pass
    if pid:
        break
    time.sleep(0.05)
time.sleep(1)


def fd_flags(pid, path):
    try:
        fds = os.listdir("/proc/%s/fd" % pid)
    except OSError:
        return None
    for fd in fds:
        try:
            if os.readlink("/proc/%s/fd/%s" % (pid, fd)) == path:
                with open("/proc/%s/fdinfo/%s" % (pid, fd)) as f:
                    return int(re.search(r"flags:\s+(\d+)", f.read()).group(1), 8)
        except OSError:
            pass
    return None


check("the first guest runs", pid is not None)
if pid:
    f0, f1, f2 = fd_flags(pid, shared), fd_flags(pid, other), fd_flags(pid, dup)
    check("host file of a plain disk: read-write, no O_DSYNC",
          f0 is not None and f0 & 3 == os.O_RDWR and not f0 & os.O_DSYNC, f0)
    check("flag r: the host file is open read-only", f1 is not None and f1 & 3 == os.O_RDONLY, f1)
    check("flag s: the host file is open with O_DSYNC", f2 is not None and f2 & os.O_DSYNC
          and f2 & 3 == os.O_RDWR, f2)
    check("no image is inherited by a guest process (close-on-exec)",
          f0 is not None and f0 & os.O_CLOEXEC, f0)
status, out, err = run(["mem=64M", "ubd0=" + shared], timeout=20)
check("a second guest on an image in use: exit 2, 'in use by another program'",
      status == 2 and "in use by another program" in err, err)
status, out, err = run(["mem=64M", "ubd0r=" + shared], timeout=20)
check("... read-only too", status == 2 and "in use by another program" in err, err)
status, out = run_guest("echo R:ro=$(cat /sys/block/ubda/ro)\n",
                        args=["ubd0r=" + other], timeout=60)
check("two read-only guests share an image", values(out).get("ro") == "1", out)
status, out = run_guest("echo R:both=$(cat /sys/block/ubda/ro)$(cat /sys/block/ubdb/ro)\n",
                        args=["ubd0r=" + other, "ubd1r=" + other], timeout=60)
check("two read-only disks of one guest on one image", values(out).get("both") == "11", out)
status, out = run_guest("echo R:up=$(cat /sys/block/ubda/size)\n",
                        args=["ubd0c=" + shared], timeout=60)
check("flag c: no lock, the image opens beside its holder",
      values(out).get("up") == str(8 << 11), out)
t.join()
check("the first guest ran to its end", holder.get("result", (None,))[0] == 0,
      holder.get("result"))

# --- a root file system on a disk ---
root = os.path.join(TMP, "root.ext4")
subprocess.run(["sh", os.path.join(TOP, "scripts", "mkrootfs"), "-t", "ext4", "-o", root],
               check=True, stdout=subprocess.DEVNULL)
check("mkrootfs -t ext4: the image passes e2fsck", fsck(root)[0] == 0, fsck(root)[1])
p = subprocess.run([LINUX, "mem=128M", "ubd0=" + root, "root=/dev/ubda"],
                   input=b"grep ' / ' /proc/mounts; echo disk-root > /root/mark; poweroff\n",
                   capture_output=True, timeout=120)
out = p.stdout.decode(errors="replace")
check("root=/dev/ubda: boots the image, read-write, and powers off (exit 0)",
      p.returncode == 0 and re.search(r"^/dev/root / ext4 rw", out, re.M), out[-1500:])
dbg = subprocess.run(["debugfs", "-R", "cat /root/mark", root], capture_output=True, text=True)
check("root=/dev/ubda: what the guest wrote is in the image", "disk-root" in dbg.stdout,
      dbg.stdout + dbg.stderr)
check("root=/dev/ubda: the image is clean after poweroff", fsck(root)[0] == 0, fsck(root)[1])

cleanup()
done()
