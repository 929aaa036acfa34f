/* SPDX-License-Identifier: GPL-2.0 */
/*
 * host.h - the one boundary between the kernel and the host.
 *
 * Kernel code (arch-um/, kernel halves of drivers-virt/) and host code
 * (os-host/, host halves of drivers-virt/) never include each other's
 * headers. Everything the kernel asks of the host is declared here, one
 * line of documentation each, with plain C types only; so is the little the
 * host calls in the kernel (the "kernel entry points" at the end).
 *
 * Conventions: functions return 0 or a positive count on success and a
 * negative errno value on failure, like the kernel's own functions. None of
 * them blocks the calling kernel thread unless its comment says so.
 */
#ifndef UM_HOST_H
#define UM_HOST_H

/* ---------------------------------------------------------------------
 * Boot: what the host hands the kernel when it starts it.
 */

/* Physical memory layout and boot data, filled by the host before boot. */
struct host_boot_info {
	unsigned long phys_size;	/* bytes of guest physical memory */
	unsigned long image_end;	/* physical end of the kernel image */
	unsigned long initrd_start;	/* physical address of the initrd, or 0 */
	unsigned long initrd_size;	/* its size in bytes */
	const char *cmdline;		/* kernel command line (argv joined) */
	const char *host_release;	/* host uname: release */
	const char *host_machine;	/* host uname: machine */
	const char *cpu_model;		/* host CPU model name */
	const char *cpu_vendor;		/* host CPU vendor id */
	const char *cpu_flags;		/* host CPU flags, as /proc/cpuinfo */
	unsigned long cpu_mhz;		/* host CPU clock, 0 if unknown */
	unsigned int cpu_family, cpu_model_nr, cpu_stepping;
	unsigned long elf_hwcap;	/* CPUID(1).EDX, the x86 AT_HWCAP */
	unsigned long elf_hwcap2;	/* the host's AT_HWCAP2 (FSGSBASE...) */
	int vsyscall;			/* the host's vsyscall page: 0 none,
					 * 1 execute only, 2 readable too */
	unsigned long user_hole_start;	/* the stub region, which guest memory */
	unsigned long user_hole_end;	/* must not overlap */
	unsigned long user_top;		/* the host's top: guest memory stays below */
	unsigned long user_bottom;	/* the host's vm.mmap_min_addr: guest memory
					 * stays above (host processes hold no
					 * CAP_SYS_RAWIO) */
	unsigned long fpu_size;		/* bytes of a guest thread's FPU state */
	unsigned long fpu_xfeatures;	/* XSAVE components the host supports */
	unsigned long fpu_mxcsr_mask;	/* MXCSR bits the host CPU accepts */
	const char *user_backend;	/* "seccomp" or "ptrace" (um_backend=) */
	unsigned long mm_pages;		/* pages host_mm_create() wants per address space */
	unsigned long mm_limit;		/* address spaces (host processes) at most (um_procs=) */
	unsigned long host_vdso_start;	/* the host's vDSO in every guest process (code */
	unsigned long host_vdso_end;	/* and data pages), or 0: none */
	unsigned long host_vdso_clock;	/* its clock_gettime(), or 0 */
};

/* ---------------------------------------------------------------------
 * Errors and process exit.
 */

/* Write all of buf to the host's standard error. */
void host_error_write(const char *buf, unsigned long len);
/* Leave the program with this status, restoring the terminal first. */
void host_exit(int status) __attribute__((noreturn));
/* Start this program again with its original arguments (guest reboot). */
void host_reboot(void) __attribute__((noreturn));
/* Dump core / stop hard after a fatal kernel bug (abort with the terminal restored). */
void host_abort(void) __attribute__((noreturn));

/* ---------------------------------------------------------------------
 * Physical memory: one memfd, mapped at the direct map and the image.
 */

/* Map physical [phys, phys+len) at kernel virtual address va (vmalloc area). */
int host_map_phys(unsigned long va, unsigned long phys, unsigned long len, int prot);
/* Remove the mapping of [va, va+len) in the kernel process. */
int host_unmap(unsigned long va, unsigned long len);
/* Descriptor of the physical memory file (for mapping into other processes). */
int host_phys_fd(void);

#define HOST_PROT_READ	1
#define HOST_PROT_WRITE	2
#define HOST_PROT_EXEC	4

/* ---------------------------------------------------------------------
 * Time.
 */

/* Nanoseconds of the host's CLOCK_MONOTONIC. */
unsigned long long host_time_ns(void);
/* Nanoseconds since the epoch, the host's CLOCK_REALTIME. */
unsigned long long host_wall_time_ns(void);
/* Arm the one-shot timer to fire (as the timer interrupt) in ns nanoseconds. */
int host_timer_oneshot(unsigned long long ns);
/* Disarm the timer. */
int host_timer_stop(void);
/* Busy-wait for ns nanoseconds (udelay and friends). */
void host_delay_ns(unsigned long long ns);

/* ---------------------------------------------------------------------
 * Signals as interrupts.
 */

/* Interrupt lines the host feeds itself; devices get lines from HOST_IRQ_FIRST_DEV on. */
#define HOST_IRQ_TIMER		0	/* the one-shot timer fired */
#define HOST_IRQ_SHUTDOWN	1	/* SIGTERM, SIGINT or SIGHUP arrived */
#define HOST_IRQ_SYSRQ		2	/* SIGQUIT arrived: show the tasks */
#define HOST_IRQ_FIRST_DEV	3
#define HOST_IRQ_LINES		64

/* Install the signal handlers that deliver interrupts and faults to the kernel. */
int host_signals_init(void);
/* Idle: sleep until an interrupt signal comes, unless *count no longer equals
 * seen (an interrupt was handled meanwhile). Called with interrupts enabled. */
void host_idle_wait(const volatile unsigned long *count, unsigned long seen);
/* Raise interrupt line irq from a helper thread: the kernel thread gets it
 * as a signal (any thread; async-signal-safe). */
void host_raise_irq(int irq);

/* ---------------------------------------------------------------------
 * Console lines (conN= options; drivers-virt/console/host.c).
 */

/* 1 if line is in use (not null). With irq >= 0, also start delivering its
 * input: a helper thread reads it and raises line irq when some arrived. */
int host_con_open(int line, int irq);
/* 1 once when the line's input ended (and all of it was read), else 0. */
int host_con_eof(int line);
/* Take up to len bytes of the line's pending input; 0 if none. Never blocks. */
long host_con_read(int line, char *buf, unsigned long len);
/* Write to the line's output (blocking). console=1: kernel messages, which
 * get \r\n line ends when the output is a terminal in raw mode. */
void host_con_write(int line, const char *buf, unsigned long len, int console);
/* Window size of the line's terminal; -1 if it is not a terminal. */
int host_con_winsize(int line, unsigned short *rows, unsigned short *cols);

/* ---------------------------------------------------------------------
 * Block devices (ubdN= options; drivers-virt/block/). A disk's requests go
 * to its helper threads; each finished one is handed back through
 * host_blk_done(), and the disk's interrupt line says some are there.
 */
#define HOST_BLK_DISKS		16
#define HOST_BLK_MAX_VEC	256	/* buffers of one request at most */

struct host_blk_disk {
	unsigned long long size;	/* bytes */
	int read_only;			/* writes fail on the host too */
	int write_cache;		/* writes need a flush to be durable */
	int discard;			/* discard / write-zeroes are carried out */
	const char *serial;		/* or NULL */
	const char *path;		/* the host file, for messages */
};

enum { HOST_BLK_READ, HOST_BLK_WRITE, HOST_BLK_FLUSH, HOST_BLK_DISCARD, HOST_BLK_ZERO };

struct host_iovec {
	void *base;			/* a kernel address (the direct map) */
	unsigned long len;
};

struct host_blk_req {
	int op;				/* HOST_BLK_* */
	int fua;			/* WRITE: durable before it completes */
	unsigned long long off, len;	/* bytes on the disk */
	int nvec;			/* READ, WRITE: the buffers */
	struct host_iovec *vec;
	int result;			/* set by the host: 0 or -errno */
	struct host_blk_req *next;	/* the host's, while it holds the request */
};

/* Describe disk (0 to HOST_BLK_DISKS-1); -ENODEV if no ubdN= names it. */
int host_blk_describe(int disk, struct host_blk_disk *info);
/* Start the disk's helper threads; finished requests raise line irq. */
int host_blk_start(int disk, int irq);
/* Hand req to the disk's helpers (never blocks); it comes back from host_blk_done(). */
void host_blk_submit(int disk, struct host_blk_req *req);
/* Take the requests finished since the last call (a list through ->next), or NULL. */
struct host_blk_req *host_blk_done(int disk);

/* ---------------------------------------------------------------------
 * Network interfaces (ethN= options; drivers-virt/net/). Each has a host
 * transport (a TAP device, a switch's socket, a multicast group); frames
 * go out and come in one at a time without blocking the kernel, and the
 * interface's interrupt line says the host end became readable or
 * writable (as asked with host_net_want()) or its link changed.
 */
#define HOST_NET_IFACES		16
#define HOST_NET_FRAME_MAX	(65536 + 64)	/* a frame's bytes at most, header included */
#define HOST_NET_IOV_MAX	24		/* pieces of one frame at most */

#define HOST_NET_EV_RX		1	/* frames are waiting */
#define HOST_NET_EV_TX		2	/* the host takes frames again */
#define HOST_NET_EV_LINK	4	/* the carrier changed */

struct host_net_iface {
	unsigned char mac[6];		/* the guest's address */
	int vnet;			/* frames start with a struct virtio_net_hdr
					 * (offloads pass through) */
	int mtu;			/* what the transport carries, bytes */
	const char *transport;		/* "tuntap", "daemon", "mcast"... */
	const char *desc;		/* the option's value, for messages */
};

/* Describe interface n; -ENODEV if no ethN= names it. */
int host_net_describe(int n, struct host_net_iface *info);
/* Start its helper thread: the events asked for raise line irq. */
int host_net_start(int n, int irq);
/* Take one frame into buf: its length, -EAGAIN if none is waiting. */
long host_net_recv(int n, void *buf, unsigned long len);
/* Send one frame made of nvec pieces: 0, -EAGAIN if the host cannot take it
 * now (ask for HOST_NET_EV_TX), another -errno if it is dropped. */
long host_net_send(int n, const struct host_iovec *vec, int nvec);
/* Ask for an interrupt once the HOST_NET_EV_RX / _TX condition holds (one shot each). */
void host_net_want(int n, int events);
/* Take the HOST_NET_EV_* bits noted since the last call. */
int host_net_events(int n);
/* 1 while the transport's other end is there, 0 once it is gone. */
int host_net_carrier(int n);

/* The x86_64 vsyscall page: the host's, in every guest process it has. */
#define HOST_VSYSCALL_ADDR	0xffffffffff600000UL

/* ---------------------------------------------------------------------
 * Guest address spaces and user mode: the userspace backend
 * (os-host/user.c, with user-ptrace.c or user-seccomp.c). An address space
 * is a host process; the kernel keeps HOST_MM_SIZE bytes of state for it
 * and passes them to every call. Mapping calls are queued and carried out
 * in batches, at the latest just before the address space runs again.
 */
#define HOST_MM_SIZE	96
struct host_mm;

/* Create the host process of an address space; data: boot_info.mm_pages
 * physically contiguous pages (physical address and direct-map address)
 * it shares with the kernel. */
int host_mm_create(struct host_mm *mm, unsigned long data_phys, void *data);
/* End it; its host process is gone (and maps nothing) when this returns. */
void host_mm_destroy(struct host_mm *mm);
/* Map physical [phys, phys+len) at va with HOST_PROT_* (queued). */
int host_mm_map(struct host_mm *mm, unsigned long va, unsigned long len,
		unsigned long phys, int prot);
/* Unmap [va, va+len) (queued). */
int host_mm_unmap(struct host_mm *mm, unsigned long va, unsigned long len);
/* Change the protection of mapped [va, va+len) (queued). */
int host_mm_protect(struct host_mm *mm, unsigned long va, unsigned long len, int prot);
/* Carry out the queued mapping calls now. A batch that does not fit in
 * the host's mapping limit fails with -ENOMEM, part done. */
int host_mm_sync(struct host_mm *mm);
/* After a TLB flush took access away: make sure no guest code of mm can
 * use it any more once this returns (a backend whose guest may be running
 * carries the queue out now). */
int host_mm_flush(struct host_mm *mm);
/* Drop the queued calls and unmap all guest memory, now. */
int host_mm_reset(struct host_mm *mm);

/* Why user code stopped. */
enum {
	HOST_TRAP_SYSCALL = 1,	/* a system call: number in orig_ax */
	HOST_TRAP_FAULT,	/* a page fault at addr, x86 error code */
	HOST_TRAP_SIGNAL,	/* another synchronous trap: signo, code, addr */
	HOST_TRAP_INTERRUPT,	/* host_mm_kick() stopped it */
	HOST_TRAP_DEAD,		/* the host process is gone or unusable; signo:
				 * SIGSEGV if the guest's own doing, else SIGKILL */
};

struct host_trap {
	int kind;
	int compat;		/* SYSCALL: 1 a 32-bit (int $0x80) call, 0 not,
				 * -1 the backend cannot tell */
	int signo, code;	/* host signal and si_code */
	unsigned long addr;	/* fault or trap address */
	unsigned long error;	/* page-fault error code: 2 write, 16 fetch */
	unsigned long trapno;	/* x86 trap number */
};

/* Run user code in mm with regs (the 27 words of x86_64 user_regs_struct)
 * until it traps; regs then hold its state. fpu_load: if not NULL, the FPU
 * state to give it first. Blocks the calling kernel thread; interrupts
 * still arrive meanwhile. Returns 0 or -errno if the backend failed. */
int host_mm_run(struct host_mm *mm, unsigned long *regs, const void *fpu_load,
		struct host_trap *trap);
/* From an interrupt: make a running host_mm_run() return soon. */
void host_mm_kick(struct host_mm *mm);
/* Read / replace the FPU state the address space's process holds now. */
int host_mm_get_fpu(struct host_mm *mm, void *fpu);
int host_mm_set_fpu(struct host_mm *mm, const void *fpu);

/* ---------------------------------------------------------------------
 * Files.
 */

/* Open a host file read-only; returns a descriptor. */
int host_open_ro(const char *path);
/* Read up to len bytes at offset; returns bytes read. Blocking. */
long host_pread(int fd, void *buf, unsigned long len, unsigned long long off);
/* Write len bytes to fd; returns bytes written. Blocking. */
long host_write(int fd, const void *buf, unsigned long len);
/* Close a descriptor. */
int host_close(int fd);

/* ---------------------------------------------------------------------
 * Helper threads: where blocking host I/O runs, so the kernel never waits.
 */

/* Start a host thread running fn(arg), all signals blocked in it. */
int host_thread_start(void (*fn)(void *), void *arg);

/* ---------------------------------------------------------------------
 * Kernel entry points, called by the host side.
 */

/* First kernel code to run: sets up and calls start_kernel(); never returns. */
void kernel_boot(struct host_boot_info *info) __attribute__((noreturn));

/* Host context of a signal, as far as the kernel needs it. */
struct host_ctx {
	unsigned long ip, sp, bp;	/* interrupted kernel context */
	unsigned long fault_addr;	/* for SIGSEGV/SIGBUS */
	int fault_write;		/* 1 if the faulting access was a write */
	int signo;
	void *uc;			/* host ucontext, opaque to the kernel */
};

/* A host signal that means an interrupt arrived (irq: UM_*_IRQ line). */
void kernel_interrupt(int irq, struct host_ctx *ctx);
/* A synchronous fault of the kernel process itself (SIGSEGV, SIGBUS,
 * SIGILL, SIGFPE, SIGTRAP). Returns 0 if handled (execution resumes), or
 * does not return. May change ctx->ip to resume elsewhere. */
int kernel_fault(struct host_ctx *ctx);

#endif
