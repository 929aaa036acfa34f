// SPDX-License-Identifier: GPL-2.0
/*
 * The vDSO: present in the auxiliary vector and /proc/self/maps, a valid
 * ELF shared object whose exported time calls give the same answers as the
 * system calls, and its time data page ([vvar]) right below it, which no
 * one can write. Its time calls answer without entering the kernel (a
 * seccomp filter that fails the time system calls does not change their
 * answers); their clocks never go back against the system calls' and
 * follow a clock_settime of the wall clock; in a time namespace they show
 * its offsets. The host's legacy vsyscall
 * page, when the host has one (the harness writes its permissions to
 * /tmp/host-vsyscall), shows in /proc/self/maps and its calls work.
 */
#define _GNU_SOURCE
#include <elf.h>
#include <fcntl.h>
#include <sched.h>
#include <stddef.h>
#include <stdint.h>
#include <sys/auxv.h>
#include <sys/mman.h>
#include <sys/prctl.h>
#include <sys/wait.h>
#include <linux/filter.h>
#include <linux/seccomp.h>
#include <sys/syscall.h>
#include <sys/time.h>
#include <time.h>
#include <unistd.h>

#include "tap.h"

static const Elf64_Ehdr *vdso;

/* Find a versioned dynamic symbol of the vDSO (LINUX_2.6). */
static void *vdso_sym(const char *name)
{
	const Elf64_Phdr *ph = (const void *)((const char *)vdso + vdso->e_phoff);
	const Elf64_Dyn *dyn = NULL;
	const Elf64_Sym *symtab = NULL;
	const char *strtab = NULL;
	const uint32_t *hash = NULL;
	uintptr_t base = 0;
	int i;

	for (i = 0; i < vdso->e_phnum; i++) {
		if (ph[i].p_type == PT_LOAD && !base)
			base = (uintptr_t)vdso + ph[i].p_offset - ph[i].p_vaddr;
		if (ph[i].p_type == PT_DYNAMIC)
			dyn = (const void *)((const char *)vdso + ph[i].p_offset);
	}
	if (!dyn)
		return NULL;
	for (; dyn->d_tag != DT_NULL; dyn++) {
		if (dyn->d_tag == DT_SYMTAB)
			symtab = (const void *)(base + dyn->d_un.d_ptr);
		if (dyn->d_tag == DT_STRTAB)
			strtab = (const void *)(base + dyn->d_un.d_ptr);
		if (dyn->d_tag == DT_HASH)
			hash = (const void *)(base + dyn->d_un.d_ptr);
	}
	if (!symtab || !strtab || !hash)
		return NULL;
	for (i = 0; i < (int)hash[1]; i++)
		if (symtab[i].st_name && !strcmp(strtab + symtab[i].st_name, name) &&
		    symtab[i].st_shndx != SHN_UNDEF)
			return (void *)(base + symtab[i].st_value);
	return NULL;
}

typedef int (*gettime_fn)(clockid_t, struct timespec *);

static long long ns_of(const struct timespec *t)
{
	return t->tv_sec * 1000000000LL + t->tv_nsec;
}

/* [vvar]: read-only, right below the code, writable by no one. */
static void check_vvar(void)
{
	unsigned long start = 0, end = 0, s, e;
	char line[512], perms[8] = "";
	unsigned char byte = 0;
	FILE *f = fopen("/proc/self/maps", "r");
	int fd;

	while (f && fgets(line, sizeof(line), f))
		if (strstr(line, "[vvar") && sscanf(line, "%lx-%lx %7s", &s, &e, perms) == 3 &&
		    e == (unsigned long)vdso) {
			start = s;
			end = e;
			break;
		}
	if (f)
		fclose(f);
	CHECK(start && !strcmp(perms, "r--p"),
	      "/proc/self/maps shows the time data ([vvar]) r-- right below [vdso] (%lx-%lx %s)",
	      start, end, perms);
	if (!start)
		return;
	CHECK(mprotect((void *)(end - 4096), 4096, PROT_READ | PROT_WRITE) == -1 && errno == EACCES,
	      "[vvar] cannot be made writable (mprotect: EACCES)");
	fd = open("/proc/self/mem", O_RDWR);
	if (fd >= 0 && pread(fd, &byte, 1, end - 4096) != 1)
		byte = 0;	/* a host's own [vvar] may not be readable this way */
	CHECK(fd >= 0 && pwrite(fd, &byte, 1, end - 4096) == -1,
	      "[vvar] cannot be written through /proc/self/mem either");
	if (fd >= 0)
		close(fd);
}

/*
 * A child whose time system calls all fail with EMEDIUMTYPE: the vDSO's
 * answers must not change. The CPU-time clock, which the vDSO leaves to
 * the system call, shows that the filter is there. Bit i of the status
 * pipe's word is check i.
 */
static const char *const nosys_what[] = {
	"clock_gettime(REALTIME)", "clock_gettime(MONOTONIC)", "clock_gettime(BOOTTIME)",
	"clock_gettime(TAI)", "clock_gettime(MONOTONIC_RAW)", "clock_gettime(REALTIME_COARSE)",
	"clock_gettime(MONOTONIC_COARSE)", "gettimeofday", "time", "clock_getres(MONOTONIC)",
	"the C library's clock_gettime",
};
static const clockid_t nosys_clocks[] = {
	CLOCK_REALTIME, CLOCK_MONOTONIC, CLOCK_BOOTTIME, CLOCK_TAI, CLOCK_MONOTONIC_RAW,
	CLOCK_REALTIME_COARSE, CLOCK_MONOTONIC_COARSE,
};
#define NOSYS_N (sizeof(nosys_what) / sizeof(nosys_what[0]))

static void check_no_syscalls(gettime_fn vgettime, int (*vgettod)(struct timeval *, void *),
			      long (*vtime)(long *), gettime_fn vgetres)
{
	struct sock_filter insns[] = {
		BPF_STMT(BPF_LD | BPF_W | BPF_ABS, offsetof(struct seccomp_data, nr)),
		BPF_JUMP(BPF_JMP | BPF_JEQ | BPF_K, SYS_clock_gettime, 4, 0),
		BPF_JUMP(BPF_JMP | BPF_JEQ | BPF_K, SYS_gettimeofday, 3, 0),
		BPF_JUMP(BPF_JMP | BPF_JEQ | BPF_K, SYS_time, 2, 0),
		BPF_JUMP(BPF_JMP | BPF_JEQ | BPF_K, SYS_clock_getres, 1, 0),
		BPF_STMT(BPF_RET | BPF_K, SECCOMP_RET_ALLOW),
		BPF_STMT(BPF_RET | BPF_K, SECCOMP_RET_ERRNO | EMEDIUMTYPE),
	};
	struct sock_fprog prog = { sizeof(insns) / sizeof(insns[0]), insns };
	unsigned long ok = 0;
	int p[2], status, control = 0;
	unsigned int i;
	pid_t pid;

	if (pipe(p))
		return;
	pid = fork();
	if (!pid) {
		struct timespec ts, cpu;
		struct timeval tv;
		long t;

		close(p[0]);
		if (prctl(PR_SET_NO_NEW_PRIVS, 1, 0, 0, 0) ||
		    syscall(SYS_seccomp, SECCOMP_SET_MODE_FILTER, 0, &prog))
			_exit(2);
		for (i = 0; i < sizeof(nosys_clocks) / sizeof(nosys_clocks[0]); i++)
			if (vgettime(nosys_clocks[i], &ts) == 0 && (ts.tv_sec > 0 || ts.tv_nsec > 0))
				ok |= 1UL << i;
		if (vgettod(&tv, NULL) == 0 && tv.tv_sec > 1600000000)
			ok |= 1UL << 7;
		if (vtime(&t) > 1600000000 && t > 1600000000)
			ok |= 1UL << 8;
		if (vgetres(CLOCK_MONOTONIC, &ts) == 0 && ts.tv_sec == 0 && ts.tv_nsec > 0)
			ok |= 1UL << 9;
		if (clock_gettime(CLOCK_MONOTONIC, &ts) == 0)
			ok |= 1UL << 10;
		/* The control: the vDSO passes this one to the kernel. */
		if (vgettime(CLOCK_PROCESS_CPUTIME_ID, &cpu) == -EMEDIUMTYPE)
			ok |= 1UL << 31;
		if (write(p[1], &ok, sizeof(ok)) != sizeof(ok))
			_exit(3);
		_exit(0);
	}
	close(p[1]);
	if (read(p[0], &ok, sizeof(ok)) != sizeof(ok))
		ok = 0;
	close(p[0]);
	waitpid(pid, &status, 0);
	control = !!(ok & (1UL << 31));
	CHECK(WIFEXITED(status) && WEXITSTATUS(status) == 0 && control,
	      "under a filter failing the time system calls, the vDSO's CPU-time clock fails (the filter holds)");
	for (i = 0; i < NOSYS_N; i++)
		CHECK(control && (ok & (1UL << i)), "vDSO %s answers without a system call",
		      nosys_what[i]);
}

/* Alternating vDSO and system call readings of a clock never go back. */
static void check_agree(gettime_fn vgettime)
{
	static const clockid_t clocks[] = {
		CLOCK_MONOTONIC, CLOCK_BOOTTIME, CLOCK_MONOTONIC_RAW, CLOCK_REALTIME, CLOCK_TAI,
	};
	static const char *const names[] = { "MONOTONIC", "BOOTTIME", "MONOTONIC_RAW",
					     "REALTIME", "TAI" };
	struct timespec a, b, c;
	unsigned int i, n;
	long long back;

	for (i = 0; i < sizeof(clocks) / sizeof(clocks[0]); i++) {
		back = 0;
		syscall(SYS_clock_gettime, clocks[i], &a);
		for (n = 0; n < 20000; n++) {
			vgettime(clocks[i], &b);
			syscall(SYS_clock_gettime, clocks[i], &c);
			if (ns_of(&b) < ns_of(&a) && ns_of(&a) - ns_of(&b) > back)
				back = ns_of(&a) - ns_of(&b);
			if (ns_of(&c) < ns_of(&b) && ns_of(&b) - ns_of(&c) > back)
				back = ns_of(&b) - ns_of(&c);
			a = c;
		}
		CHECK(!back, "%s: 20000 vDSO and system call readings, alternating, never go back (worst %lld ns)",
		      names[i], back);
	}
	syscall(SYS_clock_gettime, CLOCK_MONOTONIC, &a);
	vgettime(CLOCK_MONOTONIC_COARSE, &b);
	syscall(SYS_clock_gettime, CLOCK_MONOTONIC, &c);
	CHECK(ns_of(&b) <= ns_of(&c) && ns_of(&a) - ns_of(&b) < 100000000LL,
	      "vDSO MONOTONIC_COARSE lags the fine clock by less than 100 ms and never leads it");
}

/* clock_settime moves the vDSO's wall clock; its monotonic clock does not jump. */
static void check_settime(gettime_fn vgettime, int (*vgettod)(struct timeval *, void *),
			  long (*vtime)(long *))
{
	const long long year = 365LL * 86400 * 1000000000LL;
	struct timespec r0, m0, set, r1, m1, t1;
	struct timeval tv;
	long long target;
	int ok;

	syscall(SYS_clock_gettime, CLOCK_REALTIME, &r0);
	syscall(SYS_clock_gettime, CLOCK_MONOTONIC, &m0);
	target = ns_of(&r0) + year;
	set.tv_sec = target / 1000000000LL;
	set.tv_nsec = target % 1000000000LL;
	ok = syscall(SYS_clock_settime, CLOCK_REALTIME, &set) == 0;
	CHECK(ok, "clock_settime(REALTIME) a year ahead");
	if (!ok)
		return;
	vgettime(CLOCK_REALTIME, &r1);
	vgettime(CLOCK_TAI, &t1);
	vgettime(CLOCK_MONOTONIC, &m1);
	vgettod(&tv, NULL);
	CHECK(ns_of(&r1) >= target && ns_of(&r1) - target < 1000000000LL,
	      "vDSO REALTIME follows it");
	CHECK(ns_of(&t1) >= target && ns_of(&t1) - target < 1000000000LL + 37000000000LL,
	      "vDSO TAI follows it");
	CHECK(tv.tv_sec >= set.tv_sec && tv.tv_sec - set.tv_sec <= 1 &&
	      labs(vtime(NULL) - set.tv_sec) <= 1, "vDSO gettimeofday and time follow it");
	CHECK(ns_of(&m1) >= ns_of(&m0) && ns_of(&m1) - ns_of(&m0) < 1000000000LL,
	      "vDSO MONOTONIC does not jump with it");
	/* Back to where it was, plus what went by. */
	syscall(SYS_clock_gettime, CLOCK_MONOTONIC, &m1);
	target = ns_of(&r0) + (ns_of(&m1) - ns_of(&m0));
	set.tv_sec = target / 1000000000LL;
	set.tv_nsec = target % 1000000000LL;
	syscall(SYS_clock_settime, CLOCK_REALTIME, &set);
	vgettime(CLOCK_REALTIME, &r1);
	CHECK(labs(r1.tv_sec - r0.tv_sec) <= 2, "vDSO REALTIME follows it back");
}

/*
 * A time namespace with monotonic and boot time offsets: a child in it
 * reads them, through the vDSO as through the system call; the wall clock
 * does not move, and the parent outside sees no offset.
 */
static void check_timens(gettime_fn vgettime)
{
	struct timespec m0, b0, r0, m1, b1, r1, s1;
	long long got[4] = { 0, 0, 0, 0 };
	int p[2], status, fd, ok;
	pid_t pid;

	ok = unshare(CLONE_NEWTIME) == 0;
	CHECK(ok, "unshare(CLONE_NEWTIME): %s", ok ? "done" : strerror(errno));
	if (!ok)
		return;
	fd = open("/proc/self/timens_offsets", O_WRONLY);
	ok = fd >= 0 && dprintf(fd, "monotonic 1000 0\nboottime 2000 0\n") > 0;
	CHECK(ok, "offsets written before the namespace's first task: monotonic +1000 s, boottime +2000 s");
	if (fd >= 0)
		close(fd);
	if (!ok || pipe(p))
		return;
	syscall(SYS_clock_gettime, CLOCK_MONOTONIC, &m0);
	syscall(SYS_clock_gettime, CLOCK_BOOTTIME, &b0);
	syscall(SYS_clock_gettime, CLOCK_REALTIME, &r0);
	pid = fork();
	if (!pid) {
		vgettime(CLOCK_MONOTONIC, &m1);
		vgettime(CLOCK_BOOTTIME, &b1);
		vgettime(CLOCK_REALTIME, &r1);
		syscall(SYS_clock_gettime, CLOCK_MONOTONIC, &s1);
		got[0] = ns_of(&m1) - ns_of(&m0);
		got[1] = ns_of(&b1) - ns_of(&b0);
		got[2] = ns_of(&r1) - ns_of(&r0);
		got[3] = ns_of(&s1) - ns_of(&m1);
		_exit(write(p[1], got, sizeof(got)) == sizeof(got) ? 0 : 1);
	}
	close(p[1]);
	if (read(p[0], got, sizeof(got)) != sizeof(got))
		got[0] = got[1] = got[2] = got[3] = -1;
	close(p[0]);
	waitpid(pid, &status, 0);
	CHECK(got[0] >= 1000000000000LL && got[0] < 1001000000000LL,
	      "in it, vDSO MONOTONIC is 1000 s ahead (%lld ns)", got[0]);
	CHECK(got[1] >= 2000000000000LL && got[1] < 2001000000000LL,
	      "in it, vDSO BOOTTIME is 2000 s ahead (%lld ns)", got[1]);
	CHECK(got[2] >= 0 && got[2] < 1000000000LL, "in it, vDSO REALTIME has no offset");
	CHECK(got[3] >= 0 && got[3] < 1000000000LL,
	      "in it, the system call's MONOTONIC agrees with the vDSO's");
	vgettime(CLOCK_MONOTONIC, &m1);
	CHECK(ns_of(&m1) - ns_of(&m0) < 1000000000LL, "outside it, vDSO MONOTONIC has no offset");
}

/* The x86_64 legacy entry points: gettimeofday, time, getcpu. */
#define VSYSCALL_BASE 0xffffffffff600000UL

static void check_vsyscall(void)
{
	char host[16] = "", line[512], perms[8] = "";
	FILE *f = fopen("/tmp/host-vsyscall", "r");
	long (*vs_gettod)(struct timeval *, void *) = (void *)VSYSCALL_BASE;
	long (*vs_time)(long *) = (void *)(VSYSCALL_BASE + 0x400);
	long (*vs_getcpu)(unsigned *, unsigned *, void *) = (void *)(VSYSCALL_BASE + 0x800);
	struct timeval tv;
	unsigned cpu = 99;
	long t = 0;

	CHECK(f && fscanf(f, "%15s", host) == 1, "the host's vsyscall mode is known");
	if (f)
		fclose(f);
	f = fopen("/proc/self/maps", "r");
	while (f && fgets(line, sizeof(line), f))
		if (strstr(line, "[vsyscall]"))
			sscanf(line, "%*s %7s", perms);
	if (f)
		fclose(f);
	if (!strcmp(host, "none")) {
		CHECK(!perms[0], "no host vsyscall page: none in /proc/self/maps");
		return;
	}
	CHECK(!strcmp(perms, host), "/proc/self/maps shows [vsyscall] as the host does (%s, host %s)",
	      perms, host);
	CHECK(vs_gettod(&tv, NULL) == 0 && labs(tv.tv_sec - time(NULL)) <= 1,
	      "vsyscall gettimeofday gives the time");
	CHECK(labs(vs_time(&t) - time(NULL)) <= 1 && labs(t - time(NULL)) <= 1,
	      "vsyscall time gives the time");
	CHECK(vs_getcpu(&cpu, NULL, NULL) == 0 && cpu == (unsigned)sched_getcpu(),
	      "vsyscall getcpu gives the current CPU");
}

int main(void)
{
	int (*vgettime)(clockid_t, struct timespec *);
	int (*vgettod)(struct timeval *, void *);
	long (*vtime)(long *);
	long (*vgetcpu)(unsigned *, unsigned *, void *);
	struct timespec a, b, c;
	struct timeval tv;
	unsigned cpu = 99, node = 99;
	char line[512], want[64];
	FILE *f;
	int in_maps = 0;

	vdso = (const Elf64_Ehdr *)getauxval(AT_SYSINFO_EHDR);
	CHECK(vdso != NULL, "AT_SYSINFO_EHDR is in the auxiliary vector");
	if (!vdso)
		return tap_done();
	CHECK(!memcmp(vdso->e_ident, ELFMAG, SELFMAG) && vdso->e_type == ET_DYN &&
	      vdso->e_machine == EM_X86_64, "the vDSO is an x86_64 ELF shared object");

	snprintf(want, sizeof(want), "%lx-", (unsigned long)vdso);
	f = fopen("/proc/self/maps", "r");
	while (f && fgets(line, sizeof(line), f))
		if (!strncmp(line, want, strlen(want)) && strstr(line, "[vdso]") &&
		    strstr(line, "r-xp"))
			in_maps = 1;
	if (f)
		fclose(f);
	CHECK(in_maps, "/proc/self/maps shows [vdso] r-x at that address");

	vgettime = vdso_sym("__vdso_clock_gettime");
	vgettod = vdso_sym("__vdso_gettimeofday");
	vtime = vdso_sym("__vdso_time");
	vgetcpu = vdso_sym("__vdso_getcpu");
	CHECK(vgettime && vgettod && vtime && vgetcpu,
	      "the vDSO exports clock_gettime, gettimeofday, time, getcpu");
	if (!(vgettime && vgettod && vtime && vgetcpu))
		return tap_done();

	syscall(SYS_clock_gettime, CLOCK_MONOTONIC, &a);
	CHECK(vgettime(CLOCK_MONOTONIC, &b) == 0, "vDSO clock_gettime(MONOTONIC) succeeds");
	syscall(SYS_clock_gettime, CLOCK_MONOTONIC, &c);
	CHECK((b.tv_sec > a.tv_sec || (b.tv_sec == a.tv_sec && b.tv_nsec >= a.tv_nsec)) &&
	      (c.tv_sec > b.tv_sec || (c.tv_sec == b.tv_sec && c.tv_nsec >= b.tv_nsec)),
	      "vDSO monotonic time lies between two system calls");
	CHECK(vgettime(CLOCK_REALTIME, &b) == 0 && b.tv_sec > 1600000000,
	      "vDSO clock_gettime(REALTIME) is a current date");
	CHECK(vgettime(12345, &b) == -EINVAL, "vDSO clock_gettime of a bad clock: -EINVAL");
	CHECK(vgettod(&tv, NULL) == 0 && labs(tv.tv_sec - b.tv_sec) <= 1,
	      "vDSO gettimeofday agrees with clock_gettime");
	CHECK(labs(vtime(NULL) - b.tv_sec) <= 1, "vDSO time agrees with clock_gettime");
	CHECK(vgetcpu(&cpu, &node, NULL) == 0 && cpu == (unsigned)sched_getcpu() && node == 0,
	      "vDSO getcpu gives the current CPU and node 0");
	/* The C library uses it too: its clock_gettime must work. */
	CHECK(clock_gettime(CLOCK_MONOTONIC, &a) == 0 && a.tv_sec >= c.tv_sec,
	      "the C library's clock_gettime works");
	check_vvar();
	check_no_syscalls(vgettime, vgettod, vtime, vdso_sym("__vdso_clock_getres"));
	check_agree(vgettime);
	check_settime(vgettime, vgettod, vtime);
	check_timens(vgettime);
	check_vsyscall();
	return tap_done();
}
