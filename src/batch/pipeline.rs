//! The batch on several threads, in input order: one thread reads chunks
//! of whole rows, workers score them into bytes, and the calling thread
//! writes the chunks in the order they were read. A fixed number of
//! chunks exist (twice the workers, and two); each goes round from reader
//! to worker to writer and back empty, so memory stays the same whatever
//! the input's size and however far one worker falls behind. With one job
//! the same steps run on the calling thread, one chunk at a time.

use std::collections::BTreeMap;
use std::io::{self, Read, Write};
use std::sync::Mutex;
use std::sync::mpsc::{Receiver, SyncSender, sync_channel};

use super::rows::{self, RowWriter};
use super::{BatchError, Progress, RowError, Settings, Summary};
use crate::answers::chunk::Chunk;
use crate::answers::tabular::{Layout, Respondents, Scratch, Source, TableError};
use crate::bank::{Bank, Verdict};
use crate::engine::{Scorer, Tally};

/// One chunk on its way round: rows read, then the result rows written
/// for them and what the writer must hear.
struct Work {
    /// Its place in the input: chunks are written in this order.
    seq: u64,
    input: Chunk,
    /// No chunk follows this one.
    last: bool,
    /// Reading stopped after this chunk's rows because the input failed.
    failed: Option<io::Error>,
    /// The result rows, as bytes.
    output: Vec<u8>,
    /// The bad rows, in order.
    errors: Vec<RowError>,
    /// A bad row stopped the scoring (`--strict`): the last error.
    stopped: bool,
    /// Per respondent scored: the role recommended and the verdict...
    scored: Vec<(usize, Verdict)>,
    /// ... and its dimensions' scores, one after the other.
    scores: Vec<Option<f64>>,
}

impl Work {
    fn new() -> Self {
        Work {
            seq: 0,
            input: Chunk::default(),
            last: false,
            failed: None,
            output: Vec::new(),
            errors: Vec::new(),
            stopped: false,
            scored: Vec::new(),
            scores: Vec::new(),
        }
    }

    /// Empty again, its memory kept.
    fn clear(&mut self) {
        self.input.clear();
        self.last = false;
        self.failed = None;
        self.output.clear();
        self.errors.clear();
        self.stopped = false;
        self.scored.clear();
        self.scores.clear();
    }

    /// Fills the chunk with about `bytes` bytes of the next rows.
    fn read<R: Read>(&mut self, source: &mut Source<R>, bytes: usize) {
        match source.fill(&mut self.input, bytes) {
            Ok(more) => self.last = !more,
            Err(err) => {
                self.failed = Some(err);
                self.last = true;
            }
        }
    }
}

/// What one scoring thread keeps from chunk to chunk.
struct Worker<'b> {
    bank: &'b Bank,
    layout: &'b Layout<'b>,
    scorer: Scorer<'b>,
    tally: Tally,
    writer: RowWriter,
    scratch: Scratch,
    strict: bool,
}

impl<'b> Worker<'b> {
    fn new(bank: &'b Bank, layout: &'b Layout<'b>, settings: Settings) -> Self {
        Worker {
            bank,
            layout,
            scorer: Scorer::new(bank),
            tally: Tally::default(),
            writer: RowWriter::new(bank, settings.format, settings.terminal),
            scratch: Scratch::new(bank),
            strict: settings.strict,
        }
    }

    /// Scores a chunk's respondents into its output.
    fn score(&mut self, work: &mut Work) -> io::Result<()> {
        let Worker {
            bank,
            layout,
            scorer,
            tally,
            writer,
            scratch,
            strict,
        } = self;
        let bank = *bank;
        let Work {
            input,
            errors,
            stopped,
            scored,
            scores,
            ..
        } = work;
        layout
            .each(input, scratch, |line, id, answers| {
                let outcome = answers
                    .and_then(|answers| scorer.tally(answers, tally).map_err(|e| e.to_string()));
                match outcome {
                    Ok(rec) => {
                        scored.push((rec.role, rec.verdict));
                        scores.extend(tally.dimensions.iter().map(|d| d.score));
                        writer.result(bank, id, tally, &rec)
                    }
                    Err(message) => {
                        errors.push(RowError {
                            line,
                            respondent: id.to_string(),
                            message,
                        });
                        if *strict {
                            *stopped = true;
                            // Not an error of writing: it only stops the chunk.
                            return Err(io::Error::other("stopped"));
                        }
                        writer.failure(bank, id, &errors[errors.len() - 1].message)
                    }
                }
            })
            .or_else(|err| if work.stopped { Ok(()) } else { Err(err) })?;
        self.writer.take(&mut work.output);
        Ok(())
    }
}

/// Writes chunks in order and keeps the summary.
struct Emitter<'p, 'o> {
    out: &'o mut dyn Write,
    summary: Summary,
    progress: Progress<'p>,
    file: String,
    dimensions: usize,
}

impl Emitter<'_, '_> {
    /// Writes one chunk's rows and tells what it met; false after the
    /// last chunk.
    fn emit(&mut self, work: &mut Work) -> Result<bool, BatchError> {
        self.out
            .write_all(&work.output)
            .map_err(|source| BatchError::Write {
                file: self.file.clone(),
                source,
            })?;
        for row in &work.errors {
            (self.progress.on_error)(row);
        }
        if work.stopped {
            let row = work.errors.pop().expect("the row that stopped it");
            return Err(BatchError::Strict {
                file: self.file.clone(),
                row,
            });
        }
        self.summary.failed += work.errors.len();
        for (&(role, verdict), scores) in work
            .scored
            .iter()
            .zip(work.scores.chunks(self.dimensions.max(1)))
        {
            self.summary.add(role, verdict, scores);
        }
        (self.progress.on_bytes)(work.input.bytes_read);
        if let Some(source) = work.failed.take() {
            return Err(BatchError::Table(TableError::Read {
                file: self.file.clone(),
                source,
            }));
        }
        Ok(!work.last)
    }

    fn finish(mut self, bank: &Bank) -> Result<Summary, BatchError> {
        self.out.flush().map_err(|source| BatchError::Write {
            file: self.file.clone(),
            source,
        })?;
        self.summary.finish(bank);
        Ok(self.summary)
    }
}

/// Runs the batch in chunks of about `bytes` bytes of input.
pub(super) fn run<R: Read + Send>(
    bank: &Bank,
    respondents: Respondents<'_, R>,
    out: &mut dyn Write,
    settings: Settings,
    progress: Progress<'_>,
    bytes: usize,
) -> Result<Summary, BatchError> {
    let (file, mut source, layout) = respondents.into_parts();
    rows::header(settings.format, bank, settings.terminal, out).map_err(|source| {
        BatchError::Write {
            file: file.clone(),
            source,
        }
    })?;
    let mut emitter = Emitter {
        out,
        summary: Summary::new(bank),
        progress,
        file,
        dimensions: bank.dimensions.len(),
    };
    let jobs = settings.jobs.clamp(1, super::MAX_JOBS);
    if jobs == 1 {
        let mut worker = Worker::new(bank, &layout, settings);
        let mut work = Work::new();
        loop {
            work.clear();
            work.read(&mut source, bytes);
            worker
                .score(&mut work)
                .map_err(|source| emitter.write_error(source))?;
            if !emitter.emit(&mut work)? {
                break;
            }
        }
    } else {
        let threads = Threads { jobs, bytes };
        parallel(bank, &layout, &mut source, &mut emitter, settings, threads)?;
    }
    emitter.finish(bank)
}

impl Emitter<'_, '_> {
    fn write_error(&self, source: io::Error) -> BatchError {
        BatchError::Write {
            file: self.file.clone(),
            source,
        }
    }
}

/// How many workers, and the bytes of a chunk.
struct Threads {
    jobs: usize,
    bytes: usize,
}

/// The reader, the workers and the calling thread as the writer.
fn parallel<R: Read + Send>(
    bank: &Bank,
    layout: &Layout<'_>,
    source: &mut Source<R>,
    emitter: &mut Emitter<'_, '_>,
    settings: Settings,
    Threads { jobs, bytes }: Threads,
) -> Result<(), BatchError> {
    let chunks = jobs * 2 + 2;
    // Empty chunks go back to the reader; each channel can hold every
    // chunk there is, so only a thread waiting for work ever blocks.
    let (free_send, free) = sync_channel::<Work>(chunks);
    let (read_send, read) = sync_channel::<Work>(chunks);
    let (done_send, done) = sync_channel::<io::Result<Work>>(chunks);
    for _ in 0..chunks {
        free_send
            .send(Work::new())
            .expect("the channel holds them all");
    }
    let read = Mutex::new(read);
    std::thread::scope(|scope| {
        scope.spawn(move || reader(source, bytes, free, read_send));
        for _ in 0..jobs {
            let (read, done_send) = (&read, done_send.clone());
            scope.spawn(move || {
                let mut worker = Worker::new(bank, layout, settings);
                work_on(&mut worker, read, done_send);
            });
        }
        drop(done_send);
        // Returning drops `done` and `free_send`: the reader and the
        // workers see their channels closed and stop.
        writer(emitter, done, free_send)
    })
}

/// Reads chunks until the input ends, fails, or no one wants them.
fn reader<R: Read>(
    source: &mut Source<R>,
    bytes: usize,
    free: Receiver<Work>,
    read: SyncSender<Work>,
) {
    let mut seq = 0;
    while let Ok(mut work) = free.recv() {
        work.clear();
        work.seq = seq;
        seq += 1;
        work.read(source, bytes);
        let last = work.last;
        if read.send(work).is_err() || last {
            return;
        }
    }
}

/// Scores chunks until there are none left or no one wants them.
fn work_on(
    worker: &mut Worker<'_>,
    read: &Mutex<Receiver<Work>>,
    done: SyncSender<io::Result<Work>>,
) {
    loop {
        // A worker that panicked while holding the lock has ended the
        // batch already (the scope passes its panic on).
        let next = match read.lock() {
            Ok(read) => read.recv(),
            Err(_) => return,
        };
        let Ok(mut work) = next else { return };
        let scored = worker.score(&mut work).map(|()| work);
        if done.send(scored).is_err() {
            return;
        }
    }
}

/// Writes the chunks in the order they were read.
fn writer(
    emitter: &mut Emitter<'_, '_>,
    done: Receiver<io::Result<Work>>,
    free: SyncSender<Work>,
) -> Result<(), BatchError> {
    let mut waiting: BTreeMap<u64, Work> = BTreeMap::new();
    let mut next = 0;
    loop {
        while let Some(mut work) = waiting.remove(&next) {
            next += 1;
            if !emitter.emit(&mut work)? {
                return Ok(());
            }
            // The reader may have stopped: then no one needs it back.
            let _ = free.send(work);
        }
        match done.recv() {
            Ok(Ok(work)) => {
                waiting.insert(work.seq, work);
            }
            Ok(Err(source)) => return Err(emitter.write_error(source)),
            // Every worker is gone before the last chunk: one panicked,
            // and the scope passes its panic on.
            Err(_) => return Ok(()),
        }
    }
}
