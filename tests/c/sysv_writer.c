/* C peer for the compatibility tests, written for ipc-lab: a System V writer that keeps the
 * lesson's conventions (key ftok("./shmfile", 65), a 1024-byte segment, the text with its NUL
 * at offset 0). The text is argv[1]. Every call is checked. */
#include <stdio.h>
#include <string.h>
#include <sys/ipc.h>
#include <sys/shm.h>

#define SEGMENT_BYTES 1024

int main(int argc, char **argv)
{
    if (argc != 2) {
        fprintf(stderr, "usage: %s TEXT\n", argv[0]);
        return 2;
    }
    size_t len = strlen(argv[1]);
    if (len >= SEGMENT_BYTES) {
        fprintf(stderr, "c-sysv-writer: text longer than %d bytes\n", SEGMENT_BYTES - 1);
        return 1;
    }
    key_t key = ftok("./shmfile", 65);
    if (key == -1) {
        perror("c-sysv-writer: ftok");
        return 1;
    }
    int id = shmget(key, SEGMENT_BYTES, IPC_CREAT | 0600);
    if (id == -1) {
        perror("c-sysv-writer: shmget");
        return 1;
    }
    char *mem = shmat(id, NULL, 0);
    if (mem == (char *)-1) {
        perror("c-sysv-writer: shmat");
        return 1;
    }
    memcpy(mem, argv[1], len + 1);
    printf("C writer wrote: %s\n", mem);
    if (shmdt(mem) == -1) {
        perror("c-sysv-writer: shmdt");
        return 1;
    }
    return 0;
}
