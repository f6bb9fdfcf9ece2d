/* C peer for the message-queue compatibility tests, written for ipc-lab. It talks to an
 * existing POSIX queue with nothing but the C API, so what it sees is the kernel's queue:
 *
 *   mq_peer send NAME PRIO TEXT...   one message: the TEXT words joined by single spaces
 *   mq_peer receive NAME COUNT       COUNT messages, one line each: "priority P: TEXT"
 *
 * Both open the queue with O_NONBLOCK, so a full or empty queue is an error (EAGAIN), never a
 * hang. The receive buffer is sized from mq_getattr. Every call is checked; on failure the
 * peer names the call on stderr and exits 1 (2 for bad arguments). */
#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <mqueue.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static int usage(void)
{
    fprintf(stderr, "usage: mq_peer send NAME PRIO TEXT...\n"
                    "       mq_peer receive NAME COUNT\n");
    return 2;
}

/* Parses a whole decimal number in [0, max]; returns -1 when it is not one. */
static long parse_number(const char *s, long max)
{
    char *end;
    errno = 0;
    long n = strtol(s, &end, 10);
    if (errno != 0 || end == s || *end != '\0' || n < 0 || n > max)
        return -1;
    return n;
}

static int send_one(const char *name, unsigned prio, int nwords, char **words)
{
    size_t len = 0;
    for (int i = 0; i < nwords; i++)
        len += strlen(words[i]) + 1;
    char *text = malloc(len);
    if (text == NULL) {
        perror("mq_peer: malloc");
        return 1;
    }
    text[0] = '\0';
    for (int i = 0; i < nwords; i++) {
        if (i > 0)
            strcat(text, " ");
        strcat(text, words[i]);
    }

    mqd_t q = mq_open(name, O_WRONLY | O_NONBLOCK);
    if (q == (mqd_t)-1) {
        perror("mq_peer: mq_open");
        free(text);
        return 1;
    }
    /* The message is the text's bytes, without a trailing NUL. */
    if (mq_send(q, text, strlen(text), prio) == -1) {
        perror("mq_peer: mq_send");
        free(text);
        mq_close(q);
        return 1;
    }
    free(text);
    if (mq_close(q) == -1) {
        perror("mq_peer: mq_close");
        return 1;
    }
    return 0;
}

static int receive_some(const char *name, long count)
{
    mqd_t q = mq_open(name, O_RDONLY | O_NONBLOCK);
    if (q == (mqd_t)-1) {
        perror("mq_peer: mq_open");
        return 1;
    }
    struct mq_attr attr;
    if (mq_getattr(q, &attr) == -1) {
        perror("mq_peer: mq_getattr");
        mq_close(q);
        return 1;
    }
    /* A buffer shorter than mq_msgsize would make mq_receive fail with EMSGSIZE. */
    char *buf = malloc((size_t)attr.mq_msgsize);
    if (buf == NULL) {
        perror("mq_peer: malloc");
        mq_close(q);
        return 1;
    }
    int status = 0;
    for (long i = 0; i < count; i++) {
        unsigned prio;
        ssize_t n = mq_receive(q, buf, (size_t)attr.mq_msgsize, &prio);
        if (n == -1) {
            perror("mq_peer: mq_receive");
            status = 1;
            break;
        }
        printf("priority %u: %.*s\n", prio, (int)n, buf);
    }
    free(buf);
    if (fflush(stdout) == EOF) {
        perror("mq_peer: fflush");
        status = 1;
    }
    if (mq_close(q) == -1) {
        perror("mq_peer: mq_close");
        status = 1;
    }
    return status;
}

int main(int argc, char **argv)
{
    if (argc >= 5 && strcmp(argv[1], "send") == 0) {
        long prio = parse_number(argv[3], 32767);
        if (prio < 0)
            return usage();
        return send_one(argv[2], (unsigned)prio, argc - 4, argv + 4);
    }
    if (argc == 4 && strcmp(argv[1], "receive") == 0) {
        long count = parse_number(argv[3], INT_MAX);
        if (count < 0)
            return usage();
        return receive_some(argv[2], count);
    }
    return usage();
}
