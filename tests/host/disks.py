# SPDX-License-Identifier: GPL-2.0
"""Helpers of the disk tests: images in a scratch folder, digests, the
guest's 'R:key=value' results, e2fsck on the host."""
import hashlib
import os
import re
import shutil
import subprocess
import tempfile

from guest import run_guest

TMP = tempfile.mkdtemp(prefix="disks-")
MKE2FS = shutil.which("mke2fs") or "/sbin/mke2fs"
E2FSCK = shutil.which("e2fsck") or "/sbin/e2fsck"


def image(name, size):
    """A sparse file of size bytes in the scratch folder, made anew."""
    path = os.path.join(TMP, name)
    if os.path.exists(path):
        os.unlink(path)
    with open(path, "wb") as f:
        f.truncate(size)
    return path


def ext4_image(name, size, files=None):
    """An ext4 image made on the host, holding files {name: bytes}."""
    path = image(name, size)
    src = tempfile.mkdtemp(dir=TMP)
    for n, data in (files or {}).items():
        with open(os.path.join(src, n), "wb") as f:
            f.write(data)
    subprocess.run([MKE2FS, "-q", "-F", "-t", "ext4", "-d", src, path],
                   check=True, stdout=subprocess.DEVNULL)
    shutil.rmtree(src)
    return path


def digest(path):
    with open(path, "rb") as f:
        return hashlib.sha256(f.read()).hexdigest()


def guest(script, disks, timeout=120, extra=()):
    """Run script in a guest with these ubd options; (status, output)."""
    return run_guest(script, args=list(disks) + list(extra),
                     host_programs=[MKE2FS], timeout=timeout)


def values(out):
    """The guest's 'R:key=value' lines."""
    return dict(re.findall(r"^R:(\S+?)=(.*)$", out, re.M))


def sums_script(dev, names):
    """A guest script: mount dev, print R:NAME=md5 of each file, unmount."""
    lines = ["mkdir -p /mnt && mount %s /mnt && echo R:mount=ok" % dev]
    lines += ['echo "R:%s=$(md5sum /mnt/%s | cut -d\' \' -f1)"' % (n, n) for n in names]
    return "\n".join(lines + ["umount /mnt && echo R:umount=ok", ""])


def fsck(path, offset_sectors=0):
    """e2fsck -fn on the host, of the file system at that offset."""
    part = path
    if offset_sectors:
        part = path + ".part"
        with open(path, "rb") as src, open(part, "wb") as dst:
            src.seek(offset_sectors * 512)
            shutil.copyfileobj(src, dst)
    p = subprocess.run([E2FSCK, "-fn", part], capture_output=True, text=True)
    return p.returncode, p.stdout + p.stderr


def cleanup():
    shutil.rmtree(TMP, ignore_errors=True)
