// SPDX-License-Identifier: GPL-2.0
/*
 * The /proc views of a guest process: /proc/self and /proc/thread-self,
 * maps (every line accounted for, own text/stack/heap/mmap'd ranges with
 * their permissions), stat, status, mem (own memory and that of a
 * ptrace-stopped child), cmdline, environ, exe, fd and fdinfo, cpuinfo,
 * meminfo, uptime, loadavg, syscall (of a thread blocked in read()),
 * wchan, stack and a few /proc/sys/kernel files.
 *
 * Child mode (re-exec through /proc/self/exe): "--wait-child W R" writes
 * one byte to descriptor W, then blocks reading descriptor R until EOF.
 * Children never write to stdout.
 */
#define _GNU_SOURCE
#include <ctype.h>
#include <dirent.h>
#include <fcntl.h>
#include <pthread.h>
#include <signal.h>
#include <stdint.h>
#include <time.h>
#include <unistd.h>
#include <sys/auxv.h>
#include <sys/mman.h>
#include <sys/prctl.h>
#include <sys/ptrace.h>
#include <sys/resource.h>
#include <sys/stat.h>
#include <sys/syscall.h>
#include <sys/utsname.h>
#include <sys/wait.h>
#include "tap.h"

#ifndef MAP_FIXED_NOREPLACE
#define MAP_FIXED_NOREPLACE 0x100000
#endif

#define USER_TOP 0x7ffffffff000UL	/* x86_64 TASK_SIZE with 4-level page tables */
#define FIXED_ADDR 0x300000000UL	/* where the test mapping goes */

static long pg;
static char exe_path[4096];

/* ---- watchdog and helpers ---- */

static pid_t kids[16];
static volatile int nkids;

static void put_num(char *buf, int *len, int v)
{
	char tmp[16];
	int n = 0;

	if (v == 0)
		tmp[n++] = '0';
	while (v > 0) {
		tmp[n++] = '0' + v % 10;
		v /= 10;
	}
	while (n)
		buf[(*len)++] = tmp[--n];
}

static void on_alarm(int sig)
{
	char buf[128];
	const char *msg = " - watchdog: test did not finish in time\n";
	int len = 0, i;

	(void)sig;
	memcpy(buf, "not ok ", 7);
	len = 7;
	put_num(buf, &len, tap_n + 1);
	memcpy(buf + len, msg, strlen(msg));
	len += strlen(msg);
	if (write(1, buf, len) < 0)
		_exit(1);
	for (i = 0; i < nkids; i++)
		kill(kids[i], SIGKILL);
	_exit(1);
}

static pid_t xfork(void)
{
	pid_t p;

	fflush(stdout);
	p = fork();
	if (p == 0) {
		signal(SIGALRM, SIG_DFL);
		alarm(10);
		prctl(PR_SET_PDEATHSIG, SIGKILL);
	} else if (p > 0 && nkids < (int)(sizeof(kids) / sizeof(kids[0]))) {
		kids[nkids++] = p;
	}
	return p;
}

/* Whole file into buf (NUL-terminated); returns its length or -1. */
static long read_file(const char *path, char *buf, size_t size)
{
	int fd = open(path, O_RDONLY | O_CLOEXEC);
	size_t n = 0;
	ssize_t r;

	if (fd < 0)
		return -1;
	while (n < size - 1 && (r = read(fd, buf + n, size - 1 - n)) > 0)
		n += r;
	close(fd);
	buf[n] = 0;
	return n;
}

/* Value of the "key" line of a "key<sep>value" file like status or meminfo. */
static const char *find_key(const char *buf, const char *key)
{
	size_t n = strlen(key);
	const char *p = buf;

	while (p && *p) {
		if (!strncmp(p, key, n) && (p[n] == ':' || p[n] == '\t' || p[n] == ' ')) {
			p += n;
			while (*p == ' ' || *p == '\t' || *p == ':')
				p++;
			return p;
		}
		p = strchr(p, '\n');
		if (p)
			p++;
	}
	return NULL;
}

static char proc_state(const char *path)
{
	char buf[1024], *p;

	if (read_file(path, buf, sizeof(buf)) <= 0)
		return 0;
	p = strrchr(buf, ')');
	if (!p || p[1] != ' ')
		return 0;
	return p[2];
}

static int wait_sleeping(const char *statpath)
{
	struct timespec ts = { 0, 1000000 };
	int i;

	for (i = 0; i < 2000; i++) {
		if (proc_state(statpath) == 'S')
			return 1;
		nanosleep(&ts, NULL);
	}
	return 0;
}

static void chomp(char *s)
{
	size_t n = strlen(s);

	while (n && s[n - 1] == '\n')
		s[--n] = 0;
}

/* ---- /proc/self, /proc/thread-self ---- */

static void test_self_links(void)
{
	char buf[128], want[128];
	ssize_t n;

	n = readlink("/proc/self", buf, sizeof(buf) - 1);
	buf[n > 0 ? n : 0] = 0;
	snprintf(want, sizeof(want), "%d", (int)getpid());
	CHECK(!strcmp(buf, want), "/proc/self links to the pid (%s)", buf);
	n = readlink("/proc/thread-self", buf, sizeof(buf) - 1);
	buf[n > 0 ? n : 0] = 0;
	snprintf(want, sizeof(want), "%d/task/%d", (int)getpid(), (int)gettid());
	CHECK(!strcmp(buf, want), "/proc/thread-self links to pid/task/tid (%s)", buf);
}

/* ---- /proc/self/maps ---- */

struct vma {
	unsigned long start, end, off, ino;
	unsigned int dmaj, dmin;
	char perms[8];
	char path[512];
};

static struct vma vmas[1024];

/* Parse /proc/self/maps; returns the number of lines, *bad = malformed lines. */
static int load_maps(int *bad)
{
	static char buf[1 << 18];
	char *line, *save = NULL;
	int n = 0;

	*bad = 0;
	if (read_file("/proc/self/maps", buf, sizeof(buf)) <= 0)
		return 0;
	for (line = strtok_r(buf, "\n", &save); line && n < 1024; line = strtok_r(NULL, "\n", &save)) {
		struct vma *v = &vmas[n];
		int pos = 0;

		if (sscanf(line, "%lx-%lx %7s %lx %x:%x %lu%n", &v->start, &v->end, v->perms, &v->off, &v->dmaj,
			   &v->dmin, &v->ino, &pos) != 7 ||
		    strlen(v->perms) != 4) {
			(*bad)++;
			continue;
		}
		while (line[pos] == ' ')
			pos++;
		snprintf(v->path, sizeof(v->path), "%s", line + pos);
		n++;
	}
	return n;
}

static struct vma *vma_of(int n, unsigned long addr)
{
	int i;

	for (i = 0; i < n; i++)
		if (vmas[i].start <= addr && addr < vmas[i].end)
			return &vmas[i];
	return NULL;
}

static struct vma *vma_at(int n, unsigned long start)
{
	int i;

	for (i = 0; i < n; i++)
		if (vmas[i].start == start)
			return &vmas[i];
	return NULL;
}

static int is_special(const char *p)
{
	static const char *const names[] = { "[heap]", "[stack]", "[vdso]", "[vvar]", "[vvar_vclock]", "[vsyscall]" };
	unsigned int i;

	for (i = 0; i < sizeof(names) / sizeof(names[0]); i++)
		if (!strcmp(p, names[i]))
			return 1;
	return 0;
}

static int data_var = 42;

static int anon_line_is(struct vma *v, unsigned long start, unsigned long end, const char *perms)
{
	return v && v->start == start && v->end == end && !strcmp(v->perms, perms) && v->off == 0 && v->dmaj == 0 &&
	       v->dmin == 0 && v->ino == 0 && v->path[0] == 0;
}

static void test_maps(void)
{
	volatile int local = 1;
	int n, bad, i, order_ok = 1, top_ok = 1, kinds_ok = 1, stacks = 0;
	char badline[600] = "none";
	struct vma *v;
	char *fixed, *brk0, *m;
	unsigned long vdso;

	/* grow the heap with brk and with malloc, and create a known mapping */
	brk0 = sbrk(0);
	if (sbrk(16 * pg) == (void *)-1)
		brk0 = NULL;
	else
		memset(brk0, 1, 16 * pg);
	m = malloc(1000);
	if (m)
		memset(m, 2, 1000);
	fixed = mmap((void *)FIXED_ADDR, 4 * pg, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS | MAP_FIXED_NOREPLACE,
		     -1, 0);
	CHECK(fixed == (char *)FIXED_ADDR, "mmap of 4 pages at %#lx", FIXED_ADDR);
	if (fixed == (char *)FIXED_ADDR) {
		fixed[0] = 1;
		mprotect(fixed + pg, pg, PROT_READ);
		mprotect(fixed + 3 * pg, pg, PROT_NONE);
	}

	n = load_maps(&bad);
	CHECK(n > 0 && bad == 0, "/proc/self/maps: %d lines, all of the form start-end perms offset dev inode [path]", n);
	for (i = 0; i < n; i++) {
		v = &vmas[i];
		if (v->start >= v->end || (v->start | v->end) % pg || (i && vmas[i - 1].end > v->start))
			order_ok = 0;
		if (!strcmp(v->path, "[vsyscall]")) {
			if (v->start != 0xffffffffff600000UL || v->end != 0xffffffffff601000UL)
				top_ok = 0;
		} else if (v->end > USER_TOP) {
			top_ok = 0;
		}
		if (!strcmp(v->path, "[stack]"))
			stacks++;
		if (v->path[0] == '/' ? v->ino == 0
				      : (v->path[0] ? !is_special(v->path) : (v->ino != 0 || v->dmaj || v->dmin))) {
			kinds_ok = 0;
			if (!strcmp(badline, "none"))
				snprintf(badline, sizeof(badline), "%lx-%lx %s", v->start, v->end, v->path);
		}
	}
	CHECK(order_ok, "maps: ranges are page aligned, non-empty, sorted and non-overlapping");
	CHECK(top_ok, "maps: every range ends at or below %#lx (only [vsyscall] above, at its fixed place)", USER_TOP);
	CHECK(kinds_ok, "maps: every line is a file, [heap], [stack], [vdso], [vvar], [vsyscall] or anonymous (bad: %s)",
	      badline);
	CHECK(stacks == 1, "maps: exactly one [stack] line (%d)", stacks);
	v = vma_of(n, (unsigned long)&local);
	CHECK(v && !strcmp(v->path, "[stack]") && !strcmp(v->perms, "rw-p"),
	      "maps: a local variable lies in the rw-p [stack] mapping");
	v = vma_of(n, (unsigned long)(uintptr_t)&test_maps);
	CHECK(v && !strcmp(v->perms, "r-xp") && !strcmp(v->path, exe_path) && v->ino != 0,
	      "maps: the program's code lies in an r-xp mapping of %s", exe_path);
	v = vma_of(n, (unsigned long)&data_var);
	CHECK(v && !strcmp(v->perms, "rw-p") && (!strcmp(v->path, exe_path) || !v->path[0]),
	      "maps: initialised data lies in an rw-p mapping of the program (%s)", v ? v->path : "none");
	v = brk0 ? vma_of(n, (unsigned long)brk0) : NULL;
	CHECK(v && !strcmp(v->path, "[heap]") && !strcmp(v->perms, "rw-p") && v->end >= (unsigned long)brk0 + 16 * pg,
	      "maps: memory from sbrk lies in the rw-p [heap] mapping");
	v = m ? vma_of(n, (unsigned long)m) : NULL;
	CHECK(v && !strcmp(v->path, "[heap]"), "maps: a small malloc block lies in [heap]");
	CHECK(anon_line_is(vma_at(n, FIXED_ADDR), FIXED_ADDR, FIXED_ADDR + pg, "rw-p"),
	      "maps: %lx-%lx rw-p 00000000 00:00 0 (anonymous)", FIXED_ADDR, FIXED_ADDR + pg);
	CHECK(anon_line_is(vma_at(n, FIXED_ADDR + pg), FIXED_ADDR + pg, FIXED_ADDR + 2 * pg, "r--p"),
	      "maps: mprotect(PROT_READ) split off an r--p line");
	CHECK(anon_line_is(vma_at(n, FIXED_ADDR + 2 * pg), FIXED_ADDR + 2 * pg, FIXED_ADDR + 3 * pg, "rw-p"),
	      "maps: the following rw-p page is its own line");
	CHECK(anon_line_is(vma_at(n, FIXED_ADDR + 3 * pg), FIXED_ADDR + 3 * pg, FIXED_ADDR + 4 * pg, "---p"),
	      "maps: the PROT_NONE page is a ---p line");
	vdso = getauxval(AT_SYSINFO_EHDR);
	if (vdso) {
		v = vma_of(n, vdso);
		CHECK(v && !strcmp(v->path, "[vdso]") && v->perms[2] == 'x',
		      "maps: AT_SYSINFO_EHDR (%#lx) lies in the executable [vdso] mapping", vdso);
	} else {
		printf("# skipped: no vDSO in the auxiliary vector\n");
	}

	munmap(fixed, 4 * pg);
	n = load_maps(&bad);
	v = vma_of(n, FIXED_ADDR);
	for (i = 0; i < 4 && !v; i++)
		v = vma_of(n, FIXED_ADDR + i * pg);
	CHECK(n > 0 && !v, "maps: the mapping is gone after munmap");
	free(m);
}

/* ---- /proc/self/stat and status ---- */

static void expected_comm(char *out, size_t size)
{
	const char *fn = (const char *)getauxval(AT_EXECFN);
	const char *base = fn ? strrchr(fn, '/') : NULL;

	base = base ? base + 1 : fn ? fn : "";
	snprintf(out, size, "%.15s", base);
}

static void test_stat_status(void)
{
	char buf[4096], comm[64], pr[32], *p, *f[64];
	char *save = NULL;
	long nf = 0;
	double up = 0;
	const char *s;

	expected_comm(comm, sizeof(comm));
	memset(pr, 0, sizeof(pr));
	prctl(PR_GET_NAME, pr);
	CHECK(!strcmp(pr, comm), "comm is the executed file's base name truncated to 15 (%s)", pr);

	CHECK(read_file("/proc/self/stat", buf, sizeof(buf)) > 0, "/proc/self/stat is readable");
	p = strrchr(buf, ')');
	CHECK(atoi(buf) == getpid(), "stat: field 1 is the pid");
	CHECK(p && !strncmp(strchr(buf, '(') ? strchr(buf, '(') + 1 : "", comm, strlen(comm)) &&
		      strchr(buf, '(') + 1 + strlen(comm) == p,
	      "stat: field 2 is the comm in parentheses (%s)", comm);
	if (p) {
		f[nf++] = NULL;
		f[nf++] = NULL;
		for (p = strtok_r(p + 1, " \n", &save); p && nf < 64; p = strtok_r(NULL, " \n", &save))
			f[nf++] = p;
	}
	CHECK(nf >= 44, "stat: at least 44 fields (%ld)", nf);
	if (nf < 44)
		return;
	/* f[i] is field i+1 of proc(5) */
	CHECK(!strcmp(f[2], "R"), "stat: state is R while reading it (%s)", f[2]);
	CHECK(atoi(f[3]) == getppid(), "stat: ppid matches getppid() (%s)", f[3]);
	CHECK(atoi(f[4]) == getpgrp() && atoi(f[5]) == getsid(0), "stat: pgrp and session match");
	CHECK(atol(f[9]) > 0, "stat: minflt > 0 (%s)", f[9]);
	CHECK(atoi(f[18]) == getpriority(PRIO_PROCESS, 0), "stat: nice matches getpriority() (%s)", f[18]);
	CHECK(atoi(f[19]) == 1, "stat: num_threads is 1 (%s)", f[19]);
	if (read_file("/proc/uptime", buf + 2048, 2048) > 0)
		up = strtod(buf + 2048, NULL);
	CHECK(strtod(f[21], NULL) / sysconf(_SC_CLK_TCK) <= up + 1, "stat: starttime (%s ticks) is not after now",
	      f[21]);
	CHECK(strtoul(f[22], NULL, 10) > 0 && atol(f[23]) > 0, "stat: vsize and rss are non-zero (%s, %s)", f[22],
	      f[23]);

	CHECK(read_file("/proc/self/status", buf, sizeof(buf)) > 0, "/proc/self/status is readable");
	s = find_key(buf, "Name");
	CHECK(s && !strncmp(s, comm, strlen(comm)) && s[strlen(comm)] == '\n', "status: Name is %s", comm);
	s = find_key(buf, "State");
	CHECK(s && !strncmp(s, "R (running)", 11), "status: State is R (running)");
	s = find_key(buf, "Tgid");
	CHECK(s && atoi(s) == getpid(), "status: Tgid is the pid");
	s = find_key(buf, "Pid");
	CHECK(s && atoi(s) == gettid(), "status: Pid is the tid");
	s = find_key(buf, "PPid");
	CHECK(s && atoi(s) == getppid(), "status: PPid is the parent");
	s = find_key(buf, "Uid");
	CHECK(s && atoi(s) == (int)getuid(), "status: Uid starts with the real uid");
	s = find_key(buf, "Threads");
	CHECK(s && atoi(s) == 1, "status: Threads is 1");
	s = find_key(buf, "VmRSS");
	CHECK(s && atol(s) > 0 && strstr(s, " kB") && strstr(s, " kB") < strchr(s, '\n'),
	      "status: VmRSS is present and non-zero (%.*s)", s ? (int)strcspn(s, "\n") : 7, s ? s : "missing");
	s = find_key(buf, "VmSize");
	CHECK(s && atol(s) >= atol(find_key(buf, "VmRSS") ? find_key(buf, "VmRSS") : "0"), "status: VmSize >= VmRSS");
}

/* ---- /proc/self/mem and /proc/PID/mem ---- */

static char mem_area[64] = "procfs self-mem pattern 0123456789";

static void test_mem_self(void)
{
	char buf[64];
	volatile char *va = mem_area;
	int fd, i, same = 1;
	ssize_t r;
	char *hole;

	fd = open("/proc/self/mem", O_RDWR | O_CLOEXEC);
	CHECK(fd >= 0, "/proc/self/mem opens read-write");
	if (fd < 0)
		return;
	memset(buf, 0, sizeof(buf));
	r = pread(fd, buf, 34, (off_t)(uintptr_t)mem_area);
	CHECK(r == 34 && !memcmp(buf, "procfs self-mem pattern 0123456789", 34),
	      "pread of /proc/self/mem at a variable's address returns its contents (%zd)", r);
	r = pwrite(fd, "WRITTEN", 7, (off_t)(uintptr_t)(mem_area + 7));
	for (i = 0; i < 7; i++)
		if (va[7 + i] != "WRITTEN"[i])
			same = 0;
	CHECK(r == 7 && same, "pwrite to /proc/self/mem changes the variable (%zd)", r);
	CHECK(va[6] == ' ' && va[14] == 'm', "... and nothing around it");

	hole = mmap(NULL, pg, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
	if (hole != MAP_FAILED) {
		hole[5] = 'h';
		r = pread(fd, buf, 8, (off_t)(uintptr_t)hole);
		CHECK(r == 8 && buf[5] == 'h' && buf[0] == 0, "pread of /proc/self/mem from an anonymous page");
		munmap(hole, pg);
		errno = 0;
		r = pread(fd, buf, 8, (off_t)(uintptr_t)hole);
		CHECK(r == -1 && errno == EIO, "pread of /proc/self/mem at an unmapped address fails with EIO (%zd, %d)", r,
		      errno);
	}
	close(fd);
}

static char trace_buf[32] = "parent-value-xxxx";

static void test_mem_ptrace(void)
{
	int ready[2], go[2], st = -1, fd;
	char c, buf[32], path[64];
	pid_t p;
	long word;
	ssize_t r;

	if (pipe(ready) || pipe(go)) {
		CHECK(0, "ptrace: pipes");
		return;
	}
	p = xfork();
	if (p == 0) {
		close(ready[0]);
		close(go[1]);
		memcpy(trace_buf, "child-secret-1234", 18);
		if (write(ready[1], "r", 1) != 1)
			_exit(2);
		while ((r = read(go[0], &c, 1)) < 0 && errno == EINTR)
			;
		_exit(r == 1 && !memcmp(trace_buf, "patched!", 8) && !memcmp(trace_buf + 8, "cret-1234", 10) ? 0 : 1);
	}
	close(ready[1]);
	close(go[0]);
	if (read(ready[0], &c, 1) != 1) {
		CHECK(0, "ptrace: child did not start");
		return;
	}
	word = ptrace(PTRACE_ATTACH, p, 0, 0);
	CHECK(word == 0, "PTRACE_ATTACH to a child (%ld)", word);
	word = waitpid(p, &st, 0);
	CHECK(word == p && WIFSTOPPED(st) && WSTOPSIG(st) == SIGSTOP, "waitpid sees the tracee stopped by SIGSTOP (%#x)",
	      st);
	snprintf(path, sizeof(path), "/proc/%d/stat", (int)p);
	c = proc_state(path);
	CHECK(c == 't', "/proc/PID/stat shows the tracee in tracing stop (%c)", c ? c : '?');
	snprintf(path, sizeof(path), "/proc/%d/mem", (int)p);
	fd = open(path, O_RDWR | O_CLOEXEC);
	CHECK(fd >= 0, "/proc/PID/mem of the stopped child opens");
	memset(buf, 0, sizeof(buf));
	r = fd >= 0 ? pread(fd, buf, 18, (off_t)(uintptr_t)trace_buf) : -1;
	CHECK(r == 18 && !strcmp(buf, "child-secret-1234"),
	      "pread of /proc/PID/mem returns the child's copy of the variable (%.18s)", buf);
	r = fd >= 0 ? pwrite(fd, "patched!", 8, (off_t)(uintptr_t)trace_buf) : -1;
	CHECK(r == 8, "pwrite to /proc/PID/mem of the child (%zd)", r);
	errno = 0;
	word = ptrace(PTRACE_PEEKDATA, p, trace_buf, 0);
	CHECK(errno == 0 && !memcmp(&word, "patched!", 8), "PTRACE_PEEKDATA sees the bytes written through mem");
	CHECK(!strcmp(trace_buf, "parent-value-xxxx"), "the parent's own copy is untouched");
	if (fd >= 0)
		close(fd);
	CHECK(ptrace(PTRACE_DETACH, p, 0, 0) == 0, "PTRACE_DETACH");
	if (write(go[1], "g", 1) != 1)
		CHECK(0, "ptrace: pipe write");
	st = -1;
	waitpid(p, &st, 0);
	CHECK(st != -1 && WIFEXITED(st) && WEXITSTATUS(st) == 0,
	      "the resumed child sees the patched memory and exits 0 (%#x)", st);
	close(ready[0]);
	close(go[1]);
}

/* ---- cmdline, environ, exe, comm ---- */

static size_t join(char *out, size_t size, char *const *v)
{
	size_t n = 0, l;

	for (; *v; v++) {
		l = strlen(*v) + 1;
		if (n + l > size)
			return (size_t)-1;
		memcpy(out + n, *v, l);
		n += l;
	}
	return n;
}

static int wait_child_main(char **argv)
{
	int w = atoi(argv[2]), r = atoi(argv[3]);
	char c;

	alarm(10);
	if (write(w, "R", 1) != 1)
		return 2;
	while (read(r, &c, 1) > 0)
		;
	return 0;
}

static void test_cmdline_environ(int argc, char **argv, char **envp)
{
	static char want[1 << 16], got[1 << 16];
	char *cargv[] = { "procfs-child", "--wait-child", "20", "21", "a b", "", "z", NULL };
	char *cenv[] = { "A=1", "B=two words", NULL };
	int ready[2], go[2], st = -1;
	char path[64], link[4096], c;
	size_t wl;
	long gl;
	ssize_t n;
	pid_t p;

	(void)argc;
	wl = join(want, sizeof(want), argv);
	gl = read_file("/proc/self/cmdline", got, sizeof(got));
	CHECK(wl != (size_t)-1 && gl == (long)wl && !memcmp(want, got, wl),
	      "/proc/self/cmdline is argv, NUL-separated (%ld bytes)", gl);
	wl = join(want, sizeof(want), envp);
	gl = read_file("/proc/self/environ", got, sizeof(got));
	CHECK(wl != (size_t)-1 && gl == (long)wl && !memcmp(want, got, wl),
	      "/proc/self/environ is the initial environment, NUL-separated (%ld bytes)", gl);

	if (pipe2(ready, O_CLOEXEC) || pipe2(go, O_CLOEXEC)) {
		CHECK(0, "cmdline: pipes");
		return;
	}
	p = xfork();
	if (p == 0) {
		if (dup2(ready[1], 20) != 20 || dup2(go[0], 21) != 21)
			_exit(3);
		execve("/proc/self/exe", cargv, cenv);
		_exit(4);
	}
	close(ready[1]);
	close(go[0]);
	if (read(ready[0], &c, 1) != 1) {
		CHECK(0, "cmdline: exec'd child did not report");
		close(go[1]);
		waitpid(p, &st, 0);
		return;
	}
	snprintf(path, sizeof(path), "/proc/%d/cmdline", (int)p);
	wl = join(want, sizeof(want), cargv);
	gl = read_file(path, got, sizeof(got));
	CHECK(gl == (long)wl && !memcmp(want, got, wl), "/proc/PID/cmdline of an exec'd child is exactly its argv");
	snprintf(path, sizeof(path), "/proc/%d/environ", (int)p);
	wl = join(want, sizeof(want), cenv);
	gl = read_file(path, got, sizeof(got));
	CHECK(gl == (long)wl && !memcmp(want, got, wl), "/proc/PID/environ of an exec'd child is exactly its envp");
	snprintf(path, sizeof(path), "/proc/%d/exe", (int)p);
	n = readlink(path, link, sizeof(link) - 1);
	link[n > 0 ? n : 0] = 0;
	CHECK(!strcmp(link, exe_path), "/proc/PID/exe of the child is this program (%s)", link);
	snprintf(path, sizeof(path), "/proc/%d/comm", (int)p);
	read_file(path, got, 64);
	CHECK(!strcmp(got, "exe\n"), "comm of a program run as /proc/self/exe is \"exe\" (%.*s)",
	      (int)strcspn(got, "\n"), got);
	close(go[1]);
	waitpid(p, &st, 0);
	CHECK(st != -1 && WIFEXITED(st) && WEXITSTATUS(st) == 0, "the exec'd child exits 0 (%#x)", st);
	close(ready[0]);
}

static void test_exe(void)
{
	struct stat a, b;

	CHECK(exe_path[0] == '/', "readlink(/proc/self/exe) is an absolute path (%s)", exe_path);
	CHECK(stat(exe_path, &a) == 0 && stat("/proc/self/exe", &b) == 0 && a.st_dev == b.st_dev &&
		      a.st_ino == b.st_ino,
	      "/proc/self/exe and its link target are the same file");
}

/* ---- /proc/self/fd ---- */

static int list_fds(char *listed, int max, int *valid_ok)
{
	DIR *d = opendir("/proc/self/fd");
	struct dirent *de;
	int fd, n = 0;

	memset(listed, 0, max);
	*valid_ok = 1;
	if (!d)
		return -1;
	while ((de = readdir(d))) {
		char *end;
		long v;

		if (de->d_name[0] == '.')
			continue;
		v = strtol(de->d_name, &end, 10);
		if (*end || v < 0) {
			*valid_ok = 0;
			continue;
		}
		if (v < max)
			listed[v] = 1;
		n++;
	}
	for (fd = 0; fd < max; fd++)
		if (listed[fd] != (fcntl(fd, F_GETFD) != -1))
			*valid_ok = 0;
	closedir(d);
	return n;
}

static void test_fd(void)
{
	char listed[1024], link[4096], want[64], buf[512];
	int pfd[2], ok, n, efd;
	struct stat st;
	const char *s;
	ssize_t r;

	if (pipe(pfd) || dup2(pfd[0], 57) != 57 || dup2(pfd[1], 58) != 58) {
		CHECK(0, "fd: pipe/dup2");
		return;
	}
	close(pfd[0]);
	close(pfd[1]);
	efd = open(exe_path, O_RDONLY);
	if (efd < 0 || dup2(efd, 59) != 59) {
		CHECK(0, "fd: open exe");
		return;
	}
	close(efd);
	n = list_fds(listed, sizeof(listed), &ok);
	CHECK(n > 0 && ok, "/proc/self/fd lists exactly the open descriptors (%d entries)", n);
	CHECK(listed[57] && listed[58] && listed[59], "/proc/self/fd lists descriptors 57, 58 and 59");
	fstat(57, &st);
	snprintf(want, sizeof(want), "pipe:[%lu]", (unsigned long)st.st_ino);
	r = readlink("/proc/self/fd/57", link, sizeof(link) - 1);
	link[r > 0 ? r : 0] = 0;
	CHECK(!strcmp(link, want), "/proc/self/fd/57 links to %s (%s)", want, link);
	r = readlink("/proc/self/fd/58", link, sizeof(link) - 1);
	link[r > 0 ? r : 0] = 0;
	CHECK(!strcmp(link, want), "/proc/self/fd/58 links to the same pipe");
	r = readlink("/proc/self/fd/59", link, sizeof(link) - 1);
	link[r > 0 ? r : 0] = 0;
	CHECK(!strcmp(link, exe_path), "/proc/self/fd/59 links to the opened file (%s)", link);
	read_file("/proc/self/fdinfo/58", buf, sizeof(buf));
	s = find_key(buf, "flags");
	CHECK(s && (strtoul(s, NULL, 8) & O_ACCMODE) == O_WRONLY && find_key(buf, "pos") &&
		      atol(find_key(buf, "pos")) == 0,
	      "/proc/self/fdinfo/58 shows pos 0 and write-only flags");
	close(57);
	n = list_fds(listed, sizeof(listed), &ok);
	CHECK(n > 0 && ok && !listed[57] && listed[58], "after close(57) the listing drops 57 and keeps 58");
	close(58);
	close(59);
}

/* ---- system-wide files ---- */

static void test_cpuinfo_meminfo(void)
{
	static char buf[1 << 20];
	const char *s;
	unsigned long total, freem;
	double phys;
	int procs = 0;
	char *p;

	CHECK(read_file("/proc/cpuinfo", buf, sizeof(buf)) > 0, "/proc/cpuinfo is readable");
	for (p = buf; (p = strstr(p, "processor")); p++)
		if (p == buf || p[-1] == '\n')
			procs++;
	s = find_key(buf, "processor");
	CHECK(procs >= 1 && s && atoi(s) == 0 && isdigit((unsigned char)*s),
	      "cpuinfo: %d \"processor\" lines, the first is processor 0", procs);
	s = find_key(buf, "model name");
	CHECK(s && *s && *s != '\n', "cpuinfo: has a \"model name\" line");
	s = find_key(buf, "flags");
	CHECK(s != NULL, "cpuinfo: has a \"flags\" line");

	CHECK(read_file("/proc/meminfo", buf, sizeof(buf)) > 0, "/proc/meminfo is readable");
	s = find_key(buf, "MemTotal");
	total = s ? strtoul(s, NULL, 10) : 0;
	s = find_key(buf, "MemFree");
	freem = s ? strtoul(s, NULL, 10) : 0;
	CHECK(total > 0 && freem > 0, "meminfo: MemTotal (%lu kB) and MemFree (%lu kB) are non-zero", total, freem);
	CHECK(freem <= total, "meminfo: MemFree <= MemTotal");
	phys = (double)sysconf(_SC_PHYS_PAGES) * pg / 1024;
	CHECK(total >= phys * 0.9 && total <= phys * 1.1, "meminfo: MemTotal is within 10%% of _SC_PHYS_PAGES (%.0f kB)",
	      phys);
}

static double boottime(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_BOOTTIME, &ts);
	return ts.tv_sec + ts.tv_nsec / 1e9;
}

static int read_uptime(double *up, double *idle)
{
	char buf[256];

	if (read_file("/proc/uptime", buf, sizeof(buf)) <= 0)
		return 0;
	return sscanf(buf, "%lf %lf", up, idle) == 2;
}

static void test_uptime_loadavg(void)
{
	struct timespec ts = { 0, 2 * 1000 * 1000 };
	double b1, b2, u1 = 0, u2 = 0, idle = 0, l1, l5, l15;
	int ok, i, mono = 1, running, total, last;
	char buf[256];

	b1 = boottime();
	ok = read_uptime(&u1, &idle);
	b2 = boottime();
	CHECK(ok, "/proc/uptime parses as two numbers (%.2f %.2f)", u1, idle);
	CHECK(u1 >= b1 - 0.011 && u1 <= b2 + 0.001 && idle >= 0,
	      "uptime agrees with CLOCK_BOOTTIME (%.2f in [%.3f, %.3f])", u1, b1, b2);
	for (i = 0; i < 2000; i++) {
		nanosleep(&ts, NULL);
		if (!read_uptime(&u2, &idle))
			break;
		if (u2 < u1)
			mono = 0;
		if (u2 > u1)
			break;
	}
	CHECK(u2 > u1 && mono, "/proc/uptime increases (%.2f -> %.2f)", u1, u2);

	CHECK(read_file("/proc/loadavg", buf, sizeof(buf)) > 0, "/proc/loadavg is readable");
	ok = sscanf(buf, "%lf %lf %lf %d/%d %d", &l1, &l5, &l15, &running, &total, &last) == 6;
	CHECK(ok && l1 >= 0 && l5 >= 0 && l15 >= 0, "loadavg: three load averages and running/total last-pid (%.*s)",
	      (int)strcspn(buf, "\n"), buf);
	CHECK(ok && running >= 1 && running <= total && last > 0,
	      "loadavg: at least this task running, running <= total, last pid > 0");
}

static void test_sys_kernel(void)
{
	char buf[256];
	struct utsname u;

	read_file("/proc/sys/kernel/ostype", buf, sizeof(buf));
	CHECK(!strcmp(buf, "Linux\n"), "/proc/sys/kernel/ostype is Linux");
	uname(&u);
	read_file("/proc/sys/kernel/osrelease", buf, sizeof(buf));
	chomp(buf);
	CHECK(!strcmp(buf, u.release), "/proc/sys/kernel/osrelease matches uname (%s)", buf);
	read_file("/proc/sys/kernel/hostname", buf, sizeof(buf));
	chomp(buf);
	CHECK(!strcmp(buf, u.nodename), "/proc/sys/kernel/hostname matches uname");
}

/* ---- syscall, wchan, stack ---- */

static int blk_fd;
static char blk_buf[16];
static volatile pid_t blk_tid;

static void *blocked_thread(void *a)
{
	ssize_t r;

	(void)a;
	blk_tid = gettid();
	r = read(blk_fd, blk_buf, 7);
	return (void *)(long)r;
}

static int wchan_ok(const char *s)
{
	if (!*s)
		return 0;
	for (; *s; s++)
		if (!isalnum((unsigned char)*s) && *s != '_' && *s != '.')
			return 0;
	return 1;
}

static void test_syscall_wchan_stack(void)
{
	char buf[4096], path[128], *end;
	unsigned long a0, a1, a2;
	int fd, pfd[2], i, n_nr;
	long nr, r;
	pthread_t t;
	void *ret = NULL;
	DIR *d;
	struct dirent *de;
	int seen_main = 0, seen_thr = 0;

	fd = open("/proc/self/syscall", O_RDONLY | O_CLOEXEC);
	r = fd >= 0 ? read(fd, buf, sizeof(buf) - 1) : -1;
	buf[r > 0 ? r : 0] = 0;
	nr = strtol(buf, &end, 10);
	CHECK(r > 0 && end != buf && *end == ' ', "/proc/self/syscall starts with a number (%.*s)",
	      (int)strcspn(buf, "\n"), buf);
	CHECK(nr == SYS_read && strtoul(end, NULL, 16) == (unsigned long)fd,
	      "... which is read (0) with our descriptor as first argument");
	if (fd >= 0)
		close(fd);

	if (pipe(pfd)) {
		CHECK(0, "syscall: pipe");
		return;
	}
	blk_fd = pfd[0];
	blk_tid = 0;
	if (pthread_create(&t, NULL, blocked_thread, NULL)) {
		CHECK(0, "syscall: pthread_create");
		return;
	}
	for (i = 0; i < 1000000 && !blk_tid; i++)
		sched_yield();
	snprintf(path, sizeof(path), "/proc/self/task/%d/stat", (int)blk_tid);
	CHECK(blk_tid > 0 && wait_sleeping(path), "a thread blocked in read() shows state S");

	d = opendir("/proc/self/task");
	while (d && (de = readdir(d))) {
		if (atoi(de->d_name) == gettid())
			seen_main = 1;
		if (atoi(de->d_name) == blk_tid)
			seen_thr = 1;
	}
	if (d)
		closedir(d);
	CHECK(seen_main && seen_thr, "/proc/self/task lists the main thread and the new thread");
	read_file("/proc/self/status", buf, sizeof(buf));
	CHECK(find_key(buf, "Threads") && atoi(find_key(buf, "Threads")) == 2, "status: Threads is 2");

	snprintf(path, sizeof(path), "/proc/self/task/%d/syscall", (int)blk_tid);
	r = read_file(path, buf, sizeof(buf));
	n_nr = -1;
	a0 = a1 = a2 = 0;
	if (r > 0 && sscanf(buf, "%d 0x%lx 0x%lx 0x%lx", &n_nr, &a0, &a1, &a2) != 4)
		n_nr = -2;
	chomp(buf);
	CHECK(r > 0 && !strncmp(buf, "0 ", 2), "task/TID/syscall of the blocked thread starts with \"0 \" (%.40s)", buf);
	CHECK(n_nr == 0 && a0 == (unsigned long)blk_fd && a1 == (unsigned long)blk_buf && a2 == 7,
	      "... followed by the read() arguments fd, buffer, count");

	r = read_file("/proc/self/wchan", buf, sizeof(buf));
	CHECK(r > 0 && wchan_ok(buf), "/proc/self/wchan is readable (%.40s)", buf);
	snprintf(path, sizeof(path), "/proc/self/task/%d/wchan", (int)blk_tid);
	r = read_file(path, buf, sizeof(buf));
	CHECK(r > 0 && wchan_ok(buf), "task/TID/wchan of the blocked thread is readable (%.40s)", buf);
	if (geteuid() == 0) {
		r = read_file("/proc/self/stack", buf, sizeof(buf));
		CHECK(r >= 0, "/proc/self/stack is readable by root (%ld bytes)", r);
		snprintf(path, sizeof(path), "/proc/self/task/%d/stack", (int)blk_tid);
		r = read_file(path, buf, sizeof(buf));
		CHECK(r >= 0, "task/TID/stack of the blocked thread is readable by root (%ld bytes)", r);
	} else {
		printf("# skipped: /proc/self/stack needs root\n");
	}

	if (write(pfd[1], "1234567", 7) != 7)
		CHECK(0, "syscall: pipe write");
	pthread_join(t, &ret);
	CHECK((long)ret == 7 && !memcmp(blk_buf, "1234567", 7), "the blocked read() completes normally afterwards");
	close(pfd[0]);
	close(pfd[1]);
}

int main(int argc, char **argv, char **envp)
{
	ssize_t n;

	if (argc >= 4 && !strcmp(argv[1], "--wait-child"))
		return wait_child_main(argv);

	signal(SIGALRM, on_alarm);
	alarm(4);
	signal(SIGPIPE, SIG_IGN);
	pg = sysconf(_SC_PAGESIZE);
	n = readlink("/proc/self/exe", exe_path, sizeof(exe_path) - 1);
	exe_path[n > 0 ? n : 0] = 0;

	test_self_links();
	test_stat_status();
	test_maps();
	test_mem_self();
	test_mem_ptrace();
	test_cmdline_environ(argc, argv, envp);
	test_exe();
	test_fd();
	test_cpuinfo_meminfo();
	test_uptime_loadavg();
	test_sys_kernel();
	test_syscall_wchan_stack();
	return tap_done();
}
