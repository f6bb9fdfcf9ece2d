### Tiếng Việt: every program's --help (see en/help.ftl for how the ids are made).

## Options every System V program shares (--key, or --path with --proj-id).
help-key = Dùng thẳng key này (hệ 16 như ipcs in ra, ví dụ 0x1234) thay cho ftok
help-path = File mà ftok lấy inode để tạo key (file phải tồn tại)
help-proj-id = Project id cho ftok, từ 1 đến 255 (chỉ 8 bit thấp được dùng)
help-lang = Ngôn ngữ của các thông báo (mặc định: IPC_LAB_LANG, nếu không thì LANG, nếu không thì en)

## sysv-writer
help-sysv-writer = Ghi một thông điệp vào segment shared memory System V và để nó lại cho sysv-reader
help-sysv-writer-more =
    Key lấy từ ftok(PATH, PROJ_ID) (./shmfile và 65, như trong bài học) hoặc từ --key. shmget tìm hoặc tạo segment, shmat gắn (attach) nó vào tiến trình này, văn bản được ghi ở offset 0 kèm byte NUL kết thúc, rồi shmdt tách (detach) ra. Segment vẫn tồn tại sau khi chương trình này kết thúc.
help-sysv-writer-size = Kích thước segment tính bằng byte (cho phép hậu tố k và m)
help-sysv-writer-message = Văn bản cần ghi; nếu không có, đọc một dòng từ stdin như fgets trong bài học
help-sysv-writer-mode = Các bit quyền của segment mới, hệ 8 (0666 cho mọi người dùng ghi được)
help-sysv-writer-exclusive = Báo lỗi EEXIST nếu đã có segment với key này (IPC_EXCL)
help-sysv-writer-maps = Sau shmat, cho thấy segment nằm ở đâu trong không gian địa chỉ của tiến trình này (/proc/self/maps)
help-sysv-writer-wait-reader = Sau khi ghi, chờ đến khi một reader attach rồi detach (theo dõi shm_nattch)
help-sysv-writer-timeout = Với --wait-reader: bỏ cuộc sau chừng này giây (mặc định: chờ đến khi nhấn Ctrl-C)

## sysv-reader
help-sysv-reader = Đọc thông điệp mà writer để lại trong segment shared memory System V, rồi xóa segment
help-sysv-reader-more =
    Key là key của writer: ftok(PATH, PROJ_ID) (./shmfile và 65, như trong bài học) hoặc --key. shmat gắn segment ở chế độ chỉ đọc (SHM_RDONLY), văn bản được đọc đến byte NUL đầu tiên và không bao giờ vượt quá cuối segment, shmdt tách ra, và shmctl(IPC_RMID) xóa segment.
help-sysv-reader-keep = Giữ segment lại (không gọi IPC_RMID) để có thể đọc lại lần nữa
help-sysv-reader-stat = In những gì shmctl(IPC_STAT) báo về segment (các trường của shmid_ds) trước khi đọc
help-sysv-reader-maps = Sau shmat, cho thấy segment nằm ở đâu trong không gian địa chỉ của tiến trình này (/proc/self/maps)

## posix-writer
help-posix-writer = Ghi một thông điệp vào shared memory object POSIX và để nó lại cho posix-reader
help-posix-writer-more =
    shm_open tạo object (một file trong /dev/shm), ftruncate đặt kích thước cho nó (object mới có kích thước 0), mmap(MAP_SHARED) map nó vào bộ nhớ, văn bản được ghi ở offset 0 kèm byte NUL, rồi munmap và close. Object vẫn tồn tại sau khi chương trình này kết thúc, cho đến khi có shm_unlink.
help-posix-writer-name = Tên của object; Linux giữ nó ở /dev/shm/NAME (mặc định: tho_mmap của bài học kèm tên người dùng của bạn, vì /dev/shm là của cả máy; --name tho_mmap là tên của chính bài học, mà các chương trình C của nó dùng)
help-posix-writer-size = Kích thước object tính bằng byte, đặt bằng ftruncate (cho phép hậu tố k và m)
help-posix-writer-message = Văn bản cần ghi; nếu không có, đọc một dòng từ stdin
help-posix-writer-mode = Các bit quyền của object mới, hệ 8; umask vẫn được áp dụng (0666 cho mọi người dùng ghi được)
help-posix-writer-exclusive = Báo lỗi EEXIST nếu object đã tồn tại (O_EXCL)
help-posix-writer-truncate = Cắt object đã có về 0 byte trước, xóa sạch nội dung cũ (O_TRUNC)
help-posix-writer-maps = Sau mmap, cho thấy object nằm ở đâu trong không gian địa chỉ của tiến trình này (/proc/self/maps)

## posix-reader
help-posix-reader = Đọc thông điệp mà writer để lại trong shared memory object POSIX, rồi unlink object
help-posix-reader-more =
    shm_open mở object ở chế độ chỉ đọc, fstat cho biết kích thước (reader không bao giờ gọi ftruncate: làm vậy sẽ thay đổi object của writer), mmap(PROT_READ, MAP_SHARED) map nó vào bộ nhớ, văn bản được đọc đến byte NUL đầu tiên và không bao giờ vượt quá cuối object; sau đó munmap, close, shm_unlink.
help-posix-reader-name = Tên của object, đúng như writer đã đặt (Linux hiện nó là /dev/shm/NAME) (mặc định: tho_mmap của bài học kèm tên người dùng của bạn, như posix-writer đặt)
help-posix-reader-keep = Giữ object lại (không gọi shm_unlink) để có thể đọc lại lần nữa
help-posix-reader-maps = Sau mmap, cho thấy object nằm ở đâu trong không gian địa chỉ của tiến trình này (/proc/self/maps)

## shm-claims
help-shm-claims = Đo trên máy này những nhận định của bài 000 về shared memory
help-shm-claims-more = readers: một writer, nhiều reader cùng lúc (shm_nattch), trong khi các byte của một FIFO chỉ đến được một reader (§2). rmid và unlink: IPC_RMID và shm_unlink xóa cái tên, còn vùng nhớ sống đến lần detach hay unmap cuối cùng (§3, §4). meminfo: dữ liệu nằm trong RAM, được tính là Shmem trong /proc/meminfo (§2). Mọi object được tạo ra đều bị xóa khi kết thúc.
help-shm-claims-readers = §2: K reader cùng attach vào một segment đều đọc được văn bản; qua một FIFO thì chỉ một reader
help-shm-claims-readers-readers = Số reader (từ 2 đến 16)
help-shm-claims-readers-message = Văn bản writer để lại (tối đa 1000 byte)
help-shm-claims-rmid = §3: IPC_RMID khi còn attach: key 0, trạng thái dest, dữ liệu vẫn đọc được, biến mất sau shmdt
help-shm-claims-unlink = §4: shm_unlink khi còn map: /dev/shm trống, dòng maps (deleted), văn bản vẫn đọc được
help-shm-claims-meminfo = §2: Shmem trong /proc/meminfo tăng thêm đúng kích thước object khi các trang của nó được chạm vào, giảm khi xóa
help-shm-claims-meminfo-size = Kích thước mỗi object, từ 1M đến 1G (cho phép hậu tố k, m và g); đủ lớn để nổi bật so với những gì các tiến trình khác làm với Shmem trong lúc đó

## mmap-kinds
help-mmap-kinds = Cho thấy bốn kiểu memory mapping: private hay shared, anonymous hay gắn với một file
help-mmap-kinds-more =
    Với mỗi kiểu, một tiến trình con ghi vào vùng map, rồi tiến trình cha xem lại (vùng map của chính nó, hoặc file). Thay đổi qua MAP_PRIVATE chỉ nằm trong các trang copy-on-write của bên ghi; thay đổi qua MAP_SHARED thì tiến trình kia thấy được và được ghi xuống file.
help-mmap-kinds-dir = Thư mục chứa file tạm nhỏ mà các file mapping dùng (bị xóa khi chạy xong)

## sysv-msg
help-sysv-msg = Hàng đợi thông điệp System V: gửi và nhận thông điệp có kiểu, xem và xóa một hàng đợi
help-sysv-msg-more =
    Một hàng đợi, tìm theo một key dạng số, chứa các thông điệp mà mỗi thông điệp mang một kiểu (một số > 0); msgrcv có thể lấy một kiểu cụ thể, kiểu bất kỳ, hoặc các kiểu nhỏ nhất trước. Hàng đợi tồn tại lâu hơn các tiến trình dùng nó, cho đến khi có msgctl(IPC_RMID) (`sysv-msg rm`).

    Mọi lệnh con tìm hàng đợi theo `--key 0x1234`, hoặc theo `--path FILE --proj-id N` qua ftok, như mọi chương trình System V của khóa học.
help-sysv-msg-demo = Ví dụ của bài học: msgget, msgsnd kiểu 1, msgrcv kiểu 1, msgctl(IPC_RMID). Nếu không có --key hay --path thì dùng key 1234 của bài học
help-sysv-msg-demo-message = Văn bản để gửi đi rồi nhận lại
help-sysv-msg-send = Gửi một thông điệp (msgsnd); tạo hàng đợi nếu nó chưa tồn tại
help-sysv-msg-send-mtype = Kiểu của thông điệp, một số lớn hơn 0
help-sysv-msg-send-text = Nội dung thông điệp (gửi đi dưới dạng các byte của nó, UTF-8 hay không)
help-sysv-msg-send-nowait = Không chờ khi hàng đợi đầy: báo lỗi EAGAIN (IPC_NOWAIT)
help-sysv-msg-send-mode = Các bit quyền khi tạo hàng đợi, hệ 8
help-sysv-msg-receive = Nhận một thông điệp (msgrcv), chọn theo --type
help-sysv-msg-receive-mtype = Thông điệp nào: N > 0 là thông điệp đầu tiên có kiểu N; 0 là thông điệp đầu tiên bất kể kiểu; N < 0 là thông điệp đầu tiên có kiểu nhỏ nhất không vượt quá |N|
help-sysv-msg-receive-nowait = Không chờ khi không có thông điệp phù hợp: báo lỗi ENOMSG (IPC_NOWAIT)
help-sysv-msg-receive-no-error = Cắt thông điệp dài hơn --max-bytes thay vì báo lỗi E2BIG (MSG_NOERROR)
help-sysv-msg-receive-max-bytes = Kích thước bộ đệm nhận tính bằng byte (mặc định: msgmax của kernel)
help-sysv-msg-stat = Xem msqid_ds của hàng đợi (msgctl IPC_STAT)
help-sysv-msg-rm = Xóa hàng đợi cùng các thông điệp trong nó (msgctl IPC_RMID)

## posix-mq
help-posix-mq = Điều khiển một hàng đợi thông điệp POSIX từ shell
help-posix-mq-more =
    Hàng đợi POSIX là một object của kernel, có tên dạng "/jobs", chứa tối đa mq_maxmsg thông điệp, mỗi thông điệp dài tối đa mq_msgsize byte. mq_receive luôn lấy thông điệp cũ nhất trong số các thông điệp có độ ưu tiên cao nhất. Hàng đợi tồn tại đến khi bị unlink (hoặc máy khởi động lại), chứ không phải đến khi tiến trình tạo ra nó kết thúc.
help-posix-mq-create = Tạo một hàng đợi (mq_open với O_CREAT); nó tồn tại đến khi có `posix-mq unlink`
help-posix-mq-name = Tên hàng đợi: bắt đầu bằng '/', không có '/' nào khác, dài tối đa 255 byte (ví dụ /jobs)
help-posix-mq-create-max-msgs = Số thông điệp tối đa hàng đợi chứa được (mq_maxmsg); mặc định: msg_default của kernel
help-posix-mq-create-msg-size = Độ dài tối đa của một thông điệp, tính bằng byte (mq_msgsize); mặc định: msgsize_default của kernel
help-posix-mq-create-exclusive = Báo lỗi EEXIST nếu hàng đợi đã tồn tại (O_EXCL)
help-posix-mq-create-mode = Các bit quyền của hàng đợi mới, hệ 8
help-posix-mq-send = Gửi một thông điệp (mq_send, hoặc mq_timedsend khi có --timeout)
help-posix-mq-send-text = Nội dung thông điệp (gửi đi dưới dạng các byte của nó, UTF-8 hay không, không kèm NUL ở cuối)
help-posix-mq-send-priority = Độ ưu tiên từ 0 đến 32767: độ ưu tiên cao hơn được nhận trước
help-posix-mq-nonblock = Không chờ: báo lỗi EAGAIN ngay (O_NONBLOCK)
help-posix-mq-timeout = Chờ tối đa SECS giây, rồi báo lỗi ETIMEDOUT (cho phép số lẻ)
help-posix-mq-receive = Nhận thông điệp có độ ưu tiên cao nhất (mq_receive, hoặc mq_timedreceive khi có --timeout)
help-posix-mq-attr = Xem các thuộc tính của hàng đợi (mq_getattr)
help-posix-mq-unlink = Xóa tên của hàng đợi (mq_unlink)

## mq-errors
help-mq-errors = Tái hiện các lỗi hàng đợi thông điệp của bài học trên máy này, từng lỗi một hoặc tất cả
help-mq-errors-more =
    Mỗi bản demo in ra tình huống, lời gọi bị lỗi, errno và thông báo của nó, lý do Linux làm vậy, và cách khắc phục. Chương trình thoát với mã 0 khi lỗi xảy ra đúng như bài học nói, mã 1 (kèm lý do) khi máy này chạy khác đi. Mọi hàng đợi nó tạo ra đều được xóa.
help-mq-errors-eagain-full = 1.1 mq_send vào hàng đợi đầy với O_NONBLOCK: EAGAIN
help-mq-errors-eagain-empty = 1.2 mq_receive từ hàng đợi rỗng với O_NONBLOCK: EAGAIN
help-mq-errors-emsgsize = 1.3 thông điệp dài hơn mq_msgsize, bộ đệm ngắn hơn mq_msgsize: EMSGSIZE
help-mq-errors-enoent = 1.4 mq_open không có O_CREAT với một hàng đợi chưa tồn tại: ENOENT
help-mq-errors-ebadf = 1.5 nhận qua descriptor chỉ ghi, gửi qua descriptor chỉ đọc: EBADF
help-mq-errors-limits = 1.6 vượt msg_max/msgsize_max (EINVAL), RLIMIT_MSGQUEUE (EMFILE), queues_max (ENOSPC)
help-mq-errors-all = Tất cả các demo ở trên, rồi một dòng tổng kết

## mq-claims
help-mq-claims = Đo trên máy này những nhận định của bài 003 về hàng đợi thông điệp
help-mq-claims-more = boundaries: dữ liệu đi thành từng thông điệp, còn pipe mang một dòng byte (§1). block-send và block-receive: không có O_NONBLOCK, hàng đợi đầy chặn bên gửi và hàng đợi rỗng chặn bên nhận (1.1, 1.2), thấy được qua /proc. producers: kernel giữ hàng đợi nhất quán mà không cần khóa, trong khi một bộ đếm chung bị mất cập nhật (bảng so sánh).
help-mq-claims-boundaries = §1: ba lần write qua một pipe đọc lại thành một dòng byte; ba thông điệp của hàng đợi thành ba
help-mq-claims-block-send = 1.1: mq_send trên hàng đợi đầy không có O_NONBLOCK thì ngủ (State: S) đến khi một lần nhận tạo chỗ trống
help-mq-claims-block-receive = 1.2: mq_receive trên hàng đợi rỗng không có O_NONBLOCK thì ngủ (State: S) đến khi có một lần gửi
help-mq-claims-producers = Bảng so sánh: K producer mỗi tiến trình gửi M thông điệp không có khóa, và đủ K·M thông điệp đến nơi; bên cạnh đó, K tiến trình cùng cộng vào một bộ đếm chung không có khóa thì mất cập nhật
help-mq-claims-producers-producers = Số tiến trình producer (từ 2 đến 16)
help-mq-claims-producers-messages = Số thông điệp mỗi producer gửi (từ 1 đến 100000)
help-mq-claims-producers-increments = Số lần mỗi tiến trình tăng bộ đếm chung (từ 1000 đến 10000000)

## shm-errors
help-shm-errors = Tái hiện trên máy này các lỗi kinh điển với shared memory, giải thích, rồi sửa chúng
help-shm-errors-more =
    Các demo: SIGBUS khi quên ftruncate, EACCES khi mở và khi mmap, mất cập nhật khi không có khóa, deadlock do thứ tự khóa, và các object bị bỏ quên trong /dev/shm. Mỗi demo in ra tình huống, lời gọi bị lỗi, lỗi, lý do Linux làm vậy, và cách khắc phục; chương trình thoát với mã 0 khi đã tái hiện được điều bài học nói.
help-shm-errors-sigbus = 2.1 Tiến trình con map một object chưa từng được ftruncate, chạm vào nó, và bị tín hiệu SIGBUS kết thúc
help-shm-errors-eacces-open = 2.2 Một object tạo với mode 0400 được mở lại với O_RDWR: EACCES (dưới quyền một người dùng thường khi chạy bằng root)
help-shm-errors-eacces-mmap = 2.3 Một descriptor O_RDONLY được map với PROT_WRITE và MAP_SHARED: EACCES
help-shm-errors-race = 2.4 Các tiến trình cùng cộng vào một bộ đếm chung, không có khóa (mất cập nhật) hoặc có khóa (chính xác)
help-shm-errors-race-procs = Số tiến trình tăng bộ đếm (từ 1 đến 64)
help-shm-errors-race-iters = Số lần tăng của mỗi tiến trình (từ 1 đến 10000000)
help-shm-errors-race-lock = Thứ bảo vệ bộ đếm: không gì cả, một semaphore không tên dùng chung giữa các tiến trình, hoặc một pthread mutex dùng chung giữa các tiến trình
help-shm-errors-torn = 2.4 Một writer đặt len rồi chép buf trong khi một reader đọc chúng: các lần đọc bị rách, không có lần nào khi có semaphore
help-shm-errors-torn-records = Số bản ghi writer ghi (từ 1000 đến 1000000)
help-shm-errors-torn-lock = Thứ bảo vệ bản ghi: không gì cả, hoặc một semaphore không tên dùng chung giữa các tiến trình
help-shm-errors-deadlock = 2.5 Hai tiến trình lấy hai semaphore theo thứ tự ngược nhau; chờ có thời hạn giúp phát hiện deadlock
help-shm-errors-deadlock-fix = Tránh deadlock: một thứ tự khóa chung, hoặc trylock rồi chờ một khoảng ngẫu nhiên (back-off)
help-shm-errors-deadlock-timeout = Số giây một tiến trình chờ semaphore thứ hai trước khi coi đó là deadlock
help-shm-errors-dangling = 2.7 Bỏ lại một shm object và một semaphore, cho thấy chúng trong /dev/shm, rồi xóa chúng

## sem-demos
help-sem-demos = Semaphore có tên của POSIX: hai lỗi sem_open kinh điển, và bộ công cụ cho một semaphore
help-sem-demos-more =
    Semaphore có tên là một bộ đếm mà kernel giữ cho nhiều tiến trình (wait lấy một, post trả lại một, và wait bị chặn khi giá trị là 0). Linux hiện mỗi semaphore là /dev/shm/sem.NAME, và nó nằm đó đến khi bị unlink. `enoent` và `eexist` tái hiện hai lỗi kinh điển của sem_open.
help-sem-demos-enoent = 2.6 sem_open không có O_CREAT với một tên chưa tồn tại: ENOENT
help-sem-demos-eexist = 2.6 sem_open với O_CREAT|O_EXCL với một tên đã tồn tại: EEXIST
help-sem-demos-blocked = sem_wait trên một semaphore đang là 0: một tiến trình con ngủ (State: S) đến khi sem_post của tiến trình cha đánh thức nó
help-sem-demos-create = Tạo (hoặc mở) một semaphore có tên và để nó lại cho các lệnh khác
help-sem-demos-name = Tên semaphore, ví dụ demo_sem (lưu ở /dev/shm/sem.demo_sem)
help-sem-demos-create-value = Giá trị ban đầu (chỉ dùng khi semaphore được tạo mới)
help-sem-demos-create-exclusive = Báo lỗi EEXIST nếu semaphore đã tồn tại (O_EXCL)
help-sem-demos-create-mode = Các bit quyền, hệ 8
help-sem-demos-post = sem_post: cộng thêm một, đánh thức một tiến trình đang chờ
help-sem-demos-wait = sem_wait: lấy một, bị chặn khi giá trị là 0 (Ctrl-C để thôi chờ)
help-sem-demos-wait-timeout = Bỏ cuộc sau chừng này giây (sem_timedwait: ETIMEDOUT)
help-sem-demos-trywait = sem_trywait: lấy một nếu giá trị lớn hơn 0, nếu không thì báo lỗi EAGAIN ngay
help-sem-demos-value = sem_getvalue: in giá trị hiện tại
help-sem-demos-unlink = sem_unlink: xóa tên (các tiến trình đang mở nó vẫn dùng tiếp được)

## ipc-lab
help-ipc-lab = Học IPC trên Linux bằng cách chạy thử: một chuyến tham quan có hướng dẫn qua các bài học, công cụ để xem và dọn các IPC object trên máy này, và trình chấm điểm bài tập
help-ipc-lab-tour = Chạy các chương trình của bài học theo thứ tự của khóa học, giải thích từng bước
help-ipc-lab-tour-after =
    Mỗi bước chạy một chương trình thật của khóa học và in đúng câu lệnh, để bạn tự chạy lại được;
    mã thoát, kết quả và những gì nó đo được được đối chiếu với những gì bài học nói. Mọi object mà chuyến tham
    quan tạo ra đều được xóa khi kết thúc, kể cả khi nhấn Ctrl-C. Chỉ thoát với mã 0 khi mọi bước đều đúng.
help-ipc-lab-tour-lesson = Chỉ chạy bài 000 (shared memory) hoặc 003 (so sánh hàng đợi thông điệp và shared memory)
help-ipc-lab-tour-section = Với --lesson, chỉ chạy mục này: đánh số như bài học (3, 1.2, 2.4; 2 gồm 2.1 … 2.7), hoặc ex (bài tập của 000), table (bảng so sánh của 003), when (khi nào dùng gì, của 003)
help-ipc-lab-tour-json = Thay vào đó in một tài liệu JSON: mọi bước với mục, câu lệnh, quan sát và kết luận của nó
help-ipc-lab-ls = Liệt kê mọi IPC object System V và POSIX trên máy này
help-ipc-lab-ls-after =
    Đọc /proc/sysvipc/{"{"}shm,msg,sem{"}"}, /dev/shm và /dev/mqueue (khi đã mount); tiến trình nào đang dùng một
    object thì lấy từ /proc/*/maps và /proc/*/fd. Một object không còn tiến trình sống nào dùng là object bị bỏ
    quên: nó còn đó đến khi có người xóa (ipc-lab clean) hoặc máy khởi động lại.
help-ipc-lab-ls-json = In JSON (số là số, giá trị đúng/sai là boolean) thay cho bảng
help-ipc-lab-clean = Xóa các IPC object bạn chọn (không xóa gì khác)
help-ipc-lab-clean-after =
    Cần ít nhất một cách chọn: nếu không có, clean từ chối (mã thoát 2) thay vì đoán.
    Hãy thử --dry-run trước. Object được xóa bằng IPC_RMID, shm_unlink, sem_unlink hoặc mq_unlink.
help-ipc-lab-clean-dry-run = Cho thấy những gì sẽ bị xóa, không xóa gì
help-ipc-lab-clean-dangling = Chọn các object không còn tiến trình sống nào dùng (`ipc-lab ls` đánh dấu là bị bỏ quên)
help-ipc-lab-clean-name = Chọn các object có tên khớp với PATTERN (ký tự đại diện * và ?): một tên POSIX như '/demo*' hoặc một key System V như 0x1234abcd; lặp lại để chọn thêm. Khi có --dangling, object phải khớp cả hai. Khi /dev/mqueue chưa được mount thì không liệt kê được hàng đợi POSIX: chỉ một tên chính xác (không có ký tự đại diện, không có --dangling) mới tìm thấy nó
help-ipc-lab-limits = Xem các giới hạn của kernel ảnh hưởng tới bài học
help-ipc-lab-limits-after =
    Giá trị lấy từ /proc/sys/kernel, /proc/sys/fs/mqueue, getrlimit(RLIMIT_MSGQUEUE) và
    statvfs(/dev/shm). Phần lớn đổi được bằng sysctl -w với quyền root; RLIMIT_MSGQUEUE thì bằng ulimit -q.
help-ipc-lab-grade = Chấm điểm các bài tập (của bạn, hoặc lời giải mẫu)
help-ipc-lab-grade-after =
    Mỗi file bài tập được build bên ngoài cây thư mục của bài nộp (target/grade/) và được chạy từ bên ngoài bởi các bài kiểm tra nằm trong trình chấm: nhiều đầu vào, đầu vào lớn, tính chính xác khi máy bận, tín hiệu, và không để lại gì. Mỗi lần chạy có giới hạn thời gian và nhóm tiến trình riêng; object mà một lần chạy để lại sẽ bị xóa và bị trừ điểm.

    Mã thoát: 0 khi điểm đạt --min-score (mặc định: điểm tối đa), 1 nếu không đạt.

    Ví dụ:
      ipc-lab grade                                   exercises/ của bạn, cả sáu bài
      ipc-lab grade ex03 --solutions                  lời giải mẫu của ex03
      ipc-lab grade --submission ~/alice --format gradescope --output results.json
      ipc-lab grade --format junit --min-score 40 > grade.xml
      ipc-lab grade --class ~/submissions --output grades.csv   mỗi thư mục con một dòng
help-ipc-lab-grade-exercises = Các bài tập cần chấm (mặc định: tất cả), ví dụ `ex01 ex04`
help-ipc-lab-grade-solutions = Chấm lời giải mẫu (solutions/) thay cho exercises/
help-ipc-lab-grade-class = Chấm cả lớp: mỗi thư mục con của DIR là một bài nộp, chấm nhiều bài cùng lúc; ghi bảng điểm (CSV) vào --output FILE và một báo cáo JSON cho mỗi bài nộp. Bỏ qua các thư mục con ẩn
help-ipc-lab-grade-jobs = Số bài tập được chấm cùng lúc; với --class, số bài nộp (mặc định: số CPU)
help-ipc-lab-grade-reports = Với --class: thư mục chứa các báo cáo JSON của từng bài nộp (mặc định: cạnh bảng điểm, đặt tên theo nó: grades.csv → grades-reports/)
help-ipc-lab-grade-submission-limit = Với --class: số giây tối đa cho việc chấm một bài nộp trước khi bị dừng, và dòng của nó ghi rõ điều đó (mặc định: 10 phút cộng 10 × --time-limit cho mỗi bài tập)
help-ipc-lab-grade-submission = Chấm bản sao repository của một sinh viên (hoặc một thư mục chứa các file exNN.rs)
help-ipc-lab-grade-format = Định dạng kết quả
help-ipc-lab-grade-min-score = Thoát với mã 0 khi điểm đạt số điểm này (mặc định: điểm tối đa)
help-ipc-lab-grade-output = Ghi kết quả vào FILE thay vì stdout (với --class: bảng điểm, CSV)
help-ipc-lab-grade-time-limit = Số giây một lần chạy bình thường được phép chạy trước khi bị coi là treo và bị kill (các bài kiểm tra nặng nhất được gấp mấy lần); hãy tăng lên trên máy chậm hoặc đang bận
help-ipc-lab-grade-isolation = `auto`: mỗi lần chạy trong các namespace riêng nếu máy này cho phép, nếu không thì chạy trong namespace của máy, có theo dõi (trace), không có đặc quyền và bị giới hạn (có báo trên stderr). `required`: từ chối chấm khi không có namespace. `none`: không bao giờ dùng namespace (để thử cách dự phòng)
help-ipc-lab-trace = Chạy một chương trình và cho thấy các lời gọi IPC mà nó (và các tiến trình con) thực hiện, kèm giải thích
help-ipc-lab-trace-after =
    Ví dụ:
      ipc-lab trace -- ./target/debug/sysv-writer --message hi
      ipc-lab trace --output trace.txt -- cargo run -q -p posix-mq -- receive /jobs
help-ipc-lab-trace-output = Ghi kết quả theo dõi vào FILE thay vì stderr
help-ipc-lab-trace-command = Chương trình cần chạy, rồi đến các tham số của nó
help-ipc-lab-hint = Xem gợi ý cho một bài tập
help-ipc-lab-hint-exercise = Bài tập, ví dụ ex01 (`ipc-lab list` liệt kê tất cả)
help-ipc-lab-list = Liệt kê các bài tập và cho biết bài nào đã xong
help-ipc-lab-list-submission = Xem bản sao repository của một sinh viên thay cho bản này
help-ipc-lab-autograder = Tạo bộ chấm tự động cho một nền tảng chấm bài (Gradescope)
help-ipc-lab-autograder-gradescope = Bộ chấm tự động cho Gradescope: setup.sh, run_autograder và khóa học không kèm lời giải; nén zip rồi tải lên như DIR/README.md hướng dẫn. Sinh viên đọc kết quả bằng ngôn ngữ của --lang
help-ipc-lab-autograder-gradescope-output = Thư mục cần ghi (sẽ được tạo; bộ chấm cũ nằm ở đó sẽ bị thay thế)
help-ipc-lab-autograder-gradescope-time-limit = Số giây một lần chạy được phép trên máy của Gradescope trước khi bị coi là treo

## ipc-bench
help-ipc-bench = Đo trên máy này nhận định của bài học rằng shared memory là cơ chế IPC nhanh nhất
help-ipc-bench-more =
    Hai tiến trình, mỗi tiến trình gắn với một lõi CPU khác nhau, trao đổi thông điệp qua pipe, FIFO, Unix socket, hàng đợi thông điệp POSIX và System V, và shared memory (trao lượt bằng semaphore, ring buffer không khóa): độ trễ một chiều đo bằng ping-pong, thông lượng đo bằng truyền liên tục. Mỗi lần lặp đi kèm giới hạn phần cứng đo ngay trước nó: một cache line chuyền qua lại giữa hai lõi, và một bộ đệm được lõi kia chép ra.
help-ipc-bench-sizes = Các kích thước thông điệp, cách nhau bằng dấu phẩy (hậu tố K/KiB, M/MiB)
help-ipc-bench-only = Chỉ các cơ chế này (cách nhau bằng dấu phẩy)
help-ipc-bench-seconds = Số giây cho mỗi lần lặp của mỗi phép đo
help-ipc-bench-reps = Số lần lặp của mỗi phép đo (mỗi lần sau một phép đo mốc riêng)
help-ipc-bench-quick = Chạy thử nhanh: các lần lặp ngắn, cả lượt chạy dưới 5 giây
help-ipc-bench-csv = In CSV (mỗi lần lặp một dòng) thay cho bảng
help-ipc-bench-json = In JSON (mọi phép đo, các mục tiêu, các cảnh báo) thay cho bảng
help-ipc-bench-svg = Ghi thêm biểu đồ độ trễ và thông lượng theo kích thước vào FILE (SVG)
help-ipc-bench-explain = Thay vì đo thời gian: một thông điệp tốn bao nhiêu ở mỗi cơ chế, do kernel đếm (các system call và số byte chúng mang, /proc/PID/io, số lần chuyển ngữ cảnh, tính trên mỗi thông điệp)
