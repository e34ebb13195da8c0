//! Table documents: the 绩效目标表 an analyst holds, data-entry sheets and the 自评表 workbook.

pub mod cell;
pub mod document;
pub mod form;
pub mod import;
pub mod records;
pub mod template;
