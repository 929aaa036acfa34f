#!/usr/bin/env python3
# SPDX-License-Identifier: GPL-2.0
"""Copy-on-write disks: the backing file never changes, data reads back
through the overlay, Debian's uml_moo merges what the port wrote and the
port reads what uml_mkcow made, the project's cow-merge does the same, a
SIGKILL in the middle of writes loses nothing that was flushed, mismatched
or broken COW files are refused, and --snapshot leaves nothing behind."""
import hashlib
import os
import random
import re
import shutil
import signal
import struct
import subprocess
import tempfile
import threading
import time

from common import LINUX, TOP, check, done, run
from guest import make_root
from disks import (TMP, cleanup, digest, ext4_image, fsck, guest, image, sums_script,
                   values)

COW_MERGE = os.path.join(TOP, "scripts", "cow-merge")
UML_MOO = shutil.which("uml_moo")
UML_MKCOW = shutil.which("uml_mkcow")
check("uml-utilities installed (uml_moo, uml_mkcow)", UML_MOO and UML_MKCOW)

ORIG = os.urandom(100000)
backing = ext4_image("backing.img", 48 << 20, {"orig": ORIG})
pristine = digest(backing)
mtime = os.stat(backing).st_mtime_ns


def debugfs_cat(img, name):
    p = subprocess.run(["debugfs", "-R", "cat /" + name, img], capture_output=True)
    return p.stdout


def unchanged(what):
    check("%s: the backing file is byte for byte unchanged, mtime too" % what,
          digest(backing) == pristine and os.stat(backing).st_mtime_ns == mtime)


# --- a COW file made by the port; data read back through it ---
cow = os.path.join(TMP, "disk.cow")
WRITE = """
mkdir -p /mnt && mount /dev/ubda /mnt && echo R:mount=ok
echo "R:orig=$(md5sum /mnt/orig | cut -d' ' -f1)"
dd if=/dev/urandom of=/mnt/new bs=64k count=40 2>/dev/null
echo "R:new=$(md5sum /mnt/new | cut -d' ' -f1)"
umount /mnt && echo R:umount=ok
"""
status, out = guest(WRITE, ["ubd0=%s,%s" % (cow, backing)])
v = values(out)
check("COW: the guest mounts the backing file's file system and writes",
      status == 0 and v.get("mount") == "ok" and v.get("umount") == "ok" and
      v.get("orig") == hashlib.md5(ORIG).hexdigest(), out)
unchanged("COW write")
with open(cow, "rb") as f:
    head = f.read(4128)
magic, version, hmtime, size, sector, align, fmt = struct.unpack(">IIIQIII", head[:32])
path = head[32:].split(b"\0")[0].decode()
check("COW header: magic OOOM, version 3, the backing file's size and mtime, 512-byte sectors",
      head[:4] == b"OOOM" and version == 3 and size == 48 << 20 and sector == 512 and
      hmtime == int(os.stat(backing).st_mtime) and fmt == 0, head[:32].hex())
check("COW header: the backing file's absolute path", path == os.path.realpath(backing), path)

READ = sums_script("/dev/ubda", ["new", "orig"])
status, out2 = guest(READ, ["ubd0=" + cow])
v2 = values(out2)
check("COW file given alone: known by its header, the data reads back",
      v2.get("new") == v.get("new") and v2.get("orig") == v.get("orig"), out2)
unchanged("COW read")

# --- uml_moo merges it; cow-merge gives the same image ---
moo = os.path.join(TMP, "moo.img")
p = subprocess.run([UML_MOO, cow, moo], capture_output=True, text=True)
check("uml_moo merges the port's COW file", p.returncode == 0, p.stdout + p.stderr)
rc, log = fsck(moo)
check("the merged image passes e2fsck -fn", rc == 0, log)
check("the merged image holds the new file", hashlib.md5(debugfs_cat(moo, "new")).hexdigest()
      == v.get("new"))
ours = os.path.join(TMP, "ours.img")
p = subprocess.run([COW_MERGE, cow, "-o", ours], capture_output=True, text=True)
check("cow-merge -o: exit 0 and says what it wrote",
      p.returncode == 0 and re.search(r"\d+ sectors .* written into", p.stdout), p.stdout + p.stderr)
check("cow-merge -o gives the same image as uml_moo", digest(ours) == digest(moo))
copy = os.path.join(TMP, "copy.img")
shutil.copy2(backing, copy)
p = subprocess.run([COW_MERGE, "-b", copy, cow], capture_output=True, text=True)
check("cow-merge in place (-b a copy of the backing file): the same image as uml_moo",
      p.returncode == 0 and digest(copy) == digest(moo), p.stdout + p.stderr)
unchanged("merges")

# --- a COW file uml_mkcow made: read and written here, merged by uml_moo ---
mk = os.path.join(TMP, "mk.cow")
subprocess.run([UML_MKCOW, mk, backing], check=True, capture_output=True)
status, out = guest(WRITE, ["ubd0=" + mk])
v = values(out)
check("uml_mkcow's COW file: the guest reads and writes it",
      v.get("mount") == "ok" and v.get("umount") == "ok" and
      v.get("orig") == hashlib.md5(ORIG).hexdigest(), out)
moo2 = os.path.join(TMP, "moo2.img")
p = subprocess.run([UML_MOO, mk, moo2], capture_output=True, text=True)
check("... and uml_moo merges what was written",
      p.returncode == 0 and hashlib.md5(debugfs_cat(moo2, "new")).hexdigest() == v.get("new"),
      p.stdout + p.stderr)
unchanged("uml_mkcow file")

# --- read-only COW disk ---
before = digest(cow)
status, out = guest("echo R:ro=$(cat /sys/block/ubda/ro)\n"
                    "blockdev --setrw /dev/ubda\n"
                    "dd if=/dev/zero of=/dev/ubda bs=4k count=4 oflag=direct 2>/dev/null"
                    " || echo R:write=failed\n", ["ubd0r=" + cow])
v = values(out)
check("ubd0r= on a COW file: read-only, writes fail, the COW file is unchanged",
      v.get("ro") == "1" and v.get("write") == "failed" and digest(cow) == before, out)

# --- refused: mismatches and broken COW files ---


def refused(args, why, name):
    status, out, err = run(["mem=64M"] + args, timeout=20)
    lines = [l for l in err.splitlines() if l.strip()]
    check("%s: exit 2 with one line: %s" % (name, why),
          status == 2 and len(lines) == 1 and why in lines[0] and "Linux version" not in out,
          "status %s\n%s" % (status, err))


moved = os.path.join(TMP, "moved.img")
shutil.copy(backing, moved)            # same size, a new mtime
refused(["ubd0=%s,%s" % (cow, moved)], "changed since the COW file was made",
        "a backing file whose mtime differs")
bigger = image("bigger.img", 64 << 20)
refused(["ubd0=%s,%s" % (cow, bigger)], "the COW file was made for",
        "a backing file of another size")
p = subprocess.run([COW_MERGE, "-b", moved, cow, "-o", os.path.join(TMP, "x.img")],
                   capture_output=True, text=True)
check("cow-merge refuses a changed backing file (exit 2, one line)",
      p.returncode == 2 and "changed since" in p.stderr and not os.path.exists(
          os.path.join(TMP, "x.img")), p.stderr)
p = subprocess.run([COW_MERGE, backing], capture_output=True, text=True)
check("cow-merge refuses a file that is not a COW file",
      p.returncode == 2 and "not a COW file" in p.stderr, p.stderr)


def broken(name, data):
    path = os.path.join(TMP, name)
    with open(path, "wb") as f:
        f.write(data)
    return path


refused(["ubd0=" + broken("short.cow", head[:100])], "the COW header is truncated",
        "a truncated COW header")
refused(["ubd0=" + broken("v2.cow", head[:4] + struct.pack(">I", 2) + head[8:])],
        "version 2 is not supported", "a version 2 COW file")
refused(["ubd0=" + broken("sect.cow", head[:20] + struct.pack(">I", 4096) + head[24:])],
        "a corrupt COW header", "a COW header with 4096-byte sectors")
refused(["ubd0=" + broken("nobit.cow", head + b"\0" * 100)], "no whole bitmap",
        "a COW file cut inside its bitmap")
refused(["ubd0=%s,%s" % (os.path.join(TMP, "new.cow"), os.path.join(TMP, "none.img"))],
        "No such file", "a missing backing file")
refused(["ubd0d=%s,%s" % (cow, backing)], "flag d", "flag d with a backing file")
refused(["ubd0=" + backing, "ubd1=%s,%s" % (os.path.join(TMP, "b.cow"), backing)],
        "ubd0", "a backing file that another disk writes")

# flag f: accepted, and the header follows the backing file from then on
forced = os.path.join(TMP, "forced.cow")
shutil.copy(cow, forced)
status, out = guest(READ, ["ubd0f=%s,%s" % (forced, moved)])
check("flag f: a changed backing file is accepted", values(out).get("new") == v2.get("new"), out)
status, out = guest(READ, ["ubd0=" + forced])
check("flag f: the header now names it, with its mtime (no flag needed after)",
      values(out).get("new") == v2.get("new"), out)

# --- SIGKILL in the middle of writes ---
CRASH = """
mkdir -p /mnt && mount /dev/ubda /mnt
i=0
while [ $i -lt 400 ]; do
  i=$((i + 1))
  dd if=/dev/urandom of=/mnt/f$i bs=16k count=8 2>/dev/null
  if [ $((i % 5)) = 0 ]; then
    sync
    for j in $(seq $((i - 4)) $i); do echo "SYNCED $j $(md5sum /mnt/f$j | cut -d' ' -f1)"; done
  fi
done
"""
root = make_root(CRASH, out=os.path.join(TMP, "crash.cpio.gz"))
rng = random.Random(int(os.environ.get("UM_SEED", "0")) or None)
for rnd in (1, 2):
    ccow = os.path.join(TMP, "crash%d.cow" % rnd)
    g = subprocess.Popen([LINUX, "mem=128M", "initrd=" + root, "quiet",
                          "ubd0=%s,%s" % (ccow, backing)],
                         stdin=subprocess.DEVNULL, stdout=subprocess.PIPE,
                         stderr=subprocess.STDOUT)
    synced = {}
    lock = threading.Lock()

    def reader(stream=g.stdout):
        for line in iter(stream.readline, b""):
            m = re.match(rb"SYNCED (\d+) ([0-9a-f]{32})", line)
            if m:
                with lock:
                    synced[int(m.group(1))] = m.group(2).decode()

    t = threading.Thread(target=reader, daemon=True)
    t.start()
    target = rng.randint(10, 30)
    end = time.time() + 60
    while time.time() < end and len(synced) < target:
        time.sleep(0.01)
    time.sleep(rng.uniform(0, 0.3))
    with lock:
        seen = dict(synced)
    g.send_signal(signal.SIGKILL)
    g.wait()
    t.join(5)
    check("SIGKILL round %d: the guest had flushed %d files when killed" % (rnd, len(seen)),
          len(seen) >= 10, len(seen))
    unchanged("SIGKILL round %d" % rnd)
    status, out = guest("mkdir -p /mnt && mount /dev/ubda /mnt && echo R:mount=ok\n"
                        "for f in /mnt/f*; do echo \"R:$(basename $f)=$(md5sum $f | cut -d' ' -f1)\"; done\n"
                        "umount /mnt && echo R:umount=ok\n", ["ubd0=" + ccow])
    v = values(out)
    bad = [i for i, s in seen.items() if v.get("f%d" % i) != s]
    check("SIGKILL round %d: the file system mounts again (journal replayed)" % rnd,
          v.get("mount") == "ok" and v.get("umount") == "ok", out)
    check("SIGKILL round %d: every file flushed before the kill reads back intact" % rnd,
          not bad, "wrong or missing: %s" % bad[:10])
    merged = os.path.join(TMP, "crash%d.img" % rnd)
    p = subprocess.run([UML_MOO, ccow, merged], capture_output=True, text=True)
    rc, log = fsck(merged)
    check("SIGKILL round %d: uml_moo merges the COW file, e2fsck -f finds no error" % rnd,
          p.returncode == 0 and rc == 0, p.stdout + p.stderr + log)
    unchanged("SIGKILL round %d, after" % rnd)

# --- --snapshot: writes go nowhere lasting ---
tmpdir = tempfile.mkdtemp(dir=TMP)
plain = ext4_image("plain.img", 32 << 20, {"orig": ORIG})
plain_sum = digest(plain)
env = dict(os.environ, TMPDIR=tmpdir)
snap_root = make_root("mkdir -p /mnt && mount /dev/ubda /mnt && echo R:mount=ok\n"
                      "dd if=/dev/urandom of=/mnt/junk bs=1M count=8 2>/dev/null\n"
                      "rm /mnt/orig; sync; echo R:written=ok\n"
                      "umount /mnt\n", out=os.path.join(TMP, "snap.cpio.gz"))
p = subprocess.run([LINUX, "mem=128M", "initrd=" + snap_root, "quiet", "--snapshot",
                    "ubd0=" + plain], capture_output=True, env=env, timeout=120)
out = p.stdout.decode(errors="replace").replace("\r\n", "\n")
v = values(out)
check("--snapshot: the guest writes and deletes on the disk",
      p.returncode == 0 and v.get("written") == "ok", out)
check("--snapshot: the image is unchanged", digest(plain) == plain_sum)
check("--snapshot: nothing left in TMPDIR", os.listdir(tmpdir) == [], os.listdir(tmpdir))
check("--snapshot: not on the kernel command line", "--snapshot" not in out)
status, out = guest("mkdir -p /mnt && mount /dev/ubda /mnt && ls /mnt | tr '\\n' ' ' | "
                    "sed 's/^/R:ls=/'; echo; umount /mnt\n", ["ubd0=" + plain])
check("--snapshot: the next boot sees the image as before",
      "orig" in values(out).get("ls", "") and "junk" not in values(out).get("ls", ""), out)
p = subprocess.run([LINUX, "mem=64M", "--snapshot", "ubd0=" + cow], capture_output=True,
                   timeout=20)
check("--snapshot of a COW file is refused (exit 2)",
      p.returncode == 2 and b"--snapshot of a COW file" in p.stderr, p.stderr)

cleanup()
done()
