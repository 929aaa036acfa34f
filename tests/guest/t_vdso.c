// SPDX-License-Identifier: GPL-2.0
/*
 * The vDSO: present in the auxiliary vector and /proc/self/maps, a valid
 * ELF shared object whose exported time calls give the same answers as the
 * system calls. The host's legacy vsyscall page, when the host has one
 * (the harness writes its permissions to /tmp/host-vsyscall), shows in
 * /proc/self/maps and its calls work.
 */
#define _GNU_SOURCE
#include <elf.h>
#include <sched.h>
#include <stdint.h>
#include <sys/auxv.h>
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
	check_vsyscall();
	return tap_done();
}
