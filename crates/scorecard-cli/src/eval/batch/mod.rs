//! Scoring a batch of records in parallel, written strictly in input order,
//! in memory that does not grow with the input.
//!
//! The calling thread reads records in chunks (up to [`chunk::RECORDS`]) and
//! hands each chunk to the worker threads through a bounded channel; a
//! worker scores every record of its chunk and renders its output bytes. A
//! second bounded channel carries, in input order, one reply slot per chunk
//! to the writer thread, which waits on each slot in turn and writes the
//! chunk. At most `2 × jobs + 2` chunks are in flight, however large the
//! input. With one job everything runs on the calling thread.

mod chunk;
mod sink;

use std::io::{self, Write};
use std::sync::mpsc::{self, Receiver, SyncSender};
use std::sync::Mutex;
use std::thread;

use scorecard::Scorecard;

pub use sink::Sink;

use self::chunk::{Chunk, Next, Scored};
use crate::input::Source;
use crate::output::Style;

/// Most worker threads, whatever `--jobs` asks for.
pub const MAX_JOBS: usize = 256;

/// A chunk on its way to a worker, with the slot its result goes to.
type Job = (Chunk, SyncSender<io::Result<Scored>>);

/// Why a batch stopped before the end.
#[derive(Debug)]
pub enum Stopped {
    /// The data could not be read.
    Read(io::Error),
    /// The output could not be written.
    Write(io::Error),
}

/// What scoring a chunk needs: the scorecard, how to render, how many
/// records make a chunk, and buffers to render into.
#[derive(Clone, Copy)]
struct Scoring<'a> {
    card: &'a Scorecard,
    style: &'a Style,
    records: usize,
    pool: &'a Pool,
}

impl Scoring<'_> {
    fn score(self, chunk: Chunk) -> io::Result<Scored> {
        chunk::score(self.card, self.style, chunk, self.pool.take())
    }
}

/// Output buffers the writer hands back once written, so that each chunk
/// reuses one instead of growing a new buffer of a megabyte or more.
struct Pool {
    buffers: Mutex<Vec<Vec<u8>>>,
    /// Buffers kept at most: as many as chunks can be in flight.
    keep: usize,
}

impl Pool {
    fn new(keep: usize) -> Self {
        Pool { buffers: Mutex::new(Vec::new()), keep }
    }

    /// An empty buffer, with room if one was handed back.
    fn take(&self) -> Vec<u8> {
        self.buffers.lock().ok().and_then(|mut buffers| buffers.pop()).unwrap_or_default()
    }

    /// Keeps `buffer`, emptied, for a later chunk.
    fn give(&self, mut buffer: Vec<u8>) {
        buffer.clear();
        if let Ok(mut buffers) = self.buffers.lock() {
            if buffers.len() < self.keep {
                buffers.push(buffer);
            }
        }
    }
}

/// Writes a scored chunk and hands its buffer back.
fn write<W: Write>(sink: &mut Sink<'_, W>, pool: &Pool, scored: Scored) -> io::Result<()> {
    pool.give(sink.write(scored)?);
    Ok(())
}

/// Scores every record of `source` with `jobs` worker threads (at most
/// [`MAX_JOBS`]) and writes the results to `sink` in input order.
pub fn run<W: Write + Send>(
    source: &mut impl Source,
    card: &Scorecard,
    style: &Style,
    sink: &mut Sink<'_, W>,
    jobs: usize,
) -> Result<(), Stopped> {
    // A report has a row per indicator and about as many group rows at most.
    let rows = card.indicator_names().count().saturating_mul(2);
    let jobs = jobs.clamp(1, MAX_JOBS);
    let pool = Pool::new(jobs.saturating_mul(2).saturating_add(2));
    let scoring = Scoring { card, style, records: chunk::records_for(rows), pool: &pool };
    match jobs {
        1 => sequential(source, scoring, sink),
        jobs => parallel(source, scoring, sink, jobs),
    }
}

/// One thread: read a chunk, score it, write it.
fn sequential<W: Write>(source: &mut impl Source, scoring: Scoring<'_>, sink: &mut Sink<'_, W>) -> Result<(), Stopped> {
    let mut first = true;
    loop {
        let (chunk, next) = Chunk::read(source, scoring.records, first);
        if !chunk.is_empty() {
            first = false;
            let scored = scoring.score(chunk).map_err(Stopped::Write)?;
            write(sink, scoring.pool, scored).map_err(Stopped::Write)?;
        }
        match next {
            Next::More => {}
            Next::End => return Ok(()),
            Next::Failed(e) => return Err(Stopped::Read(e)),
        }
    }
}

/// The reader on this thread, `jobs` workers and one writer.
fn parallel<W: Write + Send>(
    source: &mut impl Source,
    scoring: Scoring<'_>,
    sink: &mut Sink<'_, W>,
    jobs: usize,
) -> Result<(), Stopped> {
    let (job_tx, job_rx) = mpsc::sync_channel::<Job>(jobs);
    let job_rx = &Mutex::new(job_rx);
    thread::scope(|scope| {
        let spawned = (0..jobs)
            .map_while(|i| {
                let worker = thread::Builder::new().name(format!("score-{i}"));
                worker.spawn_scoped(scope, move || work(job_rx, scoring)).ok()
            })
            .count();
        if spawned == 0 {
            drop(job_tx);
            return sequential(source, scoring, sink);
        }
        let (order_tx, order_rx) = mpsc::sync_channel(jobs.saturating_mul(2));
        let writer = thread::Builder::new()
            .name("write".to_owned())
            .spawn_scoped(scope, move || write_in_order(&order_rx, sink, scoring.pool))
            .map_err(Stopped::Write)?;
        let read = feed(source, scoring.records, &job_tx, &order_tx);
        drop((job_tx, order_tx));
        let written = writer.join().unwrap_or_else(|_| Err(io::Error::other("the writing thread stopped")));
        written.map_err(Stopped::Write)?;
        read.map_err(Stopped::Read)
    })
}

/// Reads chunks of up to `records` records and sends each to the workers,
/// and its reply slot to the writer.
fn feed(
    source: &mut impl Source,
    records: usize,
    jobs: &SyncSender<Job>,
    order: &SyncSender<Receiver<io::Result<Scored>>>,
) -> io::Result<()> {
    let mut first = true;
    loop {
        let (chunk, next) = Chunk::read(source, records, first);
        if !chunk.is_empty() {
            first = false;
            let (reply, result) = mpsc::sync_channel(1);
            // The slot goes first, so the writer waits for chunks in the order they were read.
            if order.send(result).is_err() || jobs.send((chunk, reply)).is_err() {
                // The writer has stopped; the error it stopped on is the one to report.
                return Ok(());
            }
        }
        match next {
            Next::More => {}
            Next::End => return Ok(()),
            Next::Failed(e) => return Err(e),
        }
    }
}

/// A worker: scores chunks until the reader is done.
fn work(jobs: &Mutex<Receiver<Job>>, scoring: Scoring<'_>) {
    loop {
        let job = match jobs.lock() {
            Ok(jobs) => jobs.recv(),
            Err(_) => return,
        };
        let Ok((chunk, reply)) = job else { return };
        // If the writer has stopped, nobody wants the result.
        let _ = reply.send(scoring.score(chunk));
    }
}

/// The writer: takes reply slots in input order and writes each chunk when it is ready.
fn write_in_order<W: Write>(
    order: &Receiver<Receiver<io::Result<Scored>>>,
    sink: &mut Sink<'_, W>,
    pool: &Pool,
) -> io::Result<()> {
    for result in order {
        let scored = result.recv().map_err(|_| io::Error::other("a scoring thread stopped"))??;
        write(sink, pool, scored)?;
    }
    Ok(())
}
