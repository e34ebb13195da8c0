//! `scorecard fmt`: canonical layout in place, `--check` with a diff, stdin,
//! directories, and files with errors left untouched.

#![allow(clippy::unwrap_used, reason = "tests fail loudly")]

mod common;

use common::{arg, scorecard, scorecard_with_stdin, temp_file};

const MESSY: &str =
    "计分表   「示例」\n总分 10 分\n输入 满意度 = sat（%）\n三级指标 满意度\n评分 满意度低于 90%，扣3分 # 注\n";
const TIDY: &str =
    "计分表 「示例」\n总分 10分\n输入 满意度 = sat（%）\n三级指标 满意度\n  评分 满意度低于90%，扣3分  # 注\n";

#[test]
fn every_rule_file_in_the_repository_is_formatted() {
    let rules = concat!(env!("CARGO_MANIFEST_DIR"), "/../../rules");
    let run = scorecard(&["fmt", "--check", rules]);
    assert_eq!(run.code, 0, "{}{}", run.stdout, run.stderr);
    assert_eq!(run.stdout, "");
    assert!(run.stderr.starts_with("0 files would be reformatted, "), "{}", run.stderr);
    assert!(run.stderr.contains(" already formatted, 0 with errors"), "{}", run.stderr);
}

#[test]
fn check_prints_a_diff_and_exits_1_without_touching_the_file() {
    let path = temp_file("messy.rules", MESSY.as_bytes());
    let run = scorecard(&["fmt", "--check", arg(&path)]);
    assert_eq!(run.code, 1, "{}", run.stderr);
    assert!(run.stdout.contains("\n-总分 10 分\n"), "{}", run.stdout);
    assert!(run.stdout.contains("\n+总分 10分\n"), "{}", run.stdout);
    assert!(run.stdout.contains("\n 输入 满意度 = sat（%）\n"), "unchanged lines are context: {}", run.stdout);
    assert!(run.stdout.contains("(formatted)"), "{}", run.stdout);
    assert!(run.stderr.contains("1 file would be reformatted"), "{}", run.stderr);
    assert_eq!(std::fs::read_to_string(&path).unwrap(), MESSY);
}

#[test]
fn fmt_rewrites_the_file_and_then_check_passes() {
    let path = temp_file("messy.rules", MESSY.as_bytes());
    let run = scorecard(&["fmt", arg(&path)]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    assert_eq!(std::fs::read_to_string(&path).unwrap(), TIDY);
    assert!(run.stderr.contains("1 file reformatted"), "{}", run.stderr);
    let again = scorecard(&["fmt", "--check", arg(&path)]);
    assert_eq!(again.code, 0, "{}", again.stdout);
    // No temporary file is left beside it.
    let left: Vec<_> = std::fs::read_dir(path.parent().unwrap()).unwrap().map(|e| e.unwrap().file_name()).collect();
    assert_eq!(left, vec![std::ffi::OsString::from("messy.rules")]);
}

#[test]
fn a_dash_formats_standard_input_to_standard_output() {
    let run = scorecard_with_stdin(&["fmt", "-"], MESSY.as_bytes());
    assert_eq!(run.code, 0, "{}", run.stderr);
    assert_eq!(run.stdout, TIDY);
    let check = scorecard_with_stdin(&["fmt", "--check", "-"], MESSY.as_bytes());
    assert_eq!(check.code, 1);
    assert!(check.stdout.starts_with("--- <stdin>\n"), "{}", check.stdout);
}

#[test]
fn a_file_with_errors_is_reported_with_its_position_and_left_as_it_was() {
    let bad = "计分表 「甲」\n三级指标 乙\n  评分 乙低于 扣3分\n";
    let path = temp_file("bad.rules", bad.as_bytes());
    let good = path.with_file_name("good.rules");
    std::fs::write(&good, MESSY).unwrap();
    let run = scorecard(&["fmt", arg(path.parent().unwrap())]);
    assert_eq!(run.code, 1, "{}", run.stderr);
    assert!(run.stderr.contains("E0101"), "{}", run.stderr);
    assert!(run.stderr.contains("bad.rules:3:10"), "{}", run.stderr);
    assert!(run.stderr.contains("有错误，未格式化"), "{}", run.stderr);
    assert_eq!(std::fs::read_to_string(&path).unwrap(), bad);
    // The other file in the directory is still formatted.
    assert_eq!(std::fs::read_to_string(&good).unwrap(), TIDY);
}

#[test]
fn a_directory_is_searched_for_rule_files_only() {
    let path = temp_file("a.rules", MESSY.as_bytes());
    let dir = path.parent().unwrap();
    std::fs::create_dir_all(dir.join("sub")).unwrap();
    std::fs::create_dir_all(dir.join(".hidden")).unwrap();
    std::fs::write(dir.join("sub/b.rules"), MESSY).unwrap();
    std::fs::write(dir.join(".hidden/c.rules"), MESSY).unwrap();
    std::fs::write(dir.join("notes.txt"), "不是规则文件").unwrap();
    let run = scorecard(&["fmt", arg(dir)]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    assert_eq!(std::fs::read_to_string(dir.join("sub/b.rules")).unwrap(), TIDY);
    assert_eq!(std::fs::read_to_string(dir.join(".hidden/c.rules")).unwrap(), MESSY);
    assert!(run.stderr.contains("2 files reformatted"), "{}", run.stderr);
}

#[test]
fn a_missing_path_is_a_usage_error() {
    let run = scorecard(&["fmt", "no/such/file.rules"]);
    assert_eq!(run.code, 2);
    assert!(run.stderr.contains("no/such/file.rules"), "{}", run.stderr);
}

#[test]
fn a_file_over_the_size_limit_is_refused() {
    let path = temp_file("big.rules", MESSY.as_bytes());
    let run = scorecard(&["fmt", "--max-file-bytes", "20", arg(&path)]);
    assert_eq!(run.code, 1, "{}", run.stderr);
    assert!(run.stderr.contains("E0001"), "{}", run.stderr);
    assert!(run.stderr.contains("超过 20 字节的上限"), "{}", run.stderr);
    assert_eq!(std::fs::read_to_string(&path).unwrap(), MESSY);
}

#[test]
fn a_file_named_twice_is_formatted_once() {
    let path = temp_file("twice.rules", MESSY.as_bytes());
    let run = scorecard(&["fmt", arg(&path), arg(&path)]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    assert!(run.stderr.starts_with("1 file reformatted, 0 already formatted"), "{}", run.stderr);
}

#[cfg(unix)]
#[test]
fn an_unreadable_file_is_reported_and_the_others_are_still_formatted() {
    let path = temp_file("good.rules", MESSY.as_bytes());
    let dir = path.parent().unwrap();
    std::os::unix::fs::symlink(dir.join("gone.txt"), dir.join("dangling.rules")).unwrap();
    let run = scorecard(&["fmt", arg(dir)]);
    assert_eq!(run.code, 2, "{}", run.stderr);
    assert!(run.stderr.contains("dangling.rules"), "{}", run.stderr);
    assert!(run.stderr.contains("1 failed"), "{}", run.stderr);
    assert_eq!(std::fs::read_to_string(&path).unwrap(), TIDY);
}

#[test]
fn a_result_over_the_size_limit_is_refused_and_the_file_kept() {
    // Formatted, the file grows by its indentation, past a limit set at its size.
    let src = "计分表 「甲」\n三级指标 乙\n评分 乙低于1次，扣3分\n评分 乙低于2次，扣3分\n";
    let path = temp_file("grows.rules", src.as_bytes());
    let limit = src.len().to_string();
    let run = scorecard(&["fmt", "--max-file-bytes", &limit, arg(&path)]);
    assert_eq!(run.code, 1, "{}", run.stderr);
    assert!(run.stderr.contains("超过") && run.stderr.contains("--max-file-bytes"), "{}", run.stderr);
    assert_eq!(std::fs::read_to_string(&path).unwrap(), src);
}

#[cfg(unix)]
mod links {
    use super::*;
    use std::os::unix::fs::{symlink, PermissionsExt};

    #[test]
    fn a_symlink_formats_the_file_it_points_at_and_stays_a_link() {
        let real = temp_file("real.rules", MESSY.as_bytes());
        let link = real.with_file_name("link.rules");
        symlink(&real, &link).unwrap();
        let run = scorecard(&["fmt", arg(&link)]);
        assert_eq!(run.code, 0, "{}", run.stderr);
        assert!(std::fs::symlink_metadata(&link).unwrap().file_type().is_symlink());
        assert_eq!(std::fs::read_to_string(&real).unwrap(), TIDY);
    }

    #[test]
    fn a_hard_link_keeps_seeing_the_formatted_file() {
        let one = temp_file("one.rules", MESSY.as_bytes());
        let two = one.with_file_name("two.txt");
        std::fs::hard_link(&one, &two).unwrap();
        let run = scorecard(&["fmt", arg(&one)]);
        assert_eq!(run.code, 0, "{}", run.stderr);
        assert_eq!(std::fs::read_to_string(&two).unwrap(), TIDY);
    }

    #[test]
    fn a_read_only_file_is_refused() {
        let path = temp_file("ro.rules", MESSY.as_bytes());
        std::fs::set_permissions(&path, std::fs::Permissions::from_mode(0o444)).unwrap();
        let run = scorecard(&["fmt", arg(&path)]);
        assert_eq!(run.code, 2, "{}", run.stderr);
        assert!(run.stderr.contains("read-only (文件为只读)"), "{}", run.stderr);
        assert_eq!(std::fs::read_to_string(&path).unwrap(), MESSY);
    }

    #[test]
    fn an_existing_file_where_a_temporary_might_go_is_never_written_through() {
        let path = temp_file("v.rules", MESSY.as_bytes());
        let victim = path.with_file_name("victim.txt");
        std::fs::write(&victim, "keep me").unwrap();
        symlink(&victim, path.with_file_name(".v.rules.fmt-tmp")).unwrap();
        let run = scorecard(&["fmt", arg(&path)]);
        assert_eq!(run.code, 0, "{}", run.stderr);
        assert_eq!(std::fs::read_to_string(&victim).unwrap(), "keep me");
        assert_eq!(std::fs::read_to_string(&path).unwrap(), TIDY);
        assert!(!std::fs::symlink_metadata(&path).unwrap().file_type().is_symlink());
    }

    #[test]
    fn links_to_directories_are_not_followed_and_each_file_is_done_once() {
        let path = temp_file("loop.rules", MESSY.as_bytes());
        let dir = path.parent().unwrap();
        symlink(dir, dir.join("self")).unwrap();
        symlink(dir.join(".."), dir.join("up")).unwrap();
        let dotted = format!("{}/./loop.rules", dir.display());
        let run = scorecard(&["fmt", "--check", arg(dir), &dotted]);
        assert_eq!(run.code, 1, "{}", run.stderr);
        assert!(run.stderr.starts_with("1 file would be reformatted, 0 already formatted"), "{}", run.stderr);
        assert_eq!(run.stdout.matches("+++ ").count(), 1, "{}", run.stdout);
    }
}
