### Tiếng Việt: what shows the lessons' claims on this machine (see en/claims.ftl).

## --maps (báo cáo maps của ipc-support)
core-maps-title = /proc/self/maps (không gian địa chỉ của tiến trình này, địa chỉ thấp trước):
core-maps-returned = { $call } trả về { $address }
core-maps-between = nằm giữa [heap] và [stack]: heap kết thúc ở { $heap_end }, vùng map này bắt đầu ở { $start }, stack bắt đầu ở { $stack_start }
core-maps-not-between = trong tiến trình này, vùng map KHÔNG nằm giữa [heap] và [stack]
core-maps-no-heap-or-stack = tiến trình này không có dòng [heap] hoặc [stack] để so sánh
core-maps-pages = yêu cầu { $asked } byte, được map { $mapped } byte: { $pages } trang, mỗi trang { $page_size } byte (bộ nhớ luôn được map theo từng trang trọn vẹn)
core-maps-not-found = không dòng nào của /proc/self/maps chứa địa chỉ { $address }
## shm-claims readers (000 mục 2)
shm-claims-child-failed = nó { $end }
shm-claims-readers-too-long = văn bản phải vừa segment 1024 byte của bài học: tối đa { $max } byte
shm-claims-readers-no-start = không đủ reader khởi động trong vòng 10 giây
shm-claims-readers-wrote = segment System V shmid { $shmid }, { $size } byte: writer ghi "{ $text }" vào rồi detach
shm-claims-readers-nattch = shm_nattch = { $nattch }: kernel đếm được { $readers } reader đang gắn vào segment cùng lúc
shm-claims-readers-shm-read = {"  "}reader { $reader } (pid { $pid }) đọc được: { $text }
shm-claims-readers-still-there = sau { $reads } lần đọc, văn bản vẫn còn trong segment: đọc shared memory không lấy mất dữ liệu
shm-claims-readers-fifo-wrote = FIFO { $path }: { $readers } reader đang mở nó; writer ghi "{ $text }" vào một lần
shm-claims-readers-fifo-read = {"  "}reader { $reader } (pid { $pid }) đọc được { $bytes } byte: { $text }
shm-claims-readers-fifo-eof = {"  "}reader { $reader } (pid { $pid }) đọc được 0 byte (hết file): reader khác đã lấy mất dữ liệu
shm-claims-readers-fifo-count = FIFO: { $got }/{ $readers } reader nhận được văn bản: dữ liệu của pipe mất ngay khi được đọc
shm-claims-readers-summary = shared memory: { $read_shm }/{ $readers } reader đọc được văn bản; FIFO: { $got_fifo }/{ $readers }
shm-claims-readers-expected = shm_nattch = { $readers }, cả { $readers } reader đọc được văn bản, chỉ một reader qua FIFO
shm-claims-readers-got = shm_nattch = { $nattch }, { $read_shm } reader đọc được văn bản, { $got_fifo } reader qua FIFO
## shm-claims rmid (000 mục 3) và unlink (000 mục 4)
shm-claims-maps-line = /proc/self/maps: { $line }
shm-claims-still-reads = văn bản vẫn đọc được qua vùng map của tiến trình này: { $text }
shm-claims-rmid-message = vẫn còn đây sau IPC_RMID
shm-claims-rmid-status = sau { $when }: key { $key }, mode { $mode }, shm_nattch { $nattch }, trạng thái { $status }
shm-claims-rmid-key-free = shmget(key { $key }) giờ thất bại: { $errno }: key không còn chỉ tới segment nào
shm-claims-rmid-gone = sau lần shmdt cuối cùng, shmctl({ $shmid }, IPC_STAT): { $errno }: segment đã bị hủy
shm-claims-rmid-done = IPC_RMID lấy đi key ngay lập tức (key 0x00000000, trạng thái dest); vùng nhớ vẫn tồn tại đến lần shmdt cuối cùng
shm-claims-rmid-expected = key 0 và trạng thái dest sau IPC_RMID, ENOENT khi tìm theo key, văn bản vẫn đọc được, EINVAL sau shmdt
shm-claims-rmid-got = key { $key }, shm_nattch { $nattch }, shmget theo key { $by_key }, IPC_STAT sau shmdt { $after_shmdt }
shm-claims-unlink-message = vẫn còn đây sau shm_unlink
shm-claims-unlink-listed = ls /dev/shm: có { $path }
shm-claims-unlink-unlisted = ls /dev/shm: không còn { $path }
shm-claims-unlink-reopen = shm_open({ $name }, O_RDONLY) giờ thất bại: { $errno }: tên đã bị xóa
shm-claims-unlink-unmapped = sau munmap không dòng nào của /proc/self/maps chứa { $address }: vùng nhớ được giải phóng cùng vùng map cuối cùng
shm-claims-unlink-done = shm_unlink xóa tên ngay lập tức; vùng nhớ vẫn tồn tại đến lần munmap cuối cùng
shm-claims-unlink-expected = tên biến mất khỏi /dev/shm, ENOENT khi mở lại, dòng maps có (deleted), văn bản vẫn đọc được
shm-claims-unlink-got = vẫn còn trong /dev/shm: { $listed }, mở lại: { $reopening }, dòng maps: { $line }
## shm-claims meminfo (000 mục 2)
shm-claims-meminfo-size-range = hãy cho kích thước từ 1M đến 1G
shm-claims-meminfo-no-shmem = không có dòng Shmem:
shm-claims-meminfo-tmpfs = /dev/shm là một tmpfs (statfs: TMPFS_MAGIC): các file của nó nằm trong các trang RAM, không có ổ đĩa nào phía sau
shm-claims-meminfo-not-tmpfs = trên máy này /dev/shm KHÔNG phải tmpfs (statfs)
shm-claims-meminfo-posix = một object POSIX { $kb } kB, và Shmem trong /proc/meminfo ở từng bước:
shm-claims-meminfo-sysv = một segment System V { $kb } kB, và Shmem trong /proc/meminfo ở từng bước:
shm-claims-meminfo-start = ban đầu
shm-claims-meminfo-row = {"  "}{ $step } Shmem: { $kb } kB { $change }
shm-claims-meminfo-again = {"  "}(tiến trình khác vừa làm thay đổi Shmem: đo lại)
shm-claims-meminfo-matched = Shmem tăng khoảng { $kb } kB khi các trang được chạm tới, vẫn giữ chúng khi không còn vùng map nào, và trả lại khi object bị xóa: dữ liệu nằm trong RAM
shm-claims-meminfo-unmatched = trong cả { $attempts } lần đo, các tiến trình khác đều làm Shmem thay đổi, che mất { $kb } kB của object; số trang của chính object ở trên cho thấy chúng
shm-claims-meminfo-own-posix = {"  "}số trang của chính object (fstat: st_blocks): { $sized } kB sau ftruncate, { $touched } kB khi đã chạm tới, { $unmapped } kB khi không còn vùng map nào
shm-claims-meminfo-own-sysv = {"  "}số trang của chính segment (rss trong /proc/sysvipc/shm): { $sized } kB sau shmget, { $touched } kB khi đã chạm tới, { $unmapped } kB sau shmdt
shm-claims-meminfo-no-rss = không có cột rss cho segment
shm-claims-meminfo-expected = một object chưa có trang nào khi vừa đặt kích thước, khoảng { $kb } kB khi đã chạm tới, vẫn giữ khi không còn vùng map, trên một tmpfs
## mq-claims (003 mục 1, 1.1, 1.2, bảng so sánh)
mq-claims-child-failed = nó { $end }
mq-claims-boundaries-sent = đã gửi, mỗi phần một lời gọi: { $messages }
mq-claims-boundaries-pipe = pipe: 3× write(), rồi { $reads }× read() đến hết file trả về: { $got } (một dòng byte: không có gì cho biết một lần write kết thúc ở đâu)
mq-claims-boundaries-posix = hàng đợi POSIX: 3× mq_send(), rồi { $receives }× mq_receive() đến khi rỗng trả về: { $got } (mỗi lần một thông điệp, nguyên vẹn)
mq-claims-boundaries-sysv = hàng đợi System V: 3× msgsnd(), rồi { $receives }× msgrcv() đến khi rỗng trả về: { $got } (mỗi lần một thông điệp, nguyên vẹn)
mq-claims-boundaries-done = pipe dán ba lần write thành một dòng byte; cả hai hàng đợi giữ ba thông điệp tách biệt
mq-claims-boundaries-expected = một lần read() lấy hết các byte, và ba thông điệp từ mỗi hàng đợi
mq-claims-boundaries-got = { $reads } lần read, { $posix } thông điệp POSIX, { $sysv } thông điệp System V
mq-claims-block-first = thông điệp làm đầy hàng đợi
mq-claims-block-second = thông điệp do tiến trình bị chặn gửi
mq-claims-block-full = { $name } chứa { $held }/{ $max } thông điệp: hàng đợi đầy, và được mở không có O_NONBLOCK
mq-claims-block-empty = { $name } chứa { $held } thông điệp: hàng đợi rỗng, và được mở không có O_NONBLOCK
mq-claims-block-asleep = tiến trình con pid { $pid } bị chặn trong { $call }: /proc/{ $pid }/status ghi State: { $state }, /proc/{ $pid }/wchan ghi { $wchan }
core-wchan-unnamed = không có gì (kernel này không cho biết tên)
mq-claims-block-parent-received = tiến trình cha nhận "{ $message }": giờ đã có chỗ trống
mq-claims-block-parent-sends = tiến trình cha gửi "{ $message }": giờ đã có thông điệp
mq-claims-block-child-received = mq_receive của tiến trình con trả về: "{ $message }"
mq-claims-block-released = tiến trình con pid { $pid }: { $call } của nó đã trả về và nó { $end }
mq-claims-block-then-received = tiến trình cha nhận thông điệp của tiến trình con: "{ $message }"
mq-claims-block-expected = tiến trình con ngủ (State: S) trong lời gọi
mq-claims-block-not-asleep = lời gọi của tiến trình con không bị chặn
mq-claims-block-child-failed = lời gọi, khi hết bị chặn, không hoàn tất như bài học nói
mq-claims-block-send-done = không có O_NONBLOCK, mq_send vào hàng đợi đầy sẽ ngủ cho tới khi một lần nhận tạo chỗ trống (có O_NONBLOCK: EAGAIN, mq-errors eagain-full)
mq-claims-block-receive-done = không có O_NONBLOCK, mq_receive từ hàng đợi rỗng sẽ ngủ cho tới khi có thông điệp (có O_NONBLOCK: EAGAIN, mq-errors eagain-empty)
mq-claims-producers-bad-message = nhận được một thông điệp sai dạng
mq-claims-producers-queue = hàng đợi thông điệp, không khóa: { $producers } producer × { $messages } thông điệp: nhận { $received }/{ $total }, { $twice } lặp lại, { $out_of_order } sai thứ tự
mq-claims-producers-counter = bộ đếm chung, không khóa: { $processes } tiến trình × { $increments } lần tăng: đếm được { $counted }/{ $expected }, mất { $lost } lần cập nhật
mq-claims-producers-none-lost = {"  "}(lần này không mất cập nhật nào: các tiến trình không chạy chồng lên nhau; thử lại với số lần gấp mười)
mq-claims-producers-done = kernel giữ hàng đợi nhất quán cho mọi producer mà không cần khóa; bộ đếm chung thì cần khóa (003 mục 2.4)
mq-claims-producers-expected = đủ { $total } thông điệp và bộ đếm bị mất cập nhật
mq-claims-producers-got = { $received } thông điệp, mất { $lost } lần cập nhật
## sem-demos blocked
sem-demos-blocked-value = { $name }: giá trị { $value }
sem-demos-blocked-asleep = tiến trình con pid { $pid } bị chặn trong sem_wait: /proc/{ $pid }/status ghi State: { $state }, /proc/{ $pid }/wchan ghi { $wchan }
sem-demos-blocked-posting = tiến trình cha gọi sem_post({ $name }): giá trị tăng lên 1, và tiến trình đang chờ lấy được nó
sem-demos-blocked-woken = tiến trình con pid { $pid }: sem_wait của nó đã trả về và nó { $end }
sem-demos-blocked-done = sem_wait ở giá trị 0 ngủ trong kernel, không tốn CPU, cho tới khi có sem_post: đó là cách semaphore tạo thành khóa
sem-demos-blocked-expected = tiến trình con ngủ (State: S) trong sem_wait
sem-demos-blocked-not-asleep = sem_wait không bị chặn
sem-demos-blocked-not-woken = tiến trình chờ không trả về từ sem_wait sau sem_post
## Số thứ tự và tiêu đề các lỗi của bài học (003 mục 2)
shm-errors-sigbus-title = 2.1 Quên ftruncate trước mmap → SIGBUS
shm-errors-eacces-open-title = 2.2 EACCES khi mở không đủ quyền
shm-errors-eacces-mmap-title = 2.3 EACCES khi mmap quyền không khớp
shm-errors-race-title = 2.4 Race condition khi không đồng bộ: mất cập nhật
shm-errors-torn-title = 2.4 Race condition khi không đồng bộ: bản ghi bị rách
shm-errors-deadlock-title = 2.5 Deadlock do thứ tự khóa sai
shm-errors-dangling-title = 2.7 Dangling objects
sem-demos-enoent-title = 2.6 Lỗi sem_open: ENOENT
sem-demos-eexist-title = 2.6 Lỗi sem_open: EEXIST
## shm-errors torn (003 mục 2.4)
shm-errors-torn-start = lần thử { $attempt }: một writer ghi { $records } bản ghi (s.len = n, rồi n byte của s.buf) trong khi một reader đọc chúng, không khóa
shm-errors-torn-start-locked = một writer ghi { $records } bản ghi trong khi một reader đọc chúng, mỗi bản ghi dưới một semaphore không tên trong vùng map (sem_init pshared=1)
shm-errors-torn-result = torn: { $torn }/{ $reads } lần đọc bị rách
shm-errors-torn-scenario =
    Một tiến trình writer điền struct {"{"} int len; char buf[256]; {"}"} trong shared memory: s.len = n, rồi
    n byte cùng một chữ vào s.buf. Một tiến trình reader đọc s.len, rồi đọc chừng ấy byte của s.buf. Không khóa.
shm-errors-torn-call = s.len = n; memcpy(s.buf, data, n) (writer) chạy đồng thời với n = s.len; memcpy(mine, s.buf, n) (reader)
shm-errors-torn-seen = { $torn }/{ $reads } lần đọc bị rách; lần đầu tiên: len { $len }, nhưng chỉ { $own } trong { $len } byte đến từ cùng một bản ghi
shm-errors-torn-why =
    len và các byte của writer được ghi vào bộ nhớ từng lần một, và reader có thể nhìn vào
    giữa chừng: len mới nhưng buf còn dở. Không có gì trong shared memory biến hai lần ghi
    thành một, và kernel không tham gia.
shm-errors-torn-fix =
    Biến việc ghi và đọc bản ghi thành đoạn găng: sem_wait trước, sem_post sau, trên cùng
    một semaphore mà cả hai tiến trình dùng chung (shm-errors torn --lock semaphore).
shm-errors-torn-none-torn = lần này không lần đọc nào bị rách: các tiến trình hầu như không chạy chồng lên nhau; thử lại với số bản ghi gấp mười
shm-errors-torn-whole = nguyên vẹn: dưới semaphore, mỗi lần đọc chỉ thấy một bản ghi, không bao giờ là các phần của hai bản ghi
shm-errors-torn-not-excluded = { $torn } lần đọc bị rách dưới semaphore: khóa đã không bảo đảm loại trừ lẫn nhau
shm-errors-torn-child-died = nó { $end }
shm-errors-torn-nr-expected = bản ghi bị rách
shm-errors-torn-nr-got = không có: writer và reader không bao giờ chạy chồng lên nhau trên máy này
## ipc-bench --explain (000 mục 2, 003 mục 1)
bench-explain-how =
    Chi phí của một thông điệp, do kernel đếm (không đo thời gian): một tiến trình gửi các thông điệp
    tới một tiến trình nhận. Lời gọi: ptrace nhìn thấy trong lần chạy thứ hai có trace, kèm số byte mỗi
    lời gọi dữ liệu mang theo (vào từ bên gửi, ra tới bên nhận). /proc/PID/io: chỉ byte của read và write.
    Chuyển ngữ cảnh: getrusage, tự nguyện (tiến trình ngủ, vd. chờ dữ liệu) và không tự nguyện (bị giành CPU).
bench-explain-title = { $messages } thông điệp { $size }, một chiều; mỗi thông điệp, bên gửi / bên nhận:
bench-explain-col-send-calls = lời gọi bên gửi
bench-explain-col-recv-calls = lời gọi bên nhận
bench-explain-col-bytes = B qua kernel
bench-explain-col-copies = bản sao
bench-explain-col-io = B /proc io
bench-explain-col-voluntary = tự nguyện
bench-explain-col-involuntary = không tự ng.
bench-explain-untraced = (không trace)
bench-explain-no-ptrace = máy này từ chối ptrace (xem /proc/sys/kernel/yama/ptrace_scope): các lời gọi không được đếm.
bench-explain-agrees =
    Đúng như bài học: mọi cơ chế đi qua kernel đều sao chép mỗi thông điệp vào rồi ra
    (2 bản sao, một lời gọi hệ thống ở mỗi bên); shared memory (shm-sem, ring) không đưa byte nào qua
    kernel, và chỉ gọi kernel để ngủ hoặc đánh thức (futex).
bench-explain-disagrees = các dòng này không cho thấy điều bài học nói: { $rows }
## ipc-lab tour: cách đánh số của khóa học
front-tour-section = bài { $lesson }, mục { $part }
front-tour-section-named = bài { $lesson }, { $name }
front-tour-part-ex = bài tập
front-tour-part-table = so sánh
front-tour-part-when = khi nào sử dụng
front-tour-no-section = bài { $lesson } không có mục { $section }: các mục là { $sections }
front-tour-title-000-1 = Giới thiệu: vùng map nằm giữa heap và stack
front-tour-title-000-2 = Tại sao cần Shared Memory
front-tour-title-000-3 = System V Shared Memory
front-tour-title-000-4 = POSIX shared memory
front-tour-title-000-ex = hai tiến trình cha con A và B, qua shared memory System V (bài tập 1) và POSIX (bài tập 2)
front-tour-title-003-1 = Message Queue
front-tour-title-003-1-1 = EAGAIN khi hàng đợi đầy (non-blocking)
front-tour-title-003-1-2 = EAGAIN khi hàng đợi rỗng (non-blocking receive)
front-tour-title-003-1-3 = EMSGSIZE khi gửi thông điệp vượt kích thước
front-tour-title-003-1-4 = ENOENT khi mở hàng đợi không tồn tại
front-tour-title-003-1-5 = EBADF khi dùng sai mode
front-tour-title-003-1-6 = EINVAL / ENOSPC khi vượt giới hạn hệ thống
front-tour-title-003-2 = Shared Memory (shm_open + mmap)
front-tour-title-003-2-1 = Quên ftruncate trước mmap → SIGBUS
front-tour-title-003-2-2 = EACCES khi mở không đủ quyền
front-tour-title-003-2-3 = EACCES khi mmap quyền không khớp
front-tour-title-003-2-4 = Race condition khi không đồng bộ
front-tour-title-003-2-5 = Deadlock do thứ tự khóa sai
front-tour-title-003-2-6 = Lỗi sem_open
front-tour-title-003-2-7 = Dangling objects
front-tour-title-003-table = So sánh Shared Memory và Message Queue
front-tour-title-003-when = Khi nào sử dụng?
## ipc-lab tour: những gì tour tự đo trong báo cáo --maps
front-tour-maps-no-report = kết quả in ra không có báo cáo --maps (các dòng [heap], [stack] và ←)
front-tour-maps-not-between = vùng map ở { $address } không nằm giữa dòng [heap] và dòng [stack]
front-tour-maps-other-line = dòng được đánh dấu không bắt đầu ở địa chỉ lời gọi trả về ({ $address })
front-tour-maps-perms = quyền của vùng map là { $perms }, không phải { $expected }
front-tour-maps-pages = { $bytes } byte của vùng map không phải là số trang nguyên, mỗi trang { $page_size } byte
front-tour-maps-seen = { $call } → { $address }: { $path } ({ $perms }, { $bytes } byte), trên điểm kết thúc của heap { $heap_end }, dưới điểm bắt đầu của stack { $stack_start }
front-tour-maps-earlier = tiến trình kia đặt nó ở { $address }
front-tour-maps-same-address = cả hai tiến trình đều nhận { $address }, dù ngẫu nhiên hóa địa chỉ đang bật
## ipc-lab tour: các bước mới
front-tour-maps_sysv_write-concept = --maps: shmat đặt segment ở đâu trong không gian địa chỉ của writer, theo /proc/self/maps của nó
front-tour-maps_sysv_write-takeaway = Segment chỉ là một vùng map nữa của tiến trình, nằm giữa heap và stack; kernel gọi nó là /SYSVkey (deleted): một file shmem, nằm trong RAM.
front-tour-maps_sysv_read-concept = --maps ở reader: cùng segment đó, trong một tiến trình khác
front-tour-maps_sysv_read-takeaway = Địa chỉ khác, cùng các byte: đừng bao giờ lưu con trỏ vào shared memory, hãy lưu offset.
front-tour-explain-concept = ipc-bench --explain: với mỗi thông điệp, số lời gọi hệ thống, số byte qua kernel và số lần chuyển ngữ cảnh của từng cơ chế
front-tour-explain-takeaway = Pipe, socket hay hàng đợi tốn một lời gọi ở mỗi bên và hai lần sao chép qua kernel cho mỗi thông điệp; shared memory không sao chép gì qua kernel và chỉ gọi kernel để ngủ hoặc đánh thức.
front-tour-shm_readers-concept = một writer, ba reader cùng gắn vào một lúc; rồi cùng văn bản đó qua một FIFO có ba reader
front-tour-shm_readers-takeaway = Shared memory được đọc tại chỗ, bao nhiêu lần cũng được; dữ liệu của pipe mất ngay khi một reader đã đọc.
front-tour-shm_meminfo-concept = Shmem trong /proc/meminfo khi các trang của một object được chạm tới, unmap rồi bị xóa
front-tour-shm_meminfo-takeaway = Shared memory nằm trong RAM (tmpfs, được tính là Shmem), không phải trong file của phần cứng; object giữ nó cho tới khi bị xóa.
front-tour-sysv_exclusive-concept = shmget với IPC_CREAT|IPC_EXCL trên một key đã có người dùng
front-tour-sysv_exclusive-takeaway = EEXIST: IPC_EXCL đảm bảo segment là mới, không bao giờ là của người khác.
front-tour-sysv_read_stat-concept = reader in ra những gì shmctl(IPC_STAT) báo (shmid_ds), đọc văn bản, rồi IPC_RMID
front-tour-sysv_read_stat-takeaway = shmid_ds chứa kích thước, chủ sở hữu, mode và shm_nattch: số tiến trình đang gắn nó lúc này.
front-tour-shm_rmid-concept = IPC_RMID trong khi một tiến trình vẫn đang gắn segment
front-tour-shm_rmid-takeaway = IPC_RMID lấy đi key ngay lập tức (key 0, trạng thái dest); vùng nhớ vẫn đọc được cho tới lần shmdt cuối cùng.
front-tour-shm_unlink_mapped-concept = shm_unlink trong khi object vẫn đang được map
front-tour-shm_unlink_mapped-takeaway = shm_unlink xóa tên khỏi /dev/shm ngay lập tức; vùng map, đánh dấu (deleted), vẫn dùng được tới lần munmap cuối cùng.
front-tour-exercise_1-concept = bài tập 1, lời giải: A tạo một segment IPC_PRIVATE, fork ra B, và hai tiến trình trao đổi qua nó
front-tour-exercise_1-takeaway = Tiến trình cha và con không cần key: tiến trình con thừa hưởng segment đã attach, và A chờ B kết thúc thay vì sleep.
front-tour-exercise_2-concept = bài tập 2, lời giải: cùng cuộc trao đổi đó qua một object POSIX mà B mở theo tên
front-tour-exercise_2-takeaway = shm_open(O_CREAT|O_EXCL), ftruncate, mmap: B tìm object theo tên, và A unlink nó ở cuối.
front-tour-sysv_msg_send_5-concept = msgsnd một thông điệp loại 5
front-tour-sysv_msg_send_5-takeaway = Hàng đợi được tìm (hoặc tạo) theo key của nó, và thông điệp chờ sẵn trong đó.
front-tour-sysv_msg_send_2-concept = msgsnd một thông điệp loại 2
front-tour-sysv_msg_send_2-takeaway = Mỗi thông điệp System V mang một loại (type) do bên gửi chọn.
front-tour-sysv_msg_send_9-concept = msgsnd một thông điệp loại 9
front-tour-sysv_msg_send_9-takeaway = Hàng đợi giờ chứa các loại 5, 2 và 9, theo thứ tự gửi.
front-tour-sysv_msg_receive_lowest-concept = msgrcv với type -3: loại nhỏ nhất không vượt quá 3
front-tour-sysv_msg_receive_lowest-takeaway = Type âm chọn theo độ ưu tiên: loại 2 ra trước dù loại 5 được gửi trước.
front-tour-sysv_msg_rm-concept = msgctl(IPC_RMID) xóa hàng đợi cùng các thông điệp còn trong đó
front-tour-sysv_msg_rm-takeaway = Hàng đợi System V tồn tại tới khi IPC_RMID, cùng các thông điệp của nó: hãy xóa những gì bạn tạo.
front-tour-mq_boundaries-concept = ba lần write qua pipe, ba lần gửi qua hàng đợi: bên nhận nhận được gì
front-tour-mq_boundaries-takeaway = Hàng đợi giao từng thông điệp, nguyên vẹn và tách biệt; pipe giao một dòng byte, và reader phải tự tìm ranh giới.
front-tour-mq_block_send-concept = mq_send vào hàng đợi đầy mở không có O_NONBLOCK: bên gửi, nhìn qua /proc
front-tour-mq_block_send-takeaway = Không có O_NONBLOCK, bên gửi ngủ trong kernel (State: S) cho tới khi một lần nhận tạo chỗ trống: không busy-wait, không báo lỗi.
front-tour-mq_eagain_empty-concept = nhận từ hàng đợi rỗng mở với O_NONBLOCK
front-tour-mq_eagain_empty-takeaway = EAGAIN: lúc này không có gì để nhận, và O_NONBLOCK không cho chờ; hãy dùng poll hoặc nhận có thời gian chờ.
front-tour-mq_block_receive-concept = mq_receive từ hàng đợi rỗng mở không có O_NONBLOCK: bên nhận, nhìn qua /proc
front-tour-mq_block_receive-takeaway = Không có O_NONBLOCK, bên nhận ngủ trong kernel (State: S) cho tới khi có thông điệp.
front-tour-trace_posix_write-concept = ipc-lab trace: các lời gọi hệ thống của posix-writer khi nó chạy
front-tour-trace_posix_write-takeaway = shm_open (một lần open trong /dev/shm), ftruncate, mmap, munmap: bản thân văn bản đi vào vùng map bằng các lệnh ghi bộ nhớ thông thường, không qua lời gọi hệ thống nào.
front-tour-posix_read_traced-concept = reader đọc những gì writer được trace để lại, rồi unlink nó
front-tour-posix_read_traced-takeaway = Các byte vẫn luôn nằm trong bộ nhớ: reader đọc chúng ngay tại chỗ writer đặt.
front-tour-shm_race_semaphore-concept = cùng tình huống race condition đó, với một semaphore không tên dùng chung giữa các tiến trình, bao quanh phép tăng
front-tour-shm_race_semaphore-takeaway = sem_wait trước, sem_post sau: mỗi lúc một tiến trình, và tổng chính xác.
front-tour-shm_torn-concept = race condition của chính bài học: writer gán len rồi chép buf trong khi reader đọc chúng
front-tour-shm_torn-takeaway = Không khóa, reader thấy len mới nhưng buf còn dở: một bản ghi không ai từng ghi.
front-tour-shm_torn_semaphore-concept = cùng writer và reader đó, mỗi bản ghi dưới một semaphore
front-tour-shm_torn_semaphore-takeaway = Dưới semaphore không lần đọc nào bị rách: việc ghi và đọc bản ghi là đoạn găng.
front-tour-shm_deadlock_trylock-concept = cùng hai tiến trình đó; semaphore thứ hai chỉ được thử (sem_trywait); thất bại thì chờ một khoảng tăng dần (back-off) rồi thử lại
front-tour-shm_deadlock_trylock-takeaway = sem_trywait không bao giờ chờ: gặp EAGAIN thì trả khóa đang giữ, chờ một khoảng tăng dần (back-off) rồi thử lại.
front-tour-sem_blocked-concept = sem_wait trên semaphore ở giá trị 0: tiến trình chờ, nhìn qua /proc, cho tới khi có sem_post
front-tour-sem_blocked-takeaway = Tiến trình chờ ngủ trong kernel (chờ futex) và không tốn CPU cho tới khi có sem_post.
front-tour-mq_producers-concept = bốn producer, không khóa, mỗi producer 1000 thông điệp; bên cạnh là bốn tiến trình trên một bộ đếm chung không khóa
front-tour-mq_producers-takeaway = Kernel giữ hàng đợi nhất quán giúp bạn; shared memory thì để bạn tự lo (003 mục 2.4).
front-tour-explain_big-concept = ipc-bench --explain với thông điệp 1 MiB: pipe, hàng đợi POSIX, ring
front-tour-explain_big-takeaway = Dữ liệu lớn qua kernel tốn nhiều lời gọi và hai lần sao chép mỗi byte (hàng đợi còn phải chia thành các thông điệp nhỏ); shared memory không tốn cả hai: dùng nó cho dữ liệu lớn, hàng đợi cho thông điệp nhỏ.
front-tour-trace-carried = một lời gọi hệ thống đã mang "{ $text }": { $call }
front-tour-trace-seen = không lời gọi hệ thống nào mang "{ $text }"; các lời gọi được trace: { $calls }
front-tour-sysv-segment = segment System V { $key }
front-tour-sysv-queue = hàng đợi System V { $key }
