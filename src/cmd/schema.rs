//! `factsheet schema`: print the JSON Schema of a fact file, the one the repository keeps at
//! `schema/factsheet.schema.json` for editors.

use crate::facts::schema::schema_text;

use super::Report;

pub fn run() -> Report {
    Report {
        lines: vec![schema_text().trim_end().to_string()],
        ..Report::default()
    }
}
