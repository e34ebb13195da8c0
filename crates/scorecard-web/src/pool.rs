//! Where compiling and scoring run: on tokio's blocking pool, a few at a
//! time, each with a deadline, so a hostile file or batch cannot hang the
//! server and other requests keep being served.
//!
//! Work that passes its deadline gets an answer (503) at once; its thread
//! finishes in the background and keeps its permit until then, so at most
//! `workers` such jobs can ever run together.

use std::sync::Arc;
use std::time::Duration;

use axum::http::StatusCode;
use tokio::sync::Semaphore;

use crate::error::ApiError;

/// A bounded set of blocking workers with a deadline per job.
#[derive(Debug, Clone)]
pub struct Pool {
    permits: Arc<Semaphore>,
    timeout: Duration,
}

impl Pool {
    /// A pool running at most `workers` jobs at once, each within `timeout`.
    pub fn new(workers: usize, timeout: Duration) -> Pool {
        Pool { permits: Arc::new(Semaphore::new(workers.max(1))), timeout }
    }

    /// Runs `job` on a blocking thread; waiting for a worker counts against the deadline.
    pub async fn run<T: Send + 'static>(&self, job: impl FnOnce() -> T + Send + 'static) -> Result<T, ApiError> {
        let work = async {
            let permit = self.permits.clone().acquire_owned().await.map_err(|_| busy())?;
            let handle = tokio::task::spawn_blocking(move || {
                let result = job();
                drop(permit);
                result
            });
            handle.await.map_err(|_| failed())
        };
        tokio::time::timeout(self.timeout, work).await.map_err(|_| self.timed_out())?
    }

    fn timed_out(&self) -> ApiError {
        let ms = self.timeout.as_millis();
        ApiError::new(
            StatusCode::SERVICE_UNAVAILABLE,
            format!("计算超过 {ms} 毫秒仍未完成，已停止等待（可用 --timeout 放宽，或减少批量记录）"),
            format!("the work took longer than {ms} ms and was given up (raise --timeout, or send fewer records)"),
        )
    }
}

fn busy() -> ApiError {
    ApiError::new(StatusCode::SERVICE_UNAVAILABLE, "服务器正在关闭", "the server is shutting down")
}

fn failed() -> ApiError {
    ApiError::new(
        StatusCode::INTERNAL_SERVER_ERROR,
        "计算意外中止，请把规则文件报告给开发者",
        "the work stopped unexpectedly; please report the rule file to the developers",
    )
}
