### Tiếng Việt: message queues: posix-mq, sysv-msg, mq-errors.

mq-errors-result-reproduced = đã tái hiện: máy này làm đúng như bài học mô tả
mq-errors-result-not-reproduced = KHÔNG tái hiện được: { $reason }
mq-errors-reason-succeeded = { $call } thành công thay vì thất bại với { $expected }
mq-errors-reason-other-errno = { $call } thất bại với { $got }, không phải { $expected }
mq-errors-reason-setup = không dựng được tình huống: { $error }
mq-errors-summary = tổng kết: tái hiện được { $reproduced }/{ $total } lỗi
mq-errors-summary-missed = không tái hiện được: { $names }
mq-errors-eagain-full-title = 1.1 EAGAIN: gửi vào hàng đợi đã đầy mà không chờ
mq-errors-eagain-full-scenario = hàng đợi { $name } chứa tối đa { $capacity } thông điệp. Nó được mở với O_WRONLY|O_NONBLOCK, gửi { $capacity } thông điệp rồi gửi thêm một cái nữa.
mq-errors-eagain-full-why = với O_NONBLOCK, mq_send không bao giờ ngủ chờ: khi mq_curmsgs đã bằng mq_maxmsg, Linux trả về -1 ngay và đặt errno là EAGAIN. Nếu descriptor ở chế độ chặn (blocking), tiến trình gửi sẽ ngủ cho tới khi có bên nhận lấy bớt thông điệp.
mq-errors-eagain-full-fix = cho một tiến trình nhận lấy bớt thông điệp, tạo hàng đợi với mq_maxmsg lớn hơn (tối đa /proc/sys/fs/mqueue/msg_max), coi EAGAIN là 'thử lại sau' và thử lại với thời gian chờ tăng dần, hoặc chờ có giới hạn bằng mq_timedsend.
mq-errors-eagain-empty-title = 1.2 EAGAIN: nhận từ hàng đợi rỗng mà không chờ
mq-errors-eagain-empty-scenario = một tiến trình ghi tạo hàng đợi { $name } nhưng không gửi gì. Tiến trình đọc mở nó với O_RDONLY|O_NONBLOCK rồi gọi mq_receive.
mq-errors-eagain-empty-why = với O_NONBLOCK, mq_receive không bao giờ ngủ chờ: khi hàng đợi rỗng (mq_curmsgs = 0), Linux trả về -1 ngay và đặt errno là EAGAIN. Descriptor ở chế độ chặn sẽ ngủ cho tới khi có thông điệp đến.
mq-errors-eagain-empty-fix = dùng chế độ chặn (mở không có O_NONBLOCK), chờ có hạn bằng mq_timedreceive, hoặc chờ descriptor sẵn sàng để đọc bằng poll/select/epoll (trên Linux descriptor của hàng đợi là một file descriptor) rồi mới nhận; coi EAGAIN là 'chưa có gì'.
mq-errors-emsgsize-title = 1.3 EMSGSIZE: thông điệp dài hơn mq_msgsize, và bộ đệm ngắn hơn nó
mq-errors-emsgsize-scenario = hàng đợi { $name } nhận thông điệp dài tối đa { $msgsize } byte. Gửi một thông điệp { $big } byte; sau đó có một thông điệp ngắn đang chờ và mq_receive được đưa bộ đệm { $buffer } byte.
mq-errors-emsgsize-why = mq_msgsize được cố định khi tạo hàng đợi, và kernel từ chối thông điệp dài hơn bằng EMSGSIZE chứ không cắt bớt. mq_receive từ chối mọi bộ đệm ngắn hơn mq_msgsize, kể cả khi thông điệp đang chờ vừa đủ chỗ, vì bộ đệm phải chứa được bất kỳ thông điệp nào hàng đợi có thể trả về.
mq-errors-emsgsize-fix = đọc mq_msgsize bằng mq_getattr; chia dữ liệu lớn thành các phần không quá kích thước đó; luôn nhận vào bộ đệm mq_msgsize byte (posix-mq receive làm như vậy).
mq-errors-enoent-title = 1.4 ENOENT: mở một hàng đợi không tồn tại
mq-errors-enoent-scenario = gọi mq_open({ $name }, O_RDONLY) không có O_CREAT, trong khi chưa tiến trình nào tạo { $name }.
mq-errors-enoent-why = không có O_CREAT, mq_open chỉ tra tên trong hệ thống file mqueue của kernel; tên không có ở đó nên lời gọi thất bại với ENOENT. Thường là do tiến trình đọc chạy trước tiến trình ghi, hoặc hai chương trình viết tên khác nhau (thiếu dấu '/' ở đầu, gõ nhầm).
mq-errors-enoent-fix = chạy tiến trình tạo hàng đợi trước, hoặc mở với O_CREAT và cùng thuộc tính ở cả hai phía; so sánh tên (ls /dev/mqueue, sau khi root chạy mount -t mqueue none /dev/mqueue).
mq-errors-ebadf-title = 1.5 EBADF: dùng descriptor sai chiều
mq-errors-ebadf-scenario = hàng đợi { $name } được mở hai lần: O_WRONLY cho bên ghi, O_RDONLY cho bên đọc. Sau đó descriptor của bên ghi lại đi nhận, còn descriptor của bên đọc lại đi gửi.
mq-errors-ebadf-step-receive = mq_receive qua descriptor O_WRONLY
mq-errors-ebadf-step-send = mq_send qua descriptor O_RDONLY
mq-errors-ebadf-why = mỗi descriptor giữ chế độ truy cập lúc được mở. mq_receive cần quyền đọc, mq_send cần quyền ghi; descriptor không có quyền đó không hợp lệ cho lời gọi ấy, nên kernel trả EBADF.
mq-errors-ebadf-fix = mở đúng chế độ bạn dùng: O_RDONLY để nhận, O_WRONLY để gửi, O_RDWR nếu cần cả hai.
mq-errors-limits-title = 1.6 EINVAL / EMFILE / ENOSPC: vượt giới hạn của kernel
mq-errors-limits-scenario = máy này có msg_max={ $msg_max }, msgsize_max={ $msgsize_max }, queues_max={ $queues_max } (/proc/sys/fs/mqueue) và RLIMIT_MSGQUEUE mềm { $soft } / cứng { $hard } byte; CAP_SYS_RESOURCE: { $cap }. Chương trình xin tạo ba hàng đợi, mỗi cái vượt đúng một giới hạn.
mq-errors-limits-cap-yes = có
mq-errors-limits-cap-no = không
mq-errors-limits-unlimited = không giới hạn
mq-errors-limits-step-maxmsg = mq_maxmsg { $asked }: nhiều hơn một so với { $allowed } thông điệp tiến trình này được phép ({ $bound })
mq-errors-limits-step-msgsize = mq_msgsize { $asked }: nhiều hơn một so với { $allowed } byte tiến trình này được phép ({ $bound })
mq-errors-limits-bound-proc = /proc/sys/fs/mqueue, vì tiến trình này không có CAP_SYS_RESOURCE
mq-errors-limits-bound-hard = trần cứng của kernel, vì CAP_SYS_RESOURCE bỏ qua giới hạn trong /proc
mq-errors-limits-step-rlimit = một hàng đợi { $maxmsg } x { $msgsize } byte (giữ khoảng { $reserved } byte) sau khi hạ RLIMIT_MSGQUEUE mềm của tiến trình này xuống { $lowered } byte; giới hạn được trả lại như cũ ngay sau đó
mq-errors-limits-why = mq_open kiểm tra thuộc tính trước: không có CAP_SYS_RESOURCE thì mq_maxmsg lớn hơn msg_max hoặc mq_msgsize lớn hơn msgsize_max đều là EINVAL (có quyền này thì chỉ còn trần 65536 thông điệp và 16 MiB). Sau đó số byte hàng đợi mới giữ (mq_maxmsg x mq_msgsize cộng phần quản lý của kernel) được cộng vào tổng các hàng đợi người dùng này đang giữ; vượt RLIMIT_MSGQUEUE thì kết quả là EMFILE, không phải ENOSPC dù tên gọi dễ gây nhầm. ENOSPC xảy ra khi cả máy đã có queues_max hàng đợi.
mq-errors-limits-fix = xin thuộc tính nằm trong giới hạn; unlink các hàng đợi không còn dùng (hàng đợi giữ số byte của nó cho tới khi bị unlink và đóng hết); với quyền root, nâng giới hạn (sysctl fs.mqueue.msg_max=128 fs.mqueue.msgsize_max=65536 fs.mqueue.queues_max=512) hoặc RLIMIT_MSGQUEUE (ulimit -q, /etc/security/limits.conf).
mq-errors-limits-enospc = ENOSPC chỉ được giải thích, không tái hiện: cần tới { $queues_max } hàng đợi trên toàn máy (tính cả của người dùng khác), việc đó sẽ làm phiền mọi người.
mq-errors-limits-enospc-cap = ENOSPC không thể xảy ra với tiến trình này: CAP_SYS_RESOURCE bỏ qua queues_max ({ $queues_max }).
## posix-mq and sysv-msg
posix-mq-limits-hint = không có CAP_SYS_RESOURCE thì một hàng đợi chứa tối đa { $msg_max } thông điệp (/proc/sys/fs/mqueue/msg_max), mỗi thông điệp tối đa { $msgsize_max } byte (msgsize_max): hãy xin ít hơn, hoặc tăng giới hạn với quyền root (sysctl fs.mqueue.msg_max=N)
posix-mq-existed = { $name } đã có sẵn: mở nguyên trạng, { $maxmsg } thông điệp mỗi cái { $msgsize } byte (mq_open bỏ qua thuộc tính khi hàng đợi đã tồn tại)
posix-mq-created = đã tạo { $name }: tối đa { $maxmsg } thông điệp, mỗi cái { $msgsize } byte, mode { $mode }
posix-mq-stays = hàng đợi còn đó cho đến khi bạn xóa nó: posix-mq unlink { $name }
posix-mq-sent = đã gửi { $size } byte vào { $name } với độ ưu tiên { $priority }
posix-mq-attr-maxmsg = số thông điệp tối đa nó chứa
posix-mq-attr-msgsize = độ dài tối đa của một thông điệp, tính bằng byte (bộ đệm nhận cần ít nhất chừng này)
posix-mq-attr-curmsgs = số thông điệp đang chờ
posix-mq-attr-flags = O_NONBLOCK thuộc về từng descriptor, không thuộc về hàng đợi
posix-mq-attr-unmounted = { $path } khi đã mount một hệ thống file mqueue ở đó (root: { $command })
posix-mq-unlinked = đã unlink { $name } (tiến trình nào còn mở nó vẫn dùng được cho đến khi đóng)
sysv-msg-demo-removed = đã xóa hàng đợi
sysv-msg-sent = đã gửi { $size } byte, kiểu { $mtype }, vào msqid { $msqid } (key { $key }); { $waiting } thông điệp đang chờ
sysv-msg-stays = hàng đợi còn đó cho đến khi bạn xóa nó: sysv-msg rm --key { $key }
sysv-msg-no-error-note = lưu ý: văn bản lấp đầy bộ đệm { $size } byte; MSG_NOERROR có thể đã cắt phần còn lại (phần đó bị mất)
sysv-msg-stat-title = hàng đợi thông điệp msqid { $msqid }, key { $key }
sysv-msg-stat-owner = uid { $uid } gid { $gid } (người tạo: uid { $cuid } gid { $cgid })
sysv-msg-stat-qnum = số thông điệp đang chờ
sysv-msg-stat-cbytes = số byte văn bản đang chờ
sysv-msg-stat-qbytes = số byte văn bản tối đa hàng đợi chứa (quá thì msgsnd phải chờ)
sysv-msg-stat-lspid = tiến trình gửi gần nhất
sysv-msg-stat-lrpid = tiến trình nhận gần nhất
sysv-msg-stat-stime = lần msgsnd gần nhất
sysv-msg-stat-rtime = lần msgrcv gần nhất
sysv-msg-stat-ctime = lần thay đổi gần nhất
sysv-msg-stat-never = chưa bao giờ
sysv-msg-removed = đã xóa hàng đợi thông điệp msqid { $msqid } (key { $key })
