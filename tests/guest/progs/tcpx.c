// SPDX-License-Identifier: GPL-2.0
/*
 * tcpx: move a known byte stream over TCP and check it arrived whole, for
 * the network tests (runs in a guest and on the host alike).
 *
 *   tcpx recv PORT                 accept one connection, read to its end,
 *                                  answer "COUNT HASH", print
 *                                  "recv COUNT HASH"
 *   tcpx send ADDR PORT BYTES SEED send BYTES of the stream SEED makes,
 *                                  end it, read the answer, print
 *                                  "send COUNT HASH peer COUNT HASH" and
 *                                  exit 0 only if the two agree
 *
 * HASH is FNV-1a (64 bits) of the bytes. Exit 1 on any failure, with the
 * reason on stderr.
 */
#include <arpa/inet.h>
#include <errno.h>
#include <netinet/in.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <unistd.h>

static uint64_t fnv(uint64_t h, const unsigned char *p, size_t n)
{
	while (n--)
		h = (h ^ *p++) * 0x100000001b3ULL;
	return h;
}

static void die(const char *what)
{
	fprintf(stderr, "tcpx: %s: %s\n", what, strerror(errno));
	exit(1);
}

static int do_recv(int port)
{
	struct sockaddr_in a = { .sin_family = AF_INET, .sin_port = htons(port) };
	static unsigned char buf[65536];
	uint64_t h = 0xcbf29ce484222325ULL, count = 0;
	char answer[64];
	int s, c, one = 1;
	ssize_t n;

	s = socket(AF_INET, SOCK_STREAM, 0);
	if (s < 0)
		die("socket");
	setsockopt(s, SOL_SOCKET, SO_REUSEADDR, &one, sizeof(one));
	if (bind(s, (struct sockaddr *)&a, sizeof(a)) || listen(s, 1))
		die("bind");
	printf("listening\n");
	fflush(stdout);
	c = accept(s, NULL, NULL);
	if (c < 0)
		die("accept");
	while ((n = read(c, buf, sizeof(buf))) > 0) {
		h = fnv(h, buf, n);
		count += n;
	}
	if (n < 0)
		die("read");
	snprintf(answer, sizeof(answer), "%llu %016llx\n", (unsigned long long)count,
		 (unsigned long long)h);
	if (write(c, answer, strlen(answer)) < 0)
		die("write");
	close(c);
	printf("recv %s", answer);
	return 0;
}

static int do_send(const char *addr, int port, unsigned long long bytes, unsigned int seed)
{
	struct sockaddr_in a = { .sin_family = AF_INET, .sin_port = htons(port) };
	static unsigned char buf[65536];
	uint64_t h = 0xcbf29ce484222325ULL, x = seed * 2654435761ULL + 1, sent = 0;
	unsigned long long pc = 0, ph = 0;
	char answer[64] = "";
	int s, tries;
	ssize_t n;

	if (inet_pton(AF_INET, addr, &a.sin_addr) != 1) {
		fprintf(stderr, "tcpx: %s: not an address\n", addr);
		return 1;
	}
	/* The listener may not be there yet. */
	for (tries = 0; ; tries++) {
		s = socket(AF_INET, SOCK_STREAM, 0);
		if (!connect(s, (struct sockaddr *)&a, sizeof(a)))
			break;
		if (tries == 100)
			die("connect");
		close(s);
		usleep(100000);
	}
	while (sent < bytes) {
		size_t len = bytes - sent < sizeof(buf) ? bytes - sent : sizeof(buf), i, off;

		for (i = 0; i < len; i++) {
			x ^= x << 13;
			x ^= x >> 7;
			x ^= x << 17;
			buf[i] = x >> 24;
		}
		h = fnv(h, buf, len);
		for (off = 0; off < len; off += n) {
			n = write(s, buf + off, len - off);
			if (n <= 0)
				die("write");
		}
		sent += len;
	}
	if (shutdown(s, SHUT_WR))
		die("shutdown");
	n = read(s, answer, sizeof(answer) - 1);
	if (n < 0)
		die("read the answer");
	answer[n > 0 ? n : 0] = '\0';
	if (sscanf(answer, "%llu %llx", &pc, &ph) != 2) {
		fprintf(stderr, "tcpx: no answer from the receiver\n");
		return 1;
	}
	printf("send %llu %016llx peer %llu %016llx\n", (unsigned long long)sent,
	       (unsigned long long)h, pc, ph);
	return pc == sent && ph == h ? 0 : 1;
}

int main(int argc, char **argv)
{
	setvbuf(stdout, NULL, _IOLBF, 0);
	if (argc == 3 && !strcmp(argv[1], "recv"))
		return do_recv(atoi(argv[2]));
	if (argc == 6 && !strcmp(argv[1], "send"))
		return do_send(argv[2], atoi(argv[3]), strtoull(argv[4], NULL, 0),
			       strtoul(argv[5], NULL, 0));
	fprintf(stderr, "usage: tcpx recv PORT | tcpx send ADDR PORT BYTES SEED\n");
	return 2;
}
