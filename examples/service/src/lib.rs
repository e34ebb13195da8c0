//! An axum service that embeds scorecard (the README's embedding section
//! shows [`handler`] word for word). One compiled [`scorecard::Scorecard`]
//! in an `Arc` serves every request; each route takes the record in another
//! shape, and every shape keeps every digit or refuses the number.
//!
//! [`typed`] adds routes for a typed request struct (through
//! `Scorecard::parse_serialize`) and for analyst text set field by field
//! (`Scorecard::set_str`).

mod handler;
pub mod typed;

pub use handler::app;

/// The whole service: [`app`]'s routes and [`typed::routes`].
pub fn service(card: std::sync::Arc<scorecard::Scorecard>) -> axum::Router {
    app(card.clone()).merge(typed::routes(card))
}
