### Tiếng Việt: the shared-memory lesson programs: sysv-writer, sysv-reader, posix-writer, posix-reader, mmap-kinds.

## Chung cho cả hai cặp writer/reader.
shm-prompt = Thông điệp ghi vào shared memory:{" "}
shm-no-message = stdin đã hết trước khi có một dòng văn bản
shm-no-message-hint = dùng --message TEXT, hoặc gõ một dòng rồi nhấn Enter
shm-wrote = đã ghi { $written } byte tại offset 0: { $length } byte văn bản và byte NUL kết thúc
shm-no-nul = cảnh báo: { $size } byte không có byte NUL nào, tức là writer chưa kết thúc chuỗi; đã in toàn bộ, UTF-8 không hợp lệ hiện thành U+FFFD
## sysv-writer
sysv-writer-created = segment mới
sysv-writer-existing = segment đã có sẵn, dùng lại nguyên trạng
sysv-writer-segment = key { $key }, shmid { $shmid }, { $size } byte ({ $origin }, mode { $mode })
sysv-writer-left = segment vẫn còn sau khi chương trình kết thúc: đọc bằng `{ $command }` (hoặc xóa: ipcrm -m { $shmid })
sysv-writer-waiting = đang chờ một reader attach rồi detach (Ctrl-C để dừng)...
sysv-writer-waiting-call = chờ reader
sysv-writer-reader-done = một reader (pid { $pid }) đã attach và detach; segment vẫn còn
sysv-writer-reader-removed = một reader đã đọc segment và xóa nó
sysv-writer-timeout = không có reader nào attach và detach trong { $seconds } giây
sysv-writer-removed-unread = segment chưa ai đọc đã được xóa
## sysv-reader
sysv-reader-no-segment = không có segment nào mang key này: hãy chạy sysv-writer trước (ipcs -m liệt kê các segment)
sysv-reader-what = segment shmid { $shmid } (key { $key })
sysv-reader-stat-title = shmctl(IPC_STAT) cho biết:
sysv-reader-stat-never = 0 (chưa bao giờ)
sysv-reader-stat-shm-segsz = kích thước truyền cho shmget
sysv-reader-stat-mode = các bit quyền
sysv-reader-stat-uid-gid = chủ sở hữu
sysv-reader-stat-cuid-cgid = người tạo
sysv-reader-stat-shm-nattch = số tiến trình đang attach
sysv-reader-stat-shm-cpid = tiến trình đã tạo segment
sysv-reader-stat-shm-lpid = tiến trình cuối cùng gọi shmat hoặc shmdt
sysv-reader-stat-shm-atime = lần shmat cuối
sysv-reader-stat-shm-dtime = lần shmdt cuối
sysv-reader-stat-shm-ctime = lúc tạo hoặc lần IPC_SET cuối
## posix-writer
posix-writer-created = đã tạo
posix-writer-existing = đã mở object có sẵn
posix-writer-truncated = đã mở object có sẵn và cắt về 0 byte (O_TRUNC)
posix-writer-object = { $name }: { $origin }; nằm ở { $path }, { $size } byte, mode { $mode }
posix-writer-umask = lưu ý: yêu cầu mode { $asked } nhưng object nhận { $got }: shm_open áp dụng umask, umask đã bỏ { $removed }
posix-writer-left = object vẫn còn sau khi chương trình kết thúc: đọc bằng `{ $command }` (hoặc xóa: rm { $path })
## posix-reader
posix-reader-no-object = không có object này: hãy chạy posix-writer trước (ls /dev/shm liệt kê các object)
posix-reader-too-large = { $size } byte là quá lớn để map
posix-reader-empty = object có kích thước 0, nên không có gì để đọc
posix-reader-empty-hint = tiến trình tạo ra nó chưa từng đặt kích thước bằng ftruncate; hãy chạy posix-writer, chương trình này có làm
## mmap-kinds
mmap-kinds-parent-saw = { $kind }: tiến trình con ghi "{ $wrote }"; sau đó tiến trình cha thấy "{ $seen }" — { $why }
mmap-kinds-file-held = { $kind }: tiến trình con ghi "{ $wrote }"; sau đó file chứa "{ $seen }" — { $why }
mmap-kinds-unexpected = mong đợi "{ $expected }" nhưng thấy "{ $seen }": máy này không chạy như bài học nói
mmap-kinds-child-failed = tiến trình con { $end }
mmap-kinds-no-dir = --dir phải là một thư mục đã có (mặc định là thư mục tạm của hệ thống)
mmap-kinds-private-anonymous-label = private anonymous (MAP_PRIVATE|MAP_ANONYMOUS)
mmap-kinds-private-anonymous-why = sau fork mỗi tiến trình ghi vào các trang copy-on-write của riêng nó, nên không ai khác thấy thay đổi
mmap-kinds-shared-anonymous-label = shared anonymous (MAP_SHARED|MAP_ANONYMOUS)
mmap-kinds-shared-anonymous-why = cha và con giữ chung các trang sau fork: bộ nhớ chia sẻ giữa các tiến trình có quan hệ, không cần tên
mmap-kinds-private-file-label = private file (MAP_PRIVATE trên một file)
mmap-kinds-private-file-why = lần ghi đầu tiên sao chép trang, nên thay đổi chỉ ở trong tiến trình con và không bao giờ tới file
mmap-kinds-shared-file-label = shared file (MAP_SHARED trên một file)
mmap-kinds-shared-file-why = thay đổi đi vào các trang của file, mọi tiến trình map hoặc đọc file đều thấy (object của shm_open được map theo cách này)
