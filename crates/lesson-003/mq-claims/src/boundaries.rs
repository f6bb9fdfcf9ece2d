//! 003 §1: "Dữ liệu được truyền dưới dạng các thông điệp có cấu trúc." A pipe carries a
//! stream of bytes: three writes come out of one read, glued together, with nothing to say
//! where one ended. A queue carries messages: three sends come out as three receives, each
//! whole, each with its own length (POSIX and System V alike).

use ipc_support::pitfall::not_reproduced;
use ipc_support::{Cleanup, Context, Result, call};
use ipc_sys::ipc::{IpcFlags, SysvKey};
use ipc_sys::msg::{MsgFlags, msgget, msgrcv, msgsnd};
use ipc_text::t;
use nix::errno::Errno;
use nix::mqueue::{MQ_OFlag, mq_receive, mq_send};
use nix::sys::stat::Mode;

use crate::new_queue;

const PIECES: [&str; 3] = ["one", "two", "three"];
const BUF: usize = 64;

/// The pieces as one line: `"one" | "two" | "three"`.
fn shown(pieces: &[Vec<u8>]) -> String {
    pieces
        .iter()
        .map(|p| format!("\"{}\"", String::from_utf8_lossy(p)))
        .collect::<Vec<_>>()
        .join(" | ")
}

/// Three writes, then reads until end of file: what each read returned.
fn pipe() -> Result<Vec<Vec<u8>>> {
    let (rx, tx) = nix::unistd::pipe().context(|| call!("pipe"))?;
    for piece in PIECES {
        nix::unistd::write(&tx, piece.as_bytes())
            .context(|| call!("write", "pipe", piece.len()))?;
    }
    // No writer left: once the bytes are read, read() returns 0 (end of file).
    drop(tx);
    let mut reads = Vec::new();
    let mut buf = [0u8; BUF];
    loop {
        let n = nix::unistd::read(&rx, &mut buf).context(|| call!("read", "pipe", BUF))?;
        if n == 0 {
            return Ok(reads);
        }
        reads.push(buf[..n].to_vec());
    }
}

/// Three mq_send, then mq_receive until the queue is empty (EAGAIN, O_NONBLOCK).
fn posix_queue() -> Result<Vec<Vec<u8>>> {
    let (name, queue, _unlink) =
        new_queue(4, i64::try_from(BUF).unwrap_or(64), MQ_OFlag::O_NONBLOCK)?;
    for piece in PIECES {
        mq_send(&queue, piece.as_bytes(), 0)
            .context(|| call!("mq_send", name, format!("{} bytes", piece.len())))?;
    }
    let mut received = Vec::new();
    let mut buf = [0u8; BUF];
    loop {
        let mut priority = 0;
        match mq_receive(&queue, &mut buf, &mut priority) {
            Ok(n) => received.push(buf[..n].to_vec()),
            Err(Errno::EAGAIN) => return Ok(received),
            Err(e) => return Err(e).context(|| call!("mq_receive", name, BUF)),
        }
    }
}

/// Three msgsnd, then msgrcv until the queue is empty (ENOMSG, IPC_NOWAIT).
fn sysv_queue() -> Result<Vec<Vec<u8>>> {
    let mode = Mode::S_IRUSR | Mode::S_IWUSR;
    let id = msgget(SysvKey::PRIVATE, IpcFlags::IPC_CREAT, mode)
        .context(|| call!("msgget", "IPC_PRIVATE", (IpcFlags::IPC_CREAT, mode)))?;
    let _remove = Cleanup::sysv_msg(id);
    for piece in PIECES {
        msgsnd(id, 1, piece.as_bytes(), MsgFlags::empty())
            .context(|| call!("msgsnd", id, format!("type 1, {} bytes", piece.len())))?;
    }
    let mut received = Vec::new();
    let mut buf = [0u8; BUF];
    loop {
        match msgrcv(id, &mut buf, 0, MsgFlags::IPC_NOWAIT) {
            Ok((_, n)) => received.push(buf[..n].to_vec()),
            Err(Errno::ENOMSG) => return Ok(received),
            Err(e) => return Err(e).context(|| call!("msgrcv", id, BUF, 0, MsgFlags::IPC_NOWAIT)),
        }
    }
}

pub fn run() -> Result<()> {
    let sent: Vec<Vec<u8>> = PIECES.iter().map(|p| p.as_bytes().to_vec()).collect();
    println!(
        "{}",
        t!("mq-claims-boundaries-sent", messages = shown(&sent))
    );
    let reads = pipe()?;
    println!(
        "{}",
        t!(
            "mq-claims-boundaries-pipe",
            reads = reads.len(),
            got = shown(&reads)
        )
    );
    let posix = posix_queue()?;
    println!(
        "{}",
        t!(
            "mq-claims-boundaries-posix",
            receives = posix.len(),
            got = shown(&posix)
        )
    );
    let sysv = sysv_queue()?;
    println!(
        "{}",
        t!(
            "mq-claims-boundaries-sysv",
            receives = sysv.len(),
            got = shown(&sysv)
        )
    );
    let glued: Vec<u8> = sent.concat();
    // One read held all the bytes, glued: the stream kept no trace of the three writes.
    let stream = reads.len() == 1 && reads.concat() == glued;
    if stream && posix == sent && sysv == sent {
        println!("{}", t!("mq-claims-boundaries-done"));
        return Ok(());
    }
    Err(not_reproduced(
        "boundaries",
        &t!("mq-claims-boundaries-expected"),
        &t!(
            "mq-claims-boundaries-got",
            reads = reads.len(),
            posix = posix.len(),
            sysv = sysv.len()
        ),
    ))
}
