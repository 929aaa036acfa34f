// SPDX-License-Identifier: GPL-2.0
/*
 * Threads of one process share a host process: the kernel switches
 * between them by loading each one's registers. Under preemption (timer
 * ticks, wakeups of new threads) every thread must go on with its own
 * registers and stack, never another's.
 *
 * Each round creates threads that spin in user mode for a while with
 * marker values in callee-saved registers and check them and their stack
 * pointer on every turn, while the creator blocks in pthread_join (a
 * futex wait) and then checks what each thread returned.
 */
#define _GNU_SOURCE
#include <pthread.h>
#include <stdint.h>
#include <time.h>
#include <unistd.h>

#include "tap.h"

#define ROUNDS 300
#define THREADS 3

struct worker {
	unsigned long marker;
	uintptr_t stack_lo, stack_hi;	/* around the thread's first frame */
	long bad_regs, bad_stack, turns;
};

/* The thread's stack, as seen from a variable in its first frame. */
static void mark_stack(struct worker *w, const char *here)
{
	w->stack_lo = (uintptr_t)here - 65536;
	w->stack_hi = (uintptr_t)here + 4096;
}

/* Spin about usec microseconds, checking r12-r15 and rsp each turn. */
static void spin_checked(struct worker *w, long usec)
{
	struct timespec t0, t;
	unsigned long m = w->marker;

	clock_gettime(CLOCK_MONOTONIC, &t0);
	do {
		unsigned long r12, r13, r14, r15, sp;

		__asm__ volatile("mov %5, %%r12\n\t"
				 "lea 1(%5), %%r13\n\t"
				 "lea 2(%5), %%r14\n\t"
				 "lea 3(%5), %%r15\n\t"
				 "mov $20000, %%ecx\n"
				 "1:\tdec %%ecx\n\t"
				 "jnz 1b\n\t"
				 "mov %%r12, %0\n\t"
				 "mov %%r13, %1\n\t"
				 "mov %%r14, %2\n\t"
				 "mov %%r15, %3\n\t"
				 "mov %%rsp, %4"
				 : "=&r"(r12), "=&r"(r13), "=&r"(r14), "=&r"(r15), "=&r"(sp)
				 : "r"(m)
				 : "rcx", "r12", "r13", "r14", "r15", "cc");
		if (r12 != m || r13 != m + 1 || r14 != m + 2 || r15 != m + 3)
			w->bad_regs++;
		if (sp < w->stack_lo || sp > w->stack_hi)
			w->bad_stack++;
		w->turns++;
		clock_gettime(CLOCK_MONOTONIC, &t);
	} while ((t.tv_sec - t0.tv_sec) * 1000000L + (t.tv_nsec - t0.tv_nsec) / 1000 < usec);
}

static void *spinner_fn(void *arg)
{
	struct worker *w = arg;
	char here;

	mark_stack(w, &here);
	spin_checked(w, 2000000);
	return w;
}

static void *worker_fn(void *arg)
{
	struct worker *w = arg;
	char here;

	mark_stack(w, &here);
	spin_checked(w, 3000);
	return w;
}

/* Sleep in short steps: each wakeup is an interrupt that asks for a switch. */
static void *sleeper_fn(void *arg)
{
	struct worker *w = arg;
	struct timespec ts = { 0, 10000 }, t0, t;
	char here;

	mark_stack(w, &here);
	clock_gettime(CLOCK_MONOTONIC, &t0);
	do {
		nanosleep(&ts, NULL);
		if ((uintptr_t)&here < w->stack_lo || (uintptr_t)&here > w->stack_hi)
			w->bad_stack++;
		w->turns++;
		clock_gettime(CLOCK_MONOTONIC, &t);
	} while (t.tv_sec - t0.tv_sec < 2);
	return w;
}

/* Sleepers and spinners side by side for two seconds. */
static void mixed(void)
{
	struct worker w[5] = { { 0 } };
	pthread_t th[5];
	long bad_regs = 0, bad_stack = 0, spins = 0, sleeps = 0;
	int i, bad = 0;

	for (i = 0; i < 5; i++) {
		w[i].marker = 0x3c3c000000000000UL | (i << 4);
		if (pthread_create(&th[i], NULL, i < 3 ? sleeper_fn : spinner_fn, &w[i]))
			bad++;
	}
	for (i = 0; i < 5; i++) {
		void *ret = NULL;

		if (pthread_join(th[i], &ret) || ret != &w[i])
			bad++;
		bad_regs += w[i].bad_regs;
		bad_stack += w[i].bad_stack;
		if (i < 3)
			sleeps += w[i].turns;
		else
			spins += w[i].turns;
	}
	CHECK(!bad && sleeps > 100 && spins > 100,
	      "three threads sleeping 10 us at a time beside two spinning (%ld sleeps, %ld spins)",
	      sleeps, spins);
	CHECK(bad_regs == 0 && bad_stack == 0,
	      "meanwhile no thread saw another's registers or stack (%ld, %ld bad)",
	      bad_regs, bad_stack);
}

int main(void)
{
	static struct worker w[ROUNDS][THREADS];
	long bad_regs = 0, bad_stack = 0, turns = 0, bad_join = 0, main_bad = 0;
	char here;
	uintptr_t main_sp = (uintptr_t)&here;
	int r, i;

	for (r = 0; r < ROUNDS; r++) {
		pthread_t th[THREADS];

		for (i = 0; i < THREADS; i++) {
			w[r][i].marker = 0x5a5a000000000000UL | ((unsigned long)r << 16) | (i << 4);
			if (pthread_create(&th[i], NULL, worker_fn, &w[r][i]))
				bad_join++;
		}
		for (i = 0; i < THREADS; i++) {
			void *ret = NULL;

			if (pthread_join(th[i], &ret) || ret != &w[r][i])
				bad_join++;
			if ((uintptr_t)&here != main_sp)
				main_bad++;
			bad_regs += w[r][i].bad_regs;
			bad_stack += w[r][i].bad_stack;
			turns += w[r][i].turns;
		}
	}
	CHECK(bad_join == 0, "%d rounds of %d threads created and joined, each returning its own value (%ld bad)",
	      ROUNDS, THREADS, bad_join);
	CHECK(turns > ROUNDS * THREADS, "the threads spun in user mode (%ld turns)", turns);
	CHECK(bad_regs == 0, "no thread ever saw another's registers (%ld bad turns)", bad_regs);
	CHECK(bad_stack == 0, "no thread ever ran on another's stack (%ld bad turns)", bad_stack);
	CHECK(main_bad == 0, "the joining thread kept its own stack (%ld bad)", main_bad);
	mixed();
	return tap_done();
}
