//! The workspace: a site as the commands and the preview see it. Reading it ([`read`]),
//! planning what an extraction would write ([`plan`]), and checking it ([`check`]), each done
//! once here; `cmd/` turns arguments into calls of these and results into output, and `serve`
//! calls them as it rebuilds.

pub mod check;
pub mod manifest;
pub mod plan;
pub mod read;

pub use check::{
    Checked, check_content, check_content_owned, check_file, check_owned, gather, load_sheets,
};
pub use read::{
    ContentFile, Inputs, Records, StoredRecord, read_articles, read_config, read_content,
    read_records, read_source, read_vocabulary,
};
