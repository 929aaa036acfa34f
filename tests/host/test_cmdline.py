#!/usr/bin/env python3
# SPDX-License-Identifier: GPL-2.0
"""The program's command line: help, version, and bad options refused with
one line on stderr, exit status 2, and no boot."""
import os
import tempfile

from common import run, check, done

status, out, err = run(["--help"])
check("--help exits 0", status == 0, err)
for word in ("mem=", "initrd=", "con0=", "root=", "init=", "loglevel=", "--version"):
    check("--help mentions %s" % word, word in out, out)

status, out, err = run(["--version"])
check("--version exits 0", status == 0, err)
check("--version names the kernel release", out.startswith("linux 6.12."), out)

FIFO = os.path.join(tempfile.mkdtemp(prefix="cmdline-"), "fifo")
os.mkfifo(FIFO)

BAD = [
    (["--foo"], "unknown option"),
    (["-x"], "unknown option"),
    (["mem=12Q"], "not a size"),
    (["mem=abc"], "not a size"),
    (["mem=1M"], "too little"),
    (["mem=9999G"], "too much"),
    (["mem"], "needs a value"),
    (["initrd=/nonexistent/root.cpio"], "No such file"),
    (["initrd="], "no file"),
    # a FIFO with no writer would block the open; a device is not a file
    (["initrd=" + FIFO], "not a regular file"),
    (["initrd=/dev/zero"], "not a regular file"),
    (["con0=garbage"], "not a console"),
    (["con=fd:"], "not a console"),
    (["con1=fd:0,"], "not a console"),
    (["con9=null"], "no such console line"),
    (["con0=fd:97"], "not open"),
    (["loglevel=abc"], "not a log level"),
    (["loglevel=99"], "not a log level"),
    (["init="], "empty value"),
    (["=x"], "empty option name"),
]
for args, why in BAD:
    status, out, err = run(["mem=64M"] + args, timeout=20)
    lines = [l for l in err.splitlines() if l.strip()]
    check("%s: exit status 2" % " ".join(args), status == 2,
          "status %d\n%s%s" % (status, out, err))
    check("%s: one error line naming the problem" % " ".join(args),
          len(lines) == 1 and lines[0].startswith("linux: ") and why in lines[0],
          err)
    check("%s: nothing booted" % " ".join(args), "Linux version" not in out, out)

done()
