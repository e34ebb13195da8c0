fn main() {
    let path = std::env::args().nth(1).unwrap();
    let src = std::fs::read_to_string(path).unwrap();
    match scorecard_syntax::parse(&src, &Default::default()) {
        Ok(f) => println!("{f:#?}"),
        Err(e) => {
            let idx = scorecard_syntax::LineIndex::new(&src);
            for d in e { println!("{}: {} {:?}", idx.span_start(&src, d.span), d, d.help); }
        }
    }
}
