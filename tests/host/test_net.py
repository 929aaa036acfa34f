#!/usr/bin/env python3
# SPDX-License-Identifier: GPL-2.0
"""Network interfaces (ethN=), in a network namespace of the test's own:
bad options refused before boot; a guest on a host TAP interface pinging
the host and moving 16 MiB each way intact, with TCP segmentation offload
taking effect; two guests on one LAN through Debian's uml_switch and
through a multicast group and through Debian's vde_switch, moving data
between them; the link going down in the guest when a switch quits; user-mode networking (slirp) on the
default root file system: DHCP at boot, outbound TCP, a port forward in."""
import hashlib
import os
import shutil
import signal
import socket
import subprocess
import sys
import tempfile
import threading
import time

if os.environ.get("UM_NET_NS") != "1":
    # Everything below runs in a network namespace made for it: the only
    # addresses are its own.
    env = dict(os.environ, UM_NET_NS="1")
    ns = ["unshare", "-n"] if os.getuid() == 0 else ["unshare", "-rn"]
    sys.exit(subprocess.run(ns + [sys.executable] + sys.argv, env=env).returncode)

from common import LINUX, TOP, check, done, run  # noqa: E402
from guest import build_c, make_root  # noqa: E402

TMP = tempfile.mkdtemp(prefix="um-net-")
tcpx = build_c("tcpx", os.path.join(TOP, "tests", "guest", "progs", "tcpx.c"))
MIB16 = 16 << 20


def sh(*cmd):
    subprocess.run(cmd, check=True, stdout=subprocess.DEVNULL)


sh("ip", "link", "set", "lo", "up")


def boot(script, args, timeout=120, backend=None, host_programs=()):
    """Start a guest running script; returns the Popen (output in .stdout)."""
    cpio = make_root(script, files=[(tcpx, "/bin/tcpx")], host_programs=host_programs,
                     out=tempfile.mktemp(suffix=".cpio.gz", dir=TMP))
    cmd = [LINUX, "mem=256M", "initrd=" + cpio, "quiet"] + list(args)
    if backend or os.environ.get("UM_BACKEND"):
        cmd.append("um_backend=" + (backend or os.environ["UM_BACKEND"]))
    p = subprocess.Popen(cmd, stdin=subprocess.DEVNULL, stdout=subprocess.PIPE,
                         stderr=subprocess.STDOUT)
    p.timeout = timeout
    return p


def finish(p):
    """Wait for a guest; returns (status, output)."""
    try:
        out, _ = p.communicate(timeout=p.timeout)
        return p.returncode, out.decode(errors="replace").replace("\r\n", "\n")
    except subprocess.TimeoutExpired:
        p.kill()
        out, _ = p.communicate()
        return None, out.decode(errors="replace") + "\n[timeout]"


def value(out, key):
    """The word after 'key=' in a guest's output, or None."""
    for line in out.splitlines():
        if line.startswith(key + "="):
            return line[len(key) + 1:].strip()
    return None


def host_tcpx(*args, timeout=120):
    return subprocess.Popen([tcpx] + [str(a) for a in args], stdout=subprocess.PIPE,
                            stderr=subprocess.STDOUT)


def tcpx_result(p, timeout=120):
    try:
        out, _ = p.communicate(timeout=timeout)
    except subprocess.TimeoutExpired:
        p.kill()
        out, _ = p.communicate()
    return p.returncode, out.decode(errors="replace")


# --- bad options: one line naming the option, exit 2, nothing booted ---
sh("ip", "tuntap", "add", "umtun0", "mode", "tun")
sh("ip", "tuntap", "add", "umbusy0", "mode", "tap")
sh("ip", "tuntap", "add", "umother0", "mode", "tap", "user", "65534")
notsock = os.path.join(TMP, "not-a-socket")
open(notsock, "w").close()
deadsock = os.path.join(TMP, "dead.sock")
s = socket.socket(socket.AF_UNIX)
s.bind(deadsock)
s.close()   # a socket file nobody listens on
# A port of the host's that a forward cannot take.
busy = socket.socket()
busy.bind(("127.0.0.1", 0))
busy.listen(1)
busy_port = busy.getsockname()[1]
BAD = [
    (["eth0=foo"], "eth0: unknown transport 'foo'"),
    (["eth0="], "eth0: no transport"),
    (["eth0"], "eth0: needs a transport"),
    (["eth16=mcast"], "eth16: no such interface"),
    (["eth0=mcast", "eth0=mcast"], "given twice"),
    (["eth0=tuntap"], "no interface named"),
    (["eth0=tuntap,nosuch0"], "no host interface nosuch0"),
    (["eth0=tap,umtun0"], "umtun0 is not a TAP interface"),
    (["eth0=tuntap,umbusy0", "eth1=tuntap,umbusy0"], "umbusy0 is busy"),
    (["eth0=tuntap,umbusy0,01:02:03:04:05:06"], "is a multicast address"),
    (["eth0=tuntap,umbusy0,zz:02:03:04:05:06"], "is not a MAC address"),
    (["eth0=daemon,,unix," + os.path.join(TMP, "nothing")], "No such file"),
    (["eth0=daemon,,unix," + notsock], "is not a socket"),
    (["eth0=daemon,,unix," + deadsock], "cannot reach the switch"),
    (["eth0=daemon,,tcp,x"], "only unix is known"),
    (["eth0=daemon,unix,x"], "wants daemon,[MAC],unix,SOCKET"),
    (["eth0=mcast,,10.0.0.1"], "10.0.0.1 is not a multicast address"),
    (["eth0=mcast,,239.1.1.1,70000"], "'70000' is not a port"),
    (["eth0=mcast,,239.1.1.1,1102,300"], "'300' is not a TTL"),
    (["eth0=mcast,,nonsense"], "'nonsense' is not an IPv4 address"),
    # No multicast route in the namespace yet: the group cannot be joined.
    (["eth0=mcast"], "cannot join the group"),
    (["eth0=vde," + os.path.join(TMP, "no-switch")], "cannot reach the VDE switch"),
    (["eth0=vde,x,y,z"], "more than vde,SWITCH,MAC"),
    (["eth0=slirp,foo"], "'foo': only hostfwd=... follows slirp"),
    (["eth0=slirp,hostfwd=sctp::1-:2"], "wants tcp: or udp:"),
    (["eth0=slirp,hostfwd=tcp:8080-:80"], "not PROTO:[HOSTADDR]:HOSTPORT-[GUESTADDR]:GUESTPORT"),
    (["eth0=slirp,hostfwd=tcp::0-:80"], "not PROTO:"),
    (["eth0=slirp,hostfwd=tcp:1.2.3:80-:80"], "not PROTO:"),
    (["eth0=slirp,hostfwd=tcp::%d-:80" % busy_port],
     "cannot forward tcp port 127.0.0.1:%d" % busy_port),
]
for args, want in BAD:
    st, out, err = run(args, timeout=30)
    check("refused: %s" % " ".join(args),
          st == 2 and want in err and len(err.strip().splitlines()) == 1
          and err.startswith("linux: eth"),
          "status %s, stderr %r" % (st, err))

# A TAP interface of another user, opened without the privilege to take it.
st = subprocess.run(["setpriv", "--inh-caps=-net_admin", "--bounding-set=-net_admin",
                     LINUX, "eth0=tuntap,umother0"],
                    capture_output=True, text=True, timeout=30)
check("refused: a TAP interface of another user",
      st.returncode == 2 and "umother0: not permitted" in st.stderr
      and len(st.stderr.strip().splitlines()) == 1, st.stderr)

# --- TAP: ping, addresses, 16 MiB each way, TSO ---
sh("ip", "tuntap", "add", "umtap0", "mode", "tap")
sh("ip", "addr", "add", "10.0.0.1/24", "dev", "umtap0")
sh("ip", "link", "set", "umtap0", "up")
TAP_SCRIPT = """
ip link set eth0 up
ip addr add 10.0.0.2/24 dev eth0
echo mac=$(cat /sys/class/net/eth0/address)
echo mtu=$(cat /sys/class/net/eth0/mtu)
echo carrier=$(cat /sys/class/net/eth0/carrier)
ping -c 3 -W 5 10.0.0.1 >/dev/null 2>&1; echo ping=$?
tcpx recv 5001 > /tmp/r; echo recv=$?
cat /tmp/r
t0=$(cat /sys/class/net/eth0/statistics/tx_packets)
tcpx send 10.0.0.1 5002 %d 2; echo send=$?
t1=$(cat /sys/class/net/eth0/statistics/tx_packets)
echo txpackets=$((t1 - t0))
ip link set eth0 down
echo carrier_down=$(cat /sys/class/net/eth0/carrier 2>&1 | tr -d '\n')
ip link set eth0 up
ping -c 1 -W 5 10.0.0.1 >/dev/null 2>&1; echo ping_again=$?
ethtool -K eth0 tx off sg off tso off gso off >/dev/null
echo tso_now=$(ethtool -k eth0 | grep '^tcp-segmentation-offload:')
t0=$(cat /sys/class/net/eth0/statistics/tx_packets)
tcpx send 10.0.0.1 5003 %d 3; echo send_off=$?
t1=$(cat /sys/class/net/eth0/statistics/tx_packets)
echo txpackets_off=$((t1 - t0))
""" % (MIB16, MIB16)
recv = host_tcpx("recv", 5002)
recv_off = host_tcpx("recv", 5003)
g = boot(TAP_SCRIPT, ["eth0=tuntap,umtap0,52:54:00:12:34:56"], host_programs=["/usr/sbin/ethtool"])
sender = host_tcpx("send", "10.0.0.2", 5001, MIB16, 1)
st, out = finish(g)
sst, sout = tcpx_result(sender)
rst, rout = tcpx_result(recv)
ost, oout = tcpx_result(recv_off)
check("tap: the guest boots and powers off", st == 0, out)
check("tap: the MAC address given", value(out, "mac") == "52:54:00:12:34:56", out)
check("tap: MTU 1500, carrier up", value(out, "mtu") == "1500" and value(out, "carrier") == "1", out)
check("tap: the guest pings the host", value(out, "ping") == "0", out)
check("tap: 16 MiB host to guest, intact", sst == 0 and value(out, "recv") == "0"
      and ("recv %d " % MIB16) in out, out + sout)
check("tap: 16 MiB guest to host, intact", value(out, "send") == "0"
      and rst == 0 and ("recv %d " % MIB16) in rout, out + rout)
# 16 MiB at 1448 bytes a segment is 11586 frames; with TSO the host gets
# segments of many times that.
tx = value(out, "txpackets")
check("tap: segmentation offload (frames for 16 MiB: %s)" % tx,
      tx is not None and tx.isdigit() and int(tx) < 11586 // 3, out)
check("tap: down and up again, the link works",
      value(out, "carrier_down") != "1" and value(out, "ping_again") == "0", out)
tx = value(out, "txpackets_off")
check("tap: offloads off (ethtool -K): 16 MiB intact, one frame a segment (%s)" % tx,
      value(out, "tso_now") == "tcp-segmentation-offload: off" and value(out, "send_off") == "0"
      and ost == 0 and ("recv %d " % MIB16) in oout and tx is not None and tx.isdigit()
      and int(tx) >= 11586, out + oout)

# A host flooding the guest cannot stall it: its shell keeps time while
# frames pour in (NAPI's budget), and the guest powers off in the middle of
# a transfer of its own.
sh("ip", "neigh", "replace", "10.0.0.2", "lladdr", "52:54:00:12:34:56", "dev", "umtap0")
FLOOD = """
ip link set eth0 up
ip addr add 10.0.0.2/24 dev eth0
r0=$(cat /sys/class/net/eth0/statistics/rx_packets)
echo flood-ready
sleep 0.5
t0=$(awk '{ print int($1 * 100) }' /proc/uptime)
i=0; while [ $i -lt 20 ]; do sleep 0.1; i=$((i + 1)); done
t1=$(awk '{ print int($1 * 100) }' /proc/uptime)
r1=$(cat /sys/class/net/eth0/statistics/rx_packets)
echo ticks_cs=$((t1 - t0))
echo flood_rx=$((r1 - r0))
tcpx send 10.0.0.1 5004 1073741824 4 >/dev/null 2>&1 &
sleep 1
echo powering-off
poweroff -f
"""
sink = host_tcpx("recv", 5004)
g = boot(FLOOD, ["eth0=tuntap,umtap0,52:54:00:12:34:56"])
early = b""
while True:
    line = g.stdout.readline()
    early += line
    if not line or b"flood-ready" in line:
        break
flooded = [0]


def flood():
    u = socket.socket(socket.AF_INET, socket.SOCK_DGRAM)
    end = time.time() + 4
    while time.time() < end:
        try:
            u.sendto(b"x" * 1400, ("10.0.0.2", 9))
            flooded[0] += 1
        except OSError:
            pass


ft = threading.Thread(target=flood)
ft.start()
st, out = finish(g)
ft.join()
out = early.decode(errors="replace") + out
sink.kill()
tcpx_result(sink)
ticks, frx = value(out, "ticks_cs"), value(out, "flood_rx")
check("tap: flooded (%s frames sent, %s in), the guest keeps time (2 s took %s cs)"
      % (flooded[0], frx, ticks),
      ticks is not None and ticks.isdigit() and int(ticks) < 600 and frx is not None
      and frx.isdigit() and int(frx) > 1000, out)
check("tap: powering off in the middle of a transfer", st == 0 and "powering-off" in out, out)

LAN_A = """
ip link set eth0 up
ip addr add 10.1.0.1/24 dev eth0
tcpx recv 6000; echo recv=$?
"""
LAN_B = """
ip link set eth0 up
ip addr add 10.1.0.2/24 dev eth0
ping -c 3 -W 5 10.1.0.1 >/dev/null 2>&1; echo ping=$?
tcpx send 10.1.0.1 6000 %d 3; echo send=$?
""" % (4 << 20)


def lan(name, args_a, args_b):
    """Two guests on one LAN: B pings A and sends A 4 MiB. One runs on each
    userspace backend."""
    a = boot(LAN_A, args_a, backend="seccomp")
    b = boot(LAN_B, args_b, backend="ptrace")
    sb, ob = finish(b)
    sa, oa = finish(a)
    check("%s: both guests power off" % name, sa == 0 and sb == 0, oa + ob)
    check("%s: one guest pings the other" % name, value(ob, "ping") == "0", ob)
    check("%s: 4 MiB from one guest to the other, intact" % name,
          value(ob, "send") == "0" and value(oa, "recv") == "0"
          and ("recv %d " % (4 << 20)) in oa, oa + ob)


# --- uml_switch ---
ctl = os.path.join(TMP, "switch.ctl")
switch = subprocess.Popen(["uml_switch", "-unix", ctl], stdin=subprocess.DEVNULL,
                          stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
for _ in range(100):
    if os.path.exists(ctl):
        break
    time.sleep(0.05)
lan("uml_switch", ["eth0=daemon,,unix," + ctl], ["eth0=daemon,,unix," + ctl])

# The switch goes away under a running guest: its link goes down.
DOWN = """
ip link set eth0 up
echo carrier0=$(cat /sys/class/net/eth0/carrier)
i=0
while [ "$(cat /sys/class/net/eth0/carrier 2>/dev/null)" != 0 ] && [ $i -lt 300 ]; do
    sleep 0.1; i=$((i + 1))
done
echo carrier1=$(cat /sys/class/net/eth0/carrier 2>/dev/null)
dmesg | grep 'link down'
"""


def switch_quits(name, switch, args):
    g = boot(DOWN, args)
    time.sleep(3)
    switch.send_signal(signal.SIGTERM)
    switch.wait()
    st, out = finish(g)
    check("%s: the link goes down when the switch quits" % name,
          st == 0 and value(out, "carrier0") == "1" and value(out, "carrier1") == "0"
          and "is gone: link down" in out, out)


switch_quits("uml_switch", switch, ["eth0=daemon,,unix," + ctl])

# --- multicast ---
sh("ip", "link", "set", "lo", "multicast", "on")
sh("ip", "route", "add", "224.0.0.0/4", "dev", "lo")
lan("mcast", ["eth0=mcast"], ["eth0=mcast"])

# --- VDE (vde_switch, through libvdeplug in um-vde) ---
vdedir = os.path.join(TMP, "vde")
vde = subprocess.Popen(["vde_switch", "-s", vdedir], stdin=subprocess.PIPE,
                       stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
for _ in range(100):
    if os.path.exists(os.path.join(vdedir, "ctl")):
        break
    time.sleep(0.05)
lan("vde", ["eth0=vde," + vdedir], ["eth0=vde,vde://" + vdedir])
switch_quits("vde", vde, ["eth0=vde," + vdedir])

# --- slirp, on the default root file system: its init takes an address by
# DHCP; the guest reaches a server on the host's loopback as 10.0.2.2, and
# the host reaches the guest through a port forward. ---
root = os.path.join(TMP, "root")
os.makedirs(os.path.join(root, "bin"))
shutil.copy(tcpx, os.path.join(root, "bin", "tcpx"))
rootfs = os.path.join(TMP, "default.cpio.gz")
sh("sh", os.path.join(TOP, "scripts", "mkrootfs"), "-o", rootfs, "-d", root)
fwd_port = 20000 + os.getpid() % 20000
www = os.path.join(TMP, "www")
os.makedirs(www)
with open(os.path.join(www, "page.bin"), "wb") as f:
    f.write(os.urandom(1 << 20))
page_md5 = hashlib.md5(open(os.path.join(www, "page.bin"), "rb").read()).hexdigest()
httpd = subprocess.Popen([sys.executable, "-m", "http.server", "-b", "127.0.0.1", "-d", www,
                          "8000"], stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
SHELL = """
i=0
while ! ip -4 addr show eth0 | grep -q 'inet 10.0.2.15/24' && [ $i -lt 100 ]; do
    sleep 0.1; i=$((i + 1))
done
echo addr=$(ip -4 addr show eth0 | grep -o 'inet [0-9./]*')
echo route=$(ip route | grep -o 'default via [0-9.]*')
echo dns=$(cat /etc/resolv.conf)
echo mtu=$(cat /sys/class/net/eth0/mtu)
echo page=$(wget -q -O - http://10.0.2.2:8000/page.bin | md5sum | cut -d' ' -f1)
tcpx send 10.0.2.2 7000 %d 5; echo send=$?
tcpx recv %d; echo recv=$?
poweroff
""" % (8 << 20, fwd_port)
recv = host_tcpx("recv", 7000)
g = subprocess.Popen([LINUX, "mem=256M", "initrd=" + rootfs, "quiet",
                      "eth0=slirp,hostfwd=tcp::%d-:%d" % (fwd_port, fwd_port)],
                     stdin=subprocess.PIPE, stdout=subprocess.PIPE, stderr=subprocess.STDOUT)
g.stdin.write(SHELL.encode())
g.stdin.flush()
out = b""
deadline = time.time() + 60
while time.time() < deadline:
    line = g.stdout.readline()
    if not line:
        break
    out += line
    if line.strip() == b"listening":
        break
sender = host_tcpx("send", "127.0.0.1", fwd_port, 4 << 20, 6)
sst, sout = tcpx_result(sender)
try:
    rest, _ = g.communicate(timeout=60)
except subprocess.TimeoutExpired:
    g.kill()
    rest, _ = g.communicate()
out = (out + rest).decode(errors="replace").replace("\r\n", "\n")
rst, rout = tcpx_result(recv)
check("slirp: the default init's DHCP configures eth0",
      value(out, "addr") == "inet 10.0.2.15/24" and value(out, "route") == "default via 10.0.2.2"
      and value(out, "dns") == "nameserver 10.0.2.3", out)
check("slirp: MTU 65520, libslirp's largest", value(out, "mtu") == "65520", out)
check("slirp: a page fetched from an HTTP server on the host's loopback",
      value(out, "page") == page_md5, out)
check("slirp: 8 MiB from the guest to a server on the host, intact",
      value(out, "send") == "0" and rst == 0 and ("recv %d " % (8 << 20)) in rout, out + rout)
check("slirp: 4 MiB through a port forward into the guest, intact",
      sst == 0 and value(out, "recv") == "0" and ("recv %d " % (4 << 20)) in out, out + sout)


def helper_left():
    """Whether this guest's um-slirp (known by its forward) still runs."""
    for _ in range(40):
        ps = subprocess.run(["pgrep", "-f", "^um-slirp .*:%d:10.0.2.15:" % fwd_port],
                            capture_output=True)
        if not ps.stdout:
            return False
        time.sleep(0.05)
    return True


check("slirp: the guest powers off, the helper ends with it",
      g.returncode == 0 and not helper_left(), out)

httpd.kill()
shutil.rmtree(TMP, ignore_errors=True)
done()
