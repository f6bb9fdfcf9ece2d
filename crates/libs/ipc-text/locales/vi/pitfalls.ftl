### Tiếng Việt: shared-memory pitfalls and semaphores: shm-errors, sem-demos.

## Báo cáo mà mọi demo lỗi in ra (ipc-support pitfall.rs), cả mq-errors.
pitfall-scenario = tình huống
pitfall-call = lời gọi
pitfall-errno = mã lỗi
pitfall-signal = tín hiệu
pitfall-observed = quan sát
pitfall-why = vì sao
pitfall-fix = cách sửa
pitfall-note = ghi chú
pitfall-result = kết quả
pitfall-not-reproduced = máy này không tái hiện được bài học: mong đợi { $expected }, nhận được { $got }
pitfall-success = thành công
pitfall-child-that = một tiến trình con { $end }
## Điều một demo mong đợi và nhận được khi máy này không tái hiện được nó.
shm-errors-race-nr-expected = mất cập nhật
shm-errors-race-nr-one-proc = không mất gì: một tiến trình đơn lẻ không thể tranh chấp (dùng --procs 2 trở lên)
shm-errors-race-nr-no-overlap = không mất gì: các tiến trình chưa bao giờ chạy chồng lên nhau trên máy này
shm-errors-race-no-start = các tiến trình con không khởi động trong vòng 10 s
shm-errors-race-child-died = nó { $end } trước khi cộng xong
shm-errors-race-not-excluded = tổng khi có khóa là { $got }, không phải { $expected }: khóa đã không loại trừ lẫn nhau
shm-errors-eacces-open-nr-root = lệnh mở O_RDWR của root thành công
shm-errors-eacces-open-nr-child = một tiến trình con chạy dưới một user không có đặc quyền
shm-errors-eacces-open-nr-drop-failed = việc hạ quyền thất bại
shm-errors-deadlock-nr-expected = cả hai tiến trình kẹt lại chờ nhau
shm-errors-deadlock-nr-states = trạng thái { $states } (1 = hết thời gian chờ, 2 = chạy xong, 3 = thất bại)
shm-errors-deadlock-no-first = không lấy lại được semaphore đầu tiên trong vòng 10 s
shm-errors-deadlock-not-finished = không phải cả hai tiến trình đều chạy xong: trạng thái { $states } (1 = hết thời gian chờ, 2 = chạy xong, 3 = thất bại)
shm-errors-dangling-nr-child = một tiến trình con tạo hai object rồi thoát
shm-errors-dangling-nr-listed = cả hai object vẫn còn trong /dev/shm
shm-errors-dangling-nr-count = { $count } trên 2
shm-errors-dangling-nr-gone = cả hai object biến mất sau unlink
shm-errors-dangling-nr-still = một object vẫn còn trong danh sách
shm-errors-sigbus-nr-expected = một tiến trình con bị tín hiệu SIGBUS kết thúc
shm-errors-sigbus-nr-fixed = lệnh ghi chạy được sau ftruncate
## shm-errors sigbus
shm-errors-sigbus-created = đã tạo { $path } bằng shm_open và KHÔNG gọi ftruncate: kích thước là { $size } byte
shm-errors-sigbus-mapped = mmap { $size } byte vẫn thành công: kích thước chỉ được kiểm tra khi chạm vào một trang
shm-errors-sigbus-scenario = Một tiến trình con ghi vào vùng map của { $name }, một object chưa bao giờ được đặt kích thước.
shm-errors-sigbus-call = ghi vào byte 0 của mmap(NULL, { $size }, PROT_READ|PROT_WRITE, MAP_SHARED, fd, 0), trong tiến trình con pid { $pid }
shm-errors-sigbus-why =
    Object shared memory mới có kích thước 0. mmap chấp nhận mọi độ dài, nhưng trang nằm
    sau cuối object không có bộ nhớ nào phía sau, nên lần truy cập đầu tiên gây SIGBUS
    (không phải SIGSEGV: địa chỉ đã được map, chỉ là object quá ngắn). Tiến trình cha thấy điều đó qua waitpid.
shm-errors-sigbus-fix =
    Gọi ftruncate(fd, size) sau shm_open và trước mmap, và kiểm tra kết quả;
    sau đó posix_fallocate(fd, 0, size) giữ trước các trang nhớ, nên /dev/shm đầy sẽ là ENOSPC ở đó,
    không phải SIGBUS về sau; bên đọc nên fstat object và không map quá st_size.
shm-errors-sigbus-fixed = đã sửa: sau ftruncate({ $name }, { $size }) lệnh ghi đó chạy được; đọc lại "{ $text }"
## shm-errors eacces-open
shm-errors-eacces-open-created = đã tạo { $path } với mode 0400 (chỉ đọc, kể cả với chủ sở hữu)
shm-errors-eacces-open-scenario = { $who } mở { $name }, được tạo với mode 0400, bằng O_RDWR.
shm-errors-eacces-open-why =
    shm_open kiểm tra các bit quyền của object trong /dev/shm giống như open(2) kiểm tra file:
    O_RDWR cần quyền ghi cho người gọi, mà 0400 không cho ai quyền ghi.
shm-errors-eacces-open-fix =
    Tạo object với mode mà người dùng của nó cần (0600 cho riêng bạn, 0660 cho một nhóm),
    hoặc mở O_RDONLY khi chỉ cần đọc. Tránh 0666: mọi user đều ghi được.
shm-errors-eacces-open-root-ok = với root, shm_open(O_RDWR) object 0400 đó THÀNH CÔNG: root không bị kiểm tra
shm-errors-eacces-open-dropped = tiến trình con: đã hạ xuống uid { $uid }, gid { $gid } (setgroups, setgid rồi setuid) và thử lại
shm-errors-eacces-open-root-why =
    Vì sao root không gặp lỗi: root có CAP_DAC_OVERRIDE, bỏ qua kiểm tra quyền file.
    Kernel chỉ áp mode 0400 lên user thường, như tiến trình con đã cho thấy.
## shm-errors eacces-mmap
shm-errors-eacces-mmap-opened = đã mở { $path } với O_RDONLY
shm-errors-eacces-mmap-scenario = Một descriptor của { $name } mở O_RDONLY được map với PROT_WRITE và MAP_SHARED.
shm-errors-eacces-mmap-why =
    Vùng map chia sẻ ghi được sẽ ghi thẳng vào object, nên mmap đòi descriptor
    được mở để ghi. Việc kiểm tra nằm ở descriptor, không ở mode của file:
    root cũng bị lỗi này.
shm-errors-eacces-mmap-fix =
    Mở O_RDWR khi cần PROT_WRITE; bên đọc chỉ map với PROT_READ
    (hoặc MAP_PRIVATE nếu muốn một bản nháp riêng, copy-on-write).
shm-errors-eacces-mmap-fixed = đã sửa: PROT_READ trên descriptor O_RDONLY chạy được, và PROT_WRITE trên descriptor O_RDWR chạy được
## shm-errors race
shm-errors-race-start = lần thử { $attempt }: { $procs } tiến trình, mỗi tiến trình cộng 1 vào một bộ đếm chung { $iters } lần, không khóa
shm-errors-race-start-locked = { $procs } tiến trình, mỗi tiến trình cộng 1 vào một bộ đếm chung { $iters } lần, dùng { $lock }
shm-errors-race-result = mong đợi { $expected }, nhận được { $got }: mất { $lost } lần cập nhật
shm-errors-race-scenario = { $procs } tiến trình chạy counter = counter + 1 trên một bộ đếm trong shared memory, mỗi tiến trình { $iters } lần, không khóa.
shm-errors-race-call = counter = counter + 1 (một lần đọc, rồi một lần ghi) không khóa
shm-errors-race-lost = mất { $lost } trên { $expected } lần cập nhật ({ $percent }%)
shm-errors-race-why =
    Shared memory không tự đồng bộ. Hai tiến trình đọc cùng một giá trị,
    mỗi bên cộng 1, và lần ghi thứ hai đè lên lần thứ nhất: một lần cộng biến mất.
    Kernel không giúp gì, và không có lỗi nào được báo.
shm-errors-race-fix =
    Bảo vệ thao tác cập nhật bằng một khóa nằm trong shared memory: một sem_t khởi tạo
    bằng sem_init(sem, 1, 1), hoặc pthread mutex với PTHREAD_PROCESS_SHARED
    (shm-errors race --lock semaphore | --lock mutex). Với một bộ đếm đơn lẻ, phép cộng atomic cũng được.
shm-errors-race-none-lost = lần này không mất cập nhật nào: các tiến trình hầu như không chạy chồng lên nhau (CPU đang bận việc khác, hoặc lần chạy quá ngắn); thử lại với số lần cộng gấp mười
shm-errors-race-with-semaphore = một semaphore không tên trong vùng map (sem_init pshared=1; sem_wait/sem_post quanh mỗi lần cập nhật)
shm-errors-race-with-mutex = một pthread mutex trong vùng map (PTHREAD_PROCESS_SHARED; lock/unlock quanh mỗi lần cập nhật)
shm-errors-race-exact = chính xác: khóa cho phép mỗi lúc chỉ một tiến trình đọc và ghi
## shm-errors deadlock
shm-errors-deadlock-plan = tiến trình A lấy { $first } rồi { $second }; tiến trình B lấy { $second } rồi { $first }
shm-errors-deadlock-plan-order = sửa bằng thứ tự: cả hai tiến trình lấy { $first } trước, rồi { $second }
shm-errors-deadlock-plan-trylock = sửa bằng trylock: A lấy { $first } rồi { $second }; B lấy { $second }, rồi chỉ THỬ lấy { $first }, nếu thất bại thì trả khóa { $second } và chờ một lúc rồi thử lại (back-off)
shm-errors-deadlock-process = tiến trình { $process } là pid { $pid }: lấy { $first }, rồi { $second }
shm-errors-deadlock-stuck = tiến trình { $process }: giữ { $held }, chờ { $wanted }; bỏ cuộc sau { $seconds } giây
shm-errors-deadlock-scenario = Hai tiến trình, mỗi bên giữ một semaphore và chờ cái mà bên kia đang giữ.
shm-errors-deadlock-why =
    Mỗi tiến trình chờ một semaphore mà chỉ bên kia mới post được, và bên kia cũng đang
    chờ: một vòng tròn. sem_wait sẽ chặn cả hai mãi mãi; kernel không phát hiện deadlock
    giữa các semaphore. Ở đây chỉ có lần chờ có hạn (sem_timedwait) phá được vòng tròn.
shm-errors-deadlock-fix =
    Lấy khóa theo một thứ tự chung ở mọi nơi (luôn sem1 trước sem2): --fix order.
    Hoặc lấy cái thứ hai bằng sem_trywait và, nếu thất bại, trả khóa thứ nhất rồi thử lại
    sau khi chờ một khoảng ngắn, tăng gấp đôi mỗi lần (back-off): --fix trylock. Chờ có hạn giúp phát hiện phần còn lại.
shm-errors-deadlock-rounds = tiến trình { $process }: { $rounds } vòng giữ cả hai semaphore, { $backoffs } lần chờ rồi thử lại (back-off)
shm-errors-deadlock-fixed-order = không deadlock: với một thứ tự khóa, cả hai tiến trình chạy xong { $rounds } vòng
shm-errors-deadlock-fixed-trylock = không deadlock: chờ rồi thử lại (back-off) đã phá vòng tròn chờ nhau, cả hai tiến trình chạy xong { $rounds } vòng
shm-errors-deadlock-clean = cả hai tiến trình đã kết thúc và được thu dọn (reap); cả hai semaphore đã bị xóa
## shm-errors dangling
shm-errors-dangling-exited = tiến trình { $pid } đã tạo một object shm và một semaphore, dùng chúng, rồi thoát mà không unlink; /dev/shm giờ cho thấy:
shm-errors-dangling-call = exit() mà không gọi shm_unlink({ $shm }) hay sem_unlink({ $sem })
shm-errors-dangling-scenario = Một tiến trình tạo { $shm } và { $sem } rồi kết thúc mà không gọi shm_unlink hay sem_unlink.
shm-errors-dangling-observed = cả hai object vẫn tồn tại sau khi tiến trình { $pid }, nơi tạo ra chúng, đã kết thúc
shm-errors-dangling-why =
    POSIX shared memory và semaphore có tên là các file trong /dev/shm (một tmpfs, nằm trong RAM).
    Một tên tồn tại đến khi bị unlink hoặc máy khởi động lại, dù còn tiến trình nào dùng
    hay không; bộ nhớ chỉ được giải phóng khi tên đã mất và không ai còn map nó.
shm-errors-dangling-fix =
    Unlink khi người dùng cuối cùng xong việc (một guard hoặc handler lúc thoát, chạy cả khi
    lỗi và khi Ctrl-C). Dọn bằng tay: rm { $shm_path } { $sem_path } (hoặc shm_unlink/sem_unlink).
shm-errors-dangling-gone = cả hai đã biến mất khỏi /dev/shm
## sem-demos
sem-demos-enoent-scenario = Mở semaphore { $name } không có O_CREAT; { $path } không tồn tại.
sem-demos-enoent-why =
    Không có O_CREAT, sem_open chỉ mở semaphore đã có (glibc tìm
    /dev/shm/sem.NAME); không có, nên nó thất bại với ENOENT.
sem-demos-enoent-fix =
    Tạo nó trước: sem_open(name, O_CREAT, 0600, value), trong chương trình chạy
    đầu tiên, hoặc truyền O_CREAT ở mọi nơi nếu tiến trình nào cũng có thể chạy trước.
sem-demos-eexist-created = đã tạo { $name } ({ $path }) với O_CREAT|O_EXCL
sem-demos-eexist-scenario = Tạo lại { $name } với O_CREAT|O_EXCL trong khi { $path } đã tồn tại.
sem-demos-eexist-why =
    O_EXCL đòi một semaphore MỚI: nếu tên đã có, sem_open thất bại với EEXIST
    thay vì mở nó. Thường thì cái "đã có" là do một lần chạy trước bỏ lại, không gọi
    sem_unlink.
sem-demos-eexist-fix =
    Bỏ O_EXCL để dùng chung semaphore đã có; giữ nó để chắc chắn bắt đầu từ đầu, và
    khi đó hãy sem_unlink cái cũ trước (hoặc rm /dev/shm/sem.NAME).
sem-demos-create-created = đã tạo { $name } với giá trị { $value } ({ $path })
sem-demos-create-opened = { $name } đã tồn tại, đã mở nó; giá trị { $value } ({ $path })
sem-demos-post-done = đã post { $name }: giá trị giờ là { $value }
sem-demos-wait-waiting = đang chờ { $name } (giá trị { $value }); hãy post từ một terminal khác, hoặc nhấn Ctrl-C
sem-demos-wait-done = đã lấy một từ { $name }: giá trị giờ là { $value }
sem-demos-wait-timeout-hint = không ai post kịp; thử: sem-demos post { $name }
sem-demos-trywait-hint = giá trị là 0, nên sem_trywait thất bại ngay, trong khi sem_wait sẽ chặn; thử: sem-demos post { $name }
sem-demos-value = giá trị của { $name }: { $value }
sem-demos-unlink-enoent = không có { $path }; xem những gì đang có bằng: ls /dev/shm
