// SPDX-License-Identifier: GPL-2.0
/*
 * The stubs' seccomp filters, built once at boot with libseccomp and put
 * into the stub's read-only settings, where each new host process installs
 * its own (stub-sys.h, stub_install_filter).
 *
 * Filters cannot tell the stub's code from guest code (libseccomp has no
 * instruction pointer test), so each is written for the thread that
 * carries it, and allows only calls that do no harm whoever makes them:
 *
 *  - the ptrace stub: mmap of the physical memory file, munmap, mprotect,
 *    for its mapping runs (guest code never reaches the filter: its system
 *    calls stop the process before). The host's vsyscall emulation asks
 *    the filter too; those calls trap, and the kernel serves them.
 *  - the seccomp backend's guest thread: everything traps, except a futex
 *    on its hand-over word and a sched_yield carrying the stub's tag. A
 *    32-bit system call (int $0x80) traps too.
 *  - its mapper thread: the mapping calls and a futex wait on its batch
 *    word; anything else kills the process.
 */
#include <errno.h>
#include <stddef.h>
#include <string.h>
#include <unistd.h>
#include <linux/futex.h>
#include <sys/mman.h>
#include <sys/syscall.h>
#include <seccomp.h>

#include "user-priv.h"

static void check(int err, const char *what)
{
	if (err)
		host_die("cannot build the stub's seccomp filter (%s): %s", what, strerror(-err));
}

static void allow_mapping_calls(scmp_filter_ctx ctx, long fd)
{
	check(seccomp_rule_add(ctx, SCMP_ACT_ALLOW, SCMP_SYS(mmap), 3,
			       SCMP_A2(SCMP_CMP_MASKED_EQ, ~7ULL, 0),
			       SCMP_A3(SCMP_CMP_EQ, MAP_SHARED | MAP_FIXED),
			       SCMP_A4(SCMP_CMP_EQ, fd)), "mmap");
	check(seccomp_rule_add(ctx, SCMP_ACT_ALLOW, SCMP_SYS(munmap), 0), "munmap");
	check(seccomp_rule_add(ctx, SCMP_ACT_ALLOW, SCMP_SYS(mprotect), 1,
			       SCMP_A2(SCMP_CMP_MASKED_EQ, ~7ULL, 0)), "mprotect");
}

/* The BPF program into the stub's settings, pointing at its place there. */
static void export(scmp_filter_ctx ctx, struct stub_config *cfg, int which)
{
	int fd = memfd_create("stub-filter", MFD_CLOEXEC);
	off_t len;

	if (fd < 0)
		host_die("cannot make a memory file: %s", strerror(errno));
	check(seccomp_export_bpf(ctx, fd), "export");
	len = lseek(fd, 0, SEEK_END);
	if (len <= 0 || len % sizeof(struct sock_filter) ||
	    len > (off_t)sizeof(cfg->filter[which]) ||
	    pread(fd, cfg->filter[which], len, 0) != len)
		host_die("the stub's seccomp filter does not fit (%ld bytes)", (long)len);
	close(fd);
	seccomp_release(ctx);
	cfg->prog[which].len = len / sizeof(struct sock_filter);
	cfg->prog[which].filter = (struct sock_filter *)
		(user_stub_base + STUB_CONFIG + offsetof(struct stub_config, filter[which]));
}

static scmp_filter_ctx new_filter(uint32_t def, uint32_t bad_arch)
{
	scmp_filter_ctx ctx = seccomp_init(def);

	if (!ctx)
		host_die("cannot build the stub's seccomp filter");
	check(seccomp_attr_set(ctx, SCMP_FLTATR_ACT_BADARCH, bad_arch), "arch");
	return ctx;
}

void user_build_filters(struct stub_config *cfg)
{
	unsigned long data = user_stub_base + STUB_DATA;
	unsigned long turn = data + offsetof(struct stub_state, turn);
	unsigned long seq = data + PAGE_SZ + offsetof(struct stub_orders, seq);
	scmp_filter_ctx ctx;

	ctx = new_filter(SCMP_ACT_KILL_PROCESS, SCMP_ACT_KILL_PROCESS);
	allow_mapping_calls(ctx, cfg->phys_fd);
	check(seccomp_rule_add(ctx, SCMP_ACT_TRAP, SCMP_SYS(gettimeofday), 0), "vsyscall");
	check(seccomp_rule_add(ctx, SCMP_ACT_TRAP, SCMP_SYS(time), 0), "vsyscall");
	check(seccomp_rule_add(ctx, SCMP_ACT_TRAP, SCMP_SYS(getcpu), 0), "vsyscall");
	export(ctx, cfg, STUB_FILTER_PTRACE);

	ctx = new_filter(SCMP_ACT_TRAP, SCMP_ACT_TRAP);
	check(seccomp_rule_add(ctx, SCMP_ACT_ALLOW, SCMP_SYS(futex), 2,
			       SCMP_A0(SCMP_CMP_EQ, turn),
			       SCMP_A1(SCMP_CMP_EQ, FUTEX_WAIT)), "futex");
	check(seccomp_rule_add(ctx, SCMP_ACT_ALLOW, SCMP_SYS(futex), 2,
			       SCMP_A0(SCMP_CMP_EQ, turn),
			       SCMP_A1(SCMP_CMP_EQ, FUTEX_WAKE)), "futex");
	check(seccomp_rule_add(ctx, SCMP_ACT_ALLOW, SCMP_SYS(sched_yield), 2,
			       SCMP_A0(SCMP_CMP_EQ, cfg->yield_tag[0]),
			       SCMP_A1(SCMP_CMP_EQ, cfg->yield_tag[1])), "sched_yield");
	export(ctx, cfg, STUB_FILTER_GUEST);

	ctx = new_filter(SCMP_ACT_KILL_PROCESS, SCMP_ACT_KILL_PROCESS);
	allow_mapping_calls(ctx, cfg->phys_fd);
	check(seccomp_rule_add(ctx, SCMP_ACT_ALLOW, SCMP_SYS(futex), 2,
			       SCMP_A0(SCMP_CMP_EQ, seq),
			       SCMP_A1(SCMP_CMP_EQ, FUTEX_WAIT)), "futex");
	export(ctx, cfg, STUB_FILTER_MAPPER);
}
