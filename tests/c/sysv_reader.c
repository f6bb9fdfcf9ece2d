/* C peer for the compatibility tests, written for ipc-lab: a System V reader that keeps the
 * lesson's conventions (key ftok("./shmfile", 65), a 1024-byte segment, text at offset 0),
 * prints the lesson's line, detaches and removes the segment. Reads at most 1024 bytes. */
#include <stdio.h>
#include <string.h>
#include <sys/ipc.h>
#include <sys/shm.h>

#define SEGMENT_BYTES 1024

int main(void)
{
    key_t key = ftok("./shmfile", 65);
    if (key == -1) {
        perror("c-sysv-reader: ftok");
        return 1;
    }
    /* No IPC_CREAT: the segment must exist, and be at least SEGMENT_BYTES long. */
    int id = shmget(key, SEGMENT_BYTES, 0);
    if (id == -1) {
        perror("c-sysv-reader: shmget");
        return 1;
    }
    const char *mem = shmat(id, NULL, SHM_RDONLY);
    if (mem == (const char *)-1) {
        perror("c-sysv-reader: shmat");
        return 1;
    }
    printf("Data read from memory: %.*s\n", (int)strnlen(mem, SEGMENT_BYTES), mem);
    if (shmdt(mem) == -1) {
        perror("c-sysv-reader: shmdt");
        return 1;
    }
    if (shmctl(id, IPC_RMID, NULL) == -1) {
        perror("c-sysv-reader: shmctl(IPC_RMID)");
        return 1;
    }
    return 0;
}
