//! The page itself: HTML, CSS and JS embedded in the binary.

use axum::http::header;
use axum::response::IntoResponse;

const INDEX: &str = include_str!("../assets/index.html");
const SCRIPT: &str = include_str!("../assets/app.js");
const STYLE: &str = include_str!("../assets/app.css");

/// No caching, and no framing by other sites.
const NO_STORE: (header::HeaderName, &str) = (header::CACHE_CONTROL, "no-store");
const NO_FRAMES: (header::HeaderName, &str) = (header::X_FRAME_OPTIONS, "DENY");

/// `GET /`: the workbench page.
pub async fn index() -> impl IntoResponse {
    ([(header::CONTENT_TYPE, "text/html; charset=utf-8"), NO_STORE, NO_FRAMES], INDEX)
}

/// `GET /app.js`.
pub async fn script() -> impl IntoResponse {
    ([(header::CONTENT_TYPE, "text/javascript; charset=utf-8"), NO_STORE], SCRIPT)
}

/// `GET /app.css`.
pub async fn style() -> impl IntoResponse {
    ([(header::CONTENT_TYPE, "text/css; charset=utf-8"), NO_STORE], STYLE)
}
