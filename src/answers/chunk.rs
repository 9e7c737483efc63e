//! A table's rows in chunks of input as read, for threads to decode. The
//! reader only finds where the last whole row of a block ends — at its
//! last line break when the block holds no quote, otherwise by walking its
//! rows with csv-core's rules — so splitting cells and checking text is
//! done by whichever thread decodes the chunk, not by the one reading. A
//! row or line too long to hold is read by the reader itself, bounded as
//! [`CsvCells`](super::cells::CsvCells) bounds it, and comes alone in its
//! chunk. Decoding a chunk gives exactly the rows reading the stream row by
//! row gives: the same lines, cells, bounds and text checks.

use std::io::{self, Read};

use memchr::{memchr, memchr_iter, memchr2_iter, memchr3, memrchr, memrchr2};

use super::cells::{MAX_CELL_BYTES, MAX_ROW_BYTES, RecordParser, Row, RowView};

/// How many bytes of input a chunk is filled with, unless told otherwise.
pub const CHUNK_BYTES: usize = 256 * 1024;

/// A row or line is held whole in a chunk only below this many bytes;
/// longer ones are read (and bounded) by the reader.
const HELD: usize = MAX_ROW_BYTES + 1;

/// A chunk holds at most this many rows (and blank lines).
const MAX_ROWS: usize = 4096;

/// How much of the input a long row is read in at a time.
const BLOCK: usize = 64 * 1024;

/// Whole rows of input, as read.
#[derive(Debug, Default)]
pub struct Chunk {
    /// Whole rows (CSV records or lines), and the blank lines among them.
    raw: Vec<u8>,
    /// The line of the input `raw` starts on.
    first_line: u64,
    /// A row too long to hold, instead of `raw`.
    long: Option<Long>,
    /// Bytes of the input read once the chunk was filled, for a progress
    /// bar.
    pub bytes_read: u64,
}

#[derive(Debug)]
enum Long {
    /// A CSV row, parsed with its bounds.
    Row(Box<Row>),
    /// A JSON Lines line: where it is and its length without the newline.
    Line { line: u64, length: usize },
}

/// One JSON Lines line of a [`Chunk`].
#[derive(Debug, Clone, Copy)]
pub struct LineView<'a> {
    /// The line's number in the input.
    pub line: u64,
    /// Its length in bytes, without the newline.
    pub length: usize,
    /// Its text, if it is UTF-8 and at most [`MAX_ROW_BYTES`] long.
    pub text: Option<&'a str>,
}

/// What a thread decoding CSV chunks keeps from row to row.
#[derive(Default)]
pub struct RowScratch {
    parser: RecordParser,
    row: Row,
    ends: Vec<usize>,
}

impl Chunk {
    pub fn clear(&mut self) {
        self.raw.clear();
        self.long = None;
    }

    /// Calls `f` with each CSV row, in input order, keeping at most `keep`
    /// cells of each; an error from `f` stops it.
    pub fn each_row<E>(
        &self,
        scratch: &mut RowScratch,
        keep: usize,
        mut f: impl FnMut(RowView<'_>) -> Result<(), E>,
    ) -> Result<(), E> {
        if let Some(Long::Row(row)) = &self.long {
            return f(row.view());
        }
        let raw = &self.raw[..];
        let (mut at, mut line) = (0, self.first_line);
        loop {
            // Blank lines between rows are skipped; a row starts on the
            // line of its first byte.
            while let Some(&byte @ (b'\n' | b'\r')) = raw.get(at) {
                line += u64::from(byte == b'\n');
                at += 1;
            }
            if at == raw.len() {
                return Ok(());
            }
            let rest = &raw[at..];
            let plain = match memchr3(b'"', b'\n', b'\r', rest) {
                Some(end) if rest[end] != b'"' => Some(end),
                Some(_) => None,
                // The last row of the input, without a line break.
                None => Some(rest.len()),
            };
            match plain {
                // Without quotes a record is its cells and commas; a long
                // one goes the general way, which bounds its cells.
                Some(end) if end <= MAX_CELL_BYTES => {
                    f(RowView::split(&rest[..end], line, keep, &mut scratch.ends))?;
                    at += end;
                }
                _ => {
                    let RowScratch { parser, row, .. } = scratch;
                    parser.start(row, line);
                    let (mut used, done) = parser.feed(row, rest, keep);
                    if !done {
                        // The chunk ends where the input did.
                        used += parser.feed(row, &[], keep).0;
                    }
                    line += newlines(&rest[..used]);
                    at += used;
                    f(row.view())?;
                }
            }
        }
    }

    /// Calls `f` with each JSON Lines line that is not blank, in input
    /// order; an error from `f` stops it.
    pub fn each_line<E>(&self, mut f: impl FnMut(LineView<'_>) -> Result<(), E>) -> Result<(), E> {
        if let Some(Long::Line { line, length }) = self.long {
            return f(LineView {
                line,
                length,
                text: None,
            });
        }
        let mut line = self.first_line;
        let mut rest = &self.raw[..];
        while !rest.is_empty() {
            let end = memchr(b'\n', rest).unwrap_or(rest.len());
            let bytes = &rest[..end];
            rest = rest.get(end + 1..).unwrap_or_default();
            let text = std::str::from_utf8(bytes)
                .ok()
                .filter(|_| bytes.len() <= MAX_ROW_BYTES);
            if !text.is_some_and(|t| t.trim().is_empty()) {
                f(LineView {
                    line,
                    length: bytes.len(),
                    text,
                })?;
            }
            line += 1;
        }
        Ok(())
    }
}

fn newlines(bytes: &[u8]) -> u64 {
    memchr_iter(b'\n', bytes).count() as u64
}

/// Reads a table's input into [`Chunk`]s of whole rows.
pub struct ChunkReader<R: Read> {
    input: R,
    /// CSV records (else JSON Lines lines).
    csv: bool,
    /// How many cells of a CSV row are kept.
    keep: usize,
    /// Bytes read after the last whole row handed out.
    carry: Vec<u8>,
    /// The line `carry` starts on.
    line: u64,
    /// Bytes handed out.
    bytes: u64,
    eof: bool,
    /// Finds where quoted records end, and reads long ones.
    parser: RecordParser,
    row: Row,
}

impl<R: Read> ChunkReader<R> {
    /// CSV records from `input`, `carry` read from it already (on `line`,
    /// after `bytes` bytes), keeping `keep` cells of a row.
    pub fn csv(input: R, carry: Vec<u8>, line: u64, bytes: u64, keep: usize) -> Self {
        ChunkReader {
            input,
            csv: true,
            keep,
            carry,
            line,
            bytes,
            eof: false,
            parser: RecordParser::default(),
            row: Row::default(),
        }
    }

    /// JSON Lines lines from `input`.
    pub fn lines(input: R) -> Self {
        ChunkReader {
            csv: false,
            ..ChunkReader::csv(input, Vec::new(), 1, 0, 0)
        }
    }

    /// Bytes of the input handed out in chunks, for a progress bar.
    pub fn bytes_read(&self) -> u64 {
        self.bytes
    }

    /// Fills `chunk` with the next whole rows, about `bytes` bytes of them
    /// (at least one row, unless the input ends first); false once the
    /// input is all read. After a read error the chunk holds the whole rows
    /// read before it.
    pub fn fill(&mut self, chunk: &mut Chunk, bytes: usize) -> io::Result<bool> {
        chunk.clear();
        chunk.first_line = self.line;
        chunk.raw.append(&mut self.carry);
        let mut want = bytes.max(1);
        loop {
            let read = self.read_to(&mut chunk.raw, want);
            let end = match read {
                Ok(()) if self.eof => chunk.raw.len(),
                _ => self.last_end(&chunk.raw),
            };
            let mut lines = newlines(&chunk.raw[..end]);
            let end = match self.capped(&chunk.raw, end, lines) {
                cut if cut < end => {
                    lines = newlines(&chunk.raw[..cut]);
                    cut
                }
                _ => end,
            };
            if end > 0 || read.is_err() || self.eof {
                self.carry.extend_from_slice(&chunk.raw[end..]);
                chunk.raw.truncate(end);
                self.line += lines;
                self.bytes += end as u64;
                chunk.bytes_read = self.bytes;
                read?;
                return Ok(!(self.eof && self.carry.is_empty()));
            }
            if chunk.raw.len() >= HELD {
                return self.long(chunk);
            }
            // One row longer than asked for: read on to its end.
            want = (chunk.raw.len() * 2).min(HELD);
        }
    }

    /// Reads until `raw` holds `want` bytes or the input ends.
    fn read_to(&mut self, raw: &mut Vec<u8>, want: usize) -> io::Result<()> {
        if raw.len() >= want || self.eof {
            return Ok(());
        }
        let asked = want - raw.len();
        let got = (&mut self.input).take(asked as u64).read_to_end(raw)?;
        self.eof = got < asked;
        Ok(())
    }

    /// Where the last whole row of `raw` ends (0: none does).
    fn last_end(&mut self, raw: &[u8]) -> usize {
        if !self.csv {
            return memrchr(b'\n', raw).map_or(0, |i| i + 1);
        }
        if memchr(b'"', raw).is_none() {
            return memrchr2(b'\n', b'\r', raw).map_or(0, |i| i + 1);
        }
        self.walk(raw, usize::MAX).0
    }

    /// Where the `MAX_ROWS`th row of `raw[..end]` ends, if it holds more,
    /// else `end`: a chunk of tiny rows (each of them bad, each with a
    /// message) holds no more of them than a chunk of real rows would.
    /// `lines` is how many `\n` `raw[..end]` holds (its reader counts them
    /// anyway).
    fn capped(&mut self, raw: &[u8], end: usize, lines: u64) -> usize {
        let raw = &raw[..end];
        // Counting is far cheaper than finding each break: most chunks
        // hold fewer.
        let breaks = lines as usize
            + if self.csv {
                memchr_iter(b'\r', raw).count()
            } else {
                0
            };
        if breaks <= MAX_ROWS {
            return end;
        }
        let cut = if !self.csv {
            memchr_iter(b'\n', raw).nth(MAX_ROWS - 1)
        } else if memchr(b'"', raw).is_none() {
            memchr2_iter(b'\n', b'\r', raw).nth(MAX_ROWS - 1)
        } else {
            match self.walk(raw, MAX_ROWS) {
                (at, true) => Some(at - 1),
                (_, false) => None,
            }
        };
        cut.map_or(end, |i| i + 1)
    }

    /// Walks the records of `raw` (and the blank lines between them),
    /// csv-core deciding where one with a quote ends, as quotes may hold
    /// line breaks: where the last whole one ends, stopping after `limit`
    /// of them (then true).
    fn walk(&mut self, raw: &[u8], limit: usize) -> (usize, bool) {
        let (mut at, mut ended) = (0, 0);
        while ended < limit {
            let rest = &raw[at..];
            let Some(next) = memchr3(b'"', b'\n', b'\r', rest) else {
                return (at, false);
            };
            if rest[next] != b'"' {
                at += next + 1;
            } else {
                self.parser.start(&mut self.row, 0);
                match self.parser.feed(&mut self.row, rest, 0) {
                    (used, true) => at += used,
                    (_, false) => return (at, false),
                }
            }
            ended += 1;
        }
        (at, true)
    }

    /// Reads a row or line that `chunk` holds the start of and that is too
    /// long to hold, into the chunk alone.
    fn long(&mut self, chunk: &mut Chunk) -> io::Result<bool> {
        let mut raw = std::mem::take(&mut chunk.raw);
        let (mut line, mut start) = (self.line, 0);
        if self.csv {
            while let Some(&byte @ (b'\n' | b'\r')) = raw.get(start) {
                line += u64::from(byte == b'\n');
                start += 1;
            }
        }
        let mut row = Box::new(Row::default());
        self.parser.start(&mut row, line);
        let mut length = raw.len() - start;
        let (mut used, mut done) = if self.csv {
            self.parser.feed(&mut row, &raw[start..], self.keep)
        } else {
            (length, false)
        };
        line += newlines(&raw[start..start + used]);
        let mut consumed = start + used;
        let mut rest = raw[consumed..].to_vec();
        let mut block = vec![0; BLOCK];
        while !done {
            let got = match self.input.read(&mut block) {
                Ok(got) => got,
                Err(e) if e.kind() == io::ErrorKind::Interrupted => continue,
                Err(e) => return Err(e),
            };
            self.eof = got == 0;
            let block = &block[..got];
            if self.csv {
                (used, done) = self.parser.feed(&mut row, block, self.keep);
                line += newlines(&block[..used]);
            } else {
                let newline = memchr(b'\n', block);
                used = newline.map_or(got, |i| i + 1);
                length += newline.unwrap_or(got);
                line += u64::from(newline.is_some());
                done = newline.is_some() || got == 0;
            }
            consumed += used;
            rest = block[used..].to_vec();
        }
        chunk.long = Some(if self.csv {
            Long::Row(row)
        } else {
            Long::Line {
                line: self.line,
                length,
            }
        });
        raw.clear();
        chunk.raw = raw;
        self.line = line;
        self.bytes += consumed as u64;
        self.carry = rest;
        chunk.bytes_read = self.bytes;
        Ok(!(self.eof && self.carry.is_empty()))
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::answers::cells::{CsvCells, Oversize};
    use proptest::prelude::*;

    /// A row as seen: line, cells, bound, whether text, kept cells.
    type Seen = (u64, usize, Option<Oversize>, bool, Vec<String>);

    fn seen(row: RowView<'_>) -> Seen {
        let cells = row.iter().map(str::to_string).collect();
        (row.line, row.cells, row.oversize, row.is_text(), cells)
    }

    /// The rows as read one at a time from the stream.
    fn streamed(input: &[u8], keep: usize) -> (Vec<Seen>, u64) {
        let mut reader = CsvCells::new(input);
        let mut row = Row::default();
        let mut all = Vec::new();
        while reader.read_row(&mut row, keep).unwrap() {
            all.push(seen(row.view()));
        }
        (all, reader.bytes_read())
    }

    /// The rows as read in chunks of about `bytes` and decoded.
    fn chunked(input: &[u8], keep: usize, bytes: usize) -> (Vec<Seen>, u64) {
        let mut reader = ChunkReader::csv(input, Vec::new(), 1, 0, keep);
        let (mut chunk, mut scratch, mut all) =
            (Chunk::default(), RowScratch::default(), Vec::new());
        loop {
            let more = reader.fill(&mut chunk, bytes).unwrap();
            chunk
                .each_row(&mut scratch, keep, |row| {
                    all.push(seen(row));
                    Ok::<(), ()>(())
                })
                .unwrap();
            if !more {
                return (all, reader.bytes_read());
            }
        }
    }

    fn lines(input: &[u8], bytes: usize) -> Vec<(u64, usize, Option<String>)> {
        let mut reader = ChunkReader::lines(input);
        let (mut chunk, mut all) = (Chunk::default(), Vec::new());
        loop {
            let more = reader.fill(&mut chunk, bytes).unwrap();
            chunk
                .each_line(|l| {
                    all.push((l.line, l.length, l.text.map(str::to_string)));
                    Ok::<(), ()>(())
                })
                .unwrap();
            if !more {
                assert_eq!(reader.bytes_read(), input.len() as u64);
                return all;
            }
        }
    }

    /// Lines as the contract says: numbered from 1, blank ones skipped,
    /// text only if UTF-8 and not too long.
    fn lines_expected(input: &[u8]) -> Vec<(u64, usize, Option<String>)> {
        let mut parts: Vec<&[u8]> = input.split(|&b| b == b'\n').collect();
        if input.ends_with(b"\n") || input.is_empty() {
            parts.pop();
        }
        parts
            .into_iter()
            .enumerate()
            .filter_map(|(i, l)| {
                let text = std::str::from_utf8(l)
                    .ok()
                    .filter(|_| l.len() <= MAX_ROW_BYTES);
                if text.is_some_and(|t| t.trim().is_empty()) {
                    return None;
                }
                Some((i as u64 + 1, l.len(), text.map(str::to_string)))
            })
            .collect()
    }

    fn bytes_from(alphabet: &'static [&'static [u8]]) -> impl Strategy<Value = Vec<u8>> {
        prop::collection::vec(prop::sample::select(alphabet), 0..300)
            .prop_map(|parts| parts.concat())
    }

    const CSV_BYTES: &[&[u8]] = &[
        b"a",
        b"bc",
        b",",
        b",",
        b"\"",
        b"\"\"",
        b"\n",
        b"\r",
        b"\r\n",
        b"\xc3\xa9",
        b"\xff",
    ];

    proptest! {
        #![proptest_config(ProptestConfig::with_cases(400))]

        /// Chunks of any size decode to exactly the rows read one at a
        /// time: quotes holding line breaks, blank lines, bare `\r`, cells
        /// past `keep` and text that is not UTF-8 included.
        #[test]
        fn chunks_give_the_rows_the_stream_gives(input in bytes_from(CSV_BYTES), keep in 0usize..6, bytes in 1usize..64) {
            prop_assert_eq!(chunked(&input, keep, bytes), streamed(&input, keep));
        }

        #[test]
        fn lines_in_chunks_are_the_input_lines(input in bytes_from(&[b"{", b"x", b" ", b"\r", b"\n", b"\n", b"\xff", b"\xc3\xa9"]), bytes in 1usize..64) {
            prop_assert_eq!(lines(&input, bytes), lines_expected(&input));
        }
    }

    #[test]
    fn rows_too_long_to_hold_are_read_bounded_and_the_rest_follow() {
        let cell = "y".repeat(MAX_CELL_BYTES);
        let cases = [
            // Quoted, with line breaks, over what a chunk holds.
            format!("a,\"{}\nz\"\nnext,1\n", "q".repeat(HELD + 10)),
            // Many cells, no quotes, over the row's bound.
            format!("{}\r\nnext,2", vec![cell.as_str(); 20].join(",")),
            // A long cell after a long run of blank lines.
            format!(
                "{}x,{}\nlast,3\n",
                "\n".repeat(HELD + 5),
                "c".repeat(HELD * 2)
            ),
            // Unclosed quote: the rest of the input is one row.
            format!("p,1\n\"{}", "u\n".repeat(HELD)),
            // Empty quoted cells: long input, little text.
            format!("{}\nend,4\n", vec!["\"\""; HELD / 2].join(",")),
        ];
        for input in cases {
            for bytes in [1000, CHUNK_BYTES] {
                let (got, read) = chunked(input.as_bytes(), 4, bytes);
                let (want, all) = streamed(input.as_bytes(), 4);
                assert_eq!(got, want, "{bytes}");
                assert_eq!(read, all);
                assert!(
                    got.iter().any(|r| r.2.is_some() || r.1 > 4),
                    "{:?}",
                    got.iter().map(|r| (r.0, r.1, r.2)).collect::<Vec<_>>()
                );
            }
        }
    }

    #[test]
    fn a_line_too_long_to_hold_is_counted_not_kept() {
        let input = format!("{{}}\n{}\n\n{{\"a\":1}}", " ".repeat(HELD + BLOCK * 3));
        for bytes in [10, CHUNK_BYTES] {
            assert_eq!(
                lines(input.as_bytes(), bytes),
                [
                    (1, 2, Some("{}".to_string())),
                    (2, HELD + BLOCK * 3, None),
                    (4, 7, Some("{\"a\":1}".to_string())),
                ]
            );
        }
    }

    /// Gives `good` and then fails.
    struct Failing<'a>(&'a [u8]);

    impl Read for Failing<'_> {
        fn read(&mut self, buf: &mut [u8]) -> io::Result<usize> {
            if self.0.is_empty() {
                return Err(io::Error::other("gone"));
            }
            let n = buf.len().min(self.0.len());
            buf[..n].copy_from_slice(&self.0[..n]);
            self.0 = &self.0[n..];
            Ok(n)
        }
    }

    #[test]
    fn a_read_error_leaves_the_whole_rows_before_it() {
        let mut reader = ChunkReader::csv(Failing(b"a,1\nb,\"2\n3\"\nc,par"), Vec::new(), 1, 0, 4);
        let (mut chunk, mut scratch) = (Chunk::default(), RowScratch::default());
        let err = reader.fill(&mut chunk, CHUNK_BYTES).unwrap_err();
        assert_eq!(err.to_string(), "gone");
        let mut got = Vec::new();
        chunk
            .each_row(&mut scratch, 4, |row| {
                got.push(seen(row));
                Ok::<(), ()>(())
            })
            .unwrap();
        assert_eq!(
            got.iter().map(|r| (r.0, r.4.join("|"))).collect::<Vec<_>>(),
            [(1, "a|1".to_string()), (2, "b|2\n3".to_string())]
        );
        assert_eq!(reader.bytes_read(), 12);
    }

    #[test]
    fn a_chunk_holds_at_most_so_many_rows() {
        for (csv, input) in [
            (true, "x\n".repeat(MAX_ROWS * 3 + 5)),
            (true, "\"q\"\r".repeat(MAX_ROWS * 2 + 1)),
            (false, "{}\n".repeat(MAX_ROWS * 2 + 7)),
        ] {
            let mut reader = if csv {
                ChunkReader::csv(input.as_bytes(), Vec::new(), 1, 0, 2)
            } else {
                ChunkReader::lines(input.as_bytes())
            };
            let (mut chunk, mut scratch, mut counts) =
                (Chunk::default(), RowScratch::default(), Vec::new());
            loop {
                let more = reader.fill(&mut chunk, CHUNK_BYTES).unwrap();
                let mut rows = 0;
                if csv {
                    chunk
                        .each_row(&mut scratch, 2, |_| {
                            rows += 1;
                            Ok::<(), ()>(())
                        })
                        .unwrap();
                } else {
                    chunk
                        .each_line(|_| {
                            rows += 1;
                            Ok::<(), ()>(())
                        })
                        .unwrap();
                }
                counts.push(rows);
                if !more {
                    break;
                }
            }
            assert!(counts.iter().all(|&n| n <= MAX_ROWS), "{counts:?}");
            let total = input.matches(['\n', '\r']).count();
            assert_eq!(counts.iter().sum::<usize>(), total);
        }
    }
}
