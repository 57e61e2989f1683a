//! Reading a file the run is given (a case, a template, a font, the logo, a word list):
//! a regular file only, within a stated size, so a device (`/dev/zero`), a FIFO or a
//! folder is refused at once with what it is, never read forever or waited on.

use std::io::Read;
use std::path::Path;

/// The largest case file, template or word list read (a long case is a few hundred KB).
pub const TEXT_LIMIT: u64 = 16 << 20;
/// The largest font or logo read (a CJK font is some tens of MB).
pub const BINARY_LIMIT: u64 = 64 << 20;

/// What a file that is not a regular one is, in words.
pub fn kind_of(meta: &std::fs::Metadata) -> &'static str {
    use std::os::unix::fs::FileTypeExt;
    let t = meta.file_type();
    if t.is_dir() {
        "a folder"
    } else if t.is_fifo() {
        "a FIFO"
    } else if t.is_char_device() || t.is_block_device() {
        "a device"
    } else if t.is_socket() {
        "a socket"
    } else {
        "not a regular file"
    }
}

/// The bytes of `path` if it is a regular file of at most `limit` bytes.
pub fn read_regular(path: &Path, limit: u64) -> std::io::Result<Vec<u8>> {
    let meta = std::fs::metadata(path)?;
    if !meta.is_file() {
        return Err(std::io::Error::other(format!(
            "it is {}, not a regular file",
            kind_of(&meta)
        )));
    }
    let too_big = || {
        std::io::Error::other(format!(
            "it is larger than {} MB, the most this program reads",
            limit >> 20
        ))
    };
    if meta.len() > limit {
        return Err(too_big());
    }
    let mut bytes = Vec::with_capacity(meta.len() as usize);
    std::fs::File::open(path)?
        .take(limit + 1)
        .read_to_end(&mut bytes)?;
    if bytes.len() as u64 > limit {
        return Err(too_big());
    }
    Ok(bytes)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn devices_folders_and_large_files_are_refused() {
        let e = read_regular(Path::new("/dev/zero"), 10).unwrap_err();
        assert!(e.to_string().contains("a device"), "{e}");
        let e = read_regular(Path::new("/"), 10).unwrap_err();
        assert!(e.to_string().contains("a folder"), "{e}");
        let dir = tempfile::tempdir().unwrap();
        let big = dir.path().join("big");
        std::fs::write(&big, vec![b'x'; 2 << 20]).unwrap();
        assert!(read_regular(&big, 1 << 20).is_err());
        assert_eq!(read_regular(&big, 4 << 20).unwrap().len(), 2 << 20);
    }
}
