/* C peer for the compatibility tests, written for ipc-lab: a POSIX reader that keeps the
 * lesson's conventions (object "tho_mmap", 100 bytes, text at offset 0), prints the lesson's
 * line and unlinks the object. It checks the size with fstat instead of calling ftruncate. */
#include <fcntl.h>
#include <stdio.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/stat.h>
#include <unistd.h>

#define OBJECT_NAME "tho_mmap"
#define OBJECT_BYTES 100

int main(void)
{
    int fd = shm_open(OBJECT_NAME, O_RDONLY, 0);
    if (fd == -1) {
        perror("c-posix-reader: shm_open");
        return 1;
    }
    struct stat st;
    if (fstat(fd, &st) == -1) {
        perror("c-posix-reader: fstat");
        return 1;
    }
    if (st.st_size != OBJECT_BYTES) {
        fprintf(stderr, "c-posix-reader: object has %lld bytes, the lesson's size is %d\n",
                (long long)st.st_size, OBJECT_BYTES);
        return 1;
    }
    const char *mem = mmap(NULL, OBJECT_BYTES, PROT_READ, MAP_SHARED, fd, 0);
    if (mem == MAP_FAILED) {
        perror("c-posix-reader: mmap");
        return 1;
    }
    printf("Read data: %.*s\n", (int)strnlen(mem, OBJECT_BYTES), mem);
    if (munmap((void *)mem, OBJECT_BYTES) == -1 || close(fd) == -1) {
        perror("c-posix-reader: munmap/close");
        return 1;
    }
    if (shm_unlink(OBJECT_NAME) == -1) {
        perror("c-posix-reader: shm_unlink");
        return 1;
    }
    return 0;
}
