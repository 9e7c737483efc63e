//! CSV rows read with a bound on every cell. A class spreadsheet is
//! untrusted: one cell can hold megabytes (a paste gone wrong, or on
//! purpose), and a reader that builds each record whole would hold it all.
//! This one (on `csv-core`, the parser under the `csv` crate, with its
//! rules: `,` between cells, `"` quoting, blank lines skipped, a byte order
//! mark ignored) keeps at most [`MAX_CELL_BYTES`] of a cell and
//! [`MAX_ROW_BYTES`] of a row, and only counts the rest, so memory stays
//! the same whatever a cell holds.

use std::io::{self, Read};

/// The most bytes one CSV cell may hold. A cell holds one answer (a scale
/// value, an option id, option ids joined by `;`) or a respondent's name;
/// 64 KiB is far beyond any of them.
pub const MAX_CELL_BYTES: usize = 64 * 1024;

/// The most bytes one row (all its cells) may hold, and one JSON Lines line.
pub const MAX_ROW_BYTES: usize = 1024 * 1024;

/// How much of the input is read at a time.
const CHUNK: usize = 64 * 1024;

/// Why a row was not kept whole.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Oversize {
    /// Cell `column` (0-based) holds `bytes` bytes, over [`MAX_CELL_BYTES`].
    Cell { column: usize, bytes: u64 },
    /// The row's cells hold more than [`MAX_ROW_BYTES`] together.
    Row,
}

/// One row as read: where it starts and the cells kept.
#[derive(Debug, Default)]
pub struct Row {
    /// The line of the input where the row starts.
    pub line: u64,
    /// How many cells the row has, kept or not.
    pub cells: usize,
    /// The first reason the row was not kept whole, if any.
    pub oversize: Option<Oversize>,
    /// The kept cells' bytes, one after the other (only `..kept` holds
    /// this row's; the buffer is reused from row to row), and where each
    /// cell ends.
    data: Vec<u8>,
    kept: usize,
    ends: Vec<usize>,
    /// Where the last cell read ends, in the whole row.
    last_end: usize,
    /// Whether the kept bytes are UTF-8, cell by cell.
    text: bool,
}

impl Row {
    /// Cell `i` of the row, if it was kept and the row is text.
    pub fn get(&self, i: usize) -> Option<&str> {
        if !self.text {
            return None;
        }
        let end = *self.ends.get(i)?;
        let start = if i == 0 { 0 } else { self.ends[i - 1] };
        std::str::from_utf8(&self.data[start..end]).ok()
    }

    /// Whether every kept cell is UTF-8 text.
    pub fn is_text(&self) -> bool {
        self.text
    }

    /// The kept cells, in order.
    pub fn iter(&self) -> impl Iterator<Item = &str> {
        (0..self.ends.len()).map(|i| self.get(i).unwrap_or(""))
    }

    /// The row as cells.
    pub fn view(&self) -> RowView<'_> {
        let kept = &self.data[..self.ends.last().copied().unwrap_or(0)];
        RowView {
            line: self.line,
            cells: self.cells,
            oversize: self.oversize,
            text: std::str::from_utf8(kept).ok().filter(|_| self.text),
            ends: &self.ends,
            gap: 0,
        }
    }

    fn clear(&mut self) {
        self.cells = 0;
        self.oversize = None;
        self.kept = 0;
        self.last_end = 0;
        self.ends.clear();
        self.text = false;
    }

    /// Takes the cells ending at `ends` (positions in the whole row):
    /// counts them, notes the first over [`MAX_CELL_BYTES`], and keeps
    /// the first `keep` while their bytes are in `data`.
    fn take_ends(&mut self, ends: &[usize], keep: usize) {
        for &end in ends {
            let length = end - self.last_end;
            if length > MAX_CELL_BYTES && self.oversize.is_none() {
                self.oversize = Some(Oversize::Cell {
                    column: self.cells,
                    bytes: length as u64,
                });
            }
            if self.oversize.is_none() && self.cells < keep && end <= self.kept {
                self.ends.push(end);
            }
            self.last_end = end;
            self.cells += 1;
        }
    }

    fn check_text(&mut self) {
        let kept = &self.data[..self.ends.last().copied().unwrap_or(0)];
        self.text = match std::str::from_utf8(kept) {
            // Cells split inside a character would each be invalid.
            Ok(text) => self.ends.iter().all(|&e| text.is_char_boundary(e)),
            Err(_) => false,
        };
    }
}

/// One CSV row as cells: of a [`Row`] parsed, or of a record's text split
/// at its commas (a record without quotes needs nothing more).
#[derive(Debug, Clone, Copy)]
pub struct RowView<'a> {
    /// The line of the input where the row starts.
    pub line: u64,
    /// How many cells the row has, kept or not.
    pub cells: usize,
    /// The first reason the row was not kept whole, if any.
    pub oversize: Option<Oversize>,
    text: Option<&'a str>,
    ends: &'a [usize],
    /// Bytes between a cell's end and the next one's start: none in a
    /// parsed row (its cells are packed), the comma in a record's text.
    gap: usize,
}

impl<'a> RowView<'a> {
    /// The cells of `record`, a row's text without quotes or line break
    /// (`ends` holds where they end), keeping at most `keep` of them.
    pub fn split(record: &'a [u8], line: u64, keep: usize, ends: &'a mut Vec<usize>) -> Self {
        ends.clear();
        let mut commas = 0;
        // Eight bytes at a time: cells are short, and a search per comma
        // costs more than the cells.
        each_word(record, |word, offset| {
            let mut found = comma_bytes(word);
            while found != 0 {
                if ends.len() < keep {
                    ends.push(offset + found.trailing_zeros() as usize / 8);
                }
                commas += 1;
                found &= found - 1;
            }
            true
        });
        if ends.len() < keep {
            ends.push(record.len());
        }
        let cells = commas + 1;
        let kept = ends.last().map_or(0, |&end| end);
        RowView {
            line,
            cells,
            oversize: None,
            text: std::str::from_utf8(&record[..kept]).ok(),
            ends,
            gap: 1,
        }
    }

    /// Whether every kept cell is UTF-8 text.
    pub fn is_text(&self) -> bool {
        self.text.is_some()
    }

    /// Cell `i` of the row, if it was kept and the row is text.
    pub fn get(&self, i: usize) -> Option<&'a str> {
        let end = *self.ends.get(i)?;
        let start = if i == 0 {
            0
        } else {
            self.ends[i - 1] + self.gap
        };
        self.text?.get(start..end)
    }

    /// The kept cells' bytes, in order: [`RowView::iter`]'s cells,
    /// without finding again that each starts and ends a character (for
    /// cells mostly compared as bytes).
    pub fn byte_cells(&self) -> impl Iterator<Item = &'a [u8]> + use<'a> {
        let (text, ends, gap) = (self.text.unwrap_or("").as_bytes(), self.ends, self.gap);
        let starts = std::iter::once(0).chain(ends.iter().map(move |&end| end + gap));
        starts
            .zip(ends)
            .map(move |(start, &end)| text.get(start..end).unwrap_or_default())
    }

    /// The kept cells, in order.
    pub fn iter(&self) -> impl Iterator<Item = &'a str> + use<'a> {
        let (text, ends, gap) = (self.text.unwrap_or(""), self.ends, self.gap);
        let starts = std::iter::once(0).chain(ends.iter().map(move |&end| end + gap));
        starts
            .zip(ends)
            .map(move |(start, &end)| text.get(start..end).unwrap_or(""))
    }
}

/// `bytes` eight at a time, little-endian, the last word padded with
/// zeros.
fn words(bytes: &[u8]) -> impl Iterator<Item = u64> + '_ {
    let chunks = bytes.chunks_exact(8);
    let tail = chunks.remainder();
    // Byte by byte: a copy of any length is a call.
    let last = (!tail.is_empty()).then(|| {
        tail.iter()
            .rev()
            .fold(0u64, |word, &b| (word << 8) | u64::from(b))
    });
    chunks
        .map(|chunk| {
            let mut word = [0u8; 8];
            word.copy_from_slice(chunk);
            u64::from_le_bytes(word)
        })
        .chain(last)
}

/// Calls `f` with `bytes` eight at a time (little-endian, the last word
/// padded with zeros) and where each word starts, in a plain loop (a
/// chained iterator costs more than a short cell); stops, and is false,
/// when `f` is.
pub fn each_word(bytes: &[u8], mut f: impl FnMut(u64, usize) -> bool) -> bool {
    let chunks = bytes.chunks_exact(8);
    let tail = chunks.remainder();
    for (i, chunk) in chunks.enumerate() {
        let mut word = [0u8; 8];
        word.copy_from_slice(chunk);
        if !f(u64::from_le_bytes(word), 8 * i) {
            return false;
        }
    }
    if tail.is_empty() {
        return true;
    }
    let last = tail
        .iter()
        .rev()
        .fold(0u64, |word, &b| (word << 8) | u64::from(b));
    f(last, bytes.len() - tail.len())
}

/// Whether `a` and `b` hold the same bytes, compared eight at a time (for
/// short ids, where a call to compare memory costs more than comparing).
pub fn same_bytes(a: &[u8], b: &[u8]) -> bool {
    a.len() == b.len() && words(a).eq(words(b))
}

/// The high bit of each byte of `word` that is a comma (and no other).
fn comma_bytes(word: u64) -> u64 {
    bytes_equal(word, b',')
}

const ONES: u64 = 0x0101_0101_0101_0101;
const HIGH: u64 = 0x8080_8080_8080_8080;

/// The high bit of each byte of `word` that is `byte` (and no other).
pub fn bytes_equal(word: u64, byte: u8) -> u64 {
    let x = word ^ (ONES * u64::from(byte));
    // A byte's high bit ends up set exactly when the byte is not zero (no
    // carry crosses bytes), then the bits are flipped.
    !(((x & !HIGH) + !HIGH) | x) & HIGH
}

/// The high bit of each byte of `word` below `limit` (at most 128).
pub fn bytes_below(word: u64, limit: u8) -> u64 {
    // The low seven bits plus 128 − limit carry into the high bit exactly
    // when they are at least `limit`, never into the next byte.
    !(((word & !HIGH) + ONES * u64::from(128 - limit.min(128))) | word) & HIGH
}

/// The first eight bytes of `bytes` as a word, little-endian, if it has
/// eight.
pub fn word_at(bytes: &[u8]) -> Option<u64> {
    let eight: [u8; 8] = bytes.get(..8)?.try_into().ok()?;
    Some(u64::from_le_bytes(eight))
}

/// Reads CSV rows from `R`, keeping only bounded parts of them.
pub struct CsvCells<R: Read> {
    input: R,
    buffer: Box<[u8]>,
    pos: usize,
    len: usize,
    eof: bool,
    started: bool,
    parser: RecordParser,
    /// The line the next byte is on.
    line: u64,
    /// Bytes of input consumed.
    bytes: u64,
}

impl<R: Read> CsvCells<R> {
    pub fn new(input: R) -> Self {
        CsvCells {
            input,
            buffer: vec![0; CHUNK].into_boxed_slice(),
            pos: 0,
            len: 0,
            eof: false,
            started: false,
            parser: RecordParser::default(),
            line: 1,
            bytes: 0,
        }
    }

    /// How many bytes of the input have been read, for a progress bar.
    pub fn bytes_read(&self) -> u64 {
        self.bytes
    }

    fn fill(&mut self) -> io::Result<()> {
        if self.pos < self.len || self.eof {
            return Ok(());
        }
        self.pos = 0;
        self.len = loop {
            match self.input.read(&mut self.buffer) {
                Ok(n) => break n,
                Err(e) if e.kind() == io::ErrorKind::Interrupted => {}
                Err(e) => return Err(e),
            }
        };
        self.eof = self.len == 0;
        if !self.started && self.len > 0 {
            self.started = true;
            if self.buffer[..self.len].starts_with(b"\xef\xbb\xbf") {
                self.pos = 3;
                self.bytes = 3;
            }
        }
        Ok(())
    }

    fn consume(&mut self, n: usize) {
        let taken = &self.buffer[self.pos..self.pos + n];
        self.line += memchr::memchr_iter(b'\n', taken).count() as u64;
        self.pos += n;
        self.bytes += n as u64;
    }

    /// Reads the next row into `row`, keeping at most `keep` cells; false at
    /// the end of the input.
    pub fn read_row(&mut self, row: &mut Row, keep: usize) -> io::Result<bool> {
        // Blank lines between rows are skipped (as csv-core would): the row
        // starts on the line of its first byte.
        loop {
            self.fill()?;
            match self.buffer[self.pos..self.len].first() {
                None => return Ok(false),
                Some(b'\n' | b'\r') => self.consume(1),
                Some(_) => break,
            }
        }
        self.parser.start(row, self.line);
        loop {
            self.fill()?;
            let (read, done) = self
                .parser
                .feed(row, &self.buffer[self.pos..self.len], keep);
            self.consume(read);
            if done {
                return Ok(true);
            }
        }
    }

    /// The reader taken apart once the rows it was wanted for are read: the
    /// input, the bytes read from it but not yet consumed, the line the
    /// next byte is on and the bytes consumed.
    pub fn into_parts(self) -> (R, Vec<u8>, u64, u64) {
        let rest = self.buffer[self.pos..self.len].to_vec();
        (self.input, rest, self.line, self.bytes)
    }
}

/// Parses one CSV record from bytes given in pieces into a [`Row`], with
/// the bounds [`CsvCells`] keeps: for rows read from a stream, and for
/// rows of a chunk already in memory that need csv-core's rules (quotes).
pub struct RecordParser {
    // Boxed: its tables are large, and parsers are moved around.
    core: Box<csv_core::Reader>,
    /// Where cells not kept are parsed into.
    scratch: Box<[u8]>,
}

impl Default for RecordParser {
    fn default() -> Self {
        RecordParser {
            core: Box::new(csv_core::Reader::new()),
            scratch: vec![0; 8 * 1024].into_boxed_slice(),
        }
    }
}

impl RecordParser {
    /// Starts `row` afresh, on `line`, at the first byte of a record.
    pub fn start(&mut self, row: &mut Row, line: u64) {
        // csv-core is between records here either way; a fresh start makes
        // a record parsed alone the same as one parsed in a stream.
        self.core.reset();
        row.clear();
        row.line = line;
    }

    /// Feeds the record's next bytes (none: the input ended). Returns how
    /// many were consumed and whether the row is complete; until it is,
    /// all of `input` is consumed.
    pub fn feed(&mut self, row: &mut Row, input: &[u8], keep: usize) -> (usize, bool) {
        let mut ends = [0usize; 64];
        let mut consumed = 0;
        loop {
            // The row's bytes go to `row.data` up to the row's cap, then to
            // the scratch buffer; the cells' ends count the whole row
            // either way.
            let keeping = row.kept < MAX_ROW_BYTES;
            if keeping && row.data.len() < row.kept + 4096 {
                let grown = (row.data.len() * 2).clamp(8192, MAX_ROW_BYTES + 8192);
                row.data.resize(grown.max(row.kept + 4096), 0);
            }
            let output: &mut [u8] = if keeping {
                &mut row.data[row.kept..]
            } else {
                &mut self.scratch
            };
            let (result, read, written, ended) =
                self.core.read_record(&input[consumed..], output, &mut ends);
            consumed += read;
            if keeping {
                row.kept += written;
            }
            row.take_ends(&ends[..ended], keep);
            use csv_core::ReadRecordResult as Read;
            match result {
                Read::Record | Read::End => break,
                // csv-core never wants more of an input that ended; if it
                // did, the row ends here rather than waiting forever.
                Read::InputEmpty if input.is_empty() => break,
                Read::InputEmpty => return (consumed, false),
                Read::OutputFull | Read::OutputEndsFull
                    if consumed == input.len() && !input.is_empty() =>
                {
                    return (consumed, false);
                }
                Read::OutputFull | Read::OutputEndsFull => {}
            }
        }
        if row.oversize.is_none() && row.last_end > MAX_ROW_BYTES {
            row.oversize = Some(Oversize::Row);
        }
        row.check_text();
        (consumed, true)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn rows(input: &[u8], keep: usize) -> Vec<(u64, usize, Vec<String>, Option<Oversize>)> {
        let mut reader = CsvCells::new(input);
        let mut row = Row::default();
        let mut all = Vec::new();
        while reader.read_row(&mut row, keep).unwrap() {
            all.push((
                row.line,
                row.cells,
                row.iter().map(str::to_string).collect(),
                row.oversize,
            ));
        }
        all
    }

    #[test]
    fn rows_are_read_as_the_csv_crate_reads_them() {
        let input = "\u{feff}respondent,q\r\n\nann,4\n\"b, \"\"c\"\"\nd\",2\n\n\nlast,1";
        let expected = [
            (1, 2, vec!["respondent", "q"]),
            (3, 2, vec!["ann", "4"]),
            (4, 2, vec!["b, \"c\"\nd", "2"]),
            (8, 2, vec!["last", "1"]),
        ];
        let got = rows(input.as_bytes(), 10);
        assert_eq!(got.len(), expected.len());
        for (got, (line, cells, kept)) in got.iter().zip(expected) {
            assert_eq!(
                (got.0, got.1, got.2.clone(), got.3),
                (
                    line,
                    cells,
                    kept.iter().map(|s| s.to_string()).collect(),
                    None
                )
            );
        }
        // The same as the csv crate, on a trickier input.
        let tricky = "a,b\n,\n\"\",x\ny,\"z\"\"\"\n";
        let ours: Vec<Vec<String>> = rows(tricky.as_bytes(), 10)
            .into_iter()
            .map(|r| r.2)
            .collect();
        let theirs: Vec<Vec<String>> = csv::ReaderBuilder::new()
            .has_headers(false)
            .from_reader(tricky.as_bytes())
            .records()
            .map(|r| r.unwrap().iter().map(str::to_string).collect())
            .collect();
        assert_eq!(ours, theirs);
        assert!(rows(b"", 10).is_empty());
        assert!(rows(b"\n\n\r\n", 10).is_empty());
    }

    #[test]
    fn an_oversized_cell_is_counted_not_kept() {
        let big = "x".repeat(MAX_CELL_BYTES * 3 + 5);
        let input = format!("a,{big},c\nnext,1\n");
        let got = rows(input.as_bytes(), 10);
        assert_eq!(got[0].1, 3);
        assert_eq!(
            got[0].3,
            Some(Oversize::Cell {
                column: 1,
                bytes: big.len() as u64
            })
        );
        assert_eq!(got[0].2, ["a"]);
        assert_eq!(
            (got[1].0, got[1].2.clone(), got[1].3),
            (2, vec!["next".to_string(), "1".to_string()], None)
        );
        // Many cells just under the cap make a row over its own cap.
        let cell = "y".repeat(MAX_CELL_BYTES);
        let input = vec![cell; 20].join(",");
        let got = rows(input.as_bytes(), 100);
        assert_eq!((got[0].1, got[0].3), (20, Some(Oversize::Row)));
        assert!(got[0].2.len() <= MAX_ROW_BYTES / MAX_CELL_BYTES);
    }

    #[test]
    fn cells_past_keep_are_counted_and_bad_utf8_is_told() {
        let got = rows(b"a,b,c,d\n", 2);
        assert_eq!(
            (got[0].1, got[0].2.clone()),
            (4, vec!["a".to_string(), "b".to_string()])
        );
        let mut reader = CsvCells::new(&b"ok,\xff\xfe\nfine,1\n"[..]);
        let mut row = Row::default();
        assert!(reader.read_row(&mut row, 10).unwrap());
        assert!(!row.is_text());
        assert!(reader.read_row(&mut row, 10).unwrap());
        assert_eq!(row.get(0), Some("fine"));
        assert_eq!(reader.bytes_read(), 13);
    }

    proptest::proptest! {
        /// The words `each_word` gives are the words, where they start.
        #[test]
        fn each_word_gives_the_words(bytes in proptest::collection::vec(proptest::num::u8::ANY, 0..40), stop in 0usize..7) {
            let expected: Vec<(u64, usize)> = words(&bytes).zip((0..).step_by(8)).collect();
            let mut got = Vec::new();
            let all = each_word(&bytes, |word, at| {
                got.push((word, at));
                got.len() != stop
            });
            let seen = expected.len().min(if stop == 0 { usize::MAX } else { stop });
            proptest::prop_assert_eq!(all, expected.len() < stop || stop == 0);
            proptest::prop_assert_eq!(&got[..], &expected[..seen]);
        }

        /// A row's cells as bytes are its cells as text.
        #[test]
        fn byte_cells_are_the_cells(record in "[a,é ;0-9]{0,40}", keep in 0usize..12) {
            let mut ends = Vec::new();
            let row = RowView::split(record.as_bytes(), 1, keep, &mut ends);
            let text: Vec<&[u8]> = row.iter().map(str::as_bytes).collect();
            let bytes: Vec<&[u8]> = row.byte_cells().collect();
            proptest::prop_assert_eq!(bytes, text);
        }
    }

    #[test]
    fn bytes_are_the_same_only_when_every_byte_is() {
        let ids = [
            "",
            "a",
            "abcdefgh",
            "abcdefghi",
            "abcdefgh\0",
            "years-after-school",
            "years-after-schoOl",
        ];
        for a in ids {
            for b in ids {
                assert_eq!(
                    same_bytes(a.as_bytes(), b.as_bytes()),
                    a == b,
                    "{a:?} {b:?}"
                );
            }
        }
    }

    #[test]
    fn byte_tests_on_words_mark_exactly_the_bytes() {
        let bytes: Vec<u8> = (0..=255).collect();
        for chunk in bytes.chunks(8) {
            let word = word_at(chunk).unwrap();
            for (i, &b) in chunk.iter().enumerate() {
                let bit = 0x80u64 << (8 * i);
                for probe in [b',', b'"', b'\\', 0, 255] {
                    assert_eq!(bytes_equal(word, probe) & bit != 0, b == probe);
                }
                for limit in [0x20, 1, 128] {
                    assert_eq!(
                        bytes_below(word, limit) & bit != 0,
                        b < limit,
                        "{b} {limit}"
                    );
                }
            }
        }
    }
}
