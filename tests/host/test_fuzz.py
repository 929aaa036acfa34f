#!/usr/bin/env python3
# SPDX-License-Identifier: GPL-2.0
"""The fuzz targets of the host-side parsers (tests/fuzz): every kept case
and seed replays clean, then each target fuzzes for a few seconds without a
crash, a sanitizer report or a broken invariant. make fuzz runs them for
minutes."""
import os
import subprocess

from common import TOP, check, done

p = subprocess.run(["sh", os.path.join(TOP, "tests", "fuzz", "run"), "10"],
                   capture_output=True, text=True, timeout=600)
print("\n".join("#   " + l for l in p.stdout.splitlines()))
check("the fuzz targets build, replay their cases and fuzz without a failure",
      p.returncode == 0, p.stdout[-3000:] + p.stderr[-2000:])
done()
