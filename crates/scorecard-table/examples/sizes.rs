//! Writes the inputs of the measurements in docs/from-a-table.md ("Sizes and limits"):
//!
//! - `table-100.xlsx`: a 绩效目标表 of 100 indicators (title row, header,
//!   一级/二级 merged down their indicators, a 分值 column), for `scorecard import`;
//! - `records-10000.csv`: 10,000 records of the seed's measurements, for
//!   `scorecard eval rules/chenggong-2021-window-service.rules --format xlsx`;
//! - `big-200mb.xlsx`: 200 MB of zeros named like a workbook, for the size limits.
//!
//! `cargo run --release -p scorecard-table --example sizes -- DIR`

use std::error::Error;
use std::io::Write as _;
use std::path::{Path, PathBuf};

use rust_xlsxwriter::{Format, Workbook};

const STEMS: [&str; 10] = ["甲", "乙", "丙", "丁", "戊", "己", "庚", "辛", "壬", "癸"];
const LEVEL1: [&str; 3] = ["产出指标", "效益指标", "满意度指标"];

fn main() -> Result<(), Box<dyn Error>> {
    let dir = PathBuf::from(std::env::args().nth(1).unwrap_or_else(|| ".".to_owned()));
    std::fs::create_dir_all(&dir)?;
    table(&dir.join("table-100.xlsx"))?;
    records(&dir.join("records-10000.csv"))?;
    let big = std::fs::File::create(dir.join("big-200mb.xlsx"))?;
    big.set_len(200 * 1024 * 1024)?;
    println!("wrote table-100.xlsx, records-10000.csv and big-200mb.xlsx in {}", dir.display());
    Ok(())
}

/// 100 indicators in 10 二级 groups of 10 (each merged down its rows), under
/// 3 一级 groups (written once, left empty below as a text dump has them), each worth 1 point.
fn table(path: &Path) -> Result<(), Box<dyn Error>> {
    let mut book = Workbook::new();
    let sheet = book.add_worksheet();
    let plain = Format::new();
    sheet.merge_range(0, 0, 0, 6, "2025年规模测试项目绩效目标表", &plain)?;
    for (col, head) in
        (0u16..).zip(["一级指标", "二级指标", "三级指标", "指标值", "度量单位", "分值", "评（扣）分标准"])
    {
        sheet.write_string(1, col, head)?;
    }
    let mut row = 2u32;
    let mut level1 = "";
    for (g, outer) in (0usize..).zip(STEMS) {
        let this = LEVEL1.get(g.saturating_mul(3) / 10).copied().unwrap_or("满意度指标");
        if this != level1 {
            sheet.write_string(row, 0, this)?;
            level1 = this;
        }
        sheet.merge_range(row, 1, row.saturating_add(9), 1, &format!("{outer}类指标"), &plain)?;
        for inner in STEMS {
            let name = format!("{outer}{inner}项目完成率");
            sheet.write_string(row, 2, &name)?;
            sheet.write_number(row, 3, 90)?;
            sheet.write_string(row, 4, "%")?;
            sheet.write_number(row, 5, 1)?;
            sheet.write_string(row, 6, format!("{name}低于90%，扣0.5分；低于80%，扣1分"))?;
            row = row.saturating_add(1);
        }
    }
    book.save(path)?;
    Ok(())
}

/// The seed's example measurements, 10,000 times, under the hand-written rule file's keys.
fn records(path: &Path) -> Result<(), Box<dyn Error>> {
    let mut out = std::io::BufWriter::new(std::fs::File::create(path)?);
    writeln!(
        out,
        "名称,cases,cases_last_year,staff_satisfaction,on_time_rate,spending,complaint_rate,blacklist_count,public_satisfaction"
    )?;
    for i in 1..=10_000u32 {
        let cases = 1_500_000u32.saturating_add(i);
        writeln!(out, "单位{i},{cases},1800000,85,92.5%,270万元,12.5,0,91")?;
    }
    out.flush()?;
    Ok(())
}
