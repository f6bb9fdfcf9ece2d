//! The message a writer puts in shared memory and the text a reader shows from it, shared by
//! the System V and the POSIX lesson pairs.

use std::io::{BufRead, IsTerminal, Read, Write};

use nix::errno::Errno;

use crate::args::MAX_OBJECT_SIZE;
use crate::error::{IpcError, Result};
use crate::region::CText;
use crate::text::{text, text_with};

/// The message to write: `given` (from `--message`), else one line from stdin, as the
/// lesson's `fgets` reads it, without its line ending. A terminal gets the lesson's prompt.
pub fn message_or_stdin_line(given: Option<String>) -> Result<Vec<u8>> {
    if let Some(message) = given {
        return Ok(message.into_bytes());
    }
    let stdin = std::io::stdin();
    if stdin.is_terminal() {
        print!("{}", text("shm.prompt"));
        let _ = std::io::stdout().flush();
    }
    let mut line = Vec::new();
    // Bounded: a line longer than any segment is refused later anyway.
    let limit = MAX_OBJECT_SIZE as u64 + 2;
    stdin
        .lock()
        .take(limit)
        .read_until(b'\n', &mut line)
        .map_err(|e| {
            IpcError::sys(
                "read(stdin)",
                Errno::from_raw(e.raw_os_error().unwrap_or(0)),
            )
        })?;
    if line.is_empty() {
        return Err(
            IpcError::refused("message", text("shm.no-message")).hint(text("shm.no-message.hint"))
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
    found
        .lossy()
        .chars()
        .map(|c| {
            if c.is_control() {
                c.escape_default().to_string()
            } else {
                c.to_string()
            }
        })
        .collect()
}

/// The warning a reader prints when the region held no NUL byte at all.
pub fn no_nul_warning(region_len: usize) -> String {
    text_with("shm.no-nul", &[&region_len])
}

#[cfg(test)]
mod tests {
    use super::*;

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
    fn warning_names_the_size() {
        crate::text::set_lang(crate::text::Lang::En);
        assert!(no_nul_warning(1024).contains("1024"));
    }
}
