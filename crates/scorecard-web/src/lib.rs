//! `scorecard serve`: the workbench in the browser, a thin HTTP adapter over
//! the engine for analysts who write rule files.
//!
//! The page (plain HTML, CSS and JS in `assets/`, embedded in the binary)
//! edits a rule file with its diagnostics underlined as you type, shows how
//! each criterion was read, scores a record as its values change, scores a
//! batch, and runs the suites beside the file. The server:
//!
//! - [`workspace`]: confines every path to the served directory;
//! - [`guard`]: accepts only its own `Host`, and changing requests only as
//!   JSON from its own origin;
//! - [`pool`]: compiles and scores on a bounded blocking pool with a deadline;
//! - [`api`]: the JSON endpoints, one file per part of the page.
//!
//! [`start`] binds and serves in the background (tests use it); [`run`] is
//! what `scorecard serve` calls.

pub mod api;
mod assets;
mod batch;
mod cache;
mod config;
pub mod error;
pub mod guard;
pub mod pool;
pub mod workspace;

pub use config::{Config, Running, Site, DEFAULT_PORT};

use std::io;
use std::sync::Arc;

use tokio::net::TcpListener;

use crate::api::App;
use crate::guard::Hosts;

/// Binds `config.addr` and serves the workbench in the background.
pub async fn start(config: Config) -> io::Result<Running> {
    let site = Site::open(&config.target)?;
    let listener = TcpListener::bind(config.addr).await?;
    let addr = listener.local_addr()?;
    let app = App::new(&site, &config);
    let router = api::router(Arc::new(app), Arc::new(Hosts::for_addr(addr)), config.max_body_bytes);
    let task = tokio::spawn(async move { axum::serve(listener, router).await });
    Ok(Running { addr, open: site.open, task })
}

/// Serves until Ctrl-C, calling `ready` once the address is bound.
pub fn run(config: Config, ready: impl FnOnce(&Running)) -> io::Result<()> {
    let runtime = tokio::runtime::Builder::new_multi_thread().enable_all().build()?;
    runtime.block_on(async move {
        let running = start(config).await?;
        ready(&running);
        tokio::select! {
            served = running.task => served.map_err(io::Error::other)?,
            stop = tokio::signal::ctrl_c() => stop,
        }
    })
}
