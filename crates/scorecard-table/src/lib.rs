//! Table documents: the 绩效目标表 an analyst holds, data-entry sheets and the 自评表 workbook.

pub mod cell;
