### Tiếng Việt: the lesson support (ipc-support): hints, argument errors, names.

core-bytes = { $size } byte
core-removed = đã xóa { $what }
core-kept = giữ lại { $what }; xóa bằng lệnh: { $command }
## Gợi ý sau dấu gạch của một dòng lỗi, dùng chung cho nhiều chương trình (ipc-support).
core-ftok-enoent = ftok cần một file đã tồn tại: hãy tạo nó (touch { $path }) hoặc truyền --key 0x1234
core-message-nul = nó chứa một byte NUL, chỗ mà bên đọc viết bằng C sẽ dừng lại
core-message-too-long = vùng nhớ chứa { $capacity } byte, nên chỉ vừa tối đa { $room } byte văn bản trước byte NUL kết thúc
core-message-too-long-hint = rút ngắn thông điệp hoặc dùng --size { $size } trở lên
core-region-read-only = vùng map này chỉ đọc
core-region-too-small = vùng nhớ chỉ chứa { $size } byte
## Tên object (name.rs).
core-name-shm = tên object shared memory
core-name-sem = tên semaphore
core-name-mq = tên message queue
core-name-no-slash = { $what } '{ $name }' phải bắt đầu bằng '/' (thử '/{ $name }')
core-name-empty = { $what } đang trống: hãy đặt một tên như '/demo'
core-name-inner-slash = { $what } '{ $name }' có dấu '/' ở giữa: chỉ được một dấu '/' ở đầu
core-name-nul = { $what } chứa một byte NUL
core-name-dots = { $what } '{ $name }' không phải tên file hợp lệ
core-name-too-long = { $what } dài { $length } byte; giới hạn là { $limit } byte
## Shared memory System V (sysv-writer), POSIX (ipc-support hints.rs).
core-shmget-eexist = IPC_EXCL từ chối một key đang được dùng: xóa segment cũ (ipcrm -M KEY) hoặc bỏ --exclusive
core-shmget-einval = đã có một segment với key này và nó nhỏ hơn kích thước yêu cầu: xóa nó (ipcrm -M KEY) hoặc xin ít hơn
core-shm-open-eexist = O_EXCL từ chối một object đã tồn tại: xóa nó (rm { $path }) hoặc bỏ --exclusive
## Semaphore POSIX (ipc-support hints.rs).
core-sem-eoverflow = giá trị đã bằng SEM_VALUE_MAX
core-sem-enoent = không có semaphore { $name }: hãy tạo nó trước (O_CREAT), ví dụ sem-demos create { $bare }
core-sem-eexist = O_EXCL từ chối một semaphore đã tồn tại: mở nó không kèm O_EXCL, hoặc xóa nó (sem_unlink, hoặc rm { $path })
## Message queue POSIX (ipc-support hints.rs).
core-mq-send-eagain = queue đã đầy (mq_maxmsg message đang chờ) và descriptor ở chế độ non-blocking: hãy nhận bớt trước, hoặc thử lại sau
core-mq-send-emsgsize = message dài hơn mq_msgsize của queue: đọc giá trị đó bằng mq_getattr và chia nhỏ dữ liệu
core-mq-send-ebadf = descriptor này không được mở để ghi: mở queue với O_WRONLY hoặc O_RDWR để gửi
core-mq-send-etimedout = queue vẫn đầy cho tới khi hết thời gian chờ: không ai đang nhận
core-mq-receive-eagain = queue đang trống và descriptor ở chế độ non-blocking: hãy gửi một message trước, hoặc chờ (bỏ --nonblock)
core-mq-receive-emsgsize = buffer nhỏ hơn mq_msgsize của queue: lấy kích thước từ mq_getattr
core-mq-receive-ebadf = descriptor này không được mở để đọc: mở queue với O_RDONLY hoặc O_RDWR để nhận
core-mq-receive-etimedout = không có message nào đến trước khi hết thời gian chờ
core-mq-open-enoent = không có queue nào tên { $name }: hãy tạo nó trước (posix-mq create { $name })
core-mq-open-eexist = O_EXCL từ chối một queue đã tồn tại: xóa nó (posix-mq unlink { $name }) hoặc bỏ --exclusive
core-mq-open-emfile = các queue của user này sẽ cần nhiều byte hơn mức RLIMIT_MSGQUEUE cho phép (ulimit -q): unlink các queue cũ hoặc xin ít message hơn/nhỏ hơn
core-mq-open-enospc = máy đã có đủ /proc/sys/fs/mqueue/queues_max queue: unlink các queue không dùng
core-mq-open-einval = các thuộc tính vượt quá giới hạn của kernel (/proc/sys/fs/mqueue/msg_max và msgsize_max) hoặc không dương
core-mq-unlink-enoent = không có queue nào tên { $name }
## Message queue System V (sysv-msg).
core-msgget-eexist = IPC_EXCL từ chối một key đang được dùng: xóa queue cũ (sysv-msg rm, hoặc ipcrm -Q KEY)
core-msgget-enoent = không có queue nào mang key này: hãy tạo nó trước (sysv-msg send sẽ tạo)
core-msgget-enospc = máy đã có đủ /proc/sys/kernel/msgmni queue: xóa các queue không dùng (ipcs -q, ipcrm -q ID)
core-msgsnd-eagain = queue đã đầy (msg_qbytes byte đang chờ) và có IPC_NOWAIT: hãy nhận bớt trước
core-msgsnd-einval = văn bản dài hơn /proc/sys/kernel/msgmax, hoặc queue đã không còn
core-msg-eidrm = queue đã bị xóa trong lúc đang chờ
core-msgsnd-eacces = mode của queue không cho bạn ghi vào nó
core-msgrcv-enomsg = không có message nào thuộc kiểu yêu cầu đang chờ và có IPC_NOWAIT: hãy gửi một message trước, hoặc chờ
core-msgrcv-e2big = message dài hơn buffer: dùng buffer lớn hơn, hoặc MSG_NOERROR để cắt bớt
core-msgrcv-eacces = mode của queue không cho bạn đọc nó
## Giá trị đưa trên dòng lệnh (args.rs, key.rs) và lỗi cách dùng (cli.rs).
core-arg-size-zero = kích thước '{ $value }' bằng 0: một object cần ít nhất 1 byte
core-arg-size-big = kích thước '{ $value }' lớn hơn 1 GiB ({ $limit } byte), mức lớn nhất mà các bài học này dùng
core-arg-size-bad = '{ $value }' không phải một kích thước: hãy ghi số byte nguyên, có thể kèm k hoặc m (ví dụ 1024, 4k)
core-arg-mode-bad = '{ $value }' không phải mode quyền: hãy ghi các chữ số bát phân từ 000 đến 777 (ví dụ 0600)
core-arg-mode-warning = cảnh báo: mode { $mode } cho mọi user trên máy này ghi vào object; 0600 giữ nó cho riêng bạn
core-arg-key-bad = '{ $value }' không phải một key: hãy ghi dạng hex như ipcs hiển thị (0x1234, tối đa 8 chữ số hex) hoặc dạng thập phân
core-arg-key-zero = key 0 là IPC_PRIVATE, luôn tạo một segment mới mà không ai khác tìm thấy: hãy chọn key khác
core-arg-proj-id-bad = '{ $value }' không phải project id: ftok chỉ dùng 8 bit thấp của nó, nên hãy ghi một số từ 1 đến 255 (bài học dùng 65)
core-see-help = (xem { $program } --help)
core-child-exited = đã thoát với mã { $status }
core-child-killed = bị tín hiệu { $signal } kết thúc
core-child-too-slow = nó không kết thúc kịp thời nên đã bị kill
core-not-sysv = không phải object System V
core-size-too-large = kích thước quá lớn
core-not-a-number = không phải một số
core-arg-timeout-bad = '{ $value }' không phải một thời gian chờ: hãy ghi số giây, lớn hơn 0 và tối đa 86400 (ví dụ 2 hoặc 0.5)
