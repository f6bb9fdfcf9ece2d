/* C peer for the compatibility tests, written for ipc-lab: a POSIX writer that keeps the
 * lesson's conventions (object "tho_mmap", 100 bytes, the text with its NUL at offset 0).
 * The text is argv[1]. Every call is checked and the descriptor closed. */
#include <fcntl.h>
#include <stdio.h>
#include <string.h>
#include <sys/mman.h>
#include <unistd.h>

#define OBJECT_NAME "tho_mmap"
#define OBJECT_BYTES 100

int main(int argc, char **argv)
{
    if (argc != 2) {
        fprintf(stderr, "usage: %s TEXT\n", argv[0]);
        return 2;
    }
    size_t len = strlen(argv[1]);
    if (len >= OBJECT_BYTES) {
        fprintf(stderr, "c-posix-writer: text longer than %d bytes\n", OBJECT_BYTES - 1);
        return 1;
    }
    int fd = shm_open(OBJECT_NAME, O_CREAT | O_RDWR, 0600);
    if (fd == -1) {
        perror("c-posix-writer: shm_open");
        return 1;
    }
    if (ftruncate(fd, OBJECT_BYTES) == -1) {
        perror("c-posix-writer: ftruncate");
        return 1;
    }
    char *mem = mmap(NULL, OBJECT_BYTES, PROT_READ | PROT_WRITE, MAP_SHARED, fd, 0);
    if (mem == MAP_FAILED) {
        perror("c-posix-writer: mmap");
        return 1;
    }
    memcpy(mem, argv[1], len + 1);
    printf("C writer wrote: %s\n", mem);
    if (munmap(mem, OBJECT_BYTES) == -1 || close(fd) == -1) {
        perror("c-posix-writer: munmap/close");
        return 1;
    }
    return 0;
}
