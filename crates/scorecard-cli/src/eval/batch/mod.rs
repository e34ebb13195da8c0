//! Scoring a batch of records in parallel, written strictly in input order,
//! in memory that does not grow with the input.
//!
//! The calling thread reads records in chunks (up to [`chunk::RECORDS`]) and
//! sends each, with a one-place reply channel, to the worker threads through
//! a bounded `crossbeam-channel` (every worker takes from the same
//! receiver). The reply channels wait in a queue in input order; the calling
//! thread writes the oldest result once more than `2 × jobs + 2` chunks are
//! in flight, so memory stays bounded however large the input. With one job
//! everything runs on the calling thread.
//!
//! A live stream (stdin) is answered as soon as it can be: before reading
//! on would wait for input, every result in flight is written.
//!
//! Why not `rayon`: a rayon pool scoring the chunks measured 35–50% slower
//! on full reports on a busy machine (its idle workers yield instead of
//! blocking, so they wake late); blocking channels keep both cores busy.

mod chunk;
mod sink;

use std::collections::VecDeque;
use std::io::{self, Write};
use std::sync::Mutex;
use std::thread;

use crossbeam_channel::{Receiver, Sender};
use scorecard::Scorecard;

pub use sink::Sink;

use self::chunk::{Chunk, Next, Scored};
use crate::input::Source;
use crate::output::Style;

/// Most worker threads, whatever `--jobs` asks for.
pub const MAX_JOBS: usize = 256;

/// A chunk's result, once scored.
type Reply = Receiver<io::Result<Scored>>;

/// A chunk on its way to a worker, with the channel its result goes back on.
type Job = (Chunk, Sender<io::Result<Scored>>);

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

/// Scores every record of `source` with `jobs` worker threads (at most
/// [`MAX_JOBS`]) and writes the results to `sink` in input order.
pub fn run<W: Write>(
    source: &mut impl Source,
    card: &Scorecard,
    style: &Style,
    sink: &mut Sink<'_, W>,
    jobs: usize,
) -> Result<(), Stopped> {
    // A report has a row per indicator and about as many group rows at most.
    let rows = card.indicator_names().count().saturating_mul(2);
    let jobs = jobs.clamp(1, MAX_JOBS);
    let in_flight = jobs.saturating_mul(2).saturating_add(2);
    let pool = Pool::new(in_flight);
    let scoring = Scoring { card, style, records: chunk::records_for(rows), pool: &pool };
    match jobs {
        1 => sequential(source, scoring, sink),
        jobs => parallel(source, scoring, sink, jobs, in_flight),
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
            scoring.pool.give(sink.write(scored).map_err(Stopped::Write)?);
        }
        match next {
            Next::More => {}
            Next::End => return Ok(()),
            Next::Failed(e) => return Err(Stopped::Read(e)),
        }
    }
}

/// `jobs` workers score the chunks this thread reads, and this thread writes them.
fn parallel<W: Write>(
    source: &mut impl Source,
    scoring: Scoring<'_>,
    sink: &mut Sink<'_, W>,
    jobs: usize,
    in_flight: usize,
) -> Result<(), Stopped> {
    let (job_tx, job_rx) = crossbeam_channel::bounded::<Job>(in_flight);
    thread::scope(|scope| {
        let spawned = (0..jobs)
            .map_while(|i| {
                let jobs = job_rx.clone();
                let worker = thread::Builder::new().name(format!("score-{i}"));
                worker.spawn_scoped(scope, move || work(&jobs, scoring)).ok()
            })
            .count();
        drop(job_rx);
        if spawned == 0 {
            return sequential(source, scoring, sink);
        }
        let fed = feed(source, scoring, sink, &job_tx, in_flight);
        // No more chunks: the workers end, and the scope can close.
        drop(job_tx);
        fed
    })
}

/// A worker: scores chunks until the reader is done.
fn work(jobs: &Receiver<Job>, scoring: Scoring<'_>) {
    for (chunk, reply) in jobs {
        // If the writer has stopped, nobody wants the result.
        let _ = reply.send(scoring.score(chunk));
    }
}

/// Reads chunks and sends them to the workers, writing the results in input
/// order with at most `in_flight` chunks read and not yet written.
fn feed<W: Write>(
    source: &mut impl Source,
    scoring: Scoring<'_>,
    sink: &mut Sink<'_, W>,
    jobs: &Sender<Job>,
    in_flight: usize,
) -> Result<(), Stopped> {
    let mut pending: VecDeque<Reply> = VecDeque::with_capacity(in_flight);
    let mut first = true;
    loop {
        // A live stream that would wait gets every answer first.
        let keep = if source.would_wait() { 0 } else { in_flight.saturating_sub(1) };
        write_oldest(&mut pending, keep, sink, scoring.pool)?;
        let (chunk, next) = Chunk::read(source, scoring.records, first);
        if !chunk.is_empty() {
            first = false;
            let (reply, result) = crossbeam_channel::bounded(1);
            jobs.send((chunk, reply)).map_err(|_| Stopped::Write(io::Error::other("the scoring threads stopped")))?;
            pending.push_back(result);
        }
        match next {
            Next::More => {}
            Next::End => return write_oldest(&mut pending, 0, sink, scoring.pool),
            Next::Failed(e) => {
                write_oldest(&mut pending, 0, sink, scoring.pool)?;
                return Err(Stopped::Read(e));
            }
        }
    }
}

/// Writes the oldest results, waiting for each, until at most `keep` remain.
fn write_oldest<W: Write>(
    pending: &mut VecDeque<Reply>,
    keep: usize,
    sink: &mut Sink<'_, W>,
    pool: &Pool,
) -> Result<(), Stopped> {
    while pending.len() > keep {
        let Some(reply) = pending.pop_front() else { break };
        let scored = reply.recv().map_err(|_| io::Error::other("a scoring thread stopped"));
        let scored = scored.and_then(|scored| scored).map_err(Stopped::Write)?;
        pool.give(sink.write(scored).map_err(Stopped::Write)?);
    }
    Ok(())
}
