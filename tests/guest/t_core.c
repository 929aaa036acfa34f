// SPDX-License-Identifier: GPL-2.0
/*
 * Core dumps: a child loads markers into r12/r13, xmm0 and mxcsr,
 * pushes a marker on its stack, changes a global and writes to NULL.
 * The parent parses the core file: ELF header, NT_PRSTATUS registers,
 * NT_PRFPREG, NT_SIGINFO, NT_X86_XSTATE and the dumped memory.
 *
 * core_pattern is never changed: when it is a pipe (or unusable here)
 * the test only prints a skip comment.
 */
#define _GNU_SOURCE
#include "tap.h"

#include <cpuid.h>
#include <dirent.h>
#include <elf.h>
#include <fcntl.h>
#include <signal.h>
#include <stddef.h>
#include <stdint.h>
#include <sys/prctl.h>
#include <sys/procfs.h>
#include <sys/resource.h>
#include <sys/stat.h>
#include <sys/user.h>
#include <sys/utsname.h>
#include <sys/wait.h>
#include <unistd.h>

#define R12_MARKER	0x1122334455667788UL
#define R13_MARKER	0x8877665544332211UL
#define XMM0_MARKER	0x0123456789abcdefUL
#define STACK_MARKER	0x5354414b4d41524bUL	/* "KRAMKATS" */
#define CORE_MXCSR	0x5f80u
#define DATA_INIT	0x00d0d0d0d0d0d0d0UL
#define DATA_CHILD	0xda7a5e7b7c41d000UL

/*
 * The crashing code: markers into registers and onto the stack, then a
 * store to address 0 at t_core_fault_ip.
 */
asm(".pushsection .text\n"
    ".globl t_core_crash\n"
    ".type t_core_crash, @function\n"
    "t_core_crash:\n"
    "	movabs $0x5354414b4d41524b, %rax\n"
    "	push %rax\n"
    "	movabs $0x0123456789abcdef, %rax\n"
    "	movq %rax, %xmm0\n"
    "	movl $0x5f80, -8(%rsp)\n"
    "	ldmxcsr -8(%rsp)\n"
    "	movabs $0x1122334455667788, %r12\n"
    "	movabs $0x8877665544332211, %r13\n"
    "	xor %eax, %eax\n"
    ".globl t_core_fault_ip\n"
    "t_core_fault_ip:\n"
    "	movl $0x2a, (%rax)\n"
    "	ud2\n"
    ".size t_core_crash, .-t_core_crash\n"
    ".popsection\n");

extern void t_core_crash(void) __attribute__((noreturn));
extern const char t_core_fault_ip[];

volatile unsigned long core_data_marker = DATA_INIT;

static pid_t child_pid;

static void on_alarm(int sig)
{
	char buf[96];
	int n;

	(void)sig;
	if (child_pid > 0)
		kill(child_pid, SIGKILL);
	n = snprintf(buf, sizeof(buf), "not ok %d - watchdog: test timed out\n",
		     tap_n + 1);
	if (n > 0)
		write(1, buf, n);
	_exit(1);
}

static int read_small(const char *path, char *buf, size_t size)
{
	int fd, n, len = 0;

	fd = open(path, O_RDONLY);
	if (fd < 0)
		return -1;
	while (len < (int)size - 1 && (n = read(fd, buf + len, size - 1 - len)) > 0)
		len += n;
	close(fd);
	buf[len] = 0;
	while (len > 0 && buf[len - 1] == '\n')
		buf[--len] = 0;
	return len;
}

static int cpu_has_xsave(void)
{
	unsigned int a, b, c, d;

	if (!__get_cpuid(1, &a, &b, &c, &d))
		return 0;
	return (c & (1u << 26)) && (c & (1u << 27));
}

/*
 * Expand core_pattern like the kernel does for the specifiers we can
 * predict. Returns 0, or -1 if the pattern uses something else.
 */
static int expand_pattern(const char *pat, int uses_pid, pid_t pid, char *out, size_t size)
{
	char comm[64], tmp[64];
	struct utsname un;
	size_t len = 0;
	int pid_in_pattern = 0;
	const char *p;

	if (read_small("/proc/self/comm", comm, sizeof(comm)) < 0)
		comm[0] = 0;
	for (p = pat; *p; p++) {
		const char *add = tmp;

		if (*p != '%') {
			tmp[0] = *p;
			tmp[1] = 0;
		} else {
			switch (*++p) {
			case '%':
				strcpy(tmp, "%");
				break;
			case 'p': case 'P': case 'i': case 'I':
				pid_in_pattern = 1;
				snprintf(tmp, sizeof(tmp), "%d", (int)pid);
				break;
			case 'u':
				snprintf(tmp, sizeof(tmp), "%u", (unsigned)getuid());
				break;
			case 'g':
				snprintf(tmp, sizeof(tmp), "%u", (unsigned)getgid());
				break;
			case 's':
				snprintf(tmp, sizeof(tmp), "%d", SIGSEGV);
				break;
			case 'e':
				if (!comm[0] || strchr(comm, '/'))
					return -1;
				add = comm;
				break;
			case 'h':
				if (uname(&un))
					return -1;
				add = un.nodename;
				break;
			default:
				return -1;
			}
		}
		if (len + strlen(add) + 1 > size)
			return -1;
		strcpy(out + len, add);
		len += strlen(add);
	}
	if (uses_pid && !pid_in_pattern) {
		snprintf(tmp, sizeof(tmp), ".%d", (int)pid);
		if (len + strlen(tmp) + 1 > size)
			return -1;
		strcpy(out + len, tmp);
	}
	return 0;
}

/* Find the only regular file in dir (for relative patterns we cannot expand). */
static int find_single_file(const char *dir, char *out, size_t size)
{
	DIR *d = opendir(dir);
	struct dirent *e;
	int found = 0;

	if (!d)
		return -1;
	while ((e = readdir(d))) {
		if (!strcmp(e->d_name, ".") || !strcmp(e->d_name, ".."))
			continue;
		found++;
		snprintf(out, size, "%s/%s", dir, e->d_name);
	}
	closedir(d);
	return found == 1 ? 0 : -1;
}

/* ------------------------------------------------------------------ */
/* Core file parsing */

static unsigned char *core;
static size_t core_size;
static Elf64_Phdr *phdrs;
static unsigned int nphdr;

static int core_mem(uint64_t addr, void *buf, size_t len)
{
	unsigned int i;

	for (i = 0; i < nphdr; i++) {
		Elf64_Phdr *ph = &phdrs[i];

		if (ph->p_type != PT_LOAD)
			continue;
		if (addr < ph->p_vaddr || addr + len > ph->p_vaddr + ph->p_filesz)
			continue;
		if (ph->p_offset + (addr - ph->p_vaddr) + len > core_size)
			return -1;
		memcpy(buf, core + ph->p_offset + (addr - ph->p_vaddr), len);
		return 0;
	}
	return -1;
}

static int in_load(uint64_t addr)
{
	unsigned int i;

	for (i = 0; i < nphdr; i++)
		if (phdrs[i].p_type == PT_LOAD && addr >= phdrs[i].p_vaddr &&
		    addr < phdrs[i].p_vaddr + phdrs[i].p_memsz)
			return 1;
	return 0;
}

struct note {
	const char *name;
	const unsigned char *desc;
	uint32_t descsz;
	int count;
};

/* Find a note by owner name and type; count how many there are. */
static void find_note(const char *name, uint32_t type, struct note *res)
{
	unsigned int i;

	memset(res, 0, sizeof(*res));
	for (i = 0; i < nphdr; i++) {
		Elf64_Phdr *ph = &phdrs[i];
		size_t off, end;

		if (ph->p_type != PT_NOTE)
			continue;
		if (ph->p_offset > core_size || ph->p_filesz > core_size - ph->p_offset)
			continue;
		off = ph->p_offset;
		end = ph->p_offset + ph->p_filesz;
		while (off + sizeof(Elf64_Nhdr) <= end) {
			Elf64_Nhdr *nh = (Elf64_Nhdr *)(core + off);
			size_t nameoff = off + sizeof(*nh);
			size_t descoff = nameoff + ((nh->n_namesz + 3) & ~3u);
			size_t next = descoff + ((nh->n_descsz + 3) & ~3u);

			if (next > end || next <= off)
				break;
			if (nh->n_type == type && nh->n_namesz == strlen(name) + 1 &&
			    !memcmp(core + nameoff, name, nh->n_namesz)) {
				if (!res->count) {
					res->desc = core + descoff;
					res->descsz = nh->n_descsz;
				}
				res->count++;
			}
			off = next;
		}
	}
}

static int load_core(const char *path)
{
	struct stat sb;
	int fd;
	size_t got = 0;
	ssize_t n;

	fd = open(path, O_RDONLY);
	if (fd < 0)
		return -1;
	if (fstat(fd, &sb) || sb.st_size <= 0) {
		close(fd);
		return -1;
	}
	core_size = sb.st_size;
	core = malloc(core_size);
	if (!core) {
		close(fd);
		return -1;
	}
	while (got < core_size && (n = read(fd, core + got, core_size - got)) > 0)
		got += n;
	close(fd);
	return got == core_size ? 0 : -1;
}

static void check_core(pid_t pid)
{
	Elf64_Ehdr *eh = (Elf64_Ehdr *)core;
	struct user_regs_struct regs;
	struct note nt;
	int ok;

	ok = core_size >= sizeof(*eh) && !memcmp(eh->e_ident, ELFMAG, SELFMAG) &&
	     eh->e_ident[EI_CLASS] == ELFCLASS64 && eh->e_ident[EI_DATA] == ELFDATA2LSB;
	CHECK(ok, "core file is a 64-bit little-endian ELF file (%zu bytes)", core_size);
	if (!ok)
		return;
	CHECK(eh->e_type == ET_CORE, "e_type is ET_CORE (%u)", eh->e_type);
	CHECK(eh->e_machine == EM_X86_64, "e_machine is EM_X86_64 (%u)", eh->e_machine);

	nphdr = eh->e_phnum;
	if (nphdr == PN_XNUM && eh->e_shoff && eh->e_shoff + sizeof(Elf64_Shdr) <= core_size)
		nphdr = ((Elf64_Shdr *)(core + eh->e_shoff))->sh_info;
	ok = eh->e_phentsize == sizeof(Elf64_Phdr) && nphdr > 0 &&
	     eh->e_phoff < core_size &&
	     (core_size - eh->e_phoff) / sizeof(Elf64_Phdr) >= nphdr;
	CHECK(ok, "program headers are valid (%u of size %u)", nphdr, eh->e_phentsize);
	if (!ok)
		return;
	phdrs = (Elf64_Phdr *)(core + eh->e_phoff);
	{
		unsigned int i, nnote = 0, nload = 0;

		for (i = 0; i < nphdr; i++) {
			nnote += phdrs[i].p_type == PT_NOTE;
			nload += phdrs[i].p_type == PT_LOAD;
		}
		CHECK(nnote >= 1, "core has a PT_NOTE segment (%u)", nnote);
		CHECK(nload >= 2, "core has PT_LOAD segments (%u)", nload);
	}

	/* NT_PRSTATUS */
	find_note("CORE", NT_PRSTATUS, &nt);
	CHECK(nt.count == 1, "exactly one NT_PRSTATUS note (single thread) (%d)", nt.count);
	if (!nt.count)
		return;
	CHECK(nt.descsz == sizeof(struct elf_prstatus),
	      "NT_PRSTATUS size %u = sizeof(struct elf_prstatus)", nt.descsz);
	if (nt.descsz < sizeof(struct elf_prstatus))
		return;
	{
		struct elf_prstatus prs;

		memcpy(&prs, nt.desc, sizeof(prs));
		memcpy(&regs, prs.pr_reg, sizeof(regs));
		CHECK(prs.pr_pid == pid, "pr_pid = child pid (%d / %d)", prs.pr_pid, pid);
		CHECK(prs.pr_cursig == SIGSEGV, "pr_cursig = SIGSEGV (%d)", prs.pr_cursig);
	}
	CHECK(regs.r12 == R12_MARKER, "pr_reg r12 = marker (0x%llx)", regs.r12);
	CHECK(regs.r13 == R13_MARKER, "pr_reg r13 = marker (0x%llx)", regs.r13);
	CHECK(regs.rip == (unsigned long)t_core_fault_ip,
	      "pr_reg rip = faulting instruction (0x%llx, expected %p)", regs.rip,
	      (void *)t_core_fault_ip);
	CHECK(regs.rax == 0, "pr_reg rax = 0 (the NULL pointer) (0x%llx)", regs.rax);
	CHECK(regs.cs == 0x33 && regs.ss == 0x2b, "pr_reg cs/ss are the user segments "
	      "(0x%llx/0x%llx)", regs.cs, regs.ss);

	/* NT_PRFPREG */
	find_note("CORE", NT_PRFPREG, &nt);
	CHECK(nt.count == 1 && nt.descsz == 512, "NT_PRFPREG note of 512 bytes (%d, %u)",
	      nt.count, nt.descsz);
	if (nt.count && nt.descsz >= 512) {
		struct user_fpregs_struct fp;
		uint64_t x0;

		memcpy(&fp, nt.desc, sizeof(fp));
		memcpy(&x0, &fp.xmm_space[0], sizeof(x0));
		CHECK(fp.mxcsr == CORE_MXCSR, "NT_PRFPREG mxcsr = 0x%x", fp.mxcsr);
		CHECK(x0 == XMM0_MARKER, "NT_PRFPREG xmm0 = marker (0x%llx)",
		      (unsigned long long)x0);
	}

	/* NT_SIGINFO */
	find_note("CORE", NT_SIGINFO, &nt);
	CHECK(nt.count == 1 && nt.descsz == sizeof(siginfo_t),
	      "NT_SIGINFO note (%d, %u bytes)", nt.count, nt.descsz);
	if (nt.count && nt.descsz >= sizeof(siginfo_t)) {
		siginfo_t si;

		memcpy(&si, nt.desc, sizeof(si));
		CHECK(si.si_signo == SIGSEGV && si.si_code == SEGV_MAPERR && si.si_addr == NULL,
		      "NT_SIGINFO: SIGSEGV, SEGV_MAPERR at address 0 (%d, %d, %p)",
		      si.si_signo, si.si_code, si.si_addr);
	}

	/* NT_X86_XSTATE */
	if (cpu_has_xsave()) {
		find_note("LINUX", NT_X86_XSTATE, &nt);
		CHECK(nt.count == 1 && nt.descsz > 512,
		      "NT_X86_XSTATE note (%d, %u bytes)", nt.count, nt.descsz);
		if (nt.count && nt.descsz > 512) {
			uint32_t mx;
			uint64_t x0;

			memcpy(&mx, nt.desc + 24, sizeof(mx));
			memcpy(&x0, nt.desc + 160, sizeof(x0));
			CHECK(mx == CORE_MXCSR && x0 == XMM0_MARKER,
			      "NT_X86_XSTATE legacy area has mxcsr/xmm0 (0x%x, 0x%llx)",
			      mx, (unsigned long long)x0);
		}
	} else {
		printf("# CPU has no XSAVE: NT_X86_XSTATE not checked\n");
	}

	/* memory */
	CHECK(in_load(regs.rsp), "rsp 0x%llx lies in a PT_LOAD segment", regs.rsp);
	{
		uint64_t v = 0;
		int r = core_mem(regs.rsp, &v, sizeof(v));

		CHECK(r == 0 && v == STACK_MARKER, "stack word at rsp read from core = marker "
		      "(0x%llx)", (unsigned long long)v);
		v = 0;
		r = core_mem((uintptr_t)&core_data_marker, &v, sizeof(v));
		CHECK(r == 0 && v == DATA_CHILD,
		      "global variable read from core has the child's value (0x%llx)",
		      (unsigned long long)v);
	}
}

int main(void)
{
	char pattern[512], buf[64], tmpdir[256], corepath[1024];
	int uses_pid = 0, st, n, absolute;
	struct rlimit rl;
	pid_t pid;

	signal(SIGALRM, on_alarm);
	alarm(4);

	n = read_small("/proc/sys/kernel/core_pattern", pattern, sizeof(pattern));
	CHECK(n >= 0, "read /proc/sys/kernel/core_pattern");
	if (n < 0)
		return tap_done();
	if (pattern[0] == '|') {
		printf("# skipped: core_pattern is a pipe\n");
		return tap_done();
	}
	if (!pattern[0]) {
		printf("# skipped: core_pattern is empty\n");
		return tap_done();
	}
	if (read_small("/proc/sys/kernel/core_uses_pid", buf, sizeof(buf)) > 0)
		uses_pid = atoi(buf) != 0;
	absolute = pattern[0] == '/';
	if (!absolute && strchr(pattern, '/')) {
		printf("# skipped: core_pattern '%s' names a relative directory\n", pattern);
		return tap_done();
	}
	if (absolute) {
		char probe[1024], *slash;

		if (expand_pattern(pattern, uses_pid, 1, probe, sizeof(probe))) {
			printf("# skipped: core_pattern '%s' is not predictable\n", pattern);
			return tap_done();
		}
		slash = strrchr(probe, '/');
		*slash = 0;
		if (access(slash == probe ? "/" : probe, W_OK)) {
			printf("# skipped: core_pattern directory is not writable\n");
			return tap_done();
		}
	}

	/* may we dump at all? */
	getrlimit(RLIMIT_CORE, &rl);
	if (rl.rlim_max != RLIM_INFINITY) {
		struct rlimit unl = { RLIM_INFINITY, RLIM_INFINITY };

		if (!setrlimit(RLIMIT_CORE, &unl))
			rl = unl;
	}
	if (rl.rlim_max != RLIM_INFINITY && rl.rlim_max < (64UL << 20)) {
		printf("# skipped: hard RLIMIT_CORE is too small (%lu)\n",
		       (unsigned long)rl.rlim_max);
		return tap_done();
	}

	strcpy(tmpdir, "/tmp/t_core.XXXXXX");
	if (!mkdtemp(tmpdir)) {
		char *d;

		strcpy(tmpdir, "t_core.XXXXXX");
		d = mkdtemp(tmpdir);
		CHECK(d != NULL, "create temporary directory");
		if (!d)
			return tap_done();
	}

	fflush(stdout);
	pid = fork();
	if (pid == 0) {
		struct rlimit unl = { RLIM_INFINITY, RLIM_INFINITY };

		prctl(PR_SET_PDEATHSIG, SIGKILL);
		if (chdir(tmpdir))
			_exit(90);
		if (setrlimit(RLIMIT_CORE, &unl))
			_exit(91);
		if (prctl(PR_SET_DUMPABLE, 1, 0, 0, 0))
			_exit(92);
		signal(SIGSEGV, SIG_DFL);
		core_data_marker = DATA_CHILD;
		t_core_crash();
	}
	CHECK(pid > 0, "fork");
	if (pid < 0)
		goto out_rmdir;
	child_pid = pid;
	st = -1;
	while (waitpid(pid, &st, 0) < 0 && errno == EINTR)
		;
	child_pid = 0;
	CHECK(st != -1 && WIFSIGNALED(st) && WTERMSIG(st) == SIGSEGV,
	      "child killed by SIGSEGV (status 0x%x)", st);
	CHECK(st != -1 && WIFSIGNALED(st) && WCOREDUMP(st), "WCOREDUMP(status) is set");

	corepath[0] = 0;
	{
		char name[512];

		if (!expand_pattern(pattern, uses_pid, pid, name, sizeof(name))) {
			if (absolute)
				snprintf(corepath, sizeof(corepath), "%s", name);
			else
				snprintf(corepath, sizeof(corepath), "%s/%s", tmpdir, name);
		} else if (find_single_file(tmpdir, corepath, sizeof(corepath))) {
			corepath[0] = 0;
		}
	}
	n = corepath[0] ? load_core(corepath) : -1;
	CHECK(n == 0, "core file %s found and read", corepath[0] ? corepath : "(none)");
	if (n == 0)
		check_core(pid);
	if (corepath[0])
		unlink(corepath);
	free(core);

out_rmdir:
	{
		/* remove anything else the dump left in our directory */
		DIR *d = opendir(tmpdir);
		struct dirent *e;
		char p[1024];

		while (d && (e = readdir(d))) {
			if (!strcmp(e->d_name, ".") || !strcmp(e->d_name, ".."))
				continue;
			snprintf(p, sizeof(p), "%s/%s", tmpdir, e->d_name);
			unlink(p);
		}
		if (d)
			closedir(d);
		rmdir(tmpdir);
	}
	return tap_done();
}
