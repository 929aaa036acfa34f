// SPDX-License-Identifier: GPL-2.0
/* A program for the debuggers: a named function that faults. */
#include <stdio.h>

int counter;

__attribute__((noinline)) void deep_function(int *p)
{
	counter++;
	*p = 42;		/* p is NULL */
}

int main(void)
{
	printf("crash: about to fault\n");
	fflush(stdout);
	deep_function(NULL);
	return 0;
}
