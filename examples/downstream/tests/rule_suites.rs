scorecard::rule_suites!("rules/**/*.suite.toml");
