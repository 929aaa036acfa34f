// SPDX-License-Identifier: GPL-2.0
/*
 * FPU and vector register state: x87, SSE, AVX and AVX-512 registers
 * (with MXCSR / the x87 control word) must survive syscalls, context
 * switches against other processes and threads using the same registers,
 * signal handlers that overwrite them (delivered at syscall exit and
 * asynchronously from a timer), and fork. A signal handler starts with a
 * clean FPU state and the signal frame holds the interrupted registers;
 * execve starts the new program with a clean state. MXCSR is per thread.
 *
 * Registers are loaded, the syscalls done and the registers stored back
 * inside one asm block, so the compiler cannot touch them in between.
 * A watchdog (alarm) turns a hang into "not ok".
 */
#define _GNU_SOURCE
#include <cpuid.h>
#include <pthread.h>
#include <sched.h>
#include <signal.h>
#include <stdint.h>
#include <sys/syscall.h>
#include <sys/time.h>
#include <sys/types.h>
#include <sys/wait.h>
#include <time.h>
#include <ucontext.h>
#include <unistd.h>
#include "tap.h"

#define NYIELD 300
#define NSIG_SYSCALL 5
#define NTICK 20

static int has_avx, has_avx512, has_avx512bw;
static unsigned int xoff[8]; /* XSAVE (standard format) offsets of components */

/* ------------------------------------------------------------------ */
/* watchdog */

static void wd_handler(int sig)
{
	char buf[96];
	const char *msg = " - watchdog: test hung, aborting\n";
	int n = tap_n + 1, len = 7, i, nl = 0;
	char num[16];

	(void)sig;
	memcpy(buf, "not ok ", 7);
	do {
		num[nl++] = (char)('0' + n % 10);
		n /= 10;
	} while (n);
	while (nl)
		buf[len++] = num[--nl];
	for (i = 0; msg[i]; i++)
		buf[len++] = msg[i];
	if (write(1, buf, len) < 0)
		_exit(1);
	_exit(1);
}

/* ------------------------------------------------------------------ */
/* register states */

enum { C_X87, C_SSE, C_AVX, C_AVX512, NCLASS };
static const char *const cname[NCLASS] = { "x87", "SSE", "AVX", "AVX-512" };

struct x87s {			/* offsets used by the asm below */
	unsigned char st[8][16];	/* 0: 80-bit values, 16-byte slots */
	uint16_t fcw;			/* 128 */
};

struct sses {
	unsigned char x[16][16];	/* 0 */
	uint32_t mxcsr;			/* 256 */
};

struct avxs {
	unsigned char y[16][32];	/* 0 */
	uint32_t mxcsr;			/* 512 */
};

struct z512s {
	unsigned char z[32][64];	/* 0 */
	uint64_t k[8];			/* 2048 */
	uint32_t mxcsr;			/* 2112 */
};

union state {
	struct x87s x;
	struct sses s;
	struct avxs a;
	struct z512s z;
} __attribute__((aligned(64)));

/* what the asm does between loading and storing the registers */
struct act {
	long nr, a0, a1, a2;	/* 0, 8, 16, 24: syscall(nr, a0, a1, a2) ... */
	long count;		/* 32: ... this many times, or spin until *spin >= count */
	volatile unsigned int *spin; /* 40 */
	long ret;		/* 48: last syscall result */
};

#define ACTION_ASM                                    \
	"mov 32(%[act]), %%r12\n\t"                   \
	"cmpq $0, 40(%[act])\n\t"                     \
	"jne 3f\n\t"                                  \
	"1: mov 0(%[act]), %%rax\n\t"                 \
	"mov 8(%[act]), %%rdi\n\t"                    \
	"mov 16(%[act]), %%rsi\n\t"                   \
	"mov 24(%[act]), %%rdx\n\t"                   \
	"syscall\n\t"                                 \
	"dec %%r12\n\t"                               \
	"jnz 1b\n\t"                                  \
	"mov %%rax, 48(%[act])\n\t"                   \
	"jmp 4f\n\t"                                  \
	"3: mov 40(%[act]), %%rax\n\t"                \
	"2: cmp (%%rax), %%r12d\n\t"                  \
	"ja 2b\n\t"                                   \
	"4:\n\t"

#define ACT_CLOBBERS "rax", "rdi", "rsi", "rdx", "rcx", "r11", "r12", "memory", "cc"

#define REP8(M) M(0) M(1) M(2) M(3) M(4) M(5) M(6) M(7)
#define REP16(M) REP8(M) M(8) M(9) M(10) M(11) M(12) M(13) M(14) M(15)
#define REP32(M) REP16(M) M(16) M(17) M(18) M(19) M(20) M(21) M(22) M(23) \
	M(24) M(25) M(26) M(27) M(28) M(29) M(30) M(31)

static const uint32_t mx_default = 0x1f80;
static const uint16_t fcw_default = 0x037f;

#define X87_LD(n) "fldt " #n "*16(%[in])\n\t"
#define X87_ST(n) "fstpt 112-16*" #n "(%[out])\n\t"

static void __attribute__((noinline)) run_x87(const union state *in, union state *out, struct act *a)
{
	__asm__ volatile(REP8(X87_LD)
			 "fldcw 128(%[in])\n\t"
			 ACTION_ASM
			 "fnstcw 128(%[out])\n\t"
			 REP8(X87_ST)
			 "fldcw %[def]\n\t"
			 :
			 : [in] "r"(in), [out] "r"(out), [act] "r"(a), [def] "m"(fcw_default)
			 : ACT_CLOBBERS, "st", "st(1)", "st(2)", "st(3)", "st(4)", "st(5)", "st(6)", "st(7)");
}

#define SSE_LD(n) "movdqu " #n "*16(%[in]), %%xmm" #n "\n\t"
#define SSE_ST(n) "movdqu %%xmm" #n ", " #n "*16(%[out])\n\t"
#define XCLOB "xmm0", "xmm1", "xmm2", "xmm3", "xmm4", "xmm5", "xmm6", "xmm7", \
	"xmm8", "xmm9", "xmm10", "xmm11", "xmm12", "xmm13", "xmm14", "xmm15"
#define XCLOB_HI "xmm16", "xmm17", "xmm18", "xmm19", "xmm20", "xmm21", "xmm22", "xmm23", \
	"xmm24", "xmm25", "xmm26", "xmm27", "xmm28", "xmm29", "xmm30", "xmm31"
#define KCLOB "k0", "k1", "k2", "k3", "k4", "k5", "k6", "k7"

static void __attribute__((noinline)) run_sse(const union state *in, union state *out, struct act *a)
{
	__asm__ volatile(REP16(SSE_LD)
			 "ldmxcsr 256(%[in])\n\t"
			 ACTION_ASM
			 "stmxcsr 256(%[out])\n\t"
			 REP16(SSE_ST)
			 "ldmxcsr %[def]\n\t"
			 :
			 : [in] "r"(in), [out] "r"(out), [act] "r"(a), [def] "m"(mx_default)
			 : ACT_CLOBBERS, XCLOB);
}

#define AVX_LD(n) "vmovdqu " #n "*32(%[in]), %%ymm" #n "\n\t"
#define AVX_ST(n) "vmovdqu %%ymm" #n ", " #n "*32(%[out])\n\t"

static void __attribute__((noinline, target("avx"))) run_avx(const union state *in, union state *out,
							       struct act *a)
{
	__asm__ volatile(REP16(AVX_LD)
			 "ldmxcsr 512(%[in])\n\t"
			 ACTION_ASM
			 "stmxcsr 512(%[out])\n\t"
			 REP16(AVX_ST)
			 "vzeroupper\n\t"
			 "ldmxcsr %[def]\n\t"
			 :
			 : [in] "r"(in), [out] "r"(out), [act] "r"(a), [def] "m"(mx_default)
			 : ACT_CLOBBERS, XCLOB);
}

#define Z_LD(n) "vmovdqu64 " #n "*64(%[in]), %%zmm" #n "\n\t"
#define Z_ST(n) "vmovdqu64 %%zmm" #n ", " #n "*64(%[out])\n\t"
#define KW_LD(n) "kmovw 2048+8*" #n "(%[in]), %%k" #n "\n\t"
#define KW_ST(n) "kmovw %%k" #n ", 2048+8*" #n "(%[out])\n\t"
#define KQ_LD(n) "kmovq 2048+8*" #n "(%[in]), %%k" #n "\n\t"
#define KQ_ST(n) "kmovq %%k" #n ", 2048+8*" #n "(%[out])\n\t"

#define DEF_RUN_Z(name, tgt, KLD, KST)                                                        \
	static void __attribute__((noinline, target(tgt))) name(const union state *in,       \
								  union state *out, struct act *a) \
	{                                                                                     \
		__asm__ volatile(REP32(Z_LD) REP8(KLD)                                        \
				 "ldmxcsr 2112(%[in])\n\t"                                    \
				 ACTION_ASM                                                   \
				 "stmxcsr 2112(%[out])\n\t"                                   \
				 REP32(Z_ST) REP8(KST)                                        \
				 "vzeroupper\n\t"                                             \
				 "ldmxcsr %[def]\n\t"                                         \
				 :                                                            \
				 : [in] "r"(in), [out] "r"(out), [act] "r"(a), [def] "m"(mx_default) \
				 : ACT_CLOBBERS, XCLOB, XCLOB_HI, KCLOB);                     \
	}

DEF_RUN_Z(run_z_w, "avx512f", KW_LD, KW_ST)
DEF_RUN_Z(run_z_q, "avx512f,avx512bw", KQ_LD, KQ_ST)

static void run_cls(int cls, const union state *in, union state *out, struct act *a)
{
	switch (cls) {
	case C_X87:
		run_x87(in, out, a);
		break;
	case C_SSE:
		run_sse(in, out, a);
		break;
	case C_AVX:
		run_avx(in, out, a);
		break;
	default:
		if (has_avx512bw)
			run_z_q(in, out, a);
		else
			run_z_w(in, out, a);
		break;
	}
}

static int cls_supported(int cls)
{
	return cls == C_AVX ? has_avx : cls == C_AVX512 ? has_avx512 : 1;
}

static uint64_t rnd_state;

static uint64_t rnd(void)
{
	rnd_state ^= rnd_state << 13;
	rnd_state ^= rnd_state >> 7;
	rnd_state ^= rnd_state << 17;
	return rnd_state;
}

static void fill_bytes(unsigned char *p, size_t n)
{
	size_t i;

	for (i = 0; i < n; i += 8) {
		uint64_t v = rnd();

		memcpy(p + i, &v, n - i < 8 ? n - i : 8);
	}
}

static const uint32_t mx_vals[4] = { 0x3f80, 0x5f80, 0x7f80, 0x9fc0 }; /* RD, RU, RZ, FTZ|DAZ */
static const uint16_t fcw_vals[4] = { 0x0f7f, 0x077f, 0x027f, 0x0b7f };

static void fill(int cls, union state *st, unsigned int seed)
{
	int i;

	memset(st, 0, sizeof(*st));
	rnd_state = 0x9e3779b97f4a7c15ULL * (seed + 1);
	switch (cls) {
	case C_X87:
		for (i = 0; i < 8; i++) {
			uint64_t m = rnd() | (1ULL << 63); /* normal: explicit integer bit */
			uint16_t e = (uint16_t)(0x3f00 + (rnd() & 0x1ff)) | (uint16_t)((i & 1) << 15);

			memcpy(st->x.st[i], &m, 8);
			memcpy(st->x.st[i] + 8, &e, 2);
		}
		st->x.fcw = fcw_vals[seed % 4];
		break;
	case C_SSE:
		fill_bytes(&st->s.x[0][0], sizeof(st->s.x));
		st->s.mxcsr = mx_vals[seed % 4];
		break;
	case C_AVX:
		fill_bytes(&st->a.y[0][0], sizeof(st->a.y));
		st->a.mxcsr = mx_vals[seed % 4];
		break;
	default:
		fill_bytes(&st->z.z[0][0], sizeof(st->z.z));
		fill_bytes((unsigned char *)st->z.k, sizeof(st->z.k));
		st->z.mxcsr = mx_vals[seed % 4];
		break;
	}
}

/* returns 1 if `out' matches `in'; else describes the first difference */
static int same(int cls, const union state *in, const union state *out, char *why, size_t wn)
{
	int i;
	uint64_t kmask = has_avx512bw ? ~0ULL : 0xffffULL;

	switch (cls) {
	case C_X87:
		for (i = 0; i < 8; i++)
			if (memcmp(in->x.st[i], out->x.st[i], 10)) {
				snprintf(why, wn, "st(%d) differs", 7 - i);
				return 0;
			}
		if (in->x.fcw != out->x.fcw) {
			snprintf(why, wn, "FCW %#x, expected %#x", out->x.fcw, in->x.fcw);
			return 0;
		}
		break;
	case C_SSE:
		for (i = 0; i < 16; i++)
			if (memcmp(in->s.x[i], out->s.x[i], 16)) {
				snprintf(why, wn, "xmm%d differs", i);
				return 0;
			}
		if (in->s.mxcsr != out->s.mxcsr) {
			snprintf(why, wn, "MXCSR %#x, expected %#x", out->s.mxcsr, in->s.mxcsr);
			return 0;
		}
		break;
	case C_AVX:
		for (i = 0; i < 16; i++)
			if (memcmp(in->a.y[i], out->a.y[i], 32)) {
				snprintf(why, wn, "ymm%d differs%s", i,
					 memcmp(in->a.y[i], out->a.y[i], 16) ? "" : " (upper half)");
				return 0;
			}
		if (in->a.mxcsr != out->a.mxcsr) {
			snprintf(why, wn, "MXCSR %#x, expected %#x", out->a.mxcsr, in->a.mxcsr);
			return 0;
		}
		break;
	default:
		for (i = 0; i < 32; i++)
			if (memcmp(in->z.z[i], out->z.z[i], 64)) {
				snprintf(why, wn, "zmm%d differs", i);
				return 0;
			}
		for (i = 0; i < 8; i++)
			if ((in->z.k[i] ^ out->z.k[i]) & kmask) {
				snprintf(why, wn, "k%d differs", i);
				return 0;
			}
		if (in->z.mxcsr != out->z.mxcsr) {
			snprintf(why, wn, "MXCSR %#x, expected %#x", out->z.mxcsr, in->z.mxcsr);
			return 0;
		}
		break;
	}
	snprintf(why, wn, "all equal");
	return 1;
}

static void skip_note(int cls)
{
	printf("# skipped: %s checks, the CPU does not support %s\n", cname[cls], cname[cls]);
	fflush(stdout);
}

/* ------------------------------------------------------------------ */
/* signal handler: checks the entry state and the frame, then clobbers */

static unsigned char h_fx[512] __attribute__((aligned(64)));
static unsigned char h_vec[2048 + 64] __attribute__((aligned(64))); /* zmm0-31, then k0-7 */

static volatile struct {
	unsigned int calls;
	int bad_mxcsr, bad_fcw, bad_tag, bad_vec;
	unsigned int seen_mxcsr, seen_fcw;
	int frame_checked, frame_bad;
	char frame_why[64];
} H;

static volatile unsigned int g_ticks;
/* set around the asm; volatile, the compiler does not know the handler reads them */
static volatile int g_expect_cls = -1;
static const union state *volatile g_expect;

static unsigned char garbage[2112 + 64] __attribute__((aligned(64)));
static const uint32_t h_mx = 0x3f80;
static const uint16_t h_fcw = 0x0c7f;

static void __attribute__((noinline)) clobber_x87_sse(void)
{
	__asm__ volatile("fninit\n\t"
			 REP8(X87_LD)
			 "fstp %%st(0)\n\tfstp %%st(0)\n\tfstp %%st(0)\n\tfstp %%st(0)\n\t"
			 "fstp %%st(0)\n\tfstp %%st(0)\n\tfstp %%st(0)\n\tfstp %%st(0)\n\t"
			 "fldcw %[fcw]\n\t"
			 REP16(SSE_LD)
			 "ldmxcsr %[mx]\n\t"
			 :
			 : [in] "r"(garbage), [fcw] "m"(h_fcw), [mx] "m"(h_mx)
			 : "memory", XCLOB, "st", "st(1)", "st(2)", "st(3)", "st(4)", "st(5)", "st(6)", "st(7)");
}

static void __attribute__((noinline, target("avx"))) clobber_avx(void)
{
	__asm__ volatile(REP16(AVX_LD) : : [in] "r"(garbage) : "memory", XCLOB);
}

static void __attribute__((noinline, target("avx512f"))) clobber_avx512(void)
{
	__asm__ volatile(REP32(Z_LD) REP8(KW_LD) : : [in] "r"(garbage) : "memory", XCLOB, XCLOB_HI, KCLOB);
}

static int all_zero(const void *p, size_t n)
{
	const unsigned char *c = p;

	while (n--)
		if (*c++)
			return 0;
	return 1;
}

static void frame_fail(const char *what, int reg)
{
	if (!H.frame_bad)
		snprintf((char *)H.frame_why, sizeof(H.frame_why), "%s %d", what, reg);
	H.frame_bad = 1;
}

/* compare the interrupted registers saved in the signal frame with *g_expect */
static void check_frame(const unsigned char *fr)
{
	const union state *e = g_expect;
	uint64_t bv;
	int i;

	if (!fr) {
		frame_fail("no fpregs", 0);
		return;
	}
	H.frame_checked++;
	memcpy(&bv, fr + 512, 8); /* XSTATE_BV in the XSAVE header */
	switch (g_expect_cls) {
	case C_X87:
		for (i = 0; i < 8; i++)
			if (memcmp(fr + 32 + 16 * i, e->x.st[7 - i], 10))
				frame_fail("st", i);
		if (memcmp(fr, &e->x.fcw, 2))
			frame_fail("fcw", 0);
		break;
	case C_SSE:
		for (i = 0; i < 16; i++)
			if (memcmp(fr + 160 + 16 * i, e->s.x[i], 16))
				frame_fail("xmm", i);
		if (memcmp(fr + 24, &e->s.mxcsr, 4))
			frame_fail("mxcsr", 0);
		break;
	case C_AVX:
		if (!(bv & 4))
			frame_fail("XSTATE_BV lacks YMM, bv", (int)bv);
		for (i = 0; i < 16; i++) {
			if (memcmp(fr + 160 + 16 * i, e->a.y[i], 16))
				frame_fail("xmm", i);
			if ((bv & 4) && memcmp(fr + xoff[2] + 16 * i, e->a.y[i] + 16, 16))
				frame_fail("ymm upper", i);
		}
		break;
	default:
		if ((bv & 0xe4) != 0xe4)
			frame_fail("XSTATE_BV lacks AVX-512 components, bv", (int)bv);
		for (i = 0; i < 16; i++) {
			if (memcmp(fr + 160 + 16 * i, e->z.z[i], 16))
				frame_fail("xmm", i);
			if ((bv & 4) && memcmp(fr + xoff[2] + 16 * i, e->z.z[i] + 16, 16))
				frame_fail("ymm upper", i);
			if ((bv & 0x40) && memcmp(fr + xoff[6] + 32 * i, e->z.z[i] + 32, 32))
				frame_fail("zmm upper", i);
		}
		for (i = 16; i < 32; i++)
			if ((bv & 0x80) && memcmp(fr + xoff[7] + 64 * (i - 16), e->z.z[i], 64))
				frame_fail("zmm", i);
		for (i = 0; i < 8; i++)
			if ((bv & 0x20) && memcmp(fr + xoff[5] + 8 * i, &e->z.k[i], has_avx512bw ? 8 : 2))
				frame_fail("k", i);
		break;
	}
}

static void sig_h(int sig, siginfo_t *si, void *ucv)
{
	ucontext_t *uc = ucv;
	uint16_t fcw, fsw;
	uint32_t mx;

	/* snapshot the state the handler was entered with, before anything else */
	__asm__ volatile("fxsave %0" : "=m"(h_fx));
	if (has_avx512)
		__asm__ volatile(REP32(Z_ST) REP8(KW_ST) : : [out] "r"(h_vec) : "memory");
	else if (has_avx)
		__asm__ volatile(REP16(AVX_ST) : : [out] "r"(h_vec) : "memory");

	(void)sig;
	(void)si;
	memcpy(&fcw, h_fx, 2);
	memcpy(&fsw, h_fx + 2, 2);
	memcpy(&mx, h_fx + 24, 4);
	if (mx != 0x1f80) {
		H.bad_mxcsr++;
		H.seen_mxcsr = mx;
	}
	if (fcw != 0x037f) {
		H.bad_fcw++;
		H.seen_fcw = fcw;
	}
	if (h_fx[4] != 0 || (fsw & 0x3800))
		H.bad_tag++;
	if (!all_zero(h_fx + 160, 256) || (has_avx && !all_zero(h_vec, has_avx512 ? sizeof(h_vec) : 16 * 32)))
		H.bad_vec++;
	if (g_expect)
		check_frame((const unsigned char *)uc->uc_mcontext.fpregs);

	clobber_x87_sse();
	if (has_avx512)
		clobber_avx512();
	else if (has_avx)
		clobber_avx();
	H.calls++;
	g_ticks++;
}

static void set_action(int sig, void (*fn)(int, siginfo_t *, void *))
{
	struct sigaction sa;

	memset(&sa, 0, sizeof(sa));
	sa.sa_sigaction = fn;
	sa.sa_flags = SA_SIGINFO | SA_RESTART;
	sigemptyset(&sa.sa_mask);
	sigaction(sig, &sa, NULL);
}

static union state g_in, g_out;

static void test_syscall_and_signal(void)
{
	char why[96];
	int cls;
	struct act a;

	for (cls = 0; cls < NCLASS; cls++) {
		if (!cls_supported(cls)) {
			skip_note(cls);
			continue;
		}
		/* plain syscalls */
		fill(cls, &g_in, 100 + cls);
		memset(&g_out, 0, sizeof(g_out));
		memset(&a, 0, sizeof(a));
		a.nr = SYS_getppid;
		a.count = 50;
		run_cls(cls, &g_in, &g_out, &a);
		CHECK(same(cls, &g_in, &g_out, why, sizeof(why)), "%s registers survive 50 syscalls (%s)", cname[cls],
		      why);

		/* signal delivered at syscall exit; the handler overwrites everything */
		fill(cls, &g_in, 200 + cls);
		memset(&g_out, 0, sizeof(g_out));
		memset((void *)&H, 0, sizeof(H));
		set_action(SIGUSR1, sig_h);
		g_expect_cls = cls;
		g_expect = &g_in;
		memset(&a, 0, sizeof(a));
		a.nr = SYS_tgkill;
		a.a0 = getpid();
		a.a1 = gettid();
		a.a2 = SIGUSR1;
		a.count = NSIG_SYSCALL;
		run_cls(cls, &g_in, &g_out, &a);
		g_expect = NULL;
		CHECK(H.calls == NSIG_SYSCALL && same(cls, &g_in, &g_out, why, sizeof(why)),
		      "%s registers are back after %d handlers that overwrote them (calls %u; %s)", cname[cls],
		      NSIG_SYSCALL, H.calls, why);
		CHECK(H.frame_checked == NSIG_SYSCALL && !H.frame_bad,
		      "%s: the signal frame (uc_mcontext.fpregs) holds the interrupted registers (%d checked; %s)",
		      cname[cls], H.frame_checked, H.frame_bad ? H.frame_why : "ok");
		CHECK(H.calls && !H.bad_mxcsr && !H.bad_fcw,
		      "%s test: handlers start with MXCSR 0x1f80 and FCW 0x37f although the interrupted code changed them (bad mxcsr %d [%#x], fcw %d [%#x])",
		      cname[cls], H.bad_mxcsr, H.seen_mxcsr, H.bad_fcw, H.seen_fcw);
		CHECK(H.calls && !H.bad_tag && !H.bad_vec,
		      "%s test: handlers start with an empty x87 stack and all vector registers zero (bad tag %d, vec %d)",
		      cname[cls], H.bad_tag, H.bad_vec);
	}
}

/* asynchronous signals (timer) while spinning in user mode */
static void test_async_signal(void)
{
	char why[96];
	int cls;
	struct act a;
	struct sigevent sev;
	struct itimerspec its;
	timer_t tm;

	for (cls = 0; cls < NCLASS; cls++) {
		if (!cls_supported(cls))
			continue;
		fill(cls, &g_in, 300 + cls);
		memset(&g_out, 0, sizeof(g_out));
		memset((void *)&H, 0, sizeof(H));
		set_action(SIGUSR2, sig_h);
		g_ticks = 0;
		memset(&a, 0, sizeof(a));
		a.count = NTICK;
		a.spin = &g_ticks;
		memset(&sev, 0, sizeof(sev));
		sev.sigev_notify = SIGEV_SIGNAL;
		sev.sigev_signo = SIGUSR2;
		if (timer_create(CLOCK_MONOTONIC, &sev, &tm) != 0) {
			CHECK(0, "timer_create: %s", strerror(errno));
			return;
		}
		memset(&its, 0, sizeof(its));
		its.it_value.tv_nsec = 500000;
		its.it_interval.tv_nsec = 500000;
		timer_settime(tm, 0, &its, NULL);
		run_cls(cls, &g_in, &g_out, &a);
		timer_delete(tm);
		signal(SIGUSR2, SIG_IGN);
		CHECK(H.calls >= NTICK && same(cls, &g_in, &g_out, why, sizeof(why)),
		      "%s registers survive %d timer signals hitting a user-mode loop (%s)", cname[cls], NTICK, why);
		CHECK(!H.bad_mxcsr && !H.bad_fcw && !H.bad_tag && !H.bad_vec,
		      "%s test: asynchronously entered handlers start with a clean FPU state (%d %d %d %d)", cname[cls],
		      H.bad_mxcsr, H.bad_fcw, H.bad_tag, H.bad_vec);
	}
}

/* a handler changing fpregs in the frame changes the registers after return */
static void mod_h(int sig, siginfo_t *si, void *ucv)
{
	ucontext_t *uc = ucv;

	(void)sig;
	(void)si;
	if (uc->uc_mcontext.fpregs) {
		uc->uc_mcontext.fpregs->_xmm[5].element[0] = 0x11111111;
		uc->uc_mcontext.fpregs->_xmm[5].element[3] = 0x44444444;
		uc->uc_mcontext.fpregs->mxcsr = 0x5f80;
	}
}

static void test_frame_modify(void)
{
	static const uint32_t xin[4] = { 0xaaaaaaaa, 0xbbbbbbbb, 0xcccccccc, 0xdddddddd };
	uint32_t xout[4] = { 0 }, mx_out = 0;
	long tid = gettid(), pid = getpid();

	set_action(SIGUSR1, mod_h);
	__asm__ volatile("movdqu %[x], %%xmm5\n\t"
			 "mov %[nr], %%eax\n\t"
			 "mov %[pid], %%rdi\n\t"
			 "mov %[tid], %%rsi\n\t"
			 "mov %[sig], %%edx\n\t"
			 "syscall\n\t"
			 "movdqu %%xmm5, %[xo]\n\t"
			 "stmxcsr %[mo]\n\t"
			 "ldmxcsr %[def]\n\t"
			 : [xo] "=m"(xout), [mo] "=m"(mx_out)
			 : [x] "m"(xin), [nr] "i"(SYS_tgkill), [pid] "m"(pid), [tid] "m"(tid), [sig] "i"(SIGUSR1),
			   [def] "m"(mx_default)
			 : "rax", "rdi", "rsi", "rdx", "rcx", "r11", "xmm5", "memory", "cc");
	CHECK(xout[0] == 0x11111111 && xout[1] == 0xbbbbbbbb && xout[2] == 0xcccccccc && xout[3] == 0x44444444,
	      "xmm5 changed through uc_mcontext.fpregs in the handler takes effect on return (%08x %08x %08x %08x)",
	      xout[0], xout[1], xout[2], xout[3]);
	CHECK(mx_out == 0x5f80, "MXCSR changed through fpregs in the handler takes effect on return (%#x)", mx_out);
	signal(SIGUSR1, SIG_DFL);
}

/* ------------------------------------------------------------------ */
/* context switches: main thread, a thread and a child process all use the registers */

static cpu_set_t saved_cpus;
static int pinned;

static void pin_one_cpu(void)
{
	cpu_set_t s;
	int i;

	if (sched_getaffinity(0, sizeof(saved_cpus), &saved_cpus) != 0)
		return;
	for (i = 0; i < CPU_SETSIZE; i++)
		if (CPU_ISSET(i, &saved_cpus)) {
			CPU_ZERO(&s);
			CPU_SET(i, &s);
			pinned = sched_setaffinity(0, sizeof(s), &s) == 0;
			return;
		}
}

static void unpin(void)
{
	if (pinned)
		sched_setaffinity(0, sizeof(saved_cpus), &saved_cpus);
	pinned = 0;
}

struct worker {
	int cls;
	unsigned int seed;
	int ok;
	char why[96];
};

static void work(struct worker *w)
{
	union state *in = aligned_alloc(64, sizeof(union state));
	union state *out = aligned_alloc(64, sizeof(union state));
	struct act a;

	fill(w->cls, in, w->seed);
	memset(out, 0, sizeof(*out));
	memset(&a, 0, sizeof(a));
	a.nr = SYS_sched_yield;
	a.count = NYIELD;
	run_cls(w->cls, in, out, &a);
	w->ok = same(w->cls, in, out, w->why, sizeof(w->why));
	free(in);
	free(out);
}

static void *thread_fn(void *arg)
{
	work(arg);
	return NULL;
}

static void test_switch(void)
{
	int cls, st;
	pthread_t th;
	pid_t pid;
	struct worker wm, wt, wc;

	pin_one_cpu();
	for (cls = 0; cls < NCLASS; cls++) {
		if (!cls_supported(cls))
			continue;
		fflush(stdout);
		pid = fork();
		if (pid == 0) {
			alarm(3);
			wc.cls = cls;
			wc.seed = 400 + 3 * cls;
			work(&wc);
			_exit(wc.ok ? 0 : 1);
		}
		wt.cls = cls;
		wt.seed = 401 + 3 * cls;
		pthread_create(&th, NULL, thread_fn, &wt);
		wm.cls = cls;
		wm.seed = 402 + 3 * cls;
		work(&wm);
		pthread_join(th, NULL);
		st = -1;
		waitpid(pid, &st, 0);
		CHECK(wm.ok, "%s: main thread keeps its registers across %d sched_yield() while a thread and a process use other values (%s)",
		      cname[cls], NYIELD, wm.why);
		CHECK(wt.ok, "%s: the other thread keeps its registers (%s)", cname[cls], wt.why);
		CHECK(WIFEXITED(st) && WEXITSTATUS(st) == 0, "%s: the child process keeps its registers (status %#x)",
		      cname[cls], st);
	}
	unpin();
}

/* MXCSR (rounding mode) is per thread */
struct mxw {
	uint32_t initial, mx;
	int bad_mx, bad_round, n;
	double expect;
};

static volatile double one = 1.0, three = 3.0;

static void mx_loop(struct mxw *w)
{
	int i;
	uint32_t cur;
	volatile double q;

	for (i = 0; i < 200; i++) {
		__asm__ volatile("stmxcsr %0" : "=m"(cur));
		if ((cur & ~0x3fU) != w->mx) /* ignore the sticky exception flags */
			w->bad_mx++;
		q = one / three;
		if (q != w->expect)
			w->bad_round++;
		sched_yield();
		w->n++;
	}
}

static void *mx_thread(void *arg)
{
	struct mxw *w = arg;

	__asm__ volatile("stmxcsr %0" : "=m"(w->initial));
	__asm__ volatile("ldmxcsr %0" : : "m"(w->mx));
	mx_loop(w);
	__asm__ volatile("ldmxcsr %0" : : "m"(mx_default));
	return NULL;
}

static void test_mxcsr_threads(void)
{
	struct mxw wm, wt;
	pthread_t th;
	uint64_t lo = 0x3fd5555555555555ULL, hi = 0x3fd5555555555556ULL; /* 1/3 rounded down / up */
	uint32_t after;

	memset(&wm, 0, sizeof(wm));
	memset(&wt, 0, sizeof(wt));
	wm.mx = 0x7f80; /* round toward zero */
	memcpy(&wm.expect, &lo, 8);
	wt.mx = 0x5f80; /* round up */
	memcpy(&wt.expect, &hi, 8);
	pin_one_cpu();
	__asm__ volatile("ldmxcsr %0" : : "m"(wm.mx));
	pthread_create(&th, NULL, mx_thread, &wt);
	mx_loop(&wm);
	pthread_join(th, NULL);
	__asm__ volatile("stmxcsr %0\n\tldmxcsr %1" : "=m"(after) : "m"(mx_default));
	unpin();
	CHECK(wt.initial == 0x7f80, "a new thread starts with its creator's MXCSR (%#x)", wt.initial);
	CHECK(wt.n == 200 && !wt.bad_mx && !wt.bad_round,
	      "thread with MXCSR round-up keeps it across 200 switches and 1/3 rounds up (bad mxcsr %d, rounding %d)",
	      wt.bad_mx, wt.bad_round);
	CHECK(wm.n == 200 && !wm.bad_mx && !wm.bad_round && (after & ~0x3fU) == 0x7f80,
	      "main thread keeps MXCSR round-toward-zero, unaffected by the other thread (bad mxcsr %d, rounding %d, end %#x)",
	      wm.bad_mx, wm.bad_round, after);
}

/* fork: the child starts with the parent's registers */
static void test_fork(void)
{
	char why[96];
	int cls, st, child_ok;
	struct act a;

	for (cls = 0; cls < NCLASS; cls++) {
		if (!cls_supported(cls))
			continue;
		fill(cls, &g_in, 500 + cls);
		memset(&g_out, 0, sizeof(g_out));
		memset(&a, 0, sizeof(a));
		a.nr = SYS_fork;
		a.count = 1;
		fflush(stdout);
		run_cls(cls, &g_in, &g_out, &a);
		if (a.ret == 0)
			_exit(same(cls, &g_in, &g_out, why, sizeof(why)) ? 0 : 1);
		if (a.ret < 0) {
			CHECK(0, "%s: fork failed (%ld)", cname[cls], a.ret);
			continue;
		}
		st = -1;
		waitpid((pid_t)a.ret, &st, 0);
		child_ok = WIFEXITED(st) && WEXITSTATUS(st) == 0;
		CHECK(child_ok, "%s: the child of fork() starts with the parent's register values (status %#x)",
		      cname[cls], st);
		CHECK(same(cls, &g_in, &g_out, why, sizeof(why)), "%s: the parent keeps its registers across fork() (%s)",
		      cname[cls], why);
	}
}

/* ------------------------------------------------------------------ */
/* execve: the new program starts with a clean FPU state */

static unsigned char ex_xsave[16384] __attribute__((aligned(64)));
static uint64_t ex_marker;

#define EXB_MXCSR 1
#define EXB_FCW 2
#define EXB_X87 4
#define EXB_LEGACY 8
#define EXB_EXT 16

static int has_marker(const unsigned char *p, size_t n, uint64_t m)
{
	size_t i;

	for (i = 0; i + 8 <= n; i += 8)
		if (!memcmp(p + i, &m, 8))
			return 1;
	return 0;
}

static int exec_child_check(const char *marker_arg)
{
	uint16_t fcw, fsw;
	uint32_t mx;
	uint64_t bv;
	int r = 0, c;
	static const unsigned int sizes[8] = { 0, 0, 256, 0, 0, 64, 512, 1024 };

	ex_marker = strtoull(marker_arg, NULL, 16);
	memcpy(&fcw, ex_xsave, 2);
	memcpy(&fsw, ex_xsave + 2, 2);
	memcpy(&mx, ex_xsave + 24, 4);
	if (mx != 0x1f80)
		r |= EXB_MXCSR;
	if (fcw != 0x037f)
		r |= EXB_FCW;
	if (ex_xsave[4] != 0 || (fsw & 0x3800))
		r |= EXB_X87;
	if (has_marker(ex_xsave + 32, 384, ex_marker))
		r |= EXB_LEGACY;
	memcpy(&bv, ex_xsave + 512, 8);
	for (c = 2; c < 8; c++)
		if (sizes[c] && (bv & (1ULL << c)) && xoff[c] && has_marker(ex_xsave + xoff[c], sizes[c], ex_marker))
			r |= EXB_EXT;
	return r;
}

#define MK_LD16(n) "movdqu (%[m]), %%xmm" #n "\n\t"
#define MK_LDY(n) "vmovdqu (%[m]), %%ymm" #n "\n\t"
#define MK_LDZ(n) "vmovdqu64 (%[m]), %%zmm" #n "\n\t"
#define MK_LDK(n) "kmovw (%[m]), %%k" #n "\n\t"

static unsigned char mk_buf[64] __attribute__((aligned(64)));
static unsigned char mk_x87[16] __attribute__((aligned(16)));
static const uint32_t mk_mx = 0x7fc0;
static const uint16_t mk_fcw = 0x0c7f;

static void __attribute__((noinline, target("avx512f"))) dirty_avx512(void)
{
	__asm__ volatile(REP32(MK_LDZ) REP8(MK_LDK) : : [m] "r"(mk_buf) : XCLOB, XCLOB_HI, KCLOB);
}

static void __attribute__((noinline, target("avx"))) dirty_avx(void)
{
	__asm__ volatile(REP16(MK_LDY) : : [m] "r"(mk_buf) : XCLOB);
}

static void __attribute__((noinline)) exec_dirty(struct act *a)
{
	/* the x87 stack, control words and SSE registers, then execve in the same block */
	__asm__ volatile("fldt %[x]\n\tfldt %[x]\n\tfldt %[x]\n\t"
			 "fldcw %[fcw]\n\t"
			 "ldmxcsr %[mx]\n\t"
			 "movdqu %[mb], %%xmm15\n\t"
			 ACTION_ASM
			 "fninit\n\t"
			 "ldmxcsr %[def]\n\t"
			 :
			 : [act] "r"(a), [x] "m"(mk_x87), [fcw] "m"(mk_fcw), [mx] "m"(mk_mx), [mb] "m"(mk_buf),
			   [def] "m"(mx_default)
			 : ACT_CLOBBERS, "xmm15", "st", "st(1)", "st(2)");
}

static void test_exec(const char *self)
{
	pid_t pid;
	int st = -1, i, bits;
	char marg[32];
	char *argv[4];
	static char *envp[] = { NULL };
	uint64_t m;
	uint16_t e = 0x3fff;
	struct act a;

	m = 0xc3a5000000000000ULL ^ ((uint64_t)getpid() << 20) ^ 0x5a5a1ULL;
	for (i = 0; i < 8; i++)
		memcpy(mk_buf + 8 * i, &m, 8);
	memcpy(mk_x87, &m, 8);
	memcpy(mk_x87 + 8, &e, 2);
	snprintf(marg, sizeof(marg), "%llx", (unsigned long long)m);
	argv[0] = (char *)self;
	argv[1] = (char *)"exec-child";
	argv[2] = marg;
	argv[3] = NULL;

	fflush(stdout);
	pid = fork();
	if (pid == 0) {
		alarm(3);
		memset(&a, 0, sizeof(a));
		a.nr = SYS_execve;
		a.a0 = (long)self;
		a.a1 = (long)argv;
		a.a2 = (long)envp;
		a.count = 1;
		if (has_avx512)
			dirty_avx512();
		else if (has_avx)
			dirty_avx();
		exec_dirty(&a);
		_exit(100);
	}
	waitpid(pid, &st, 0);
	if (!WIFEXITED(st) || WEXITSTATUS(st) >= 32) {
		CHECK(0, "exec of %s in child mode failed (status %#x)", self, st);
		return;
	}
	bits = WEXITSTATUS(st);
	CHECK(!(bits & EXB_MXCSR), "execve: the new program starts with MXCSR 0x1f80 (the old one had 0x7fc0)");
	CHECK(!(bits & EXB_FCW), "execve: the new program starts with x87 control word 0x37f (the old one had 0xc7f)");
	CHECK(!(bits & EXB_X87), "execve: the new program starts with an empty x87 register stack (the old one had 3 values)");
	CHECK(!(bits & EXB_LEGACY), "execve: no x87/XMM register still holds the old program's values");
	if (has_avx)
		CHECK(!(bits & EXB_EXT), "execve: no YMM/ZMM/opmask register still holds the old program's values");
}

/* ------------------------------------------------------------------ */

static void snapshot_at_start(void)
{
	unsigned int a, b, c, d;

	if (__get_cpuid(1, &a, &b, &c, &d) && (c & (1U << 27))) { /* OSXSAVE */
		uint32_t lo, hi;

		__asm__ volatile("xgetbv" : "=a"(lo), "=d"(hi) : "c"(0));
		__asm__ volatile("xsave %0" : "=m"(ex_xsave) : "a"(lo), "d"(hi) : "memory");
	} else {
		__asm__ volatile("fxsave %0" : "=m"(*(unsigned char(*)[512])ex_xsave));
	}
}

int main(int argc, char **argv)
{
	unsigned int a, b, c, d, i;
	const char *self = "/proc/self/exe";

	/* first of all, before the C code uses any vector register */
	snapshot_at_start();

	for (i = 2; i < 8; i++)
		if (__get_cpuid_count(0xd, i, &a, &b, &c, &d) && a)
			xoff[i] = b;
	__builtin_cpu_init();
	has_avx = !!__builtin_cpu_supports("avx");
	has_avx512 = __builtin_cpu_supports("avx512f") && xoff[5] && xoff[6] && xoff[7];
	has_avx512bw = has_avx512 && __builtin_cpu_supports("avx512bw");
	if (has_avx && !xoff[2])
		has_avx = 0;

	if (argc > 2 && !strcmp(argv[1], "exec-child"))
		return exec_child_check(argv[2]);

	signal(SIGALRM, wd_handler);
	alarm(4);
	memset(garbage, 0xee, sizeof(garbage));
	for (i = 0; i < 8; i++) /* valid-looking long doubles for the x87 part */
		garbage[16 * i + 9] = 0x3f;
	if (access(self, X_OK) != 0)
		self = argv[0];

	printf("# CPU: avx %d, avx512f %d, avx512bw %d\n", has_avx, has_avx512, has_avx512bw);
	test_syscall_and_signal();
	test_async_signal();
	test_frame_modify();
	test_switch();
	test_mxcsr_threads();
	test_fork();
	test_exec(self);
	return tap_done();
}
