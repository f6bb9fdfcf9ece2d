//! The text a writer puts in shared memory and a reader shows from it, as the lesson's C
//! programs do: a C string at offset 0, never past the memory's end, and never trusted.

use std::borrow::Cow;
use std::io::{BufRead, IsTerminal, Read, Write};
use std::sync::atomic::{Ordering, fence};

use ipc_sys::shared::SharedBytes;
use ipc_text::t;
use nix::errno::Errno;

use crate::args::MAX_OBJECT_SIZE;
use crate::error::{Context, IpcError, Result};

/// Text read from shared memory as a C string: the bytes before the first NUL.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CText {
    pub bytes: Vec<u8>,
    /// False when the memory held no NUL at all: the writer did not end its string.
    pub terminated: bool,
}

impl CText {
    /// The text for printing; invalid UTF-8 shows as U+FFFD.
    pub fn lossy(&self) -> Cow<'_, str> {
        String::from_utf8_lossy(&self.bytes)
    }
}

/// Reads the C string at offset 0: never past the end, stopping at the first NUL.
///
/// Its first byte is read first, alone: `write_c_string` stores it last, so a first byte
/// that is not NUL means the whole text is there, and an empty text means a writer has not
/// written it yet (or wrote an empty one).
pub fn read_c_string(shared: &SharedBytes) -> CText {
    let mut first = [0u8; 1];
    if shared.read(0, &mut first).is_err() || first[0] == 0 {
        return CText {
            bytes: Vec::new(),
            terminated: !shared.is_empty() && !shared.vanished(),
        };
    }
    // The rest is read after the first byte (it pairs with the writer's fence).
    fence(Ordering::SeqCst);
    let (bytes, terminated) = shared.read_until_nul(0);
    CText { bytes, terminated }
}

/// Whether `text` fits in `capacity` bytes as a C string (text, then its NUL, at offset 0).
/// Writers call it before creating anything, so a refused message leaves nothing behind;
/// `write_c_string` calls it again against the real size of the memory.
pub fn check_fits(text: &[u8], capacity: usize) -> Result<()> {
    if text.contains(&0) {
        return Err(IpcError::refused(
            "message",
            ipc_text::t!("core-message-nul"),
        ));
    }
    if text.len() >= capacity {
        return Err(IpcError::refused(
            format!("message of {} bytes", text.len()),
            t!(
                "core-message-too-long",
                capacity = capacity,
                room = capacity.saturating_sub(1)
            ),
        )
        .hint(t!("core-message-too-long-hint", size = (text.len() + 1))));
    }
    Ok(())
}

/// Writes `text` and its terminating NUL at offset 0, as `strcpy` would. Refuses text that
/// does not fit (it is never truncated) or that holds a NUL itself.
///
/// The first byte goes in last: it is NUL while the rest is written, so a reader that comes
/// in between sees an empty text, never a text cut short (see `read_c_string`).
pub fn write_c_string(shared: &SharedBytes, text: &[u8]) -> Result<()> {
    check_fits(text, shared.len())?;
    let mut c_string = Vec::with_capacity(text.len() + 1);
    c_string.extend_from_slice(text);
    c_string.push(0);
    let (first, rest) = c_string.split_at(1);
    let written = shared.write(0, &[0]).and_then(|()| {
        fence(Ordering::SeqCst);
        shared.write(1, rest)?;
        fence(Ordering::SeqCst);
        shared.write(0, first)
    });
    written.map_err(|e| match e {
        Errno::EACCES => IpcError::refused("write", ipc_text::t!("core-region-read-only")),
        e => IpcError::sys("write", e),
    })
}

/// The message to write: `given` (from `--message`), else one line from stdin, as the
/// lesson's `fgets` reads it, without its line ending. A terminal gets the lesson's prompt.
/// `given` is taken as the bytes it is, as C would: UTF-8 or not.
pub fn message_or_stdin_line(given: Option<std::ffi::OsString>) -> Result<Vec<u8>> {
    if let Some(message) = given {
        return Ok(std::os::unix::ffi::OsStringExt::into_vec(message));
    }
    let stdin = std::io::stdin();
    if stdin.is_terminal() {
        print!("{}", t!("shm-prompt"));
        let _ = std::io::stdout().flush();
    }
    let mut line = Vec::new();
    // Bounded: a line longer than any segment is refused later anyway.
    let limit = u64::try_from(MAX_OBJECT_SIZE).map_or(u64::MAX, |max| max + 2);
    stdin
        .lock()
        .take(limit)
        .read_until(b'\n', &mut line)
        .context(|| "read(stdin)".to_string())?;
    if line.is_empty() {
        return Err(
            IpcError::refused("message", t!("shm-no-message")).hint(t!("shm-no-message-hint"))
        );
    }
    if line.last() == Some(&b'\n') {
        line.pop();
        if line.last() == Some(&b'\r') {
            line.pop();
        }
    }
    Ok(line)
}

/// Text read from shared memory made safe to print: invalid UTF-8 becomes U+FFFD and control
/// characters (a hostile writer's terminal escapes, say) are shown escaped, e.g. `\u{1b}`.
pub fn printable(found: &CText) -> String {
    escape_controls(&found.lossy())
}

/// `text` with its control characters (newlines, terminal escapes) shown escaped, so it
/// prints as one harmless line.
pub fn escape_controls(text: &str) -> String {
    text.chars()
        .map(|c| {
            if c.is_control() {
                c.escape_default().to_string()
            } else {
                c.to_string()
            }
        })
        .collect()
}

/// The warning a reader prints when the memory held no NUL byte at all.
pub fn no_nul_warning(len: usize) -> String {
    t!("shm-no-nul", size = len)
}

#[cfg(test)]
mod tests {
    use super::*;
    use ipc_sys::mman::mmap_anonymous;
    use nix::sys::mman::{MapFlags, ProtFlags};

    fn memory(len: usize) -> ipc_sys::mman::Mapping {
        let rw = ProtFlags::PROT_READ | ProtFlags::PROT_WRITE;
        mmap_anonymous(len, rw, MapFlags::MAP_SHARED).unwrap()
    }

    #[test]
    fn a_c_string_goes_in_and_comes_back() {
        let m = memory(16);
        write_c_string(&m, b"hello").unwrap();
        assert_eq!(
            read_c_string(&m),
            CText {
                bytes: b"hello".to_vec(),
                terminated: true
            }
        );
    }

    #[test]
    fn text_that_does_not_fit_is_refused_not_truncated() {
        ipc_text::set_lang(ipc_text::Lang::EN);
        let m = memory(8);
        // 8 bytes of text need 9 with the NUL.
        let err = write_c_string(&m, b"12345678").unwrap_err();
        assert!(err.to_string().contains("at most 7 bytes"), "{err}");
        assert!(err.to_string().contains("--size 9"), "{err}");
        assert_eq!(read_c_string(&m).bytes, b"");
        write_c_string(&m, b"1234567").unwrap();
        assert!(write_c_string(&m, b"a\0b").is_err());
    }

    #[test]
    fn memory_without_a_nul_is_read_to_its_end_only() {
        let m = memory(4);
        m.write(0, b"abcd").unwrap();
        let t = read_c_string(&m);
        assert_eq!((t.bytes.as_slice(), t.terminated), (&b"abcd"[..], false));
    }

    #[test]
    fn printable_escapes_controls_and_bad_utf8() {
        let t = CText {
            bytes: b"hi\x1b[2J\xff!".to_vec(),
            terminated: false,
        };
        assert_eq!(printable(&t), "hi\\u{1b}[2J\u{fffd}!");
        let plain = CText {
            bytes: "xin chào".as_bytes().to_vec(),
            terminated: true,
        };
        assert_eq!(printable(&plain), "xin chào");
    }

    #[test]
    fn the_warning_names_the_size() {
        ipc_text::set_lang(ipc_text::Lang::EN);
        assert!(no_nul_warning(1024).contains("1024"));
    }
}
