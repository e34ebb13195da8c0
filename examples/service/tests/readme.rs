//! The README's embedding section shows `src/handler.rs` word for word, so
//! the two cannot drift apart.

#[test]
fn the_readme_shows_the_handler_word_for_word() {
    let readme = include_str!("../../../README.md");
    let handler = include_str!("../src/handler.rs");
    let block = format!("```rust,ignore\n{handler}```\n");
    assert!(
        readme.contains(&block),
        "README.md must contain examples/service/src/handler.rs in a ```rust,ignore block"
    );
}
