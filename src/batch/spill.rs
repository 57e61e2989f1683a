//! Many names in sorted order without holding them all: up to [`CHUNK`] names are sorted in
//! memory; more are written out in sorted runs to an unnamed temporary file (gone when the
//! run ends, however it ends) and merged as they are read back.
//!
//! A folder of 100,000 case files thus costs one chunk while it is listed and a few
//! buffers while it is read, not 100,000 strings. Reading can start over any number of
//! times (a batch reads its list twice).

use std::cmp::Reverse;
use std::collections::BinaryHeap;
use std::fs::File;
use std::io::{self, BufWriter, Write};
use std::ops::Range;

/// Names sorted in memory at a time.
pub const CHUNK: usize = 8192;

/// Bytes read from a run at a time.
const BUFFER: usize = 8192;

/// Names, sorted.
#[derive(Debug, Default)]
pub struct SortedNames {
    /// The names while they fit in one chunk; afterwards the chunk being filled.
    memory: Vec<String>,
    spill: Option<File>,
    /// Byte range of each sorted run in the spill file.
    runs: Vec<Range<u64>>,
    written: u64,
    count: usize,
}

impl SortedNames {
    pub fn len(&self) -> usize {
        self.count
    }

    pub fn is_empty(&self) -> bool {
        self.count == 0
    }

    /// Adds a name (at most 65,535 bytes, as file names are).
    pub fn push(&mut self, name: String) -> io::Result<()> {
        if name.len() > usize::from(u16::MAX) {
            return Err(io::Error::other("a file name longer than 65,535 bytes"));
        }
        self.memory.push(name);
        self.count += 1;
        if self.memory.len() >= CHUNK {
            self.write_run()?;
        }
        Ok(())
    }

    /// Sorts what is in memory and, once there is a spill file, writes it as a run.
    pub fn finish(&mut self) -> io::Result<()> {
        if self.spill.is_some() && !self.memory.is_empty() {
            self.write_run()
        } else {
            self.memory.sort_unstable();
            Ok(())
        }
    }

    fn write_run(&mut self) -> io::Result<()> {
        self.memory.sort_unstable();
        if self.spill.is_none() {
            self.spill = Some(tempfile::tempfile()?);
        }
        let file = self.spill.as_ref().expect("a spill file");
        let start = self.written;
        let mut out = BufWriter::with_capacity(64 * 1024, file);
        for name in self.memory.drain(..) {
            out.write_all(&(name.len() as u16).to_le_bytes())?;
            out.write_all(name.as_bytes())?;
            self.written += 2 + name.len() as u64;
        }
        out.flush()?;
        self.runs.push(start..self.written);
        self.memory = Vec::new();
        Ok(())
    }

    /// The names in order.
    pub fn iter(&self) -> Names<'_> {
        let mut heap = BinaryHeap::new();
        let mut readers = Vec::new();
        if let Some(file) = &self.spill {
            for run in &self.runs {
                readers.push(RunReader {
                    file,
                    next: run.start,
                    end: run.end,
                    buf: Vec::new(),
                    at: 0,
                });
            }
        }
        let mut names = Names {
            memory: self.memory.iter(),
            readers,
            heap: BinaryHeap::new(),
            failed: None,
        };
        for i in 0..names.readers.len() {
            match names.readers[i].next_name() {
                Ok(Some(name)) => heap.push(Reverse((name, i))),
                Ok(None) => {}
                Err(e) => names.failed = Some(e),
            }
        }
        names.heap = heap;
        names
    }
}

/// The names of a [`SortedNames`], in order.
pub struct Names<'a> {
    memory: std::slice::Iter<'a, String>,
    readers: Vec<RunReader<'a>>,
    heap: BinaryHeap<Reverse<(String, usize)>>,
    failed: Option<io::Error>,
}

impl Iterator for Names<'_> {
    type Item = io::Result<String>;

    fn next(&mut self) -> Option<io::Result<String>> {
        if let Some(e) = self.failed.take() {
            self.heap.clear();
            return Some(Err(e));
        }
        if self.readers.is_empty() {
            return self.memory.next().cloned().map(Ok);
        }
        let Reverse((name, i)) = self.heap.pop()?;
        match self.readers[i].next_name() {
            Ok(Some(next)) => self.heap.push(Reverse((next, i))),
            Ok(None) => {}
            Err(e) => self.failed = Some(e),
        }
        Some(Ok(name))
    }
}

/// Reads one run's names back, a buffer at a time.
struct RunReader<'a> {
    file: &'a File,
    /// File offset of the first byte not yet in `buf`.
    next: u64,
    end: u64,
    buf: Vec<u8>,
    at: usize,
}

impl RunReader<'_> {
    /// Makes `n` bytes available at `buf[at..]`; false at the end of the run.
    fn fill(&mut self, n: usize) -> io::Result<bool> {
        if self.buf.len() - self.at >= n {
            return Ok(true);
        }
        self.buf.drain(..self.at);
        self.at = 0;
        while self.buf.len() < n && self.next < self.end {
            let want = (self.end - self.next).min(BUFFER.max(n) as u64) as usize;
            let old = self.buf.len();
            self.buf.resize(old + want, 0);
            read_exact_at(self.file, &mut self.buf[old..], self.next)?;
            self.next += want as u64;
        }
        Ok(self.buf.len() >= n)
    }

    fn next_name(&mut self) -> io::Result<Option<String>> {
        if !self.fill(2)? {
            return Ok(None);
        }
        let len = usize::from(u16::from_le_bytes([
            self.buf[self.at],
            self.buf[self.at + 1],
        ]));
        if !self.fill(2 + len)? {
            return Err(io::Error::other("a list of case files was cut short"));
        }
        let bytes = self.buf[self.at + 2..self.at + 2 + len].to_vec();
        self.at += 2 + len;
        String::from_utf8(bytes)
            .map(Some)
            .map_err(|_| io::Error::other("a list of case files was damaged"))
    }
}

#[cfg(unix)]
fn read_exact_at(file: &File, buf: &mut [u8], offset: u64) -> io::Result<()> {
    std::os::unix::fs::FileExt::read_exact_at(file, buf, offset)
}

#[cfg(windows)]
fn read_exact_at(file: &File, mut buf: &mut [u8], mut offset: u64) -> io::Result<()> {
    while !buf.is_empty() {
        let n = std::os::windows::fs::FileExt::seek_read(file, buf, offset)?;
        if n == 0 {
            return Err(io::ErrorKind::UnexpectedEof.into());
        }
        buf = &mut buf[n..];
        offset += n as u64;
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn names(n: usize) -> Vec<String> {
        // A fixed shuffle of n names of varied lengths.
        (0..n)
            .map(|i| (i * 7919) % n)
            .map(|k| format!("CM{:02}-{k:07}{}.toml", k % 100, "x".repeat(k % 5)))
            .collect()
    }

    #[test]
    fn small_and_spilled_lists_come_back_sorted_every_time() {
        for n in [0, 1, 5, CHUNK - 1, CHUNK, CHUNK + 1, 3 * CHUNK + 17] {
            let mut list = SortedNames::default();
            for name in names(n) {
                list.push(name).unwrap();
            }
            list.finish().unwrap();
            let mut expected = names(n);
            expected.sort();
            assert_eq!(list.len(), n);
            for _ in 0..2 {
                let back: Vec<String> = list.iter().map(Result::unwrap).collect();
                assert!(back == expected, "{n} names");
            }
            assert_eq!(list.spill.is_some(), n >= CHUNK, "{n}");
        }
    }
}
