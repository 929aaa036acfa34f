// SPDX-License-Identifier: GPL-2.0
/*
 * Helper threads: blocking host I/O runs here, never on the kernel thread.
 * They block every signal, so interrupts always reach the kernel thread.
 */
#include <errno.h>
#include <pthread.h>
#include <signal.h>
#include <stdlib.h>

#include "host-priv.h"

struct start {
	void (*fn)(void *);
	void *arg;
};

static void *thread_main(void *p)
{
	struct start s = *(struct start *)p;

	free(p);
	s.fn(s.arg);
	return NULL;
}

int host_thread_start(void (*fn)(void *), void *arg)
{
	pthread_attr_t attr;
	struct start *s;
	sigset_t old;
	pthread_t t;
	int err;

	/* Signals off on this thread meanwhile: malloc is not re-entrant, and
	 * the new thread inherits the full mask. */
	host_block_all_signals(&old);
	s = malloc(sizeof(*s));
	if (!s) {
		pthread_sigmask(SIG_SETMASK, &old, NULL);
		return -ENOMEM;
	}
	s->fn = fn;
	s->arg = arg;
	pthread_attr_init(&attr);
	pthread_attr_setdetachstate(&attr, PTHREAD_CREATE_DETACHED);
	pthread_attr_setstacksize(&attr, 256 * 1024);
	err = pthread_create(&t, &attr, thread_main, s);
	pthread_attr_destroy(&attr);
	if (err)
		free(s);
	pthread_sigmask(SIG_SETMASK, &old, NULL);
	return -err;
}
